"""One kept-alive, signed HTTP connection to an exchange.

The body is serialized once, those exact bytes are signed and sent. Redirects are never followed,
timeouts are always on, and every ``requests`` failure becomes a library exception.
"""

from __future__ import annotations

import http.client
import json
import logging
import os
import time
import urllib.parse
from collections.abc import Callable, Mapping
from typing import Any, Protocol

import requests
import requests.adapters
import requests.cookies
import requests.utils
import urllib3.exceptions
from requests.structures import CaseInsensitiveDict

from carpenstar_bybit._version import __version__
from carpenstar_bybit.Core.Exceptions import (
    ApiException,
    CarpenstarException,
    SDKException,
    TimeoutException,
    TransportException,
)
from carpenstar_bybit.Core.Response import HttpResponse
from carpenstar_bybit.Core.Retry import Classifier, Pacer, RetryAction, RetryPolicy, header_int

logger = logging.getLogger("carpenstar_bybit")

Clock = Callable[[], int]
"""Milliseconds since the epoch."""

DEFAULT_CONNECT_TIMEOUT = 5.0
DEFAULT_READ_TIMEOUT = 10.0
USER_AGENT = f"carpenstar_bybit/{__version__}"


def system_clock_ms() -> int:
    return time.time_ns() // 1_000_000


