"""The connection's own kept-alive transport, against a small local server over real HTTP."""

from __future__ import annotations

import gzip
import http.server
import threading
import time
import zlib
from collections.abc import Iterator

import pytest

from carpenstar_bybit.Core.Connection import Connection
from carpenstar_bybit.Core.Exceptions import TimeoutException, TransportException
from carpenstar_bybit.Core.Retry import RetryPolicy

BODY = b'{"retCode":0,"retMsg":"OK","result":{"list":[]}}'


class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    connections: list[int] = []  # noqa: RUF012  # one list per server class, reset by the fixture

    def setup(self) -> None:
        super().setup()
        type(self).connections.append(1)

    def log_message(self, format: str, *args: object) -> None:  # stdlib signature
        pass

    def do_POST(self) -> None:  # stdlib name
        length = int(self.headers.get("Content-Length", 0))
        received = self.rfile.read(length)
        mode = self.path.strip("/")
        body, headers = BODY, {"Content-Type": "application/json"}
        if mode == "gzip":
            body, headers["Content-Encoding"] = gzip.compress(BODY), "gzip"
        elif mode == "deflate":
            body, headers["Content-Encoding"] = zlib.compress(BODY), "deflate"
        elif mode == "raw-deflate":
            packer = zlib.compressobj(wbits=-15)
            body = packer.compress(BODY) + packer.flush()
            headers["Content-Encoding"] = "deflate"
        elif mode == "echo":
            body = received
        elif mode == "slow":
            time.sleep(1.5)
        self.send_response(200)
        for name, value in headers.items():
            self.send_header(name, value)
        if mode == "chunked":
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            for piece in (body[:10], body[10:]):
                self.wfile.write(f"{len(piece):x}\r\n".encode() + piece + b"\r\n")
            self.wfile.write(b"0\r\n\r\n")
            return
        if mode == "close":
            self.send_header("Connection", "close")
            self.close_connection = True
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        if mode == "hangup":
            self.close_connection = True  # close the kept-alive socket right after answering


@pytest.fixture
def server() -> Iterator[str]:
    _Handler.connections = []
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()
    thread.join()


def _connection(url: str, **options: object) -> Connection:
    return Connection(url, None, retry=RetryPolicy.off(), **options)  # type: ignore[arg-type]


@pytest.mark.parametrize("mode", ["gzip", "deflate", "raw-deflate", "chunked"])
def test_encoded_and_chunked_bodies_are_decoded(server: str, mode: str) -> None:
    connection = _connection(server)
    response = connection.send("POST", f"/{mode}", {}, signed=False)
    connection.close()
    assert response.status == 200
    assert response.content == BODY


def test_one_connection_is_kept_alive(server: str) -> None:
    connection = _connection(server)
    for _ in range(5):
        assert connection.send("POST", "/plain", {}, signed=False).content == BODY
    connection.close()
    assert len(_Handler.connections) == 1


def test_the_exact_body_bytes_arrive(server: str) -> None:
    connection = _connection(server)
    response = connection.send("POST", "/echo", {"b": "2", "a": "1"}, signed=False)
    connection.close()
    assert response.content == b'{"b":"2","a":"1"}'


@pytest.mark.parametrize("mode", ["close", "hangup"])
def test_a_connection_the_server_closed_is_not_reused(server: str, mode: str) -> None:
    connection = _connection(server)
    connection.send("POST", f"/{mode}", {}, signed=False)
    time.sleep(0.05)  # let the server's close reach the client
    assert connection.send("POST", "/plain", {}, signed=False).content == BODY
    connection.close()
    assert len(_Handler.connections) == 2


def test_read_timeout(server: str) -> None:
    connection = _connection(server, timeout=(1.0, 0.3))
    with pytest.raises(TimeoutException, match="read timeout"):
        connection.send("POST", "/slow", {}, signed=False)
    connection.close()


def test_a_proxy_goes_through_requests_own_adapter(server: str) -> None:
    # The proxy is not there, so the call fails: proof that it was routed to the proxy.
    connection = _connection(server, proxies={"http": "http://127.0.0.1:1"})
    with pytest.raises(TransportException):
        connection.send("POST", "/plain", {}, signed=False)
    connection.close()
    assert _Handler.connections == []


def test_threads_beyond_the_pool_still_get_answers(server: str) -> None:
    connection = _connection(server, pool_size=2)
    results: list[bytes] = []
    lock = threading.Lock()

    def call() -> None:
        content = connection.send("POST", "/plain", {}, signed=False).content
        with lock:
            results.append(content)

    threads = [threading.Thread(target=call) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)
    connection.close()
    assert results == [BODY] * 8
