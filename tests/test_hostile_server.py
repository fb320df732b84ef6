"""The transport against misbehaving servers: raw sockets on 127.0.0.1, written for these tests.

Each server answers every request on its first connection with the hostile bytes of the case and
every request on a later connection properly; so a call after a hostile one proves whether the
bad connection was reused (the stale bytes would be its answer) or a new one opened.
"""

from __future__ import annotations

import contextlib
import gzip
import socket
import threading
import time
import tracemalloc
from collections.abc import Callable, Iterator

import pytest

from carpenstar_bybit import BybitAPI
from carpenstar_bybit.Core.Connection import Connection
from carpenstar_bybit.Core.Exceptions import (
    FailureKind,
    TimeoutException,
    TransportException,
)
from carpenstar_bybit.Core.Retry import RetryPolicy
from carpenstar_bybit.Derivatives.Contract.Order.CancelAllOrder import CancelAllOrder
from carpenstar_bybit.Derivatives.Contract.Order.CancelAllOrder.Request import (
    CancelAllOrderRequest,
)

GOOD = b'{"retCode":0,"retMsg":"OK","result":{"list":[],"success":"1"},"time":1}'
STALE = b'{"retCode":0,"retMsg":"OK","result":{"list":[],"success":"1"},"time":666}'
SERVER_LIFETIME = 10.0  # every server stops by itself after this


def _answer(body: bytes, *headers: str) -> bytes:
    head = ["HTTP/1.1 200 OK", "Content-Type: application/json", *headers]
    if not any(h.lower().startswith(("content-length", "transfer-encoding")) for h in headers):
        head.append(f"Content-Length: {len(body)}")
    return ("\r\n".join(head) + "\r\n\r\n").encode() + body


Script = Callable[[socket.socket], None]


class RawServer:
    """Answers with ``hostile`` on the first connection, properly on later ones."""

    def __init__(self, hostile: Script) -> None:
        self.hostile = hostile
        self.connections = 0
        self.requests = 0
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(0.05)
        self.url = f"http://127.0.0.1:{self._listener.getsockname()[1]}"
        self._stop = threading.Event()
        self._started = time.monotonic()
        self._threads: list[threading.Thread] = []
        self._socks: list[socket.socket] = []
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while not self._stop.is_set() and time.monotonic() - self._started < SERVER_LIFETIME:
            try:
                sock, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self.connections += 1
            self._socks.append(sock)
            first = self.connections == 1
            thread = threading.Thread(target=self._handle, args=(sock, first), daemon=True)
            thread.start()
            self._threads.append(thread)

    def _read_request(self, sock: socket.socket) -> bool:
        data = b""
        while b"\r\n\r\n" not in data:
            chunk = sock.recv(65536)
            if not chunk:
                return False
            data += chunk
        head, _, body = data.partition(b"\r\n\r\n")
        for line in head.split(b"\r\n"):
            if line.lower().startswith(b"content-length:"):
                need = int(line.split(b":")[1])
                while len(body) < need:
                    chunk = sock.recv(65536)
                    if not chunk:
                        return False
                    body += chunk
        self.requests += 1
        return True

    def _handle(self, sock: socket.socket, first: bool) -> None:
        sock.settimeout(SERVER_LIFETIME)
        try:
            while not self._stop.is_set() and self._read_request(sock):
                if first:
                    self.hostile(sock)
                else:
                    sock.sendall(_answer(GOOD))
        except OSError:
            pass
        finally:
            sock.close()

    def stop(self) -> None:
        self._stop.set()
        self._listener.close()
        for sock in self._socks:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
        self._thread.join(timeout=2)
        for thread in self._threads:
            thread.join(timeout=2)


@pytest.fixture
def serve() -> Iterator[Callable[[Script], RawServer]]:
    servers: list[RawServer] = []

    def start(hostile: Script) -> RawServer:
        server = RawServer(hostile)
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()


def _send(sock: socket.socket, data: bytes) -> None:
    sock.sendall(data)


def _connection(url: str, **options: object) -> Connection:
    return Connection(url, None, retry=RetryPolicy.off(), **options)  # type: ignore[arg-type]


