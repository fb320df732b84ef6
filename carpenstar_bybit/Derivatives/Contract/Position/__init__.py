"""Position endpoints."""
