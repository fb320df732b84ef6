"""Bybit contract endpoints (the PHP v3 contract namespace, sent as V5)."""
