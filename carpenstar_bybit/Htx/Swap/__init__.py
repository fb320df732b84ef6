"""HTX coin-margined swap endpoints (``/swap-api/v1/...``)."""
