"""HTX v5 trade endpoints."""
