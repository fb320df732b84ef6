"""One kept-alive, signed HTTP connection to an exchange.

The body is serialized once, those exact bytes are signed and sent. Redirects are never followed,
timeouts are always on, and every ``requests`` failure becomes a library exception.
"""

from __future__ import annotations

import http.client
import json
import logging
import os
import select
import ssl
import threading
import time
import urllib.parse
import zlib
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
from carpenstar_bybit.Core.Response import HttpResponse, header_int
from carpenstar_bybit.Core.Retry import Classifier, Pacer, RetryAction, RetryPolicy

logger = logging.getLogger("carpenstar_bybit")

Clock = Callable[[], int]
"""Milliseconds since the epoch."""

DEFAULT_CONNECT_TIMEOUT = 5.0
DEFAULT_READ_TIMEOUT = 10.0
USER_AGENT = f"carpenstar_bybit/{__version__}"
_HEADERS = {
    "User-Agent": USER_AGENT,
    "Accept": "application/json",
    "Accept-Encoding": "gzip, deflate",
    "Connection": "keep-alive",
}
_POST_HEADERS = {**_HEADERS, "Content-Type": "application/json"}
# json.dumps(..., separators=...) builds a new encoder on every call; this one is made once.
_COMPACT_JSON = json.JSONEncoder(separators=(",", ":"))


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


class _OneWrite(http.client.HTTPConnection):
    """Sends the request head and a ``bytes`` body in one write.

    ``http.client`` writes them apart: two system calls, and two TCP segments on the wire.
    """

    body_to_send: bytes | None = None

    def send(self, data: Any) -> None:
        body = self.body_to_send
        if body is not None:
            self.body_to_send = None
            data = bytes(data) + body
        super().send(data)


class _HTTPWire(_OneWrite):
    pass


class _HTTPSWire(_OneWrite, http.client.HTTPSConnection):
    pass


_Origin = tuple[str, str, int]


