"""Credentials and Bybit's V5 request signature."""

from __future__ import annotations

import hashlib
import hmac
from typing import Any, overload

from carpenstar_bybit.Core.Exceptions import SDKException, SDKTypeError


def mask_key(api_key: str) -> str:
    """Show enough of an API key to tell keys apart, never the whole of it."""
    if not api_key:
        return "''"
    if len(api_key) <= 8:
        return "'***'"
    return f"'{api_key[:4]}…{api_key[-2:]}'"


def _as_text(name: str, value: object) -> str:
    if not isinstance(value, str):
        raise SDKTypeError(f"{name}: must be a string, got {type(value).__name__}")
    return value


def _as_key(name: str, value: object) -> str:
    """A key or secret: printable ASCII only, checked when set; the value is never quoted."""
    text = _as_text(name, value)
    if not (text.isascii() and text.isprintable()):
        # ``from None``: no chained error may carry the value either.
        raise SDKException(
            f"{name}: must be printable ASCII (letters, digits, punctuation); "
            "the value given is not, and is not shown"
        ) from None
    return text


class Credentials:
    """Host, API key and secret of one connection (never process-global)."""

    __slots__ = ("_api_key", "_host", "_secret")

    def __init__(self, host: str = "", apiKey: str = "", secret: str = "") -> None:
        self._host = _as_text("host", host)
        self._api_key = _as_key("apiKey", apiKey)
        self._secret = _as_key("secret", secret)

    def setHost(self, host: str) -> Credentials:
        self._host = _as_text("host", host)
        return self

    def setApiKey(self, apiKey: str) -> Credentials:
        self._api_key = _as_key("apiKey", apiKey)
        return self

    def setSecret(self, secret: str) -> Credentials:
        self._secret = _as_key("secret", secret)
        return self

    def getHost(self) -> str:
        return self._host

    def getApiKey(self) -> str:
        return self._api_key

    def getSecret(self) -> str:
        return self._secret

    def __repr__(self) -> str:
        # getattr: safe on an object whose __init__ failed part way.
        host = getattr(self, "_host", "")
        key = getattr(self, "_api_key", "")
        return f"Credentials(host={host!r}, apiKey={mask_key(key)}, secret='***')"

    __str__ = __repr__

    def __reduce__(self) -> str | tuple[Any, ...]:
        # Pickling would write the secret out; refuse rather than leak it.
        raise SDKException("Credentials cannot be pickled: they hold a secret")


class SignGenerator:
    """``X-BAPI-SIGN``: hex HMAC-SHA256(secret, timestamp + apiKey + recvWindow + params).

    ``make(apiKey, secret, params, timestamp, recvWindow)`` (2023 line) or core 5.1's
    ``make(Credentials, params, timestamp, recvWindow)``: the first argument's type tells them
    apart; the signature is the same.
    """

    @overload
    @staticmethod
    def make(
        apiKey: str,
        secret: str,
        params: str | bytes,
        timestamp: int | str,
        recvWindow: int | str = 5000,
    ) -> str: ...

    @overload
    @staticmethod
    def make(
        apiKey: Credentials,
        secret: str | bytes,
        params: int | str,
        timestamp: int | str = 5000,
    ) -> str: ...

    @staticmethod
    def make(
        apiKey: str | Credentials,
        secret: str | bytes,
        params: str | bytes | int,
        timestamp: int | str = 5000,
        recvWindow: int | str = 5000,
    ) -> str:
        if isinstance(apiKey, Credentials):  # core 5.1: (Credentials, params, ts, recvWindow)
            credentials = apiKey
            return SignGenerator.make(
                credentials.getApiKey(), credentials.getSecret(), secret, str(params), timestamp
            )
        if not isinstance(secret, str) or isinstance(params, int):
            raise SDKException(
                "SignGenerator.make: (apiKey, secret, params, timestamp, recvWindow)"
            )
        payload = params.encode("utf-8") if isinstance(params, str) else params
        prefix = f"{timestamp}{apiKey}{recvWindow}".encode()
        return hmac.new(secret.encode("utf-8"), prefix + payload, hashlib.sha256).hexdigest()


class BybitSigner:
    """Signs request payloads for one key; the HMAC key schedule is computed once."""

    __slots__ = ("_api_key", "_base", "_recv_window")

    def __init__(self, api_key: str, secret: str, recv_window: int) -> None:
        self._api_key = _as_key("apiKey", api_key)
        _as_key("secret", secret)
        self._recv_window = str(recv_window)
        self._base = hmac.new(secret.encode("utf-8"), digestmod=hashlib.sha256)

    def sign(
        self, method: str, host: str, path: str, query: str, payload: bytes, timestamp_ms: int
    ) -> tuple[str, dict[str, str]]:
        """The ``Signer`` of a connection: the query stays as it is, the headers sign payload."""
        return query, self.headers(payload, timestamp_ms)

    def headers(self, payload: bytes, timestamp_ms: int) -> dict[str, str]:
        timestamp = str(timestamp_ms)
        mac = self._base.copy()
        mac.update(f"{timestamp}{self._api_key}{self._recv_window}".encode())
        mac.update(payload)
        return {
            "X-BAPI-API-KEY": self._api_key,
            "X-BAPI-SIGN": mac.hexdigest(),
            "X-BAPI-SIGN-TYPE": "2",
            "X-BAPI-TIMESTAMP": timestamp,
            "X-BAPI-RECV-WINDOW": self._recv_window,
        }

    def __repr__(self) -> str:
        key = getattr(self, "_api_key", "")
        return (
            f"BybitSigner(apiKey={mask_key(key)}, recvWindow={getattr(self, '_recv_window', None)})"
        )


def check_key(name: str, value: object) -> str:
    """``value`` if it is a string of printable ASCII; ``SDKException`` (not quoting it) if not."""
    return _as_key(name, value)


__all__ = ["BybitSigner", "Credentials", "SignGenerator", "check_key", "mask_key"]
