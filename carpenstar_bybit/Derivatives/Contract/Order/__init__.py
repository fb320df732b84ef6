"""Order endpoints."""
