"""One signed connection to an exchange: the glue of three modules, one job each.

``Core.Prepare`` builds and signs a request (the body serialized once, those bytes signed and
sent), ``Core.Retry`` decides whether and when to try again within the call's total time, and
``Core.Transport`` sends one try over urllib3 (under requests) and reads the answer within the
deadline and the size cap. Redirects are never followed, timeouts are always on, and every
failure ends as a library exception.
"""

from __future__ import annotations

import logging
import os
import threading
import time
import urllib.parse
from collections.abc import Callable, Mapping
from typing import Any

import requests
import requests.utils

from carpenstar_bybit.Core.Auth import in_clear_text, refuse_clear_text
from carpenstar_bybit.Core.Exceptions import (
    ApiException,
    SDKException,
)
from carpenstar_bybit.Core.Prepare import USER_AGENT, Signer, build_request
from carpenstar_bybit.Core.Response import HttpResponse
from carpenstar_bybit.Core.Retry import Classifier, Pacer, RetryPolicy, bounded, run
from carpenstar_bybit.Core.Transport import DEFAULT_MAX_BODY, SharedTLSAdapter, Transport

logger = logging.getLogger("carpenstar_bybit")

Clock = Callable[[], int]
"""Milliseconds since the epoch."""

DEFAULT_CONNECT_TIMEOUT = 5.0
DEFAULT_READ_TIMEOUT = 10.0
MAX_BODY_LIMIT = 1024 * 1024 * 1024


def system_clock_ms() -> int:
    return time.time_ns() // 1_000_000