class KeptAliveAdapter(requests.adapters.HTTPAdapter):
    """The transport of a ``Connection``'s own session: kept-alive ``http.client`` connections.

    Under ``requests.Session.send`` each call of a kill switch paid for requests' adapter and
    urllib3's pool machinery (about 150 µs of CPU per call on a 2-core EPYC VM); this sends the
    prepared request on a pooled ``http.client`` connection and hands back a finished
    ``requests.Response``. What it does: TCP_NODELAY, the head and body in one write, at most
    ``pool_size`` idle connections per origin (threads beyond that open extra ones, closed after
    use, as urllib3 does), an idle connection the server has closed is dropped before reuse, gzip
    and deflate bodies are decoded, a (connect, read) timeout pair, TLS verification with the
    CA bundle or path given as ``verify`` (its context loaded once per process, see
    ``_tls_context``). Anything else (a proxy for the URL, ``verify=False``,
    a client certificate, streaming, a body that is not bytes, a timeout that is not a pair) goes
    through requests' own ``HTTPAdapter.send``, unchanged; so does a URL with a query string
    (HTX signs there, and redacts urllib3's DEBUG log of it). Failures are raised as the
    ``requests`` exceptions urllib3 would have led to (ConnectTimeout, ReadTimeout, SSLError,
    ConnectionError).
    """

    def __init__(self, pool_size: int = 10) -> None:
        super().__init__(pool_connections=1, pool_maxsize=pool_size)
        self._max_idle = pool_size
        self._idle: dict[_Origin, list[_OneWrite]] = {}
        self._lock = threading.Lock()
        self._closed = False

    def send(
        self,
        request: requests.PreparedRequest,
        stream: bool = False,
        timeout: float | tuple[float, float] | tuple[float, None] | None = None,
        verify: bool | str = True,
        cert: bytes | str | tuple[bytes | str, bytes | str] | None = None,
        proxies: Mapping[str, str] | None = None,
    ) -> requests.Response:
        url = request.url or ""
        body = request.body
        if (
            stream
            or cert
            or verify is False
            or not isinstance(timeout, tuple)
            or timeout[1] is None
            or (body is not None and not isinstance(body, bytes))
            or (proxies and requests.utils.select_proxy(url, proxies))
            or "?" in url
        ):
            return super().send(request, stream, timeout, verify, cert, proxies)
        parts = urllib.parse.urlsplit(url)
        scheme = parts.scheme.lower()
        if scheme not in ("http", "https") or not parts.hostname:
            return super().send(request, stream, timeout, verify, cert, proxies)
        origin = (scheme, parts.hostname, parts.port or (443 if scheme == "https" else 80))
        target = parts.path or "/"  # no query here: a URL with one went the requests way
        conn = self._take(origin)
        if conn is None:
            conn = self._connect(origin, timeout[0], verify, request)
        headers = request.headers
        try:
            if conn.sock is not None:
                conn.sock.settimeout(timeout[1])
            conn.putrequest(
                request.method or "GET",
                target,
                skip_host="Host" in headers,
                skip_accept_encoding="Accept-Encoding" in headers,
            )
            for name, value in headers.items():
                conn.putheader(name, value)
            if body is not None:
                if "Content-Length" not in headers:
                    conn.putheader("Content-Length", str(len(body)))
                conn.body_to_send = body
            conn.endheaders()
            answer = conn.getresponse()
            content = answer.read()
        except BaseException as exc:
            conn.close()
            error = _requests_error(exc, request)
            if error is exc:
                raise
            raise error from exc
        finally:
            conn.body_to_send = None
        if answer.will_close:
            conn.close()
        else:
            self._put_back(origin, conn)
        return self._response(request, url, answer, content)

    def _response(
        self,
        request: requests.PreparedRequest,
        url: str,
        answer: http.client.HTTPResponse,
        content: bytes,
    ) -> requests.Response:
        fields = answer.msg.items()
        headers: CaseInsensitiveDict[str] = CaseInsensitiveDict(fields)
        if len(headers) < len(fields):  # a repeated field: its values joined, as urllib3 does
            headers = CaseInsensitiveDict()
            for name, value in fields:
                seen = headers.get(name)
                headers[name] = value if seen is None else f"{seen}, {value}"
        coding = headers.get("Content-Encoding")
        if coding and content:
            content = _decode(content, coding, request)
        response = requests.Response()
        response.status_code = answer.status
        response.reason = answer.reason
        response.headers = headers
        response._content = content
        response._content_consumed = True  # type: ignore[attr-defined]
        response.encoding = requests.utils.get_encoding_from_headers(headers)
        response.url = url
        response.request = request
        response.connection = self
        return response

    def _take(self, origin: _Origin) -> _OneWrite | None:
        with self._lock:
            idle = self._idle.get(origin)
            while idle:
                conn = idle.pop()
                if not _dropped(conn):
                    return conn
                conn.close()
        return None

    def _put_back(self, origin: _Origin, conn: _OneWrite) -> None:
        with self._lock:
            idle = self._idle.setdefault(origin, [])
            if not self._closed and len(idle) < self._max_idle:
                idle.append(conn)
                return
        conn.close()

    def _connect(
        self,
        origin: _Origin,
        connect_timeout: float,
        verify: bool | str,
        request: requests.PreparedRequest,
    ) -> _OneWrite:
        scheme, host, port = origin
        conn: _OneWrite
        if scheme == "https":
            conn = _HTTPSWire(host, port, timeout=connect_timeout, context=self._context(verify))
        else:
            conn = _HTTPWire(host, port, timeout=connect_timeout)
        try:
            conn.connect()  # TCP_NODELAY is http.client's own
        except BaseException as exc:
            conn.close()
            if isinstance(exc, TimeoutError):
                raise requests.exceptions.ConnectTimeout(exc, request=request) from exc
            if isinstance(exc, ssl.SSLError | ssl.CertificateError):
                raise requests.exceptions.SSLError(exc, request=request) from exc
            if isinstance(exc, OSError):
                raise requests.exceptions.ConnectionError(exc, request=request) from exc
            raise
        return conn

    def _context(self, verify: bool | str) -> ssl.SSLContext:
        if verify is True:
            where = str(
                requests.utils.extract_zipped_paths(  # type: ignore[no-untyped-call]
                    requests.utils.DEFAULT_CA_BUNDLE_PATH
                )
            )
        else:
            where = str(verify)
        return _tls_context(where)

    def close(self) -> None:
        with self._lock:
            self._closed = True
            idle = [conn for conns in self._idle.values() for conn in conns]
            self._idle.clear()
        for conn in idle:
            conn.close()
        super().close()


