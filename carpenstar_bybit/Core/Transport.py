"""Sending one prepared request and reading its answer, within a deadline and a size cap.

urllib3, under requests' ``HTTPAdapter``, does HTTP: framing, pooling, content decoding. This
module adds what a kill switch needs on top, through the adapter's documented hooks:

* one verifying ``SSLContext`` per CA bundle, built once and handed to every new connection
  (requests loads the bundle again for each one: 16-48 ms);
* a deadline on the whole exchange: a process-wide watchdog thread shuts down the socket of a
  call that outlives it, so that a server dripping its head or body a byte at a time cannot hold
  the call (a socket timeout bounds each read, not their sum);
* a cap on the body, counted before (``tell()``) and after decoding, read in pieces so that a
  compression bomb never inflates past it; at most ``MAX_CODINGS`` stacked content codings;
* framing checked before the body is read: conflicting, negative or oversized ``Content-Length``;
* every failure mapped once, by type, to a ``TransportException`` with a ``FailureKind``.

A connection that failed in any way is closed, never put back for reuse.
"""

from __future__ import annotations

import contextlib
import os
import socket
import ssl
import threading
import time
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import requests
import requests.adapters
import requests.exceptions
import requests.structures
import requests.utils
import urllib3
import urllib3.connection
import urllib3.connectionpool
import urllib3.exceptions

if TYPE_CHECKING:  # names of the stubs only
    from requests.adapters import _HostParams, _PoolKwargs

from carpenstar_bybit.Core.Exceptions import (
    FailureKind,
    TimeoutException,
    TransportException,
)

DEFAULT_MAX_BODY = 16 * 1024 * 1024
MAX_CODINGS = 2
_READ_CHUNK = 64 * 1024
# How often the watchdog looks at running calls; the hard bound is the deadline plus this.
_WATCH_TICK = 0.1


class _Watch:
    """One call's deadline and the connection it is using."""

    __slots__ = ("conn", "deadline", "expired")

    def __init__(self, deadline: float) -> None:
        self.deadline = deadline
        self.conn: Any = None
        self.expired = False

    def expire(self) -> None:
        self.expired = True
        _shut(self.conn)


def _shut(conn: Any) -> None:
    sock = getattr(conn, "sock", None)
    if sock is None:
        return
    # socket.socket's own shutdown, also for an SSLSocket: its override would drop the TLS
    # object under the reading thread's feet. The reader then sees EOF or an error at once.
    with contextlib.suppress(OSError, TypeError, ValueError):
        socket.socket.shutdown(sock, socket.SHUT_RDWR)


class _Watchdog:
    """A daemon thread that ends the calls that outlive their deadline."""

    def __init__(self) -> None:
        self._cond = threading.Condition(threading.Lock())
        self._calls: dict[int, _Watch] = {}
        self._thread: threading.Thread | None = None

    def add(self, watch: _Watch) -> None:
        with self._cond:
            self._calls[id(watch)] = watch
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(
                    target=self._run, name="carpenstar_bybit-deadlines", daemon=True
                )
                self._thread.start()
            elif len(self._calls) == 1:
                self._cond.notify()

    def remove(self, watch: _Watch) -> None:
        with self._cond:
            self._calls.pop(id(watch), None)

    def _run(self) -> None:
        while True:
            with self._cond:
                if not self._calls:
                    self._cond.wait()
                else:
                    self._cond.wait(_WATCH_TICK)
                now = time.monotonic()
                late = [w for w in self._calls.values() if w.deadline <= now]
                for watch in late:
                    del self._calls[id(watch)]
            for watch in late:
                watch.expire()


_WATCHDOG = _Watchdog()
_CURRENT = threading.local()  # the _Watch of the call this thread is making


class _WatchedHTTPConnection(urllib3.connection.HTTPConnection):
    def request(self, *args: Any, **kwargs: Any) -> None:
        _attach(self)
        super().request(*args, **kwargs)


class _WatchedHTTPSConnection(urllib3.connection.HTTPSConnection):
    def request(self, *args: Any, **kwargs: Any) -> None:
        _attach(self)
        super().request(*args, **kwargs)


def _attach(conn: Any) -> None:
    watch: _Watch | None = getattr(_CURRENT, "watch", None)
    if watch is not None:
        watch.conn = conn
        if watch.expired:  # the watchdog came first and found no connection to shut
            _shut(conn)


class _HTTPPool(urllib3.connectionpool.HTTPConnectionPool):
    ConnectionCls = _WatchedHTTPConnection


