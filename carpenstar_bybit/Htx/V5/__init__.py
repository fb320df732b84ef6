"""HTX v5 (USDT-margined, unified account) endpoints."""