def normalize_base_url(host: str) -> str:
    """``https://api.bybit.com`` (no path, query, credentials); raises SDKException otherwise."""
    if not isinstance(host, str) or not host:
        raise SDKException("host: is required, e.g. 'https://api.bybit.com'")
    parts = urllib.parse.urlsplit(host.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise SDKException(
            f"host: must be an http(s) URL like 'https://api.bybit.com' (got {host!r})"
        )
    if parts.username or parts.password or parts.query or parts.fragment:
        raise SDKException("host: must not hold credentials, a query or a fragment")
    if parts.path not in ("", "/"):
        raise SDKException(f"host: must not hold a path (got {parts.path!r})")
    try:
        port = parts.port
    except ValueError:
        raise SDKException(f"host: the port is not valid (got {host!r})") from None
    netloc = parts.hostname if ":" not in parts.hostname else f"[{parts.hostname}]"
    if port is not None:
        netloc += f":{port}"
    return f"{parts.scheme}://{netloc}"


def check_timeout(
    timeout: float | tuple[float, float] | None,
) -> tuple[float, float]:
    if timeout is None:
        return (DEFAULT_CONNECT_TIMEOUT, DEFAULT_READ_TIMEOUT)
    pair = (timeout, timeout) if isinstance(timeout, (int, float)) else timeout
    if (
        not isinstance(pair, tuple)
        or len(pair) != 2
        or not all(isinstance(t, (int, float)) and not isinstance(t, bool) for t in pair)
        or not all(0 < t <= 300 for t in pair)
    ):
        raise SDKException(
            "timeout: must be seconds (0 < t <= 300) or a (connect, read) pair of them; "
            "timeouts cannot be switched off"
        )
    return (float(pair[0]), float(pair[1]))


def check_pool_size(pool_size: object) -> int:
    if isinstance(pool_size, bool) or not isinstance(pool_size, int) or not 1 <= pool_size <= 1000:
        raise SDKException("pool_size: must be an integer from 1 to 1000")
    return pool_size


def check_max_body(max_body: object) -> int:
    if (
        isinstance(max_body, bool)
        or not isinstance(max_body, int)
        or not 1024 <= max_body <= MAX_BODY_LIMIT
    ):
        raise SDKException("max_body: must be a whole number of bytes from 1024 to 1 GiB")
    return max_body


class Connection:
    """A ``requests.Session`` bound to one base URL, with a signer and fixed settings.

    Environment settings that ``requests`` would look up on every call (proxies, CA bundle) are
    resolved once here, so each call only builds, signs and sends.
    """

    def __init__(
        self,
        base_url: str,
        signer: Signer | None,
        *,
        timeout: float | tuple[float, float] | None = None,
        clock: Clock | None = None,
        proxies: Mapping[str, str] | None = None,
        verify: bool | str = True,
        cert: str | tuple[str, str] | None = None,
        trust_env: bool = True,
        pool_size: int = 10,
        session: requests.Session | None = None,
        retry: RetryPolicy | None = None,
        classifier: Classifier | None = None,
        clock_sync: Callable[[Connection], None] | None = None,
        pacer: Pacer | None = None,
        max_body: int = DEFAULT_MAX_BODY,
    ) -> None:
        self.base_url = normalize_base_url(base_url)
        self.host = urllib.parse.urlsplit(self.base_url).hostname or ""
        # Public calls may go over plain http (they carry nothing secret); signed ones may not.
        self.clear_text = in_clear_text(self.base_url)
        self.signer = signer
        self.timeout = check_timeout(timeout)
        self.clock: Clock = clock or system_clock_ms
        self.time_offset_ms = 0
        self.retry = retry if retry is not None else RetryPolicy()
        self.classifier = classifier
        self.clock_sync = clock_sync
        self.pacer = pacer
        check_pool_size(pool_size)
        check_max_body(max_body)
        if session is None:
            # A session of our own: sized for the threads that share it.
            session = requests.Session()
            session.trust_env = trust_env
            adapter = SharedTLSAdapter(pool_connections=4, pool_maxsize=pool_size)
            session.mount("https://", adapter)
            session.mount("http://", adapter)
        else:
            trust_env = session.trust_env  # a caller's session keeps its own settings
        env_proxies: dict[str, str] = {}
        if trust_env:
            env_proxies = dict(requests.utils.get_environ_proxies(self.base_url))
        if verify is True and trust_env:
            verify = (
                os.environ.get("REQUESTS_CA_BUNDLE") or os.environ.get("CURL_CA_BUNDLE") or True
            )
        self._session = session
        self._transport = Transport(
            session,
            proxies={**env_proxies, **dict(proxies or {})},
            verify=verify,
            cert=cert,
            max_body=max_body,
        )
        self._closed = False
        # The deadline of the call this thread is making, for sends made inside it (clock sync).
        self._call = threading.local()

    @property
    def max_body(self) -> int:
        return self._transport.max_body

    def now_ms(self) -> int:
        """The exchange's time as this connection believes it (local clock plus offset)."""
        return self.clock() + self.time_offset_ms

    def close(self) -> None:
        self._closed = True
        self._transport.close()

    def request(
        self,
        method: str,
        path: str,
        params: Mapping[str, Any] | None = None,
        *,
        signed: bool = True,
        idempotent: bool = True,
    ) -> HttpResponse:
        """Send a request under the retry policy; each attempt is signed afresh. A request that
        is not ``idempotent`` is not sent again after a try that may have acted."""
        if self._closed:
            raise SDKException("the connection is closed")

        def send_once(deadline: float) -> HttpResponse:
            return self.send(method, path, params, signed=signed, deadline=deadline)

        clock_sync = None
        if self.clock_sync is not None:
            sync = self.clock_sync

            def clock_sync(deadline: float) -> None:
                self._call.deadline = deadline
                try:
                    sync(self)
                finally:
                    self._call.deadline = None

        return run(
            send_once,
            self.retry,
            f"{method} {path}",
            classifier=self.classifier,
            clock_sync=clock_sync,
            pacer=self.pacer,
            path=path,
            now_ms=self.now_ms,
            idempotent=idempotent,
        )

    def send(
        self,
        method: str,
        path: str,
        params: Mapping[str, Any] | None = None,
        *,
        signed: bool = True,
        budget: float | None = None,
        deadline: float | None = None,
    ) -> HttpResponse:
        """Send one request, once; the caller decides what the answer means.

        It ends by ``deadline`` (a ``time.monotonic()`` value), or within ``budget`` seconds, or
        within the deadline of the call that this thread is making (a clock sync inside a call),
        or else within the retry policy's ``total_time``.
        """
        if self._closed:
            raise SDKException("the connection is closed")
        if deadline is None:
            deadline = getattr(self._call, "deadline", None)
        if deadline is None:
            deadline = time.monotonic() + (self.retry.total_time if budget is None else budget)
        deadline = bounded(deadline)  # a clock sync or warm-up inside a kill-switch run, too
        signer = None
        if signed:
            if self.signer is None:
                raise SDKException(f"{path}: a private endpoint needs an API key and secret")
            if self.clear_text:
                refuse_clear_text(self.base_url)
            signer = self.signer
        prepared = build_request(
            method, self.base_url, self.host, path, params, signer, self.now_ms()
        )
        started = time.perf_counter()
        answer = self._transport.send(
            prepared,
            self._timeout_within(deadline - time.monotonic()),
            deadline,
            f"{method} {path}",
            path,
            secret_url=signed and "?" in (prepared.url or ""),
        )
        elapsed = time.perf_counter() - started
        status = answer.status
        if logger.isEnabledFor(logging.DEBUG):
            logger.debug("%s %s -> HTTP %s in %.2f ms", method, path, status, elapsed * 1000)
        if status == 304:
            raise ApiException(
                "HTTP 304 Not Modified: no answer to use (a signed call is never cached)",
                code=status,
                http_status=status,
                path=path,
            )
        if 300 <= status < 400:
            raise ApiException(
                f"HTTP {status} redirect refused: a signed request is never sent on to another "
                "location",
                code=status,
                http_status=status,
                path=path,
            )
        return HttpResponse(status, answer.headers, answer.content, path, elapsed)

    def _timeout_within(self, budget: float) -> tuple[float, float]:
        budget = max(budget, 0.05)
        return (min(self.timeout[0], budget), min(self.timeout[1], budget))

    def __repr__(self) -> str:
        # getattr: safe on an object whose __init__ failed part way.
        return (
            f"Connection(base_url={getattr(self, 'base_url', None)!r}, "
            f"signer={getattr(self, 'signer', None)!r})"
        )


__all__ = [
    "USER_AGENT",
    "Clock",
    "Connection",
    "Signer",
    "check_max_body",
    "check_timeout",
    "normalize_base_url",
    "system_clock_ms",
]