class _HTTPSPool(urllib3.connectionpool.HTTPSConnectionPool):
    ConnectionCls = _WatchedHTTPSConnection


_POOLS = {"http": _HTTPPool, "https": _HTTPSPool}


class SharedTLSAdapter(requests.adapters.HTTPAdapter):
    """requests' ``HTTPAdapter`` with a TLS context shared per CA bundle and deadline-aware
    connections. Everything else (pooling, proxies, framing, decoding) is urllib3's, unchanged."""

    def init_poolmanager(
        self, connections: int, maxsize: int, block: bool = False, **pool_kwargs: Any
    ) -> None:
        super().init_poolmanager(connections, maxsize, block, **pool_kwargs)
        self.poolmanager.pool_classes_by_scheme = _POOLS

    def proxy_manager_for(self, proxy: str, **proxy_kwargs: Any) -> urllib3.PoolManager:
        manager: urllib3.PoolManager = super().proxy_manager_for(proxy, **proxy_kwargs)
        manager.pool_classes_by_scheme = _POOLS
        return manager

    def cert_verify(self, conn: Any, url: str, verify: bool | str, cert: Any) -> None:
        """requests' own, but a pool that has the shared context is not given the bundle's path
        as well: urllib3 would load the bundle into the context again for each connection."""
        super().cert_verify(conn, url, verify, cert)  # type: ignore[no-untyped-call]
        shared = getattr(conn, "conn_kw", {}).get("ssl_context")
        if shared is not None and verify is not False and not cert:
            conn.ca_certs = None
            conn.ca_cert_dir = None

    def build_response(self, req: requests.PreparedRequest, resp: Any) -> requests.Response:
        """requests' own, less the cookie jar: the library sends no cookies, so it reads none."""
        response = requests.Response()
        response.status_code = getattr(resp, "status", None)  # type: ignore[assignment]
        response.headers = requests.structures.CaseInsensitiveDict(getattr(resp, "headers", {}))
        response.encoding = requests.utils.get_encoding_from_headers(response.headers)
        response.raw = resp
        response.reason = resp.reason
        response.url = req.url or ""
        response.request = req
        response.connection = self
        return response

    def build_connection_pool_key_attributes(
        self, request: requests.PreparedRequest, verify: bool | str, cert: Any = None
    ) -> tuple[_HostParams, _PoolKwargs]:
        host_params, pool_kwargs = super().build_connection_pool_key_attributes(
            request, verify, cert
        )
        # A client certificate would be loaded into the context: it keeps a context of its own.
        if host_params.get("scheme") == "https" and verify is not False and cert is None:
            where = pool_kwargs.pop("ca_certs", None) or pool_kwargs.pop("ca_cert_dir", None)
            if where is None:
                where = _default_bundle()
            pool_kwargs["ssl_context"] = tls_context(str(where))
        return host_params, pool_kwargs


def _default_bundle() -> str:
    return str(
        requests.utils.extract_zipped_paths(  # type: ignore[no-untyped-call]
            requests.utils.DEFAULT_CA_BUNDLE_PATH
        )
    )


_TLS_CONTEXTS: dict[tuple[str, int, int], ssl.SSLContext] = {}
_TLS_CONTEXTS_LOCK = threading.Lock()
_TLS_CONTEXTS_KEPT = 8


