"""When to try a call again, and how long to wait first; and a pacer for bots that cancel in loops.

A ``RetryPolicy`` is bounded in attempts and in total time. What each answer means is told by a
classifier, one per exchange (Bybit's is ``bybit_classifier``):

    RetryAction.NONE        the answer is final: success, or an error that a retry cannot mend
    RetryAction.BACKOFF     refused/reset/dropped, HTTP 502/503/504: jittered exponential backoff
    RetryAction.RATE_LIMIT  retCode 10006 or HTTP 429: wait for X-Bapi-Limit-Reset-Timestamp
    RetryAction.SYNC_CLOCK  retCode 10002: fetch the server time, keep the offset, sign again

A classifier may return a ``Decision`` instead, to say until when to wait (the exchange's reset
time): the loop here reads no exchange's headers. What a failed try (a ``TransportException``)
means is decided here too, by its ``FailureKind``: ``RetryPolicy.retries``.

``run`` is the loop: every try, every wait, the clock sync and the pacer stay within
``total_time`` (the transport shuts a connection that outlives it), and within the deadline of
an enclosing ``within(deadline)`` block when there is one (the kill switch's ``time_limit``).

Writes are sent again only where that is harmless: each declaration says so with a ``Replay``.
A write that is not idempotent is retried only after a try that cannot have reached the
exchange (refused, connect timeout) or that the exchange refused without acting (10002, 10006,
HTTP 429); never after a dropped connection, a 502-504 or retCode 10000/10016. A create is made
idempotent by its key (``orderLinkId``, generated when the caller gave none): sent again, it is
refused as a duplicate, which proves that an earlier try placed it (``Core.Endpoints``).
"""

from __future__ import annotations

import enum
import logging
import random
import threading
import time
import uuid
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

import attrs

from carpenstar_bybit.Core.Exceptions import (
    CarpenstarException,
    FailureKind,
    SDKException,
    TimeoutException,
    TransportException,
)
from carpenstar_bybit.Core.Response import HttpResponse, header_int

logger = logging.getLogger("carpenstar_bybit")


class RetryAction(enum.Enum):
    NONE = "none"
    BACKOFF = "backoff"
    RATE_LIMIT = "rate limit"
    SYNC_CLOCK = "clock sync"


@attrs.frozen
class Decision:
    """A classifier's answer with a time to wait for: ``until_ms`` (ms since the epoch, on the
    exchange's clock), e.g. when a rate-limit window resets."""

    action: RetryAction
    until_ms: int | None = None


Classifier = Callable[[HttpResponse], "RetryAction | Decision"]

# Kinds of failed tries worth another: the request was not sent, or the connection went away
# before an answer came (a reused connection the server had closed). Not a read timeout, the
# call's deadline, a TLS error, nor a malformed or oversized answer: the server may be acting on
# the request, or would answer the same again.
RETRIED_KINDS = frozenset(
    {
        FailureKind.REFUSED,
        FailureKind.CONNECT_TIMEOUT,
        FailureKind.DROPPED,
    }
)
# A rate-limit reset further ahead than this is not believed: a backoff instead.
ABSURD_RESET_MS = 10 * 60 * 1000

BACKOFF_STATUSES = frozenset({502, 503, 504})
# retCodes answered when the exchange itself failed; the call did nothing harmful to repeat.
BYBIT_BACKOFF_CODES = frozenset({10000, 10016})


def _positive(
    name: str, low: float, high: float, whole: bool = False
) -> Callable[[Any, Any, Any], None]:
    kinds = (int,) if whole else (int, float)
    what = "a whole number" if whole else "a number"

    def check(_: Any, __: Any, value: Any) -> None:
        if isinstance(value, bool) or not isinstance(value, kinds) or not low <= value <= high:
            raise SDKException(f"RetryPolicy.{name}: must be {what} from {low} to {high}")

    return check


def new_order_link_id() -> str:
    """A fresh ``orderLinkId``: ``cb-`` and the 32 hex digits of a random UUID, 35 characters
    (Bybit takes at most 36 letters, digits, ``-`` and ``_``). From ``os.urandom``, so two
    processes forked from one never make the same."""
    return f"cb-{uuid.uuid4().hex}"


