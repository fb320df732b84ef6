"""One V5 stream connection and everything that must survive its reconnects.

``WebSocketStream`` owns the subscriptions (topic → channel, handler, output mode, kept state),
the credentials of a private stream and the connection. ``run()`` is the one loop, in the
caller's thread (``BybitAPI.websocket()``, PHP's shape); ``start()`` runs the same loop in a
background thread and ``stop()`` ends it within a second and joins it.

The loop does everything in one thread, so no timer or extra thread is left behind: it waits for
a frame with ``recv(timeout=…)`` until the next thing due — ``{"op":"ping"}`` every 20 s, the
pong it asked for (10 s), or the silence bound (``timeout``, 30 s by default). A missing pong, a
silent, dropped or refused connection is reconnected with exponential backoff and jitter; a
private stream authenticates again, every topic is subscribed again and every order book waits for
its fresh snapshot. A gap in a book's ``u`` resubscribes that one topic.

Framing is the ``websockets`` library's (its threaded client). The loop makes the TCP socket
itself and keeps a duplicate of it, only so that ``stop()`` can shut it down from another thread
at any moment: connecting, in the handshake or waiting for a frame.

Errors: a refused auth or subscription, or a frame that is not V5, raises ``WebSocketException``;
``max_reconnects`` failed connections in a row raise ``TransportException``; whatever a handler
raises ends the loop and is raised as it is. In the background these are raised by ``stop()``,
``join()`` or ``raise_if_failed()`` in the caller's thread.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import inspect
import json
import logging
import secrets
import socket
import ssl as ssl_module
import threading
import time
import urllib.parse
from collections.abc import Callable
from types import TracebackType
from typing import TYPE_CHECKING, Any, Self

from carpenstar_bybit.Core.Auth import check_key, mask_key
from carpenstar_bybit.Core.Connection import normalize_base_url, system_clock_ms
from carpenstar_bybit.Core.Enums import EnumOutputMode
from carpenstar_bybit.Core.Exceptions import (
    FailureKind,
    SDKException,
    TransportException,
    safe_excerpt,
)
from carpenstar_bybit.WebSockets.Exceptions import WebSocketException
from carpenstar_bybit.WebSockets.State import BookGap

if TYPE_CHECKING:
    from carpenstar_bybit.Core.Objects.WebSockets import WebSocketArgument, WebSocketsPublicChannel

logger = logging.getLogger("carpenstar_bybit")

PING_INTERVAL = 20.0  # Bybit: "send the ping heartbeat packet every 20 seconds"
DEFAULT_TIMEOUT = 30.0  # silence bound: no frame (data or pong) for this long → reconnect
PONG_TIMEOUT = 10.0
CONNECT_TIMEOUT = 10.0
AUTH_MARGIN_MS = 10_000  # auth ``expires`` = exchange time + 10 s: survives a few seconds of skew
ARGS_PER_REQUEST = 10  # spot's limit per subscribe request; used for every stream
BACKOFF = 0.1
MAX_BACKOFF = 10.0
MAX_FRAME = 16 * 2**20
STOP_JOIN = 0.9

PRIVATE = "private"
# Bybit's API hosts whose streams are ``stream.<domain>`` (regional sites included).
_BYBIT_DOMAINS = (
    "bybit.com",
    "bytick.com",
    "bybit.tr",
    "bybit.kz",
    "bybit.id",
    "bybit.eu",
    "bybit.nl",
    "bybitgeorgia.ge",
    "manepa.jp",
)
_CATEGORIES = ("spot", "linear", "inverse", "option")

Handler = Callable[[Any], object]


def stream_url(host: str, category: str) -> str:
    """The V5 stream of ``category`` (``spot``, ``linear``, ``inverse``, ``option`` or
    ``private``) for a REST base URL.

    ``https://api.bybit.com`` → ``wss://stream.bybit.com/v5/public/<category>`` (and
    ``/v5/private``); ``api-testnet`` → ``stream-testnet``; ``api-demo`` → ``stream-demo`` for
    private streams (demo trading's public data is mainnet's, so public ones go to ``stream``).
    Any other ``http(s)://host:port`` (the sandbox, a test server) → ``ws(s)://host:port/v5/…``.
    """
    if category != PRIVATE and category not in _CATEGORIES:
        raise SDKException(f"category: must be one of {', '.join(_CATEGORIES)} (got {category!r})")
    base = urllib.parse.urlsplit(normalize_base_url(host))
    path = "/v5/private" if category == PRIVATE else f"/v5/public/{category}"
    name = base.hostname or ""
    label, _, domain = name.partition(".")
    if base.scheme == "https" and base.port is None and domain in _BYBIT_DOMAINS:
        if label == "api":
            return f"wss://stream.{domain}{path}"
        if label == "api-testnet":
            return f"wss://stream-testnet.{domain}{path}"
        if label == "api-demo":
            return f"wss://{'stream-demo' if category == PRIVATE else 'stream'}.{domain}{path}"
    scheme = "wss" if base.scheme == "https" else "ws"
    return f"{scheme}://{base.netloc}{path}"


def auth_signature(secret: str, expires: int) -> str:
    """V5 stream auth: hex HMAC-SHA256(secret, ``"GET/realtime" + expires``)."""
    return hmac.new(
        secret.encode("utf-8"), f"GET/realtime{expires}".encode(), hashlib.sha256
    ).hexdigest()


def auth_message(apiKey: str, secret: str, expires: int) -> str:
    """The ``auth`` frame, as sent: ``{"req_id":"auth","op":"auth","args":[key, expires, sig]}``."""
    args = [apiKey, expires, auth_signature(secret, expires)]
    return json.dumps({"req_id": "auth", "op": "auth", "args": args}, separators=(",", ":"))


def _seconds(name: str, value: object, low: float = 0.001) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not value >= low:
        raise SDKException(f"{name}: must be a number of seconds >= {low} (got {value!r})")
    if value > 86_400:
        raise SDKException(f"{name}: must be at most 86400 seconds (got {value!r})")
    return float(value)


class _Reconnect(Exception):  # a signal inside the loop, never seen by callers
    def __init__(self, reason: str, kind: FailureKind = FailureKind.DROPPED) -> None:
        super().__init__(reason)
        self.reason = reason
        self.kind = kind


class _Stopped(Exception):  # stop() was called while connecting
    pass


class _Topic:
    """One subscribed topic: where its messages go, in which form, and what is kept for it."""

    __slots__ = ("call", "channel", "entities", "handler", "key", "make", "mode", "state", "topic")

    def __init__(
        self,
        topic: str,
        channel: type[WebSocketsPublicChannel],
        handler: Any,
        mode: int,
        key: tuple[type, tuple[str, ...]],
    ) -> None:
        self.topic = topic
        self.channel = channel
        self.handler = handler
        self.mode = mode
        self.key = key
        self.state = channel.STATE() if channel.STATE is not None else None
        self.entities = channel.entities
        # One DTO over the whole (kept) message: made directly, without a list.
        self.make = None if channel.PER_ITEM else channel.ENTITY.fromItem
        self.call: Handler = handler.handle

    def deliver(self, message: dict[str, Any], text: str) -> None:
        state = self.state
        out: dict[str, Any] = message
        if state is not None:
            try:
                kept = state.feed(message)
            except BookGap:
                raise
            except (KeyError, TypeError, ValueError, IndexError, AttributeError) as exc:
                raise _malformed(self.topic, exc) from None
            if kept is None:
                return
            out = kept
        mode = self.mode
        if mode == EnumOutputMode.MODE_ENTITY:
            make = self.make
            if make is not None:
                self.call(make(out))
                return
            try:
                items = self.entities(out)
            except (KeyError, TypeError, ValueError, AttributeError) as exc:
                raise _malformed(self.topic, exc) from None
            call = self.call
            for item in items:
                call(item)
        elif mode == EnumOutputMode.MODE_ARRAY:
            self.call(out)
        else:
            self.call(text)


def _malformed(topic: str, exc: BaseException) -> WebSocketException:
    return WebSocketException(
        f"stream: a message of {topic!r} is not V5's shape ({type(exc).__name__})"
    )


class WebSocketStream:
    """One connection to one V5 stream (a public category or the private stream).

    ``subscribe(channel, argument, handler, mode)`` adds topics (sent at once when connected,
    else on connect), ``unsubscribe(channel, argument)`` removes them. ``run()`` blocks until
    ``stop()``; ``start()`` runs it in a background thread; ``with stream:`` starts and stops.

    Options: ``timeout`` (silence bound in seconds, default 30), ``ping_interval`` (20),
    ``pong_timeout`` (10), ``connect_timeout`` (10), ``backoff``/``max_backoff`` (first and
    largest wait between reconnects, 0.1 and 10 s, with jitter), ``max_reconnects`` (failed
    connections in a row before giving up with ``TransportException``; None: never),
    ``clock`` (ms since the epoch, for tests) and ``clock_offset`` (ms to add to it: the REST
    connection's offset from the exchange, used for auth ``expires``).
    """

    def __init__(
        self,
        host: str,
        category: str,
        *,
        apiKey: str = "",
        secret: str = "",
        timeout: float = DEFAULT_TIMEOUT,
        ping_interval: float = PING_INTERVAL,
        pong_timeout: float = PONG_TIMEOUT,
        connect_timeout: float = CONNECT_TIMEOUT,
        backoff: float = BACKOFF,
        max_backoff: float = MAX_BACKOFF,
        max_reconnects: int | None = None,
        clock: Callable[[], int] | None = None,
        clock_offset: Callable[[], int] | None = None,
        ssl: ssl_module.SSLContext | None = None,
    ) -> None:
        self.url = stream_url(host, category)
        self.category = category
        self.private = category == PRIVATE
        self._api_key = check_key("apiKey", apiKey)
        self._secret = check_key("secret", secret)
        if self.private and not (self._api_key and self._secret):
            raise SDKException(
                "apiKey, secret: a private stream needs both; call setCredentials(host, apiKey, "
                "secret)"
            )
        self.timeout = _seconds("timeout", timeout, 0.05)
        self.ping_interval = _seconds("ping_interval", ping_interval, 0.05)
        self.pong_timeout = _seconds("pong_timeout", pong_timeout, 0.05)
        self.connect_timeout = _seconds("connect_timeout", connect_timeout, 0.05)
        self.backoff = _seconds("backoff", backoff, 0.0)
        self.max_backoff = _seconds("max_backoff", max_backoff, 0.0)
        if max_reconnects is not None and (
            isinstance(max_reconnects, bool)
            or not isinstance(max_reconnects, int)
            or max_reconnects < 0
        ):
            raise SDKException(f"max_reconnects: must be None or >= 0 (got {max_reconnects!r})")
        self.max_reconnects = max_reconnects
        self._clock = clock or system_clock_ms
        self._clock_offset = clock_offset or (lambda: 0)
        self._ssl = ssl
        self._topics: dict[str, _Topic] = {}
        self._pending: dict[str, tuple[str, list[str]]] = {}
        self._req = 0
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._stopping = False  # the same as _stop.is_set(), read once a message
        self._handle: socket.socket | None = None
        self._ws: Any = None
        self._thread: threading.Thread | None = None
        self._running = False
        self._error: BaseException | None = None
        self._pong_due: float | None = None
        self._had_data = False
        self.reconnects = 0  # connections made again after the first
        self.resyncs = 0  # books rebuilt after a gap

    # -- subscriptions ---------------------------------------------------------------------------

    def subscribe(
        self,
        channel: type[WebSocketsPublicChannel],
        argument: WebSocketArgument,
        handler: Any,
        mode: int = EnumOutputMode.MODE_ENTITY,
    ) -> Self:
        """Add the argument's topics; each message of them goes to ``handler.handle()``."""
        from carpenstar_bybit.Core.Objects.WebSockets import check_channel

        category, topics = check_channel("channel", channel).topicsFor(argument)
        if category != self.category:
            raise SDKException(
                f"{channel.__name__}: its topics are on the {category} stream, this stream is "
                f"{self.category}'s; open another stream for them"
            )
        if mode not in EnumOutputMode.ALL:
            raise SDKException(
                f"mode: must be EnumOutputMode.MODE_ENTITY, MODE_ARRAY or MODE_JSON (got {mode!r})"
            )
        if not callable(getattr(handler, "handle", None)):
            raise SDKException(f"handler: {type(handler).__name__} has no handle(data) method")
        key = (channel, tuple(topics))
        with self._lock:
            taken = [topic for topic in topics if topic in self._topics]
            if taken:
                raise SDKException(f"topics already subscribed on this stream: {taken}")
            for topic in topics:
                entry = _Topic(topic, channel, handler, mode, key)
                if _takes_stream(handler):
                    entry.call = _with_stream(handler.handle, self)
                self._topics[topic] = entry
            # Connected: send now. Not yet: the connection subscribes every topic it finds
            # (both are decided under the lock, so no topic is subscribed twice).
            ws = self._ws
        if ws is not None:
            self._request(ws, "subscribe", topics)
        return self

    def unsubscribe(
        self, channel: type[WebSocketsPublicChannel], argument: WebSocketArgument
    ) -> Self:
        """Remove the argument's topics (their kept books and tickers are dropped)."""
        _, topics = channel.topicsFor(argument)
        with self._lock:
            missing = [topic for topic in topics if topic not in self._topics]
            if missing:
                raise SDKException(f"topics not subscribed on this stream: {missing}")
            for topic in topics:
                del self._topics[topic]
            ws = self._ws
        if ws is not None:
            self._request(ws, "unsubscribe", topics)
        return self

    def topics(self) -> list[str]:
        return list(self._topics)

    def _request(self, ws: Any, op: str, topics: list[str]) -> None:
        """Send ``op`` for ``topics`` on ``ws``, at most 10 a request (spot's limit)."""
        for start in range(0, len(topics), ARGS_PER_REQUEST):
            chunk = topics[start : start + ARGS_PER_REQUEST]
            with self._lock:
                self._req += 1
                req_id = f"{op[:5]}-{self._req}"
                self._pending[req_id] = (op, chunk)
            text = json.dumps({"req_id": req_id, "op": op, "args": chunk}, separators=(",", ":"))
            self._send(ws, text)

    # -- the loop --------------------------------------------------------------------------------

    def run(self) -> None:
        """Connect, subscribe and hand messages to the handlers until ``stop()`` or an error.

        Blocks in the calling thread. A handler's exception, a refused auth or subscription, or
        ``max_reconnects`` failures in a row end it with that exception.
        """
        with self._lock:
            if self._running:
                raise SDKException("this stream is already running")
            self._running = True
        failures = 0
        first = True
        try:
            while not self._stop.is_set():
                self._had_data = False
                try:
                    self._session(first)
                    return  # stopped
                except _Stopped:
                    return
                except _Reconnect as why:
                    if self._stop.is_set():
                        return
                    failures = 1 if self._had_data else failures + 1
                    if self.max_reconnects is not None and failures > self.max_reconnects:
                        raise TransportException(
                            f"stream {self.url}: {failures} connection(s) failed in a row; "
                            f"last: {why.reason}",
                            kind=why.kind,
                            attempts=failures,
                            uncertain=False,
                        ) from None
                    delay = min(self.max_backoff, self.backoff * 2 ** (failures - 1))
                    delay *= secrets.SystemRandom().uniform(0.5, 1.0)
                    logger.warning(
                        "stream %s: %s; reconnecting in %.2f s", self.url, why.reason, delay
                    )
                    if self._stop.wait(delay):
                        return
                    self.reconnects += 1
                first = False
        finally:
            with self._lock:
                self._running = False

    def _session(self, first: bool) -> None:
        from websockets.exceptions import InvalidHandshake, InvalidStatus, InvalidURI
        from websockets.sync.client import connect

        deadline = time.monotonic() + self.connect_timeout
        sock = self._open_socket(deadline)
        try:
            try:
                ws = connect(
                    self.url,
                    sock=sock,
                    ssl=self._ssl,
                    open_timeout=max(0.05, deadline - time.monotonic()),
                    ping_interval=None,
                    close_timeout=0.5,
                    compression=None,
                    max_size=MAX_FRAME,
                )
            except InvalidStatus as exc:
                status = getattr(getattr(exc, "response", None), "status_code", "?")
                raise _Reconnect(f"the upgrade was refused (HTTP {status})") from None
            except (InvalidHandshake, InvalidURI) as exc:
                raise _Reconnect(f"the handshake failed ({type(exc).__name__})") from None
            except TimeoutError:
                raise _Reconnect("the handshake timed out", FailureKind.CONNECT_TIMEOUT) from None
            except ssl_module.SSLCertVerificationError as exc:
                # Not a passing failure: trying again would only meet the same certificate.
                raise TransportException(
                    f"stream {self.url}: the server's certificate was refused ({exc.reason})",
                    kind=FailureKind.TLS,
                    uncertain=False,
                ) from None
            except OSError as exc:
                if self._stop.is_set():
                    raise _Stopped from None
                raise _Reconnect(f"the handshake failed ({type(exc).__name__})") from None
            with ws:
                try:
                    self._pending.clear()
                    self._pong_due = None
                    if self.private:
                        self._authenticate(ws)
                    with self._lock:
                        for entry in self._topics.values():
                            if entry.state is not None:
                                entry.state.reset()  # books wait for the fresh snapshot
                        initial = list(self._topics)
                        self._ws = ws
                    logger.info("stream %s: %s", self.url, "connected" if first else "reconnected")
                    self._request(ws, "subscribe", initial)
                    self._pump(ws)
                finally:
                    with self._lock:
                        self._ws = None
                    self._abort()  # close() then returns at once, the server being gone or not
        finally:
            with self._lock:
                handle, self._handle = self._handle, None
            if handle is not None:
                handle.close()

    def _open_socket(self, deadline: float) -> socket.socket:
        parts = urllib.parse.urlsplit(self.url)
        port = parts.port or (443 if parts.scheme == "wss" else 80)
        try:
            infos = socket.getaddrinfo(parts.hostname, port, type=socket.SOCK_STREAM)
        except OSError as exc:
            raise _Reconnect(f"the host was not found ({type(exc).__name__})") from None
        reason = "no address"
        for family, kind, proto, _, address in infos:
            sock = socket.socket(family, kind, proto)
            with self._lock:
                if self._stop.is_set():
                    sock.close()
                    raise _Stopped
                self._handle = sock.dup()  # ours: stop() shuts the socket down through it
            try:
                sock.settimeout(max(0.01, deadline - time.monotonic()))
                sock.connect(address)
                sock.settimeout(None)
                return sock
            except OSError as exc:
                reason = (
                    "connection refused"
                    if isinstance(exc, ConnectionRefusedError)
                    else (f"connect failed ({type(exc).__name__})")
                )
                with self._lock:
                    handle, self._handle = self._handle, None
                if handle is not None:
                    handle.close()
                sock.close()
                if self._stop.is_set():
                    raise _Stopped from None
        raise _Reconnect(reason, FailureKind.REFUSED)

    def _abort(self) -> None:
        with self._lock:
            handle = self._handle
            if handle is None:
                return
            with contextlib.suppress(OSError):  # not connected yet, or already shut
                handle.shutdown(socket.SHUT_RDWR)

    def _send(self, ws: Any, text: str) -> None:
        from websockets.exceptions import ConnectionClosed

        try:
            ws.send(text)
        except (ConnectionClosed, OSError, RuntimeError):
            # RuntimeError: websockets' "cannot call send while another thread…" on a dying socket
            raise _Reconnect("the connection dropped while sending") from None

    def _recv(self, ws: Any, wait: float) -> str | None:
        from websockets.exceptions import ConnectionClosed

        try:
            frame = ws.recv(timeout=wait)
        except TimeoutError:
            return None
        except (ConnectionClosed, OSError, RuntimeError, EOFError):
            if self._stop.is_set():
                raise _Stopped from None
            raise _Reconnect("the connection dropped") from None
        if isinstance(frame, str):
            return frame
        return bytes(frame).decode("utf-8", "replace")

    def _authenticate(self, ws: Any) -> None:
        expires = self._clock() + self._clock_offset() + AUTH_MARGIN_MS
        self._send(ws, auth_message(self._api_key, self._secret, expires))
        deadline = time.monotonic() + self.timeout
        while True:
            wait = deadline - time.monotonic()
            if wait <= 0:
                raise _Reconnect("no answer to auth")
            text = self._recv(ws, wait)
            if text is None:
                continue
            message = self._parse(text)
            if message.get("op") == "auth":
                self._control(message)
                return

    def _parse(self, text: str) -> dict[str, Any]:
        try:
            message = json.loads(text)
        except (ValueError, RecursionError):
            message = None
        if not isinstance(message, dict):
            raise WebSocketException(
                "stream: a frame is not a JSON object", excerpt=safe_excerpt(text, 80)
            )
        return message

    def _pump(self, ws: Any) -> None:
        from websockets.exceptions import ConnectionClosed

        recv = ws.recv
        loads = json.loads
        monotonic = time.monotonic
        topics = self._topics
        stop = self._stop
        timeout = self.timeout
        next_ping = monotonic() + self.ping_interval
        silent_at = monotonic() + timeout
        while not self._stopping:
            now = monotonic()
            due = next_ping if next_ping < silent_at else silent_at
            pong_due = self._pong_due
            if pong_due is not None and pong_due < due:
                due = pong_due
            text: str | None = None
            if due > now:
                try:
                    text = recv(due - now)
                except TimeoutError:
                    pass
                except (ConnectionClosed, OSError, RuntimeError, EOFError):
                    if stop.is_set():
                        raise _Stopped from None
                    raise _Reconnect("the connection dropped") from None
            if text is None:
                now = monotonic()
                if self._pong_due is not None and now >= self._pong_due:
                    raise _Reconnect("the ping was not answered")
                if now >= silent_at:
                    raise _Reconnect(f"the stream was silent for {self.timeout:g} s")
                if now >= next_ping:
                    self._send(ws, '{"req_id":"ping","op":"ping"}')
                    if self._pong_due is None:
                        self._pong_due = now + self.pong_timeout
                    next_ping = now + self.ping_interval
                continue
            silent_at = monotonic() + timeout
            if text.__class__ is not str:
                text = bytes(text).decode("utf-8", "replace")  # type: ignore[arg-type]
            try:
                message = loads(text)
                topic = message.get("topic")
            except (ValueError, AttributeError, RecursionError):
                message = self._parse(text)  # raises
                topic = None
            if topic is None:
                self._control(message)
                continue
            entry = topics.get(topic) if topic.__class__ is str else None
            if entry is None:
                continue  # a topic unsubscribed a moment ago
            self._had_data = True
            try:
                entry.deliver(message, text)
            except BookGap as gap:
                self.resyncs += 1
                logger.warning(
                    "stream %s: %s skipped from u=%d to u=%d; rebuilding it from a fresh snapshot",
                    self.url,
                    topic,
                    gap.last,
                    gap.got,
                )
                self._request(ws, "unsubscribe", [topic])
                self._request(ws, "subscribe", [topic])

    def _control(self, message: dict[str, Any]) -> None:
        """Acks and pongs; a refusal raises ``WebSocketException``."""
        op = message.get("op")
        if op == "pong" or message.get("ret_msg") == "pong":
            self._pong_due = None
            return
        if message.get("type") == "COMMAND_RESP":  # option and spread acks
            data = message.get("data")
            failed = data.get("failTopics") if isinstance(data, dict) else None
            if failed:
                raise self._refused("subscribe", failed, message)
            return
        req_id = message.get("req_id")
        pending = self._pending.pop(req_id, None) if isinstance(req_id, str) else None
        if message.get("success") is False or (
            isinstance(message.get("retCode"), int) and message.get("retCode") != 0
        ):
            if op == "auth":
                raise self._refused("auth", [], message)
            what, topics = pending or (str(op or "request"), [])
            raise self._refused(what, topics, message)

    def _refused(self, op: str, topics: list[Any], message: dict[str, Any]) -> WebSocketException:
        said = message.get("ret_msg", message.get("retMsg", ""))
        said = safe_excerpt(str(said), 160)
        if self._api_key:
            said = said.replace(self._api_key, mask_key(self._api_key))
        code = message.get("retCode", 0)
        code = code if isinstance(code, int) and not isinstance(code, bool) else 0
        what = f"{op} refused" + (f" for {', '.join(map(str, topics))}" if topics else "")
        return WebSocketException(f"stream {self.url}: {what}: {said or 'no reason given'}", code)

    # -- background ------------------------------------------------------------------------------

    def start(self) -> Self:
        """Run the loop in a background thread; ``stop()`` ends it, ``join()`` waits for it."""
        with self._lock:
            if self._thread is not None:
                raise SDKException("this stream was started already")
            self._thread = threading.Thread(
                target=self._guarded, name=f"carpenstar-stream {self.category}", daemon=True
            )
        self._thread.start()
        return self

    def _guarded(self) -> None:
        try:
            self.run()
        except BaseException as exc:  # noqa: BLE001  # handed to the caller's thread
            self._error = exc
            self._stopping = True
            self._stop.set()

    def stop(self, timeout: float = STOP_JOIN) -> None:
        """End the stream: returns within about a second (unless a handler call is still running)
        with no thread or socket left, then raises the error that ended it, if any."""
        self._stopping = True
        self._stop.set()
        self._abort()
        thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout)
        self.raise_if_failed()

    close = stop

    def join(self, timeout: float | None = None) -> None:
        """Wait for a background stream to end (by ``stop()`` or an error); raise its error."""
        thread = self._thread
        if thread is not None:
            thread.join(timeout)
        self.raise_if_failed()

    def raise_if_failed(self) -> None:
        """Raise, in the calling thread, the error that ended the background loop (once)."""
        error, self._error = self._error, None
        if error is not None:
            raise error

    def is_running(self) -> bool:
        thread = self._thread
        return self._running or (thread is not None and thread.is_alive())

    def __enter__(self) -> Self:
        if self._thread is None:
            self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if exc_type is None:
            self.stop()
            return
        with contextlib.suppress(Exception):  # the exception already leaving the block wins
            self.stop()

    def __repr__(self) -> str:
        key = f", apiKey={mask_key(self._api_key)}" if self._api_key else ""
        return f"WebSocketStream({self.url!r}, topics={len(self._topics)}{key})"

    __str__ = __repr__

    def __reduce__(self) -> Any:
        raise SDKException("WebSocketStream cannot be pickled: it holds a connection")


def _with_stream(handle: Callable[[Any, Any], object], stream: WebSocketStream) -> Handler:
    def call(data: Any) -> object:
        return handle(data, stream)

    return call


def _takes_stream(handler: Any) -> bool:
    """True for a core-5.1 style ``handle(data, connection)``: it is given the stream too."""
    try:
        parameters = list(inspect.signature(handler.handle).parameters.values())
    except (TypeError, ValueError):
        return False
    positional = [
        p
        for p in parameters
        if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD) and p.default is p.empty
    ]
    return len(positional) >= 2


__all__ = [
    "AUTH_MARGIN_MS",
    "DEFAULT_TIMEOUT",
    "PING_INTERVAL",
    "PRIVATE",
    "WebSocketStream",
    "auth_message",
    "auth_signature",
    "stream_url",
]
