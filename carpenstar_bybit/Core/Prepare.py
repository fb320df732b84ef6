"""Building and signing one request: the body (or query) is serialized once, and those exact
bytes are signed and sent."""

from __future__ import annotations

import json
import urllib.parse
from collections.abc import Mapping
from typing import Any, Protocol

import requests
import requests.cookies
from requests.structures import CaseInsensitiveDict

from carpenstar_bybit._version import __version__
from carpenstar_bybit.Core.Exceptions import CarpenstarException, SDKException

USER_AGENT = f"carpenstar_bybit/{__version__}"
_HEADERS = {
    "User-Agent": USER_AGENT,
    "Accept": "application/json",
    "Accept-Encoding": "gzip, deflate",
    "Connection": "keep-alive",
}
_POST_HEADERS = {**_HEADERS, "Content-Type": "application/json"}
# json.dumps(..., separators=...) builds a new encoder on every call; this one is made once.
_COMPACT_JSON = json.JSONEncoder(separators=(",", ":"), allow_nan=False)
_NO_COOKIES = requests.cookies.RequestsCookieJar()


class Signer(Protocol):
    """Adds an exchange's authentication to a request about to be sent."""

    def sign(
        self, method: str, host: str, path: str, query: str, payload: bytes, timestamp_ms: int
    ) -> tuple[str, dict[str, str]]:
        """Return the query string to send (possibly extended) and headers to add."""
        ...


def build_request(
    method: str,
    base_url: str,
    host: str,
    path: str,
    params: Mapping[str, Any] | None,
    signer: Signer | None,
    now_ms: int,
) -> requests.PreparedRequest:
    """The prepared request, signed when ``signer`` is given; ``SDKException`` for anything that
    cannot be serialized or signed (before any I/O)."""
    try:
        if method == "POST":
            payload = _COMPACT_JSON.encode(params or {}).encode()
            query = ""
            headers = _POST_HEADERS.copy()
            headers["Content-Length"] = str(len(payload))
        else:
            query = urllib.parse.urlencode(list((params or {}).items()))
            payload = query.encode()
            headers = _HEADERS.copy()
        if signer is not None:
            query, auth = signer.sign(method, host, path, query, payload, now_ms)
            headers.update(auth)
    except CarpenstarException:
        raise
    except (TypeError, ValueError, OverflowError, RecursionError, UnicodeError) as exc:
        # The type only: the text of such an error may quote a parameter or a secret.
        raise SDKException(
            f"{path}: the request could not be built ({type(exc).__name__})"
        ) from None
    prepared = requests.PreparedRequest()
    prepared.method = method
    prepared.url = f"{base_url}{path}?{query}" if query else f"{base_url}{path}"
    prepared.headers = CaseInsensitiveDict(headers)
    prepared.body = payload if method == "POST" else None
    prepared.hooks = {"response": []}
    prepared._cookies = _NO_COOKIES  # type: ignore[attr-defined]
    return prepared


__all__ = ["USER_AGENT", "Signer", "build_request"]