FRAMING_CASES = {
    "two different Content-Length fields": _answer(
        GOOD[:10], "Content-Length: 10", f"Content-Length: {len(GOOD)}"
    )
    + _answer(STALE),
    "two values in one Content-Length": _answer(GOOD[:10], f"Content-Length: 10, {len(GOOD)}")
    + _answer(STALE),
    "negative Content-Length": _answer(GOOD, "Content-Length: -5") + _answer(STALE),
    "absurd Content-Length": _answer(GOOD, f"Content-Length: {10**30}") + _answer(STALE),
    "bad chunk size": _answer(b"zz\r\n" + GOOD + b"\r\n0\r\n\r\n", "Transfer-Encoding: chunked")
    + _answer(STALE),
    "negative chunk size": _answer(
        b"-5\r\n" + GOOD + b"\r\n0\r\n\r\n", "Transfer-Encoding: chunked"
    )
    + _answer(STALE),
    "huge chunk size": _answer(
        b"FFFFFFFFFFFFFFFFFFFFFFFFFFFF\r\n" + GOOD + b"\r\n0\r\n\r\n", "Transfer-Encoding: chunked"
    )
    + _answer(STALE),
}


# A huge chunk size is believed until the bytes stop coming (urllib3 reads it in pieces, never
# allocating it); the server here then stalls, so the read timeout ends the call.
FRAMING_KINDS = dict.fromkeys(FRAMING_CASES, FailureKind.MALFORMED) | {
    "huge chunk size": FailureKind.READ_TIMEOUT
}


# urllib3 refuses differing lengths while building its response, and leaves that connection's
# socket to the garbage collector (closed there, with a ResourceWarning); it is never reused.
@pytest.mark.filterwarnings("ignore::ResourceWarning")
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
@pytest.mark.parametrize("case", list(FRAMING_CASES))
def test_bad_framing_fails_and_the_connection_is_not_reused(
    serve: Callable[[Script], RawServer], case: str
) -> None:
    payload = FRAMING_CASES[case]
    server = serve(lambda sock: _send(sock, payload))
    connection = _connection(server.url, timeout=(2.0, 0.5))
    try:
        with pytest.raises(TransportException) as info:
            connection.send("POST", "/v5/order/cancel-all", {}, signed=False)
        assert info.value.kind is FRAMING_KINDS[case]
        assert info.value.uncertain is True
        answer = connection.send("POST", "/v5/order/cancel-all", {}, signed=False)
    finally:
        connection.close()
    assert answer.content == GOOD  # never the stale bytes left on the first connection
    assert server.connections == 2


def test_too_long_a_content_length_is_refused_before_reading(
    serve: Callable[[Script], RawServer],
) -> None:
    # Headers only, then silence: the call must not wait for 17 MiB that never come.
    server = serve(lambda sock: _send(sock, _answer(b"", f"Content-Length: {17 * 1024 * 1024}")))
    connection = _connection(server.url, timeout=(2.0, 5.0))
    try:
        with pytest.raises(TransportException) as info:
            connection.send("POST", "/x", {}, signed=False)
        assert info.value.kind is FailureKind.TOO_LARGE
        assert info.value.message == "answer too large calling POST /x"
        assert connection.send("POST", "/x", {}, signed=False).content == GOOD
    finally:
        connection.close()
    assert server.connections == 2


def test_a_gzip_bomb_never_inflates_past_the_cap(serve: Callable[[Script], RawServer]) -> None:
    bomb = gzip.compress(b"\0" * (48 * 1024 * 1024), compresslevel=9)  # ~47 KiB on the wire
    server = serve(lambda sock: _send(sock, _answer(bomb, "Content-Encoding: gzip")))
    connection = _connection(server.url, timeout=(2.0, 5.0), max_body=1024 * 1024)
    tracemalloc.start()
    try:
        with pytest.raises(TransportException) as info:
            connection.send("POST", "/x", {}, signed=False)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
        connection.close()
    assert info.value.kind is FailureKind.TOO_LARGE
    assert peak < 8 * 1024 * 1024  # inflating it all would take 48 MiB