_TLS_CONTEXTS: dict[tuple[str, int, int], ssl.SSLContext] = {}
_TLS_CONTEXTS_LOCK = threading.Lock()
_TLS_CONTEXTS_KEPT = 8


def _tls_context(where: str) -> ssl.SSLContext:
    """A verifying client context for a CA bundle file or folder, shared by the process.

    Loading certifi's bundle takes ~16 ms on a 2-core EPYC VM, and urllib3 does it for every new
    connection; here it is done once per bundle, and again when the file changes (size or mtime).
    """
    try:
        stat = os.stat(where)
    except (OSError, ValueError):
        raise OSError(
            f"Could not find a suitable TLS CA certificate bundle, invalid path: {where}"
        ) from None
    key = (where, stat.st_mtime_ns, stat.st_size)
    with _TLS_CONTEXTS_LOCK:
        context = _TLS_CONTEXTS.get(key)
    if context is not None:
        return context
    if os.path.isdir(where):
        context = ssl.create_default_context(capath=where)
    else:
        context = ssl.create_default_context(cafile=where)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    context.set_alpn_protocols(["http/1.1"])
    with _TLS_CONTEXTS_LOCK:
        for stale in [k for k in _TLS_CONTEXTS if k[0] == where]:
            del _TLS_CONTEXTS[stale]
        while len(_TLS_CONTEXTS) >= _TLS_CONTEXTS_KEPT:
            del _TLS_CONTEXTS[next(iter(_TLS_CONTEXTS))]
        _TLS_CONTEXTS[key] = context
    return context


def _dropped(conn: http.client.HTTPConnection) -> bool:
    """True when an idle connection was closed by the server (or has unread bytes)."""
    sock = conn.sock
    if sock is None:
        return True
    poller = select.poll()
    poller.register(sock, select.POLLIN)
    return bool(poller.poll(0))


def _decode(content: bytes, coding: str, request: requests.PreparedRequest) -> bytes:
    """Undo gzip / deflate content codings (the ones the connection asks for)."""
    for name in reversed([c.strip().lower() for c in coding.split(",")]):
        try:
            if name in ("gzip", "x-gzip"):
                content = zlib.decompress(content, 16 + zlib.MAX_WBITS)
            elif name == "deflate":
                try:
                    content = zlib.decompress(content)
                except zlib.error:  # raw deflate, as some servers send it
                    content = zlib.decompress(content, -zlib.MAX_WBITS)
            elif name not in ("", "identity"):
                break  # a coding not asked for: left as it is, as urllib3 does
        except zlib.error as exc:
            raise requests.exceptions.ContentDecodingError(exc, request=request) from exc
    return content


def _requests_error(exc: BaseException, request: requests.PreparedRequest) -> BaseException:
    """The ``requests`` exception for a failure while sending or reading."""
    if isinstance(exc, TimeoutError):
        return requests.exceptions.ReadTimeout(exc, request=request)
    if isinstance(exc, ssl.SSLError):
        return requests.exceptions.SSLError(exc, request=request)
    if isinstance(exc, http.client.HTTPException | OSError):
        # urllib3's wording, which _failure_kind reads as a dropped connection.
        aborted = urllib3.exceptions.ProtocolError("Connection aborted.", exc)
        return requests.exceptions.ConnectionError(aborted, request=request)
    return exc


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
            adapter = KeptAliveAdapter(pool_size)
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
                uncertain = uncertain or not policy.never_sent(exc)
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
            payload = _COMPACT_JSON.encode(params or {}).encode()
            query = ""
            headers = _POST_HEADERS.copy()
            headers["Content-Length"] = str(len(payload))
        else:
            query = urllib.parse.urlencode(list((params or {}).items()))
            payload = query.encode()
            headers = _HEADERS.copy()
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
