"""The library's exceptions: one tree, with the PHP names kept.

    CarpenstarException            root: catches everything the library raises
    ├── SDKException               misuse, found before any I/O (validation, wrong DTO, bad config)
    │   └── SDKTypeError           a setter got a value of the wrong Python type (a TypeError too)
    ├── ApiException               the exchange (or something in front of it) said no
    │                              retCode/retMsg, HTTP status, endpoint path, a short body excerpt
    └── TransportException         the request did not complete: refused, reset, TLS, dropped,
        │                          a malformed or oversized answer; ``kind`` says which
        └── TimeoutException       connect/read timeout or the call's total deadline

``getCode()`` / ``getMessage()`` behave as in PHP. Every exception pickles and has a short repr
that never holds headers, secrets or configuration.

Whether a failed try may have reached the exchange is a typed fact, ``FailureKind.never_sent``,
set where the lower-layer error is caught (``Core.Transport``), never read from message text.
"""

from __future__ import annotations

import enum
import re
from typing import ClassVar, Final

EXCERPT_LIMIT = 200


class FailureKind(enum.Enum):
    """Why a try failed; the value is the phrase used in messages."""

    REFUSED = "connection refused"
    CONNECT_TIMEOUT = "connect timeout"
    NOT_STARTED = "total time ran out before the request was sent"
    READ_TIMEOUT = "read timeout"
    DEADLINE = "total time ran out"
    DROPPED = "connection dropped"
    TLS = "TLS error"
    MALFORMED = "malformed answer"
    TOO_LARGE = "answer too large"
    OTHER = "connection failed"

    @property
    def never_sent(self) -> bool:
        """True only when the request cannot have reached the exchange."""
        return self in _NEVER_SENT

    @property
    def is_timeout(self) -> bool:
        return self in _TIMEOUTS


_NEVER_SENT = frozenset({FailureKind.REFUSED, FailureKind.CONNECT_TIMEOUT, FailureKind.NOT_STARTED})
_TIMEOUTS = frozenset(
    {
        FailureKind.CONNECT_TIMEOUT,
        FailureKind.NOT_STARTED,
        FailureKind.READ_TIMEOUT,
        FailureKind.DEADLINE,
    }
)

# Bybit's 10004 "error sign!" message quotes what it signed: timestamp, API key, recv window and
# the whole request body. Shown as far as the first character that cannot be in it.
_ORIGIN_STRING = re.compile(r"(origin_string\[)[^\]]*(\]?)", re.IGNORECASE)
_ORIGIN_REDACTED = r"\1<hidden: it holds the API key and the request body>\2"


def redact_exchange_text(text: str) -> str:
    """An exchange's message with what it quotes of the signed request (key, body) hidden."""
    if "origin_string" not in text.lower():
        return text
    return _ORIGIN_STRING.sub(_ORIGIN_REDACTED, text)


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
        return getattr(self, "message", "")

    def __repr__(self) -> str:
        # getattr: safe on an object whose __init__ never ran or failed part way.
        return (
            f"{type(self).__name__}({getattr(self, 'message', '')!r}, "
            f"code={getattr(self, 'code', 0)})"
        )


class SDKException(CarpenstarException):
    """Misuse of the library: raised before any network I/O."""

    # Core 5.1's message templates (kept for bots that format their own messages).
    EXCEPTION_WRONG_PARAMETER_TEXT: ClassVar[str] = "Wrong parameter: %s. Expected: %s"
    EXCEPTION_REQUIRED_FIELD_TEXT: ClassVar[str] = "You must specify the following parameters: %s"
    EXCEPTION_REQUIRED_SPECIFY_BETWEEN_FIELDS: ClassVar[str] = (
        "One of two parameters must be specified: %s"
    )


class TextConstants:
    """Core 5.1's message constants."""

    WRONG_REQUEST_PARAMETER_CATEGORY: Final = "Wrong request parameter: category"


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
        message = redact_exchange_text(message)
        excerpt = redact_exchange_text(excerpt) if excerpt else excerpt
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
            f"{type(self).__name__}(code={getattr(self, 'code', 0)}, "
            f"message={getattr(self, 'message', '')!r}, "
            f"http_status={getattr(self, 'http_status', None)}, "
            f"path={getattr(self, 'path', None)!r})"
        )


class TransportException(CarpenstarException):
    """The request did not complete: ``kind`` (a ``FailureKind``) says how.

    ``attempts`` counts the tries of the call; ``uncertain`` is True when any of them may have
    reached the exchange (only a refused connection or a connect timeout cannot have); the
    message names every try's failure in order ("connection dropped, then connection refused").
    """

    def __init__(
        self,
        message: str = "",
        code: int = 0,
        path: str | None = None,
        kind: FailureKind = FailureKind.OTHER,
        attempts: int = 1,
        uncertain: bool | None = None,
    ) -> None:
        if uncertain is None:
            uncertain = not kind.never_sent
        Exception.__init__(self, message, code, path, kind, attempts, uncertain)
        self.message = message
        self.code = code
        self.path = path
        self.kind = kind
        self.attempts = attempts
        self.uncertain = uncertain

    @property
    def never_sent(self) -> bool:
        """True when no try of the call can have reached the exchange."""
        return not self.uncertain

    def getAttempts(self) -> int:
        return self.attempts

    def isUncertain(self) -> bool:
        return self.uncertain

    def __str__(self) -> str:
        text = self.message
        if self.attempts > 1:
            text += f" [{self.attempts} attempts"
            if self.uncertain:
                text += "; the exchange may have done what was asked"
            text += "]"
        elif self.uncertain:
            text += " [the exchange may have done what was asked]"
        return text

    def __repr__(self) -> str:
        kind = getattr(self, "kind", FailureKind.OTHER)
        return (
            f"{type(self).__name__}({getattr(self, 'message', '')!r}, kind={kind.name}, "
            f"attempts={getattr(self, 'attempts', 1)}, "
            f"uncertain={getattr(self, 'uncertain', None)})"
        )


class TimeoutException(TransportException):
    """A connect or read timeout, or the call's total deadline, ran out."""


__all__ = [
    "ApiException",
    "CarpenstarException",
    "FailureKind",
    "SDKException",
    "SDKTypeError",
    "TextConstants",
    "TimeoutException",
    "TransportException",
    "redact_exchange_text",
    "safe_excerpt",
]
