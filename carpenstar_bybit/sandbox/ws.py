"""One WebSocket connection of the sandbox, on a socket the HTTP handler has already read the
upgrade request from.

The ``websockets`` library's sans-I/O ``ServerProtocol`` does all of RFC 6455: the handshake
answer, frame parsing, unmasking, the answers to ping and close frames. This module only moves
bytes between it and the socket, in the HTTP handler's own thread, so a stream costs no thread of
its own. Other threads (the price feed, REST calls that trade) hand it texts with ``send()``: they
are queued and a byte on a socket pair wakes the loop, so a slow client never blocks them.
"""

from __future__ import annotations

import contextlib
import logging
import selectors
import socket
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable

from websockets.datastructures import Headers
from websockets.frames import Frame, Opcode
from websockets.http11 import Request
from websockets.protocol import State
from websockets.server import ServerProtocol

logger = logging.getLogger("carpenstar_bybit.sandbox")

MAX_QUEUE = 50_000  # texts waiting for a client that does not read: past it, the client is cut
SEND_TIMEOUT_S = 5.0  # a client that takes nothing for this long is cut
CLOSE_WAIT_S = 0.5  # after our close frame, how long to wait for the client's
_READ = 1 << 16


class WsConnection:
    """The transport of one stream. ``run()`` serves until the connection ends; every other
    method may be called from any thread."""

    def __init__(self, sock: socket.socket) -> None:
        self._sock = sock
        self._protocol = ServerProtocol(max_size=1 << 20)
        self._outbox: deque[str] = deque()
        self._wake_r, self._wake_w = socket.socketpair()
        self._wake_w.setblocking(False)  # a full pair already means "wake up"
        self._fragments: list[bytes] | None = None  # a text message arriving in pieces
        self._lock = threading.Lock()
        self._action: str | None = None  # "drop", "close", "stall", "stop"
        self._close_code = 1000
        self._close_reason = ""
        self._stall_until: float | None = None
        self.last_activity = time.monotonic()

    # -- the handshake -------------------------------------------------------------------------

    def handshake(self, path: str, headers: Iterable[tuple[str, str]]) -> bool:
        """Answer the upgrade request the HTTP handler parsed; True when the stream is open.

        The request is handed to the protocol as the bytes it arrived as (re-serialised), so the
        library checks every header and writes the 101 (or the 4xx) itself."""
        request = Request(path, Headers(headers))
        self._protocol.receive_data(request.serialize())
        parsed = next(
            (event for event in self._protocol.events_received() if isinstance(event, Request)),
            None,
        )
        if parsed is None:
            self._flush()
            return False
        response = self._protocol.accept(parsed)
        self._protocol.send_response(response)
        self._flush()
        return self._protocol.state is State.OPEN

    # -- called from any thread ------------------------------------------------------------------

    def send(self, text: str) -> None:
        """Queue a text message; the connection's thread sends it."""
        with self._lock:
            if self._action in ("drop", "stop"):
                return
            if self._stall_until is not None:
                return  # a stalled server sends nothing
            if len(self._outbox) >= MAX_QUEUE:
                self._action = "drop"
            else:
                self._outbox.append(text)
        self._wake()

    def drop(self) -> None:
        """Cut the TCP connection without a close frame."""
        self._act("drop")

    def close(self, code: int = 1000, reason: str = "") -> None:
        """Send a close frame (after what is queued) and end the connection."""
        with self._lock:
            self._close_code, self._close_reason = code, reason
        self._act("close")

    def stall(self, seconds: float | None) -> None:
        """Stop sending and stop answering pings (frames and ``op: ping``); after ``seconds``
        (None: never) the connection is cut, as a server that hung would be."""
        with self._lock:
            self._stall_until = float("inf") if seconds is None else time.monotonic() + seconds
            self._outbox.clear()
        self._wake()

    def stop(self) -> None:
        """The sandbox stops: a close frame 1001 "going away", then the end."""
        with self._lock:
            self._close_code, self._close_reason = 1001, "sandbox stopping"
        self._act("stop")

    @property
    def stalled(self) -> bool:
        return self._stall_until is not None

    def _act(self, action: str) -> None:
        with self._lock:
            if self._action not in ("drop", "stop"):
                self._action = action
        self._wake()

    def _wake(self) -> None:
        with contextlib.suppress(OSError):  # the loop has ended and closed the pair
            self._wake_w.send(b"\0")

    # -- the loop (the HTTP handler's thread) ---------------------------------------------------

    def run(
        self,
        on_text: Callable[[str], None],
        on_timer: Callable[[float], float],
    ) -> None:
        """Serve until the client leaves, an action ends the stream, or the sandbox stops.

        ``on_text(text)`` gets each text message; ``on_timer(now)`` runs after every wake-up and
        returns how many seconds may pass before it must run again."""
        selector = selectors.DefaultSelector()
        try:
            self._sock.settimeout(SEND_TIMEOUT_S)
            selector.register(self._sock, selectors.EVENT_READ, "socket")
            selector.register(self._wake_r, selectors.EVENT_READ, "wake")
            timeout = 0.0
            while True:
                for key, _ in selector.select(min(max(timeout, 0.0), 1.0)):
                    if key.data == "wake":
                        self._wake_r.recv(4096)
                    elif not self._receive(on_text):
                        return
                if not self._step():
                    return
                now = time.monotonic()
                timeout = on_timer(now)
                stall_until = self._stall_until
                if stall_until is not None:
                    timeout = min(timeout, stall_until - now)
                if not self._step():
                    return
        except OSError:
            logger.debug("stream connection ended by a socket error", exc_info=True)
        finally:
            selector.close()

    def release(self) -> None:
        """Close the wake-up pair (the socket itself belongs to the HTTP server)."""
        with self._lock:
            self._action = "drop"  # later sends are dropped, not queued
        self._wake_r.close()
        self._wake_w.close()

    def _receive(self, on_text: Callable[[str], None]) -> bool:
        data = self._sock.recv(_READ)
        if not data:
            self._protocol.receive_eof()
            return False
        self._protocol.receive_data(data)
        if self._stall_until is not None:
            self._protocol.events_received()  # a hung server reads nothing it would answer
            self._protocol.data_to_send()  # nor answers ping frames
            return True
        for event in self._protocol.events_received():
            if not isinstance(event, Frame):
                continue
            if event.opcode in (Opcode.PING, Opcode.PONG, Opcode.CLOSE):
                self.last_activity = time.monotonic()  # the protocol answers these itself
                continue
            if event.opcode is Opcode.TEXT:
                self._fragments = [bytes(event.data)]
            elif event.opcode is Opcode.CONT and self._fragments is not None:
                self._fragments.append(bytes(event.data))
            else:  # binary messages mean nothing to Bybit's streams
                self._fragments = None
                continue
            if self._fragments is None or not event.fin:
                continue
            data, self._fragments = b"".join(self._fragments), None
            self.last_activity = time.monotonic()
            try:
                text = data.decode()
            except UnicodeDecodeError:
                self._protocol.fail(1007, "invalid UTF-8")
                continue
            on_text(text)
        return self._protocol.state is not State.CLOSED

    def _step(self) -> bool:
        """Carry out a pending action and send what is queued; False when the stream is over."""
        with self._lock:
            action = self._action
            stall_until = self._stall_until
            texts = list(self._outbox)
            self._outbox.clear()
        if action == "drop":
            return False
        if stall_until is not None:
            return time.monotonic() < stall_until and action != "stop"
        for text in texts:
            self._protocol.send_text(text.encode())
        if texts:
            self.last_activity = time.monotonic()
        if action in ("close", "stop"):
            self._protocol.send_close(self._close_code, self._close_reason)
            self._flush()
            self._await_close()
            return False
        self._flush()
        return self._protocol.state is not State.CLOSED

    def _await_close(self) -> None:
        """After our close frame: read (bounded) until the client's close frame or EOF."""
        deadline = time.monotonic() + CLOSE_WAIT_S
        self._sock.settimeout(0.05)
        while self._protocol.state is not State.CLOSED and time.monotonic() < deadline:
            try:
                data = self._sock.recv(_READ)
            except TimeoutError:
                continue
            if not data:
                break
            self._protocol.receive_data(data)
            self._flush()

    def _flush(self) -> None:
        for chunk in self._protocol.data_to_send():
            if chunk:
                self._sock.sendall(chunk)
            else:  # the protocol's end of stream: half-close
                with contextlib.suppress(OSError):
                    self._sock.shutdown(socket.SHUT_WR)
