"""When to try a call again, and how long to wait first; and a pacer for bots that cancel in loops.

A ``RetryPolicy`` is bounded in attempts and in total time. What each answer means is told by a
classifier, one per exchange (Bybit's is ``bybit_classifier``):

    RetryAction.NONE        the answer is final: success, or an error that a retry cannot mend
    RetryAction.BACKOFF     refused/reset/dropped, HTTP 502/503/504: jittered exponential backoff
    RetryAction.RATE_LIMIT  retCode 10006 or HTTP 429: wait for X-Bapi-Limit-Reset-Timestamp
    RetryAction.SYNC_CLOCK  retCode 10002: fetch the server time, keep the offset, sign again
"""

from __future__ import annotations

import enum
import random
import threading
import time
from collections.abc import Callable, Mapping
from typing import Any

import attrs

from carpenstar_bybit.Core.Exceptions import SDKException, TimeoutException, TransportException
from carpenstar_bybit.Core.Response import HttpResponse, header_int


class RetryAction(enum.Enum):
    NONE = "none"
    BACKOFF = "backoff"
    RATE_LIMIT = "rate limit"
    SYNC_CLOCK = "clock sync"


Classifier = Callable[[HttpResponse], RetryAction]

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


@attrs.frozen
class RetryPolicy:
    """How often and how long a call is tried. ``RetryPolicy.off()`` switches retries off.

    ``max_attempts`` counts the first try; ``total_time`` bounds all tries and waits together
    (seconds); backoff waits ``backoff_base * 2**n`` with full jitter, at most ``backoff_max``; a
    rate-limit wait is at most ``max_rate_limit_wait``. ``sleep`` and ``rng`` are for tests.
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

    @classmethod
    def off(cls) -> RetryPolicy:
        return cls(max_attempts=1)

    def backoff(self, retry_number: int) -> float:
        """Full jitter: uniform in [0, min(max, base * 2**n)]."""
        ceiling = min(self.backoff_max, self.backoff_base * (2 ** max(0, retry_number - 1)))
        return self.rng.uniform(0.0, ceiling)

    @staticmethod
    def never_sent(exc: TransportException) -> bool:
        """True when the request cannot have reached the exchange (refused, connect timeout)."""
        return exc.message.startswith(("connection refused", "connect timeout"))

    def retries(self, exc: TransportException) -> bool:
        """Refused, reset and dropped connections are retried; a read timeout is not, because the
        server may still be working on the request and the caller should decide; nor is a TLS
        error, which another try does not mend."""
        if not self.retry_transport or exc.message.startswith("TLS error"):
            return False
        if isinstance(exc, TimeoutException):
            return exc.message.startswith("connect timeout")
        return True


def bybit_classifier(response: HttpResponse) -> RetryAction:
    status = response.status
    if status == 429:
        return RetryAction.RATE_LIMIT
    if status in BACKOFF_STATUSES:
        return RetryAction.BACKOFF
    code = response.ret_code()
    if code == 10002:
        return RetryAction.SYNC_CLOCK
    if code == 10006:
        return RetryAction.RATE_LIMIT
    if code in BYBIT_BACKOFF_CODES:
        return RetryAction.BACKOFF
    return RetryAction.NONE


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
        return min(self.max_wait, max(0.0, (reset - now_ms) / 1000))

    def before(self, path: str, now_ms: int) -> None:
        wait = self.wait_time(path, now_ms)
        if wait > 0:
            with self._lock:
                self.waited += wait
                self._state.pop(path, None)
            self.sleep(wait)


__all__ = [
    "BACKOFF_STATUSES",
    "BYBIT_BACKOFF_CODES",
    "Classifier",
    "Pacer",
    "RetryAction",
    "RetryPolicy",
    "bybit_classifier",
]
