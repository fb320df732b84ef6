"""HTX coin-margined swap trade endpoints."""
