"""HTX signature version 2 (HmacSHA256), shared by ``/swap-api/…`` and ``/v5/…``.

The four auth parameters go into the query; the query is sorted by name and percent-encoded with
uppercase hex; ``METHOD\\nhost\\npath\\nquery`` is signed and the base64 of the raw digest is
appended as ``&Signature=…``. The JSON body is not signed.

``htx_signature`` is a pure function so that a server (the sandbox) checks a request with exactly
the rules the client signs it with.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import logging
import re
import urllib.parse
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import Any

from carpenstar_bybit.Core.Auth import check_key, mask_key
from carpenstar_bybit.Core.Exceptions import SDKException

SIGNATURE_METHOD = "HmacSHA256"
SIGNATURE_VERSION = "2"
SIGNATURE_PARAM = "Signature"


def percent_encode(text: str) -> str:
    """UTF-8, uppercase hex, nothing left bare but ``A-Z a-z 0-9 - _ . ~`` (``:`` → ``%3A``)."""
    return urllib.parse.quote(text, safe="")


def canonical_query(params: Iterable[tuple[str, str]]) -> str:
    """``k=v&k=v`` sorted by name (ASCII), names and values percent-encoded."""
    pairs = sorted((percent_encode(k), percent_encode(v)) for k, v in params)
    return "&".join(f"{k}={v}" for k, v in pairs)


def pre_sign_text(method: str, host: str, path: str, query: str) -> str:
    """The four lines HTX signs; the host in lowercase, as the request goes to it, no port."""
    return f"{method.upper()}\n{host.lower()}\n{path}\n{query}"


def sign_text(secret: str, text: str) -> str:
    """Base64 of the raw HMAC-SHA256 digest of ``text`` (not hex)."""
    digest = hmac.new(secret.encode("utf-8"), text.encode("utf-8"), hashlib.sha256).digest()
    return base64.b64encode(digest).decode("ascii")


def htx_signature(secret: str, method: str, host: str, path: str, params: Mapping[str, str]) -> str:
    """The ``Signature`` of a request whose query holds ``params`` (unencoded values).

    A ``Signature`` entry in ``params`` is left out, so a server can pass the whole parsed query.
    ``host`` is the hostname without port.
    """
    signed = ((k, v) for k, v in params.items() if k != SIGNATURE_PARAM)
    return sign_text(secret, pre_sign_text(method, host, path, canonical_query(signed)))


def htx_timestamp(timestamp_ms: int) -> str:
    """``YYYY-MM-DDThh:mm:ss`` in UTC: no milliseconds, no zone letter."""
    moment = datetime.fromtimestamp(timestamp_ms // 1000, tz=UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S")


class HtxSigner:
    """The ``Signer`` of a Core ``Connection`` for one HTX key pair.

    ``sign`` returns the query to send: the request's own parameters (on a GET) and the four auth
    ones, canonical, then ``&Signature=…``. The HMAC key schedule is computed once.
    """

    __slots__ = ("_access_key", "_mac")

    def __init__(self, access_key: str, secret_key: str) -> None:
        if not access_key or not secret_key:
            raise SDKException("HtxSigner: the access key and the secret key are both required")
        self._access_key = check_key("accessKey", access_key)
        check_key("secretKey", secret_key)
        self._mac = hmac.new(secret_key.encode("utf-8"), digestmod=hashlib.sha256)

    def sign(
        self, method: str, host: str, path: str, query: str, payload: bytes, timestamp_ms: int
    ) -> tuple[str, dict[str, str]]:
        params = urllib.parse.parse_qsl(query, keep_blank_values=True)
        params += [
            ("AccessKeyId", self._access_key),
            ("SignatureMethod", SIGNATURE_METHOD),
            ("SignatureVersion", SIGNATURE_VERSION),
            ("Timestamp", htx_timestamp(timestamp_ms)),
        ]
        signed_query = canonical_query(params)
        mac = self._mac.copy()
        mac.update(pre_sign_text(method, host, path, signed_query).encode("utf-8"))
        signature = base64.b64encode(mac.digest()).decode("ascii")
        return f"{signed_query}&{SIGNATURE_PARAM}={percent_encode(signature)}", {}

    def __repr__(self) -> str:
        return f"HtxSigner(accessKey={mask_key(getattr(self, '_access_key', ''))})"

    __str__ = __repr__

    def __reduce__(self) -> Any:
        raise SDKException("HtxSigner cannot be pickled: it holds a secret")


__all__ = [
    "SIGNATURE_METHOD",
    "SIGNATURE_VERSION",
    "HtxSigner",
    "canonical_query",
    "htx_signature",
    "htx_timestamp",
    "percent_encode",
    "pre_sign_text",
    "sign_text",
]


_SIGNED_QUERY = re.compile(r"(AccessKeyId|Signature)=[^&\s\"']*")


class RedactSignedQuery(logging.Filter):
    """urllib3 logs each request's URL at DEBUG; HTX puts the access key and signature there."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if "AccessKeyId=" in message or "Signature=" in message:
            record.msg = _SIGNED_QUERY.sub(r"\1=***", message)
            record.args = ()
        return True


_REDACTION = RedactSignedQuery()


def redact_urllib3_logs() -> None:
    """Install the redaction once on urllib3's connection-pool logger."""
    pool_logger = logging.getLogger("urllib3.connectionpool")
    if _REDACTION not in pool_logger.filters:
        pool_logger.addFilter(_REDACTION)
