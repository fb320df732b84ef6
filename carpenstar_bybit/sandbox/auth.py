"""Request authentication (Bybit V5 HMAC-SHA256 signatures) and the per-key rate limiter."""

from __future__ import annotations

import hashlib
import hmac
import threading
from collections.abc import Mapping
from dataclasses import dataclass

from .exchange import ERR_PARAMS, ApiError

ERR_TIMESTAMP = 10002
ERR_API_KEY = 10003
ERR_SIGN = 10004
ERR_TOO_MANY = 10006

DEFAULT_RECV_WINDOW = 5000
FUTURE_TOLERANCE_MS = 1000  # Bybit accepts timestamps up to 1 s ahead of its clock
UNLIMITED = 1_000_000  # the limit reported when rate limiting is off
WINDOW_MS = 1000
_ORIGIN_SHOWN = 512  # how much of the signed string a 10004 message echoes
# Bybit reads both headers as 64-bit integers; a value of more digits is never a time or a window.
_MAX_DIGITS = 18
_TIMESTAMP_SHOWN = 20  # how much of an absurd timestamp a 10002 message echoes


def _whole(text: str) -> int | None:
    """The value of ASCII digits (at most 18 after leading zeros), else None.

    ``str.isdigit`` alone takes "²³" and "١٢٣", which ``int`` then refuses or misreads, and ``int``
    refuses more than 4300 digits: either way the request must still be answered.
    """
    if not (text.isascii() and text.isdigit()):
        return None
    significant = text.lstrip("0")
    return int(significant or "0") if len(significant) <= _MAX_DIGITS else None


def authenticate(
    headers: Mapping[str, str], payload: bytes, keys: Mapping[str, str], now_ms: int
) -> str:
    """Check the X-BAPI-* headers of a private request and return its API key.

    `headers` has lowercase names. `payload` is the raw POST body or the raw GET query string.
    Raises ApiError 10001/10002/10003/10004. No message ever contains the secret.
    """
    api_key = headers.get("x-bapi-api-key")
    timestamp = headers.get("x-bapi-timestamp")
    signature = headers.get("x-bapi-sign")
    if not api_key:
        raise ApiError(ERR_API_KEY, "missing header X-BAPI-API-KEY")
    if not timestamp:
        raise ApiError(ERR_TIMESTAMP, "missing header X-BAPI-TIMESTAMP")
    if not signature:
        raise ApiError(ERR_SIGN, "missing header X-BAPI-SIGN")
    raw_window = headers.get("x-bapi-recv-window")
    if not (timestamp.isascii() and timestamp.isdigit()):
        raise ApiError(ERR_PARAMS, "invalid header X-BAPI-TIMESTAMP: milliseconds expected")
    window = DEFAULT_RECV_WINDOW if raw_window is None else _whole(raw_window)
    if not window:  # None (not digits, or too many) or 0
        raise ApiError(ERR_PARAMS, "invalid header X-BAPI-RECV-WINDOW: positive integer expected")
    sign_type = headers.get("x-bapi-sign-type")
    if sign_type is not None and sign_type != "2":
        raise ApiError(ERR_PARAMS, "invalid header X-BAPI-SIGN-TYPE: only 2 (HMAC-SHA256)")
    secret = keys.get(api_key)
    if secret is None:
        raise ApiError(ERR_API_KEY, "API key is invalid.")
    ts = _whole(timestamp)  # None: digits enough for no time at all, so outside any window
    if ts is None or not now_ms - window <= ts < now_ms + FUTURE_TOLERANCE_MS:
        shown = str(ts) if ts is not None else timestamp[:_TIMESTAMP_SHOWN] + "..."
        raise ApiError(
            ERR_TIMESTAMP,
            "invalid request, please check your server timestamp or recv_window param. "
            f"req_timestamp[{shown}],server_timestamp[{now_ms}],recv_window[{window}]",
        )
    # The signed string holds the recv-window header as sent: "" when the header is absent.
    prefix = (timestamp + api_key + (raw_window or "")).encode("latin-1")
    expected = hmac.new(secret.encode("utf-8"), prefix + payload, hashlib.sha256).hexdigest()
    if not hmac.compare_digest(expected.encode("ascii"), signature.encode("latin-1")):
        origin = (prefix + payload)[:_ORIGIN_SHOWN].decode("utf-8", errors="replace")
        raise ApiError(ERR_SIGN, f"error sign! origin_string[{origin}]")
    return api_key


@dataclass(frozen=True, slots=True)
class RateVerdict:
    allowed: bool
    limit: int
    remaining: int
    reset_ms: int  # epoch ms (real clock) when the window ends