def tls_context(where: str) -> ssl.SSLContext:
    """A verifying client context for a CA bundle file or folder, shared by the process.

    Built again when the file changes (size or mtime). urllib3's own defaults (TLS 1.2 at least,
    its ciphers and options) are kept: the context comes from ``create_urllib3_context``.
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
    context = urllib3.util.ssl_.create_urllib3_context()
    if os.path.isdir(where):
        context.load_verify_locations(capath=where)
    else:
        context.load_verify_locations(cafile=where)
    with _TLS_CONTEXTS_LOCK:
        for stale in [k for k in _TLS_CONTEXTS if k[0] == where]:
            del _TLS_CONTEXTS[stale]
        while len(_TLS_CONTEXTS) >= _TLS_CONTEXTS_KEPT:
            del _TLS_CONTEXTS[next(iter(_TLS_CONTEXTS))]
        _TLS_CONTEXTS[key] = context
    return context


class Answer:
    """Status, headers and the whole (decoded) body of one answer."""

    __slots__ = ("content", "headers", "reason", "status")

    def __init__(self, status: int, reason: str, headers: Mapping[str, str], content: bytes):
        self.status = status
        self.reason = reason
        self.headers = headers
        self.content = content


class Transport:
    """One ``requests.Session``'s adapters, resolved settings, and the rules above."""

    def __init__(
        self,
        session: requests.Session,
        *,
        proxies: Mapping[str, str],
        verify: bool | str,
        cert: str | tuple[str, str] | None,
        max_body: int = DEFAULT_MAX_BODY,
    ) -> None:
        self.session = session
        self.proxies = dict(proxies)
        self.verify = verify
        self.cert = cert
        self.max_body = max_body

    def send(
        self,
        prepared: requests.PreparedRequest,
        timeout: tuple[float, float],
        deadline: float,
        what: str,
        path: str | None = None,
        secret_url: bool = False,
    ) -> Answer:
        """Send ``prepared`` once and read the whole answer; ``what`` ("POST /path") names the
        call in messages. Raises ``TransportException`` for every failure, with its kind; when
        ``secret_url`` (credentials in the query, as HTX signs), not chained to the lower-layer
        error, whose text holds the URL."""
        watch = _Watch(deadline)
        _CURRENT.watch = watch
        _WATCHDOG.add(watch)
        raws: list[Any] = []
        cause: BaseException | None = None

        def read_body(response: requests.Response, *args: Any, **kwargs: Any) -> None:
            # A response hook: it runs before requests looks at a redirect, which would read a
            # redirect's body without any cap.
            raws.append(response.raw)
            response._content = self._read(response, response.raw, watch)
            response._content_consumed = True  # type: ignore[attr-defined]

        prepared.hooks = {"response": [read_body]}
        try:
            response = self.session.send(
                prepared,
                stream=True,
                allow_redirects=False,
                timeout=timeout,
                verify=self.verify,
                cert=self.cert,
                proxies=self.proxies,
            )
            content = response._content
            if not isinstance(content, bytes):  # a caller's hook replaced the response
                content = self._read(response, response.raw, watch)
            return Answer(response.status_code, response.reason or "", response.headers, content)
        except TransportException as exc:  # raised by _read, without a message yet
            kind = FailureKind.DEADLINE if watch.expired else exc.kind
        except MemoryError:
            kind = FailureKind.TOO_LARGE
        except Exception as exc:  # noqa: BLE001  # mapped by type; nothing foreign escapes
            kind = FailureKind.DEADLINE if watch.expired else failure_kind(exc)
            cause = exc
        finally:
            _WATCHDOG.remove(watch)
            _CURRENT.watch = None
        for raw in raws:
            _discard(raw)
        failure = _failure(kind, what, path, cause)
        # Raised outside the except block: when the URL is secret neither __cause__ nor
        # __context__ holds the lower-layer exception, whose text holds it.
        if secret_url or cause is None:
            raise failure
        raise failure from cause

    def _read(self, response: requests.Response, raw: Any, watch: _Watch) -> bytes:
        if response.status_code < 200:
            # An interim answer (102, 103; http.client skips only 100) or 101 taken for the
            # answer: no final answer was read, and the request may have acted. The connection
            # is not reused (the real answer may follow on it: its next bytes are not ours).
            raise TransportException(kind=FailureKind.MALFORMED)
        headers = response.headers
        limit = self.max_body
        length = _content_length(raw, headers)
        if length is not None and length > limit:
            raise TransportException(kind=FailureKind.TOO_LARGE)
        coding = headers.get("Content-Encoding")
        if coding and len([c for c in coding.split(",") if c.strip()]) > MAX_CODINGS:
            raise TransportException(kind=FailureKind.MALFORMED)
        if raw is None or not hasattr(raw, "stream"):
            content = response.content  # an adapter of the caller's that reads its own way
            if len(content) > limit:
                raise TransportException(kind=FailureKind.TOO_LARGE)
            return content
        pieces: list[bytes] = []
        total = 0
        tell = getattr(raw, "tell", None)
        # urllib3 decodes at most this much per piece, so a bomb never inflates past the cap;
        # stream() reads a chunked body with urllib3's own reader, which types a bad chunk size.
        for piece in raw.stream(_READ_CHUNK, decode_content=True):
            total += len(piece)
            if total > limit or (tell is not None and tell() > limit):
                raise TransportException(kind=FailureKind.TOO_LARGE)
            pieces.append(piece)
            if watch.expired or time.monotonic() > watch.deadline:
                raise TransportException(kind=FailureKind.DEADLINE)
        if not pieces:
            return b""
        return pieces[0] if len(pieces) == 1 else b"".join(pieces)

    def close(self) -> None:
        self.session.close()

    def __repr__(self) -> str:
        return f"Transport(max_body={getattr(self, 'max_body', None)})"