def test_an_unencoded_body_over_the_cap_without_a_length(
    serve: Callable[[Script], RawServer],
) -> None:
    def chunked(sock: socket.socket) -> None:
        sock.sendall(_answer(b"", "Transfer-Encoding: chunked"))
        piece = b"x" * 65536
        for _ in range(40):  # 2.5 MiB, over a 1 MiB cap
            sock.sendall(f"{len(piece):x}\r\n".encode() + piece + b"\r\n")
        sock.sendall(b"0\r\n\r\n")

    server = serve(chunked)
    connection = _connection(server.url, timeout=(2.0, 5.0), max_body=1024 * 1024)
    try:
        with pytest.raises(TransportException) as info:
            connection.send("POST", "/x", {}, signed=False)
    finally:
        connection.close()
    assert info.value.kind is FailureKind.TOO_LARGE


def test_multi_member_gzip_decodes(serve: Callable[[Script], RawServer]) -> None:
    body = gzip.compress(GOOD[:20]) + gzip.compress(GOOD[20:])
    server = serve(lambda sock: _send(sock, _answer(body, "Content-Encoding: gzip")))
    connection = _connection(server.url)
    try:
        assert connection.send("POST", "/x", {}, signed=False).content == GOOD
    finally:
        connection.close()


def test_two_stacked_codings_decode_three_are_refused(
    serve: Callable[[Script], RawServer],
) -> None:
    twice = gzip.compress(gzip.compress(GOOD))
    thrice = gzip.compress(twice)
    answers = iter(
        [
            _answer(twice, "Content-Encoding: gzip, gzip"),
            _answer(thrice, "Content-Encoding: gzip, gzip, gzip"),
        ]
    )
    server = serve(lambda sock: _send(sock, next(answers)))
    connection = _connection(server.url)
    try:
        assert connection.send("POST", "/x", {}, signed=False).content == GOOD
        with pytest.raises(TransportException) as info:
            connection.send("POST", "/x", {}, signed=False)
    finally:
        connection.close()
    assert info.value.kind is FailureKind.MALFORMED


def _drip(data: bytes, every: float) -> Script:
    def script(sock: socket.socket) -> None:
        for i in range(len(data)):
            sock.sendall(data[i : i + 1])
            time.sleep(every)

    return script


@pytest.mark.parametrize(
    "where",
    ["head", "body"],
)
def test_total_time_bounds_a_slow_drip(serve: Callable[[Script], RawServer], where: str) -> None:
    answer = _answer(GOOD)
    split = answer.index(b"\r\n\r\n") + 4
    if where == "head":
        script = _drip(answer, 1.0)
    else:

        def script(sock: socket.socket) -> None:
            sock.sendall(answer[:split])
            _drip(answer[split:], 1.0)(sock)

    server = serve(script)
    policy = RetryPolicy(total_time=2.0)
    # Each byte comes well within the read timeout: only the total bound can end the call.
    api = BybitAPI(server.url, "key", "secret", retry=policy, timeout=(2.0, 3.0))
    started = time.monotonic()
    try:
        with pytest.raises(TimeoutException) as info:
            api.rest(CancelAllOrder, CancelAllOrderRequest().setSettleCoin("USDT"))
    finally:
        api.close()
    took = time.monotonic() - started
    assert took < policy.total_time + 1.0
    error = info.value
    assert error.kind is FailureKind.DEADLINE
    assert (error.attempts, error.uncertain) == (1, True)
    assert error.message == "total time ran out calling POST /v5/order/cancel-all"
    assert server.requests == 1  # not retried


def test_a_read_timeout_is_uncertain_and_not_retried(
    serve: Callable[[Script], RawServer],
) -> None:
    server = serve(lambda sock: time.sleep(1.5))
    api = BybitAPI(server.url, "key", "secret", timeout=(2.0, 0.3))
    try:
        with pytest.raises(TimeoutException) as info:
            api.rest(CancelAllOrder, CancelAllOrderRequest().setSettleCoin("USDT"))
    finally:
        api.close()
    assert info.value.kind is FailureKind.READ_TIMEOUT
    assert (info.value.attempts, info.value.uncertain) == (1, True)
    assert server.requests == 1


