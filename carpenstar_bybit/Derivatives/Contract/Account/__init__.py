"""Account endpoints."""
