"""Shared constants and independent computations for the HTX tests (no library code here)."""

from __future__ import annotations

import base64
import hashlib
import hmac
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"

ACCESS_KEY = "e2xxxxxx-99xxxxxx-84xxxxxx-7xxxx"
SECRET_KEY = "b0xxxxxx-c6xxxxxx-94xxxxxx-dxxxx"
FROZEN_MS = 1_700_000_000_000
FROZEN_TIMESTAMP = "2023-11-14T22%3A13%3A20"  # 1700000000 s, UTC, ':' encoded

HOSTS = {"https://api.hbdm.com": "api.hbdm.com", "https://api.hbdm.vn": "api.hbdm.vn"}
V5_PATH = "/v5/trade/cancel_all_orders"
SWAP_PATH = "/swap-api/v1/swap_cancelall"


def fixture_text(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def expected_signed_query(
    host: str,
    path: str,
    *,
    access_key: str = ACCESS_KEY,
    secret: str = SECRET_KEY,
    timestamp: str = FROZEN_TIMESTAMP,
) -> str:
    """The query HTX expects, built by hand from the rules in reference/htx.md."""
    query = (
        f"AccessKeyId={access_key}&SignatureMethod=HmacSHA256&SignatureVersion=2"
        f"&Timestamp={timestamp}"
    )
    pre_sign = f"POST\n{host}\n{path}\n{query}"
    digest = hmac.new(secret.encode(), pre_sign.encode(), hashlib.sha256).digest()
    signature = base64.b64encode(digest).decode()
    encoded = signature.replace("+", "%2B").replace("/", "%2F").replace("=", "%3D")
    return f"{query}&Signature={encoded}"