@attrs.frozen
class Replay:
    """Whether a write may be sent again after a try that may already have acted.

    ``idempotent``: the same request twice leaves the exchange as once (a cancel, an amend to
    absolute values, a setting); when False it is retried only after a try that cannot have
    acted. ``unsafe_when(request)``: True for the requests of an idempotent endpoint that are not
    (a Partial TP/SL adds an order each time). ``key``: the request field that makes a create
    idempotent (generated when not set); ``duplicate_codes``: the retCodes of "that key is
    taken"; ``find(connection, sent)``: the item an earlier try made under the key, or None.
    """

    idempotent: bool
    unsafe_when: Callable[[Any], bool] | None = None
    key: str | None = None
    duplicate_codes: frozenset[int] = frozenset()
    find: Callable[[Any, Mapping[str, Any]], Mapping[str, Any] | None] | None = None

    def retried(self, request: Any) -> bool:
        """Whether a try of ``request`` that may have acted is tried again."""
        return self.idempotent and not (self.unsafe_when is not None and self.unsafe_when(request))


IDEMPOTENT = Replay(idempotent=True)
NOT_IDEMPOTENT = Replay(idempotent=False)


def replay_of(declaration: Any, method: str) -> Replay:
    """The declaration's ``Replay``; undeclared, a read is idempotent and a write is not."""
    replay = getattr(declaration, "replay", None)
    if isinstance(replay, Replay):
        return replay
    return IDEMPOTENT if method == "GET" else NOT_IDEMPOTENT


@attrs.frozen
class RetryPolicy:
    """How often and how long a call is tried. ``RetryPolicy.off()`` switches retries off.

    ``max_attempts`` counts the first try; ``total_time`` bounds all tries and waits together
    (seconds); backoff waits ``backoff_base * 2**n`` with full jitter, at most ``backoff_max``; a
    rate-limit wait is at most ``max_rate_limit_wait``. ``sleep``, ``rng`` and
    ``new_order_link_id`` (the ``orderLinkId`` given to a create that has none) are for tests.
    """

    max_attempts: int = attrs.field(
        default=3, validator=_positive("max_attempts", 1, 20, whole=True)
    )
    total_time: float = attrs.field(default=30.0, validator=_positive("total_time", 0.0, 600.0))
    backoff_base: float = attrs.field(default=0.1, validator=_positive("backoff_base", 0.0, 10.0))
    backoff_max: float = attrs.field(default=2.0, validator=_positive("backoff_max", 0.0, 60.0))
    max_rate_limit_wait: float = attrs.field(
        default=2.0, validator=_positive("max_rate_limit_wait", 0.0, 60.0)
    )
    sync_clock: bool = True
    retry_transport: bool = True
    sleep: Callable[[float], None] = attrs.field(default=time.sleep, repr=False, eq=False)
    rng: random.Random = attrs.field(factory=random.Random, repr=False, eq=False)
    new_order_link_id: Callable[[], str] = attrs.field(
        default=new_order_link_id, repr=False, eq=False
    )

    @classmethod
    def off(cls) -> RetryPolicy:
        return cls(max_attempts=1)

    def backoff(self, retry_number: int) -> float:
        """Full jitter: uniform in [0, min(max, base * 2**n)]."""
        ceiling = min(self.backoff_max, self.backoff_base * (2 ** max(0, retry_number - 1)))
        return self.rng.uniform(0.0, ceiling)

    def rate_limit_backoff(self, retry_number: int) -> float:
        """Equal jitter, never 0 s (unless ``backoff_base`` is 0): uniform in [c/2, c]."""
        ceiling = min(self.backoff_max, self.backoff_base * (2 ** max(0, retry_number - 1)))
        return self.rng.uniform(ceiling / 2, ceiling)

    def rate_limit_wait(self, retry_number: int, until_ms: int | None, now_ms: int) -> float:
        """The wait before another try after a rate-limit answer, in [0, max_rate_limit_wait].

        A reset in the past, absurdly far ahead, or not sent is a backoff, never a 0 s spin; the
        arithmetic stays in integers, so a 400-digit reset cannot overflow.
        """
        ahead_ms = None if until_ms is None else until_ms - now_ms
        if ahead_ms is None or ahead_ms <= 0 or ahead_ms > ABSURD_RESET_MS:
            wait = self.rate_limit_backoff(retry_number)
        else:
            wait = ahead_ms / 1000
        return min(wait, self.max_rate_limit_wait)

    @staticmethod
    def never_sent(exc: TransportException) -> bool:
        """True when the request cannot have reached the exchange (refused, connect timeout)."""
        return exc.kind.never_sent

    def retries(self, exc: TransportException) -> bool:
        """Whether a failed try is worth another: by its kind, ``RETRIED_KINDS``."""
        return self.retry_transport and exc.kind in RETRIED_KINDS