# Bybit's limits per UID and second, per endpoint and category (linear, inverse, option, spot);
# a path not listed here gets DEFAULT_BYBIT_LIMIT. From Bybit's V5 rate-limit table.
BYBIT_LIMITS: dict[str, tuple[int, int, int, int]] = {
    "/v5/order/create": (10, 10, 10, 20),
    "/v5/order/amend": (10, 10, 10, 10),
    "/v5/order/cancel": (10, 10, 10, 20),
    "/v5/order/cancel-all": (10, 10, 1, 20),
    "/v5/order/create-batch": (10, 10, 10, 20),
    "/v5/order/amend-batch": (10, 10, 10, 20),
    "/v5/order/cancel-batch": (10, 10, 10, 20),
    "/v5/order/realtime": (50, 50, 50, 50),
    "/v5/order/history": (50, 50, 50, 50),
    "/v5/execution/list": (50, 50, 50, 50),
    "/v5/position/list": (50, 50, 50, 50),
    "/v5/position/closed-pnl": (50, 50, 50, 50),
    "/v5/position/set-leverage": (10, 10, 10, 10),
    "/v5/position/trading-stop": (10, 10, 10, 10),
    "/v5/position/switch-isolated": (10, 10, 10, 10),
    "/v5/position/switch-mode": (10, 10, 10, 10),
    "/v5/position/set-tpsl-mode": (10, 10, 10, 10),
    "/v5/position/set-risk-limit": (10, 10, 10, 10),
    "/v5/position/set-auto-add-margin": (10, 10, 10, 10),
    "/v5/account/wallet-balance": (50, 50, 50, 50),
    "/v5/account/fee-rate": (10, 10, 10, 10),
}
DEFAULT_BYBIT_LIMIT = 10
_CATEGORY_COLUMN = {"linear": 0, "inverse": 1, "option": 2, "spot": 3}


def bybit_limit(path: str, category: str | None) -> int:
    """Bybit's limit for one endpoint and category (linear's when the category is unknown)."""
    row = BYBIT_LIMITS.get(path)
    if row is None:
        return DEFAULT_BYBIT_LIMIT
    return row[_CATEGORY_COLUMN.get(category or "linear", 0)]


class RateLimiter:
    """Fixed windows (1 s by default) per (API key, path, category), each opened by its first
    request. ``limit``: one number for every path, None for none, or ``"bybit"``: Bybit's table
    per endpoint and category (``BYBIT_LIMITS``)."""

    def __init__(self, limit: int | str | None, window_ms: int = WINDOW_MS) -> None:
        self._table = limit == "bybit"
        self._limit: int | None = None if isinstance(limit, str) else limit
        self.window_ms = window_ms
        self._lock = threading.Lock()
        # -> [window start ms, count]
        self._windows: dict[tuple[str, str, str | None], list[int]] = {}

    @property
    def limit(self) -> int:
        if self._table:
            return DEFAULT_BYBIT_LIMIT
        return UNLIMITED if self._limit is None else self._limit

    def limit_of(self, path: str, category: str | None) -> int:
        if self._table:
            return bybit_limit(path, category)
        return self.limit

    def clear(self) -> None:
        with self._lock:
            self._windows.clear()

    def hit(self, api_key: str, path: str, now_ms: int, category: str | None = None) -> RateVerdict:
        """Count one request; `allowed` is False when the window is used up."""
        limit = self.limit_of(path, category)
        unlimited = self._limit is None and not self._table
        slot = (api_key, path, category if self._table else None)
        with self._lock:
            window = self._windows.get(slot)
            if window is None or now_ms >= window[0] + self.window_ms or now_ms < window[0]:
                window = [now_ms, 0]
                self._windows[slot] = window
            allowed = window[1] < limit or unlimited
            if window[1] < limit:
                window[1] += 1
            return RateVerdict(allowed, limit, limit - window[1], window[0] + self.window_ms)

    def peek(
        self, api_key: str, path: str, now_ms: int, category: str | None = None
    ) -> RateVerdict:
        """The window state without counting a request (for answers given before the limiter)."""
        limit = self.limit_of(path, category)
        with self._lock:
            window = self._windows.get((api_key, path, category if self._table else None))
            if window is None or now_ms >= window[0] + self.window_ms or now_ms < window[0]:
                return RateVerdict(True, limit, limit, now_ms + self.window_ms)
            reset_ms = window[0] + self.window_ms
            return RateVerdict(window[1] < limit, limit, limit - window[1], reset_ms)