class Signer(Protocol):
    """Adds an exchange's authentication to a request about to be sent."""

    def sign(
        self, method: str, host: str, path: str, query: str, payload: bytes, timestamp_ms: int
    ) -> tuple[str, dict[str, str]]:
        """Return the query string to send (possibly extended) and headers to add."""
        ...


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
    ) -> None:
        self.base_url = normalize_base_url(base_url)
        self.host = urllib.parse.urlsplit(self.base_url).hostname or ""
        self.signer = signer
        self.timeout = check_timeout(timeout)
        self.clock: Clock = clock or system_clock_ms
        self.time_offset_ms = 0
        self.retry = retry if retry is not None else RetryPolicy()
        self.classifier = classifier
        self.clock_sync = clock_sync
        self.pacer = pacer
        check_pool_size(pool_size)
        if session is None:
            # A session of our own: sized for the threads that share it.
            session = requests.Session()
            session.trust_env = trust_env
            adapter = requests.adapters.HTTPAdapter(pool_connections=1, pool_maxsize=pool_size)
            session.mount("https://", adapter)
            session.mount("http://", adapter)
        else:
            trust_env = session.trust_env  # a caller's session keeps its own settings
        self._session = session
        env_proxies: dict[str, str] = {}
        if trust_env:
            env_proxies = dict(requests.utils.get_environ_proxies(self.base_url))
        self._proxies = {**env_proxies, **dict(proxies or {})}
        if verify is True and trust_env:
            verify = (
                os.environ.get("REQUESTS_CA_BUNDLE") or os.environ.get("CURL_CA_BUNDLE") or True
            )
        self._verify = verify
        self._cert = cert
        self._closed = False
        self._no_cookies = requests.cookies.RequestsCookieJar()

    def now_ms(self) -> int:
        """The exchange's time as this connection believes it (local clock plus offset)."""
        return self.clock() + self.time_offset_ms

    def close(self) -> None:
        self._closed = True
        self._session.close()

    def request(
        self,
        method: str,
        path: str,
        params: Mapping[str, Any] | None = None,
        *,
        signed: bool = True,
    ) -> HttpResponse:
        """Send a request under the retry policy; each attempt is signed afresh."""
        policy = self.retry
        deadline = time.monotonic() + policy.total_time
        attempt = 0
        uncertain = False  # an earlier attempt may have reached the exchange
        synced = False
        while True:
            attempt += 1
            if self.pacer is not None:
                self.pacer.before(path, self.now_ms())
            remaining = deadline - time.monotonic()
            try:
                response = self.send(method, path, params, signed=signed, budget=remaining)
            except TransportException as exc:
                wait = policy.backoff(attempt)
                if (
                    attempt >= policy.max_attempts
                    or not policy.retries(exc)
                    or time.monotonic() + wait >= deadline
                ):
                    raise
                self._log_retry(method, path, exc.message, attempt, wait)
                policy.sleep(wait)
                uncertain = True
                continue
            response.attempts = attempt
            response.uncertain = uncertain
            if self.pacer is not None:
                self.pacer.observe(path, response.headers)
            action = self.classifier(response) if self.classifier else RetryAction.NONE
            if action is RetryAction.NONE or attempt >= policy.max_attempts:
                return response
            if action is RetryAction.SYNC_CLOCK:
                if synced or not policy.sync_clock or self.clock_sync is None:
                    return response
                try:
                    self.clock_sync(self)
                except CarpenstarException as exc:
                    logger.info("%s %s: clock sync failed: %s", method, path, exc.message)
                    return response
                synced = True
                wait = 0.0
            elif action is RetryAction.RATE_LIMIT:
                reset = header_int(response.headers, "X-Bapi-Limit-Reset-Timestamp")
                if reset is None:
                    wait = policy.backoff(attempt)
                else:
                    wait = max(0.0, (reset - self.now_ms()) / 1000)
                wait = min(wait, policy.max_rate_limit_wait)
            else:
                wait = policy.backoff(attempt)
                uncertain = True
            if time.monotonic() + wait >= deadline:
                return response
            self._log_retry(method, path, action.value, attempt, wait)
            if wait > 0:
                policy.sleep(wait)

    def _log_retry(self, method: str, path: str, reason: str, attempt: int, wait: float) -> None:
        logger.info(
            "%s %s: %s; retry %d of %d in %.3f s",
            method,
            path,
            reason,
            attempt,
            self.retry.max_attempts - 1,
            wait,
        )

    def send(
        self,
        method: str,
        path: str,
        params: Mapping[str, Any] | None = None,
        *,
        signed: bool = True,
        budget: float | None = None,
    ) -> HttpResponse:
        """Send one request, once; the caller decides what the answer means."""
        if self._closed:
            raise SDKException("the connection is closed")
        if method == "POST":
            payload = json.dumps(params or {}, separators=(",", ":")).encode()
            query = ""
        else:
            query = urllib.parse.urlencode(list((params or {}).items()))
            payload = query.encode()
        headers = {
            "User-Agent": USER_AGENT,
            "Accept": "application/json",
            "Accept-Encoding": "gzip, deflate",
            "Connection": "keep-alive",
        }
        if method == "POST":
            headers["Content-Type"] = "application/json"
            headers["Content-Length"] = str(len(payload))
        if signed:
            if self.signer is None:
                raise SDKException(f"{path}: a private endpoint needs an API key and secret")
            query, auth = self.signer.sign(method, self.host, path, query, payload, self.now_ms())
            headers.update(auth)

        prepared = requests.PreparedRequest()
        prepared.method = method
        prepared.url = f"{self.base_url}{path}?{query}" if query else f"{self.base_url}{path}"
        prepared.headers = CaseInsensitiveDict(headers)
        prepared.body = payload if method == "POST" else None
        prepared.hooks = {"response": []}
        # requests reads the jar when it meets a redirect, even one it does not follow.
        prepared._cookies = self._no_cookies  # type: ignore[attr-defined]
        started = time.perf_counter()
        try:
            response = self._session.send(
                prepared,
                timeout=self._timeout_within(budget),
                allow_redirects=False,
                proxies=self._proxies,
                verify=self._verify,
                cert=self._cert,
                stream=False,
            )
            content = response.content
        except (
            requests.exceptions.RequestException,
            urllib3.exceptions.HTTPError,
            http.client.HTTPException,
            OSError,
        ) as exc:
            failure: BaseException | None = exc
        else:
            failure = None
        if failure is not None:
            error = _transport_error(failure, method, path)
            if signed and query:
                # Raised outside the except block, so that neither __cause__ nor __context__
                # holds the requests exception, whose text carries the signed URL.
                raise error
            raise error from failure
        elapsed = time.perf_counter() - started
        status = response.status_code
        if logger.isEnabledFor(logging.DEBUG):
            logger.debug("%s %s -> HTTP %s in %.2f ms", method, path, status, elapsed * 1000)
        if 300 <= status < 400:
            raise ApiException(
                f"HTTP {status} redirect refused: a signed request is never sent on to another "
                "location",
                code=status,
                http_status=status,
                path=path,
            )
        return HttpResponse(status, response.headers, content, path, elapsed)

    def _timeout_within(self, budget: float | None) -> tuple[float, float]:
        if budget is None:
            return self.timeout
        budget = max(budget, 0.05)
        return (min(self.timeout[0], budget), min(self.timeout[1], budget))

    def __repr__(self) -> str:
        return f"Connection(base_url={self.base_url!r}, signer={self.signer!r})"


def _transport_error(exc: BaseException, method: str, path: str) -> TransportException:
    """The library's exception for a ``requests`` failure.

    When the signed URL carries credentials in its query (HTX), the cause is not chained: its text
    holds the URL.
    """
    if isinstance(exc, requests.exceptions.ConnectTimeout):
        return TimeoutException(f"connect timeout calling {method} {path}", path=path)
    if isinstance(exc, requests.exceptions.Timeout):
        return TimeoutException(f"read timeout calling {method} {path}", path=path)
    if isinstance(exc, requests.exceptions.SSLError):
        return TransportException(f"TLS error calling {method} {path}", path=path)
    return TransportException(f"{_failure_kind(exc)} calling {method} {path}", path=path)


def _failure_kind(exc: BaseException) -> str:
    text = repr(exc).lower()
    if "refused" in text:
        return "connection refused"
    if "reset" in text:
        return "connection reset"
    if "remotedisconnected" in text or "aborted" in text or "incompleteread" in text:
        return "connection dropped"
    return f"connection failed ({type(exc).__name__})"


__all__ = [
    "Clock",
    "Connection",
    "Signer",
    "check_timeout",
    "normalize_base_url",
    "system_clock_ms",
]