def test_a_dropped_first_try_then_success_says_so(
    serve: Callable[[Script], RawServer], caplog: pytest.LogCaptureFixture
) -> None:
    server = serve(lambda sock: sock.shutdown(socket.SHUT_RDWR))
    caplog.set_level("INFO", logger="carpenstar_bybit")
    policy = RetryPolicy(sleep=lambda _: None)
    with BybitAPI(server.url, "key", "secret", retry=policy) as api:
        answer = api.rest(CancelAllOrder, CancelAllOrderRequest().setSettleCoin("USDT"))
    assert (answer.getAttempts(), answer.isUncertain()) == (2, True)
    infos = [r.getMessage() for r in caplog.records if r.levelname == "INFO"]
    assert (
        "POST /v5/order/cancel-all: answered on attempt 2; an earlier attempt may already have "
        "done what was asked"
    ) in infos


def test_new_https_connections_share_one_tls_context() -> None:
    """The bundle is loaded once: the pool gets the shared context, never the bundle's path."""
    import requests

    from carpenstar_bybit.Core.Transport import SharedTLSAdapter, tls_context

    adapter = SharedTLSAdapter()
    prepared = requests.Request("POST", "https://127.0.0.1:1/x").prepare()
    pool = adapter.get_connection_with_tls_context(prepared, True, None, None)
    adapter.cert_verify(pool, prepared.url or "", True, None)
    context = pool.conn_kw["ssl_context"]  # type: ignore[attr-defined]
    assert context is tls_context(str(requests.certs.where()))
    assert (pool.ca_certs, pool.ca_cert_dir) == (None, None)  # type: ignore[attr-defined]
    adapter.close()


INTERIM = b"HTTP/1.1 103 Early Hints\r\nLink: </style.css>; rel=preload\r\n\r\n"
PROCESSING = b"HTTP/1.1 102 Processing\r\n\r\n"
CONTINUE = b"HTTP/1.1 100 Continue\r\n\r\n"
FINAL = b'{"retCode":0,"retMsg":"OK","result":{"list":[],"success":"1"},"time":777}'


def test_100_continue_is_skipped_to_the_final_answer(
    serve: Callable[[Script], RawServer],
) -> None:
    server = serve(lambda sock: _send(sock, CONTINUE + _answer(FINAL)))
    with BybitAPI(server.url, "key", "secret", retry=RetryPolicy.off()) as api:
        first = api.rest(CancelAllOrder, CancelAllOrderRequest().setSettleCoin("USDT"))
        # The same connection again: the first answer's bytes were all read, none left over.
        second = api.rest(CancelAllOrder, CancelAllOrderRequest().setSettleCoin("USDT"))
    for answer in (first, second):
        assert answer.getReturnCode() == 0
        assert answer.getTimeMs() == 777
        assert (answer.getAttempts(), answer.isUncertain()) == (1, False)
    assert (server.connections, server.requests) == (1, 2)


@pytest.mark.parametrize(
    "hostile",
    [
        INTERIM + _answer(STALE),
        PROCESSING + _answer(STALE),
        PROCESSING + INTERIM + CONTINUE + _answer(STALE),
        b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n"
        + _answer(STALE),
    ],
    ids=["103", "102", "102, 103, 100", "101"],
)
def test_an_interim_answer_is_malformed_uncertain_and_not_retried(
    serve: Callable[[Script], RawServer], hostile: bytes
) -> None:
    server = serve(lambda sock: _send(sock, hostile))
    policy = RetryPolicy(sleep=lambda _: None)
    with BybitAPI(server.url, "key", "secret", retry=policy) as api:
        with pytest.raises(TransportException) as info:
            api.rest(CancelAllOrder, CancelAllOrderRequest().setSettleCoin("USDT"))
        assert info.value.kind is FailureKind.MALFORMED
        assert (info.value.attempts, info.value.uncertain) == (1, True)
        assert server.requests == 1
        # That connection is not reused: its next bytes (the stale answer) are not ours.
        answer = api.rest(CancelAllOrder, CancelAllOrderRequest().setSettleCoin("USDT"))
    assert answer.getTimeMs() == 1
    assert server.connections == 2
