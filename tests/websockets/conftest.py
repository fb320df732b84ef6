"""A tiny V5 stream server on loopback (``websockets.sync.server``), scripted by each test.

It acks subscribe/unsubscribe as Bybit's linear stream does (echoing ``req_id``), answers
``{"op":"ping"}`` with a pong unless told not to, checks ``auth`` with its own HMAC, and after a
subscribe sends whatever ``on_subscribe(topic, connection_index)`` returns. Tests push more frames
with ``push()`` and cut connections with ``drop()``. It stops itself at the end of the test.
"""

from __future__ import annotations

import faulthandler
import hashlib
import hmac
import json
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from websockets.sync.server import Server, ServerConnection, serve

KEY = "stream-key-123456"
SECRET = "stream-secret-abcdef"


class FakeV5:
    def __init__(self) -> None:
        self.received: list[tuple[int, dict[str, Any]]] = []
        self.connections: list[ServerConnection] = []
        self.on_subscribe: Callable[[str, int], list[str]] = lambda topic, index: []
        self.answer_pings = True
        self.refuse: set[str] = set()
        self.refuse_upgrades = 0
        self.lock = threading.Lock()
        self.server: Server | None = None
        self.port = 0

    # -- the server ------------------------------------------------------------------------------

    def _process_request(self, connection: ServerConnection, request: Any) -> Any:
        with self.lock:
            if self.refuse_upgrades > 0:
                self.refuse_upgrades -= 1
                return connection.respond(502, "Bad Gateway\n")
        return None

    def _handler(self, ws: ServerConnection) -> None:
        with self.lock:
            index = len(self.connections)
            self.connections.append(ws)
        for text in ws:
            message = json.loads(text)
            with self.lock:
                self.received.append((index, message))
            op = message.get("op")
            if op == "ping":
                if self.answer_pings:
                    ws.send(json.dumps({"success": True, "ret_msg": "pong", "op": "ping"}))
            elif op == "auth":
                key, expires, signature = message["args"]
                wanted = hmac.new(
                    SECRET.encode(), f"GET/realtime{expires}".encode(), hashlib.sha256
                ).hexdigest()
                ok = key == KEY and signature == wanted and expires > time.time() * 1000
                ack = {"success": ok, "ret_msg": "" if ok else "Params Error", "op": "auth"}
                ws.send(json.dumps({**ack, "conn_id": "c1"}))
            elif op in ("subscribe", "unsubscribe"):
                topics = message["args"]
                failed = [topic for topic in topics if topic in self.refuse]
                ack = {
                    "success": not failed,
                    "ret_msg": f"error:handler not found,topic:{failed[0]}" if failed else "",
                    "conn_id": "c1",
                    "req_id": message.get("req_id", ""),
                    "op": op,
                }
                ws.send(json.dumps(ack))
                if op == "subscribe" and not failed:
                    for topic in topics:
                        for frame in self.on_subscribe(topic, index):
                            ws.send(frame)

    # -- what tests call -------------------------------------------------------------------------

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def push(self, frame: str | dict[str, Any], index: int = -1) -> None:
        text = frame if isinstance(frame, str) else json.dumps(frame)
        self.connections[index].send(text)

    def drop(self, index: int = -1) -> None:
        """Cut the TCP connection, no close frame (as a network failure would)."""
        import socket

        self.connections[index].socket.shutdown(socket.SHUT_RDWR)

    def ops(self, op: str) -> list[tuple[int, dict[str, Any]]]:
        with self.lock:
            return [(i, m) for i, m in self.received if m.get("op") == op]

    def wait_for(self, check: Callable[[], bool], timeout: float = 5.0) -> None:
        deadline = time.monotonic() + timeout
        while not check():
            if time.monotonic() > deadline:
                raise AssertionError("timed out waiting for the fake stream")
            time.sleep(0.005)


@pytest.fixture(autouse=True)
def bounded() -> Iterator[None]:
    """A stream test that hangs ends the run with every thread's traceback instead of holding CI:
    none of these tests needs more than a few seconds."""
    faulthandler.dump_traceback_later(120, exit=True)
    try:
        yield
    finally:
        faulthandler.cancel_dump_traceback_later()


@pytest.fixture
def fake() -> Iterator[FakeV5]:
    server = FakeV5()
    with serve(
        server._handler,
        "127.0.0.1",
        0,
        process_request=server._process_request,
        ping_interval=None,
        close_timeout=0.2,
        compression=None,
    ) as ws_server:
        server.server = ws_server
        server.port = ws_server.socket.getsockname()[1]
        thread = threading.Thread(target=ws_server.serve_forever, daemon=True)
        thread.start()
        try:
            yield server
        finally:
            ws_server.shutdown()
            thread.join(5)
