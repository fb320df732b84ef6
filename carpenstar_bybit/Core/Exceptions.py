"""The library's exceptions: one tree, with the PHP names kept.

    CarpenstarException            root: catches everything the library raises
    ├── SDKException               misuse, found before any I/O (validation, wrong DTO, bad config)
    │   └── SDKTypeError           a setter got a value of the wrong Python type (a TypeError too)
    ├── ApiException               the exchange (or something in front of it) said no
    │                              retCode/retMsg, HTTP status, endpoint path, a short body excerpt
    └── TransportException         the request did not complete: refused, reset, TLS, dropped
        └── TimeoutException       connect/read timeout or the call's total deadline

``getCode()`` / ``getMessage()`` behave as in PHP. Every exception pickles and has a short repr
that never holds headers, secrets or configuration.
"""

from __future__ import annotations

EXCERPT_LIMIT = 200


def safe_excerpt(body: bytes | str | None, limit: int = EXCERPT_LIMIT) -> str:
    """A short printable excerpt of a response body, for error messages."""
    if body is None:
        return ""
    text = body.decode("utf-8", "replace") if isinstance(body, bytes) else body
    text = " ".join(text.split())
    cleaned = "".join(ch if ch.isprintable() else "?" for ch in text[: limit + 1])
    return cleaned if len(cleaned) <= limit else cleaned[:limit] + "…"


class CarpenstarException(Exception):
    """Root of every exception raised by carpenstar_bybit."""

    def __init__(self, message: str = "", code: int = 0) -> None:
        super().__init__(message, code)
        self.message = message
        self.code = code

    def getMessage(self) -> str:
        return self.message

    def getCode(self) -> int:
        return self.code

    def __str__(self) -> str:
        return self.message

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.message!r}, code={self.code})"


class SDKException(CarpenstarException):
    """Misuse of the library: raised before any network I/O."""


class SDKTypeError(SDKException, TypeError):
    """A setter got a value of the wrong Python type."""


class ApiException(CarpenstarException):
    """The exchange answered, and the answer is an error.

    ``code`` is the exchange's own code (Bybit ``retCode``, HTX ``err_code``) when there is one,
    else the HTTP status. ``http_status`` and ``path`` say where it happened; ``excerpt`` holds a
    short, printable start of a body that was not the expected JSON. ``attempts`` counts the tries
    of the call; ``uncertain`` is True when an earlier try may have reached the exchange (it was
    cut off, or answered 5xx) — a 110001 "order does not exist" then may mean "already cancelled".
    """

    def __init__(
        self,
        message: str = "",
        code: int = 0,
        http_status: int | None = None,
        path: str | None = None,
        excerpt: str | None = None,
        ret_code: int | None = None,
        attempts: int = 1,
        uncertain: bool = False,
    ) -> None:
        Exception.__init__(
            self, message, code, http_status, path, excerpt, ret_code, attempts, uncertain
        )
        self.message = message
        self.code = code
        self.http_status = http_status
        self.path = path
        self.excerpt = excerpt
        self.ret_code = ret_code
        self.attempts = attempts
        self.uncertain = uncertain

    def retried(self, attempts: int, uncertain: bool) -> ApiException:
        """The same error, marked with the tries the call took."""
        return type(self)(
            self.message,
            self.code,
            self.http_status,
            self.path,
            self.excerpt,
            self.ret_code,
            attempts,
            uncertain,
        )

    @property
    def ret_msg(self) -> str:
        return self.message

    def getHttpStatus(self) -> int | None:
        return self.http_status

    def getPath(self) -> str | None:
        return self.path

    def __str__(self) -> str:
        where = " ".join(
            part
            for part in (
                self.path or "",
                f"HTTP {self.http_status}" if self.http_status is not None else "",
            )
            if part
        )
        text = f"[{self.code}] {self.message}"
        if where:
            text += f" ({where})"
        if self.excerpt:
            text += f": {self.excerpt}"
        if self.uncertain:
            text += (
                f" [answered on attempt {self.attempts}; an earlier attempt may already have "
                "done what was asked]"
            )
        return text

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(code={self.code}, message={self.message!r}, "
            f"http_status={self.http_status}, path={self.path!r})"
        )


class TransportException(CarpenstarException):
    """The request did not complete (refused, reset, dropped, TLS failure)."""

    def __init__(self, message: str = "", code: int = 0, path: str | None = None) -> None:
        Exception.__init__(self, message, code, path)
        self.message = message
        self.code = code
        self.path = path


class TimeoutException(TransportException):
    """A connect or read timeout, or the call's total deadline, ran out."""


__all__ = [
    "ApiException",
    "CarpenstarException",
    "SDKException",
    "SDKTypeError",
    "TimeoutException",
    "TransportException",
    "safe_excerpt",
]