# The deadline (a time.monotonic() value) every call in this context must end by, or None.
_DEADLINE: ContextVar[float | None] = ContextVar("carpenstar_bybit_deadline", default=None)


@contextmanager
def within(deadline: float) -> Iterator[None]:
    """Every call made in this block, with all its tries, waits and clock syncs, ends by
    ``deadline`` (a ``time.monotonic()`` value), however long the policy's ``total_time``.

    Per context (thread): a thread started inside the block enters it again itself. Nested
    blocks keep the earlier deadline.
    """
    outer = _DEADLINE.get()
    token = _DEADLINE.set(deadline if outer is None else min(deadline, outer))
    try:
        yield
    finally:
        _DEADLINE.reset(token)


def bounded(deadline: float) -> float:
    """``deadline``, or the enclosing ``within`` block's when that one comes first."""
    outer = _DEADLINE.get()
    return deadline if outer is None else min(deadline, outer)


def bybit_classifier(response: HttpResponse) -> RetryAction | Decision:
    status = response.status
    if status == 429:
        return _bybit_rate_limit(response)
    if status in BACKOFF_STATUSES:
        return RetryAction.BACKOFF
    code = response.ret_code()
    if code == 10002:
        return RetryAction.SYNC_CLOCK
    if code == 10006:
        return _bybit_rate_limit(response)
    if code in BYBIT_BACKOFF_CODES:
        return RetryAction.BACKOFF
    return RetryAction.NONE


def _bybit_rate_limit(response: HttpResponse) -> Decision:
    reset = header_int(response.headers, "X-Bapi-Limit-Reset-Timestamp")
    return Decision(RetryAction.RATE_LIMIT, reset)


@attrs.define
class Pacer:
    """Slows a bot that calls one endpoint in a loop before the exchange starts refusing it.

    After each answer it notes ``X-Bapi-Limit-Status`` (calls left) and
    ``X-Bapi-Limit-Reset-Timestamp`` per path; when calls left fall to ``min_remaining`` or below,
    the next call on that path waits for the reset, at most ``max_wait`` seconds.
    """

    min_remaining: int = attrs.field(default=1, validator=_positive("min_remaining", 0, 1000))
    max_wait: float = attrs.field(default=1.0, validator=_positive("max_wait", 0.0, 60.0))
    sleep: Callable[[float], None] = attrs.field(default=time.sleep, repr=False, eq=False)
    _state: dict[str, tuple[int, int]] = attrs.field(factory=dict, init=False, repr=False)
    _lock: threading.Lock = attrs.field(factory=threading.Lock, init=False, repr=False)
    waited: float = attrs.field(default=0.0, init=False)

    def observe(self, path: str, headers: Mapping[str, str]) -> None:
        remaining = header_int(headers, "X-Bapi-Limit-Status")
        reset = header_int(headers, "X-Bapi-Limit-Reset-Timestamp")
        if remaining is None or reset is None:
            return
        with self._lock:
            self._state[path] = (remaining, reset)

    def wait_time(self, path: str, now_ms: int) -> float:
        with self._lock:
            seen = self._state.get(path)
        if seen is None:
            return 0.0
        remaining, reset = seen
        if remaining > self.min_remaining:
            return 0.0
        # Clamped in integer ms first: a reset of hundreds of digits cannot overflow a float.
        ahead_ms = min(max(0, reset - now_ms), int(self.max_wait * 1000) + 1)
        return min(self.max_wait, ahead_ms / 1000)

    def before(self, path: str, now_ms: int, limit: float | None = None) -> None:
        """Wait for the path's reset when it is due; at most ``limit`` seconds (the call's time
        left) when given."""
        wait = self.wait_time(path, now_ms)
        if limit is not None:
            wait = min(wait, max(0.0, limit))
        if wait > 0:
            with self._lock:
                self.waited += wait
                self._state.pop(path, None)
            self.sleep(wait)


SendOnce = Callable[[float], HttpResponse]
"""Sends one try within a deadline (a ``time.monotonic()`` value); raises TransportException."""


