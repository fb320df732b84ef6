"""HTTP glue: a threading HTTP/1.1 server with kept-alive connections and the request handler."""

from __future__ import annotations

import contextlib
import logging
import socket
import socketserver
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, cast

from .app import Reply, SandboxApp
from .exchange import ERR_PARAMS
from .ws import WsConnection

logger = logging.getLogger("carpenstar_bybit.sandbox")

MAX_BODY = 1 << 20  # 1 MiB; bigger bodies get 413
MAX_DRAIN = 16 << 20  # up to this size a refused body is read away and the connection kept


class _BodyTooLarge(Exception):
    def __init__(self, drained: bool) -> None:
        super().__init__("request body too large")
        self.drained = drained  # read to its end: the connection can stay open


class SandboxHTTPServer(ThreadingHTTPServer):
    """Tracks its open connections so that stop() can close kept-alive ones."""

    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128

    def __init__(self, address: tuple[str, int], app: SandboxApp, *, ipv6: bool) -> None:
        if ipv6:
            self.address_family = socket.AF_INET6
        self.app = app
        self._conns: set[socket.socket] = set()
        self._conns_cond = threading.Condition()
        super().__init__(address, SandboxRequestHandler)

    def server_bind(self) -> None:
        # HTTPServer.server_bind calls getfqdn(), a DNS lookup that can take seconds.
        socketserver.TCPServer.server_bind(self)
        host, port = self.server_address[:2]
        self.server_name = str(host)
        self.server_port = int(port)

    def process_request(self, request: Any, client_address: Any) -> None:
        with self._conns_cond:
            self._conns.add(request)
        self.app.stats.connection()
        super().process_request(request, client_address)

    def shutdown_request(self, request: Any) -> None:
        try:
            super().shutdown_request(request)
        finally:
            with self._conns_cond:
                self._conns.discard(request)
                self._conns_cond.notify_all()

    def handle_error(self, request: Any, client_address: Any) -> None:
        # Clients hanging up mid-request are normal here; keep stderr quiet.
        logger.debug("error while serving %s", client_address, exc_info=True)

    def close_connections(self, timeout: float = 2.0) -> None:
        """Shut every open connection down and wait (bounded) for their threads to finish."""
        with self._conns_cond:
            for conn in self._conns:
                with contextlib.suppress(OSError):  # already closed by the peer
                    conn.shutdown(socket.SHUT_RDWR)
            self._conns_cond.wait_for(lambda: not self._conns, timeout)


class SandboxRequestHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive
    disable_nagle_algorithm = True  # TCP_NODELAY on accepted sockets
    server_version = "carpenstar-sandbox"
    sys_version = ""

    def _app(self) -> SandboxApp:
        return cast(SandboxHTTPServer, self.server).app

    def do_GET(self) -> None:
        self._serve()

    do_POST = do_GET
    do_PUT = do_GET
    do_DELETE = do_GET
    do_PATCH = do_GET
    do_HEAD = do_GET
    do_OPTIONS = do_GET

    def _serve(self) -> None:
        path, _, query = self.path.partition("?")
        upgrade = self.headers.get("Upgrade", "").strip().lower() == "websocket"
        if upgrade and self._app().streams.is_stream_path(path):
            self._upgrade(path, query)
            return
        body = self._read_body()
        if body is not None:
            self._answer(body)

    def _read_body(self) -> bytes | None:
        """The request body, or None when it was refused (answered here) or the client left."""
        app = self._app()
        too_large = f"request body larger than {MAX_BODY} bytes"
        encoding = self.headers.get("Transfer-Encoding")
        if encoding is not None:
            if encoding.strip().lower() != "chunked":
                self._send(app.error_reply(self.path, 501, ERR_PARAMS, "unsupported encoding"))
                return None
            try:
                return self._read_chunked()
            except _BodyTooLarge as exc:
                reply = app.error_reply(
                    self.path, 413, ERR_PARAMS, too_large, close=not exc.drained
                )
                self._send(reply)
            except ValueError:
                self._send(app.error_reply(self.path, 400, ERR_PARAMS, "bad chunked body"))
            return None
        raw_length = self.headers.get("Content-Length", "0").strip()
        if not raw_length.isdigit():
            self._send(app.error_reply(self.path, 400, ERR_PARAMS, "bad Content-Length"))
            return None
        length = int(raw_length)
        if length > MAX_BODY:
            # Read the body away first when it is not absurd: closing with unread data makes the
            # kernel send RST, and the client may lose the 413 answer.
            drained = length <= MAX_DRAIN and self._discard(length)
            self._send(app.error_reply(self.path, 413, ERR_PARAMS, too_large, close=not drained))
            return None
        body = self.rfile.read(length) if length else b""
        if len(body) != length:  # the client went away mid-body
            self.close_connection = True
            return None
        return body

    def _upgrade(self, path: str, query: str) -> None:
        """Hand the connection to the WebSocket streams (sandbox/ws.py, sandbox/streams.py)."""
        app = self._app()
        self.close_connection = True  # whatever happens, this socket is not HTTP any more
        reply = app.upgrade_fault(path)
        if reply is not None:
            if not reply.drop:
                self._send(reply)
            return
        try:
            idle_s = app.streams.idle_for(path, query)
        except ValueError as exc:
            self._send(app.error_reply(self.path, 400, ERR_PARAMS, str(exc)))
            return
        conn = WsConnection(self.connection)
        headers = list(self.headers.items())
        app.streams.serve(conn, path, idle_s, lambda: conn.handshake(self.path, headers))

    def _answer(self, body: bytes) -> None:
        headers = {name.lower(): str(value) for name, value in self.headers.items()}
        reply = self._app().handle(self.command, self.path, headers, body)
        if reply.drop:
            self.close_connection = True
            logger.debug("%s %s -> dropped", self.command, self.path)
            return
        self._send(reply)

    def _read_chunked(self) -> bytes:
        """Decode a chunked body; ValueError when malformed, _BodyTooLarge over MAX_BODY."""
        parts: list[bytes] = []
        total = 0
        while True:
            line = self.rfile.readline(1024)
            if not line.endswith(b"\n"):
                raise ValueError("bad chunk size line")
            size = int(line.split(b";", 1)[0].strip(), 16)  # ValueError when not hex
            if size == 0:
                break
            total += size
            if total > MAX_DRAIN:
                raise _BodyTooLarge(drained=False)
            chunk = self.rfile.read(size)
            if len(chunk) != size or self.rfile.readline(1024).strip():
                raise ValueError("bad chunk")
            if total <= MAX_BODY:  # past it, keep reading only to drain the connection
                parts.append(chunk)
        while self.rfile.readline(1024).strip():  # trailer fields, up to the blank line
            pass
        if total > MAX_BODY:
            raise _BodyTooLarge(drained=True)
        return b"".join(parts)

    def _discard(self, length: int) -> bool:
        """Read and drop `length` body bytes; False when the client went away."""
        while length > 0:
            chunk = self.rfile.read(min(length, 1 << 16))
            if not chunk:
                return False
            length -= len(chunk)
        return True

    def _send(self, reply: Reply) -> None:
        if reply.close:
            self.close_connection = True
        try:
            phrase = HTTPStatus(reply.status).phrase
        except ValueError:
            phrase = ""
        lines = [
            f"HTTP/1.1 {reply.status} {phrase}",
            f"Date: {self.date_time_string()}",
            f"Server: {self.server_version}",
            f"Content-Type: {reply.content_type}",
            f"Content-Length: {len(reply.body)}",
        ]
        lines.extend(f"{name}: {value}" for name, value in reply.headers)
        if self.close_connection:
            lines.append("Connection: close")
        elif self.request_version == "HTTP/1.0":
            lines.append("Connection: keep-alive")
        head = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")
        # One write for head and body: two small writes meet Nagle + delayed ACK (40 ms stalls).
        self.wfile.write(head if self.command == "HEAD" else head + reply.body)
        # No path yet when the request line itself was bad.
        logger.debug("%s %s -> %d", self.command, getattr(self, "path", ""), reply.status)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        # Malformed requests (bad request line, huge headers...): answer JSON too, then close.
        text = message or HTTPStatus(code).phrase
        target = getattr(self, "path", "") if self.command else ""
        self._send(self._app().error_reply(target, code, code, text))

    def log_message(self, format: str, *args: Any) -> None:
        logger.debug("%s - %s", self.address_string(), format % args)