def _content_length(raw: Any, headers: Mapping[str, str]) -> int | None:
    """The body length the answer announces; a conflicting, negative or absurd one ends the call.

    urllib3 already refuses differing values in one field and reads a negative one as "unknown"
    (the body then runs to the end of the connection); here every field is read, and both are
    refused (RFC 9112 6.3: an invalid length is an unrecoverable error).
    """
    raw_headers = getattr(raw, "headers", None)
    getlist = getattr(raw_headers, "getlist", None)
    values = list(getlist("content-length")) if getlist is not None else []
    if not values:
        one = headers.get("Content-Length")
        values = [one] if one is not None else []
    if not values:
        return None
    seen = {v.strip() for value in values for v in value.split(",")}
    # At most 19 digits: anything longer is no body a client can hold (and int() of a few
    # thousand digits raises).
    if len(seen) != 1 or not all(v.isdigit() and v.isascii() and len(v) <= 19 for v in seen):
        raise TransportException(kind=FailureKind.MALFORMED)
    chunked = "chunked" in headers.get("Transfer-Encoding", "").lower()
    return None if chunked else int(seen.pop())


def _discard(raw: Any) -> None:
    """Close the connection of a failed answer, so that it is never reused, and free its slot."""
    if raw is None:
        return
    try:
        raw.close()
        release = getattr(raw, "release_conn", None)
        if release is not None:
            release()
    except Exception:  # noqa: BLE001, S110  # already failing; closing is best effort
        pass


def _failure(
    kind: FailureKind, what: str, path: str | None, exc: BaseException | None = None
) -> TransportException:
    label = kind.value
    if kind is FailureKind.OTHER and exc is not None:
        label = f"{label} ({type(exc).__name__})"
    cls = TimeoutException if kind.is_timeout else TransportException
    return cls(f"{label} calling {what}", path=path, kind=kind)


def failure_kind(exc: BaseException) -> FailureKind:
    """The kind of a lower-layer failure, by its type (and the types it wraps), never its text."""
    if isinstance(exc, requests.exceptions.ConnectTimeout):
        return FailureKind.CONNECT_TIMEOUT
    if isinstance(
        exc,
        requests.exceptions.ReadTimeout | urllib3.exceptions.ReadTimeoutError | TimeoutError,
    ):
        return FailureKind.READ_TIMEOUT
    if isinstance(exc, requests.exceptions.SSLError | urllib3.exceptions.SSLError | ssl.SSLError):
        return FailureKind.TLS
    if isinstance(
        exc,
        requests.exceptions.InvalidHeader
        | requests.exceptions.ChunkedEncodingError
        | requests.exceptions.ContentDecodingError
        | urllib3.exceptions.InvalidHeader
        | urllib3.exceptions.InvalidChunkLength
        | urllib3.exceptions.DecodeError
        | urllib3.exceptions.HeaderParsingError
        | ValueError
        | OverflowError
        | UnicodeError,
    ):
        return FailureKind.MALFORMED
    if isinstance(exc, requests.exceptions.ConnectionError):
        reason = exc.args[0] if exc.args else None
        if isinstance(reason, urllib3.exceptions.MaxRetryError):
            reason = reason.reason
        if isinstance(reason, urllib3.exceptions.NewConnectionError):
            return FailureKind.REFUSED  # the TCP connection was never made
        if isinstance(reason, urllib3.exceptions.ConnectTimeoutError):
            return FailureKind.CONNECT_TIMEOUT
        if isinstance(reason, urllib3.exceptions.SSLError):
            return FailureKind.TLS
        return FailureKind.DROPPED
    if isinstance(exc, urllib3.exceptions.ProtocolError):
        # urllib3 wraps what http.client raised while reading: a bad chunk size is framing.
        if any(isinstance(arg, urllib3.exceptions.InvalidChunkLength) for arg in exc.args):
            return FailureKind.MALFORMED
        return FailureKind.DROPPED
    if isinstance(exc, urllib3.exceptions.ResponseNotChunked | OSError):
        return FailureKind.DROPPED
    return FailureKind.OTHER


__all__ = [
    "DEFAULT_MAX_BODY",
    "MAX_CODINGS",
    "Answer",
    "SharedTLSAdapter",
    "Transport",
    "failure_kind",
    "tls_context",
]