def run(
    send_once: SendOnce,
    policy: RetryPolicy,
    what: str,
    *,
    classifier: Classifier | None = None,
    clock_sync: Callable[[float], None] | None = None,
    pacer: Pacer | None = None,
    path: str = "",
    now_ms: Callable[[], int] = lambda: time.time_ns() // 1_000_000,
    idempotent: bool = True,
) -> HttpResponse:
    """Try a call under ``policy``; ``what`` ("POST /path") names it in logs and messages.

    When not ``idempotent``, a try that may have acted (cut off after sending, a 5xx, retCode
    10000/10016) ends the call with its answer or failure.

    Returns the answer to keep (marked with ``attempts`` and ``uncertain``), or raises the last
    try's TransportException marked the same way, its message naming every try's failure.
    """
    deadline = bounded(time.monotonic() + policy.total_time)
    attempt = 0
    uncertain = False  # a try so far may have reached the exchange
    failures: list[FailureKind] = []
    synced = False
    while True:
        attempt += 1
        sent_at = time.monotonic()
        try:
            if pacer is not None:
                pacer.before(path, now_ms(), limit=deadline - time.monotonic())
            if time.monotonic() >= deadline:
                raise TimeoutException(
                    f"{FailureKind.NOT_STARTED.value} calling {what}", kind=FailureKind.NOT_STARTED
                )
            response = send_once(deadline)
        except TransportException as exc:
            failures.append(exc.kind)
            uncertain = uncertain or not exc.kind.never_sent
            wait = policy.backoff(attempt)
            # No retry that cannot finish in time: one more takes about as long as this one did.
            took = time.monotonic() - sent_at
            if (
                attempt >= policy.max_attempts
                or not policy.retries(exc)
                or (not idempotent and not exc.kind.never_sent)
                or time.monotonic() + wait + took >= deadline
            ):
                raise _marked(exc, what, failures, attempt, uncertain) from exc.__cause__
            _log_retry(what, exc.kind.value, attempt, policy.max_attempts, wait)
            policy.sleep(wait)
            continue
        took = time.monotonic() - sent_at
        response.attempts = attempt
        response.uncertain = uncertain
        if pacer is not None:
            pacer.observe(path, response.headers)
        verdict = classifier(response) if classifier is not None else RetryAction.NONE
        action, until_ms = (
            (verdict.action, verdict.until_ms) if isinstance(verdict, Decision) else (verdict, None)
        )
        if (
            action is RetryAction.NONE
            or attempt >= policy.max_attempts
            or (action is RetryAction.BACKOFF and not idempotent)
        ):
            return _answered(response, what)
        if action is RetryAction.SYNC_CLOCK:
            if (
                synced
                or not policy.sync_clock
                or clock_sync is None
                or time.monotonic() + took >= deadline
            ):
                return _answered(response, what)
            try:
                clock_sync(deadline)
            except CarpenstarException as exc:
                logger.info("%s: clock sync failed: %s", what, exc.message)
                return _answered(response, what)
            synced = True
            wait = 0.0
        elif action is RetryAction.RATE_LIMIT:
            wait = policy.rate_limit_wait(attempt, until_ms, now_ms())
        else:
            wait = policy.backoff(attempt)
            uncertain = True  # a 5xx: the exchange may have acted before failing
        if time.monotonic() + wait + took >= deadline:
            return _answered(response, what)
        _log_retry(what, action.value, attempt, policy.max_attempts, wait)
        if wait > 0:
            policy.sleep(wait)


def _answered(response: HttpResponse, what: str) -> HttpResponse:
    if response.attempts > 1:
        logger.info(
            "%s: answered on attempt %d%s",
            what,
            response.attempts,
            "; an earlier attempt may already have done what was asked"
            if response.uncertain
            else "",
        )
    return response


def _marked(
    exc: TransportException, what: str, failures: list[FailureKind], attempts: int, uncertain: bool
) -> TransportException:
    if attempts == 1:
        return exc
    message = ", then ".join(kind.value for kind in failures) + f" calling {what}"
    return type(exc)(message, exc.code, exc.path, exc.kind, attempts, uncertain)


def _log_retry(what: str, reason: str, attempt: int, max_attempts: int, wait: float) -> None:
    logger.info("%s: %s; retry %d of %d in %.3f s", what, reason, attempt, max_attempts - 1, wait)


__all__ = [
    "ABSURD_RESET_MS",
    "BACKOFF_STATUSES",
    "BYBIT_BACKOFF_CODES",
    "IDEMPOTENT",
    "NOT_IDEMPOTENT",
    "RETRIED_KINDS",
    "Classifier",
    "Decision",
    "Pacer",
    "Replay",
    "RetryAction",
    "RetryPolicy",
    "SendOnce",
    "bounded",
    "bybit_classifier",
    "new_order_link_id",
    "replay_of",
    "run",
    "within",
]
