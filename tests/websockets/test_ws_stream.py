"""The stream loop over a real WebSocket on loopback: keepalive, reconnects, refusals, stop()."""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import threading
import time
from typing import Any

import pytest

from carpenstar_bybit import BybitAPI
from carpenstar_bybit.Core.Enums import EnumOutputMode
from carpenstar_bybit.Core.Exceptions import ApiException, TransportException
from carpenstar_bybit.Core.Objects.WebSockets.Channels import ChannelHandler
from carpenstar_bybit.WebSockets.Builders import WebSocketsBuilder
from carpenstar_bybit.WebSockets.Channels.Derivatives.PublicChannels.OrderBook import (
    OrderBookChannel,
)
from carpenstar_bybit.WebSockets.Channels.Derivatives.PublicChannels.OrderBook.Argument import (
    OrderBookArgument,
)
from carpenstar_bybit.WebSockets.Channels.Derivatives.PublicChannels.Tickers import (
    TickersChannel,
)
from carpenstar_bybit.WebSockets.Channels.Derivatives.PublicChannels.Tickers.Argument import (
    TickersArgument,
)
from carpenstar_bybit.WebSockets.Channels.PrivateChannels.Order import OrderChannel
from carpenstar_bybit.WebSockets.Channels.PrivateChannels.Order.Argument import OrderArgument
from carpenstar_bybit.WebSockets.Exceptions import WebSocketException
from carpenstar_bybit.WebSockets.Stream import WebSocketStream
from tests.websockets.conftest import KEY, SECRET, FakeV5

TOPIC = "orderbook.50.BTCUSDT"


def book(u: int, kind: str, bids: list[list[str]], asks: list[list[str]]) -> str:
    return json.dumps(
        {
            "topic": TOPIC,
            "type": kind,
            "ts": 1700000000000 + u,
            "data": {"s": "BTCUSDT", "b": bids, "a": asks, "u": u, "seq": 1000 + u},
            "cts": 1700000000000 + u,
        }
    )


class Collect(ChannelHandler):
    def __init__(self) -> None:
        self.items: list[Any] = []
        self.event = threading.Event()

    def handle(self, data: Any) -> None:
        self.items.append(data)
        self.event.set()

    def wait(self, count: int, timeout: float = 5.0) -> None:
        deadline = time.monotonic() + timeout
        while len(self.items) < count:
            if time.monotonic() > deadline:
                raise AssertionError(f"got {len(self.items)} messages, wanted {count}")
            time.sleep(0.005)


def client_threads() -> list[threading.Thread]:
    """Threads of this library's streams and of websockets' client connections."""
    from websockets.sync.client import ClientConnection

    found = []
    for thread in threading.enumerate():
        target = getattr(thread, "_target", None)
        owner = getattr(target, "__self__", None)
        if thread.name.startswith("carpenstar-stream") or isinstance(owner, ClientConnection):
            found.append(thread)
    return found


def fast(api: BybitAPI, **options: Any) -> dict[str, Any]:
    return {"backoff": 0.01, "max_backoff": 0.05, **options}


# -- the blocking call, as in PHP -------------------------------------------------------------


def test_handler_exception_ends_websocket_and_reaches_the_caller(fake: FakeV5) -> None:
    fake.on_subscribe = lambda topic, index: [
        book(7, "snapshot", [["100", "1"]], [["101", "2"]]),
        book(8, "delta", [["100.5", "3"]], []),
    ]

    class StopError(Exception):
        pass

    class Handler(ChannelHandler):
        def __init__(self) -> None:
            self.seen: list[Any] = []

        def handle(self, data: Any) -> None:
            self.seen.append(data)
            if len(self.seen) == 2:
                raise StopError("enough")

    handler = Handler()
    with pytest.raises(StopError, match="enough"):
        BybitAPI(fake.base_url).websocket(
            OrderBookChannel, OrderBookArgument("BTCUSDT", 50), handler
        )
    last = handler.seen[1]
    assert [(x.getPrice(), x.getSize()) for x in last.getBid()] == [(100.5, 3.0), (100.0, 1.0)]
    assert last.getUpdateId() == 8
    assert fake.ops("subscribe")[0][1]["args"] == [TOPIC]
    assert client_threads() == []


def test_channel_execute_php_style_and_stop_from_the_handler(fake: FakeV5) -> None:
    fake.on_subscribe = lambda topic, index: [book(1, "snapshot", [["1", "1"]], [])]
    got: list[Any] = []

    class Handler:  # core 5.1's shape: handle(data, connection)
        def handle(self, data: Any, connection: WebSocketStream) -> None:
            got.append(data)
            connection.stop()

    channel = WebSocketsBuilder.make(
        OrderBookChannel,
        OrderBookArgument("BTCUSDT", 50),
        Handler(),
        EnumOutputMode.MODE_ARRAY,
        api=BybitAPI(fake.base_url),
    )
    channel.execute()  # returns: the handler stopped the stream
    assert got[0]["data"]["b"] == [("1", "1")]
    assert client_threads() == []


@pytest.mark.parametrize(
    "mode", [EnumOutputMode.MODE_ENTITY, EnumOutputMode.MODE_ARRAY, EnumOutputMode.MODE_JSON]
)
def test_output_modes(fake: FakeV5, mode: int) -> None:
    snapshot = book(3, "snapshot", [["10", "1"]], [["11", "1"]])
    fake.on_subscribe = lambda topic, index: [snapshot]
    handler = Collect()
    with BybitAPI(fake.base_url).stream(
        OrderBookChannel, OrderBookArgument("BTCUSDT", 50), handler, mode
    ):
        handler.wait(1)
    data = handler.items[0]
    if mode == EnumOutputMode.MODE_ENTITY:
        assert data.getBid().fetch().getPrice() == 10.0
    elif mode == EnumOutputMode.MODE_ARRAY:
        assert data["data"]["a"] == [("11", "1")]
        assert data["topic"] == TOPIC
    else:
        assert data == snapshot  # the text as it came, acks and pongs left out


# -- keepalive and reconnects ---------------------------------------------------------------------


def test_pings_every_interval_and_pongs_keep_it_up(fake: FakeV5) -> None:
    stream = BybitAPI(fake.base_url).stream(
        TickersChannel, TickersArgument("BTCUSDT"), Collect(), ping_interval=0.05, timeout=0.3
    )
    with stream:
        fake.wait_for(lambda: len(fake.ops("ping")) >= 5)
    assert fake.ops("ping")[0][1] == {"req_id": "ping", "op": "ping"}
    assert stream.reconnects == 0  # the pongs (and only they) kept a silent stream alive


def test_unanswered_ping_reconnects_and_resubscribes_with_a_fresh_book(fake: FakeV5) -> None:
    fake.answer_pings = False
    fake.on_subscribe = lambda topic, index: [
        book(10 * (index + 1), "snapshot", [[str(100 + index), "1"]], [])
    ]
    handler = Collect()
    stream = BybitAPI(fake.base_url).stream(
        OrderBookChannel,
        OrderBookArgument("BTCUSDT", 50),
        handler,
        ping_interval=0.05,
        pong_timeout=0.1,
        **fast(BybitAPI(fake.base_url)),
    )
    with stream:
        handler.wait(2)
    assert stream.reconnects >= 1
    subscribed = [index for index, message in fake.ops("subscribe")]
    assert subscribed[:2] == [0, 1]  # subscribed again on the new connection
    assert handler.items[1].getBid().fetch().getPrice() == 101.0  # the new snapshot's book
    assert handler.items[1].getUpdateId() == 20


def test_silence_reconnects(fake: FakeV5) -> None:
    fake.answer_pings = False
    stream = BybitAPI(fake.base_url).stream(
        TickersChannel,
        TickersArgument("BTCUSDT"),
        Collect(),
        timeout=0.1,
        ping_interval=5,
        **fast(BybitAPI(fake.base_url)),
    )
    with stream:
        fake.wait_for(lambda: len(fake.connections) >= 2)
    assert stream.reconnects >= 1


def test_dropped_connection_reauths_then_resubscribes(fake: FakeV5) -> None:
    fake.on_subscribe = lambda topic, index: [
        json.dumps(
            {
                "id": f"m{index}",
                "topic": "order",
                "creationTime": 1,
                "data": [{"orderId": f"o{index}"}],
            }
        )
    ]
    handler = Collect()
    api = BybitAPI(fake.base_url, KEY, SECRET)
    with api.stream(OrderChannel, OrderArgument(), handler, **fast(api)) as stream:
        handler.wait(1)
        fake.drop(0)
        handler.wait(2)
    assert [item.getOrderId() for item in handler.items[:2]] == ["o0", "o1"]
    ops = [(index, message["op"]) for index, message in fake.received if message["op"] != "ping"]
    assert ops == [(0, "auth"), (0, "subscribe"), (1, "auth"), (1, "subscribe")]
    assert stream.reconnects == 1


def test_refused_upgrade_is_retried(fake: FakeV5) -> None:
    fake.refuse_upgrades = 2
    fake.on_subscribe = lambda topic, index: [book(1, "snapshot", [["5", "1"]], [])]
    handler = Collect()
    api = BybitAPI(fake.base_url)
    with api.stream(
        OrderBookChannel, OrderBookArgument("BTCUSDT", 50), handler, **fast(api)
    ) as stream:
        handler.wait(1)
    assert stream.reconnects == 2


def test_gap_in_u_resubscribes_and_never_patches_across_it(fake: FakeV5) -> None:
    def feed(topic: str, index: int) -> list[str]:
        if len(fake.ops("subscribe")) == 1:
            return [book(1, "snapshot", [["100", "1"]], [["101", "1"]])]
        return [book(50, "snapshot", [["99", "7"]], [["102", "7"]])]

    fake.on_subscribe = feed
    handler = Collect()
    with BybitAPI(fake.base_url).stream(
        OrderBookChannel, OrderBookArgument("BTCUSDT", 50), handler
    ) as stream:
        handler.wait(1)
        fake.push(book(2, "delta", [["100", "2"]], []))
        handler.wait(2)
        fake.push(book(4, "delta", [["98", "1"]], []))  # u=3 is missing
        fake.push(book(5, "delta", [["97", "1"]], []))  # doubtful: not handed out
        handler.wait(3)
    assert [item.getUpdateId() for item in handler.items] == [1, 2, 50]
    rebuilt = handler.items[2]
    assert [(x.getPrice(), x.getSize()) for x in rebuilt.getBid()] == [(99.0, 7.0)]
    ops = [message["op"] for _, message in fake.received if message["op"] != "ping"]
    assert ops == ["subscribe", "unsubscribe", "subscribe"]
    assert stream.resyncs == 1
    assert len(fake.connections) == 1


def test_max_reconnects_gives_a_transport_exception_in_the_caller() -> None:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    api = BybitAPI(f"http://127.0.0.1:{port}")
    with pytest.raises(TransportException, match="3 connection"):
        api.websocket(
            TickersChannel, TickersArgument("BTCUSDT"), Collect(), max_reconnects=2, backoff=0.01
        )


# -- refusals --------------------------------------------------------------------------------


def test_refused_subscription_is_raised_in_the_caller(fake: FakeV5) -> None:
    fake.refuse.add("tickers.ETHUSDT")
    with pytest.raises(
        WebSocketException,
        match=r"subscribe refused for tickers\.BTCUSDT, tickers\.ETHUSDT: error:handler not found",
    ):
        BybitAPI(fake.base_url).websocket(
            TickersChannel, TickersArgument("BTCUSDT,ETHUSDT"), Collect()
        )
    assert client_threads() == []


def test_refused_subscription_in_the_background_reaches_stop(fake: FakeV5) -> None:
    fake.refuse.add("tickers.BTCUSDT")
    stream = (
        BybitAPI(fake.base_url)
        .stream(TickersChannel, TickersArgument("BTCUSDT"), Collect())
        .start()
    )
    fake.wait_for(lambda: not stream.is_running())
    with pytest.raises(WebSocketException, match="subscribe refused"):
        stream.stop()
    stream.raise_if_failed()  # raised once


def test_refused_auth_is_an_api_exception_without_the_secret(
    fake: FakeV5, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    api = BybitAPI(fake.base_url, KEY, "wrong-secret-xyz")
    with pytest.raises(ApiException, match="auth refused: Params Error") as refused:
        api.websocket(OrderChannel, OrderArgument(), Collect())
    text = str(refused.value) + repr(refused.value) + caplog.text
    assert "wrong-secret-xyz" not in text
    assert KEY not in text


def test_auth_expires_from_the_clock_and_offset(fake: FakeV5) -> None:
    frozen = 4_000_000_000_000
    stream = WebSocketStream(
        fake.base_url,
        "private",
        apiKey=KEY,
        secret=SECRET,
        clock=lambda: frozen,
        clock_offset=lambda: -2500,
    )
    stream.subscribe(OrderChannel, OrderArgument("linear"), Collect())
    with stream:
        fake.wait_for(lambda: len(fake.ops("subscribe")) == 1)
    ((_, auth),) = fake.ops("auth")
    expires = frozen - 2500 + 10_000
    signature = hmac.new(
        SECRET.encode(), f"GET/realtime{expires}".encode(), hashlib.sha256
    ).hexdigest()
    assert auth == {"req_id": "auth", "op": "auth", "args": [KEY, expires, signature]}
    assert fake.ops("subscribe")[0][1]["args"] == ["order.linear"]


# -- several topics, unsubscribe, stop ----------------------------------------------------------


def test_several_channels_on_one_connection_and_unsubscribe(fake: FakeV5) -> None:
    def feed(topic: str, index: int) -> list[str]:
        if topic.startswith("tickers"):
            return [
                json.dumps(
                    {
                        "topic": topic,
                        "type": "snapshot",
                        "ts": 1,
                        "cs": 1,
                        "data": {"symbol": topic[8:], "lastPrice": "5"},
                    }
                )
            ]
        return [book(1, "snapshot", [["1", "1"]], [])]

    fake.on_subscribe = feed
    books, tickers = Collect(), Collect()
    api = BybitAPI(fake.base_url)
    with api.stream(OrderBookChannel, OrderBookArgument("BTCUSDT", 50), books) as stream:
        stream.subscribe(TickersChannel, TickersArgument("BTCUSDT,ETHUSDT"), tickers)
        tickers.wait(2)
        books.wait(1)
        stream.unsubscribe(TickersChannel, TickersArgument("ETHUSDT"))
        fake.wait_for(lambda: len(fake.ops("unsubscribe")) == 1)
    assert len(fake.connections) == 1
    assert sorted(item.getData().fetch().getSymbol() for item in tickers.items) == [
        "BTCUSDT",
        "ETHUSDT",
    ]
    assert fake.ops("unsubscribe")[0][1]["args"] == ["tickers.ETHUSDT"]
    assert stream.topics() == [TOPIC, "tickers.BTCUSDT"]


def test_stop_within_a_second_with_no_thread_left(fake: FakeV5) -> None:
    fake.answer_pings = False
    before = set(threading.enumerate())
    stream = (
        BybitAPI(fake.base_url)
        .stream(TickersChannel, TickersArgument("BTCUSDT"), Collect())
        .start()
    )
    fake.wait_for(lambda: len(fake.ops("subscribe")) == 1)
    started = time.monotonic()
    stream.stop()
    assert time.monotonic() - started < 1.0
    assert client_threads() == []
    assert not stream.is_running()
    leftover = [t for t in set(threading.enumerate()) - before if t.is_alive()]
    assert all(not t.name.startswith("carpenstar") for t in leftover)


def test_stop_while_waiting_to_reconnect_is_quick() -> None:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    stream = (
        BybitAPI(f"http://127.0.0.1:{port}")
        .stream(TickersChannel, TickersArgument("BTCUSDT"), Collect(), backoff=30, max_backoff=30)
        .start()
    )
    time.sleep(0.1)  # refused, now waiting up to 30 s to try again
    started = time.monotonic()
    stream.stop()
    assert time.monotonic() - started < 1.0
    assert client_threads() == []


def test_handler_exception_in_the_background_is_raised_by_join(fake: FakeV5) -> None:
    fake.on_subscribe = lambda topic, index: [book(1, "snapshot", [["1", "1"]], [])]

    class Broken(ChannelHandler):
        def handle(self, data: Any) -> None:
            raise ZeroDivisionError("handler bug")

    stream = (
        BybitAPI(fake.base_url)
        .stream(OrderBookChannel, OrderBookArgument("BTCUSDT", 50), Broken())
        .start()
    )
    with pytest.raises(ZeroDivisionError, match="handler bug"):
        stream.join(5)
    assert client_threads() == []


def test_a_frame_that_is_not_json_is_a_library_error(fake: FakeV5) -> None:
    fake.on_subscribe = lambda topic, index: ["not json {"]
    with pytest.raises(WebSocketException, match="not a JSON object"):
        BybitAPI(fake.base_url).websocket(TickersChannel, TickersArgument("BTCUSDT"), Collect())


def test_a_malformed_book_is_a_library_error(fake: FakeV5) -> None:
    fake.on_subscribe = lambda topic, index: [
        json.dumps({"topic": TOPIC, "type": "snapshot", "data": {"u": 1}})
    ]
    with pytest.raises(WebSocketException, match="not V5's shape"):
        BybitAPI(fake.base_url).websocket(
            OrderBookChannel, OrderBookArgument("BTCUSDT", 50), Collect()
        )


def test_bybit_api_signs_stream_auth_with_its_clock_and_rest_offset(fake: FakeV5) -> None:
    frozen = 4_100_000_000_000
    api = BybitAPI(fake.base_url, KEY, SECRET, clock=lambda: frozen)
    api.connection().time_offset_ms = 1234  # as a REST clock sync leaves it
    with api.stream(OrderChannel, OrderArgument(), Collect()):
        fake.wait_for(lambda: len(fake.ops("subscribe")) == 1)
    ((_, auth),) = fake.ops("auth")
    assert auth["args"][1] == frozen + 1234 + 10_000
    api.close()


def test_a_refused_certificate_is_a_tls_error_not_retried(tmp_path: Any) -> None:
    import shutil
    import ssl
    import subprocess

    from websockets.sync.server import serve

    from carpenstar_bybit.Core.Exceptions import FailureKind

    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("no openssl to make a certificate")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(  # noqa: S603  # fixed arguments
        [openssl, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
         "-nodes", "-keyout", str(key), "-out", str(cert), "-days", "1", "-subj", "/CN=127.0.0.1",
         "-addext", "subjectAltName=IP:127.0.0.1"],
        check=True, capture_output=True, timeout=30,
    )  # fmt: skip
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    with serve(lambda ws: None, "127.0.0.1", 0, ssl=context) as server:
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        port = server.socket.getsockname()[1]
        try:
            with pytest.raises(TransportException, match="certificate was refused") as refused:
                BybitAPI(f"https://127.0.0.1:{port}").websocket(
                    TickersChannel, TickersArgument("BTCUSDT"), Collect()
                )
        finally:
            server.shutdown()
            thread.join(5)
    assert refused.value.kind is FailureKind.TLS
    assert client_threads() == []


@pytest.mark.parametrize(
    "frame",
    ["[1, 2]", "[" * 100_000 + "]" * 100_000, '"text"', "\x00\x01"],
)
def test_a_hostile_frame_is_a_library_error(fake: FakeV5, frame: str) -> None:
    fake.on_subscribe = lambda topic, index: [frame]
    with pytest.raises(WebSocketException):
        BybitAPI(fake.base_url).websocket(TickersChannel, TickersArgument("BTCUSDT"), Collect())
    assert client_threads() == []


def test_frames_of_no_subscribed_topic_are_ignored(fake: FakeV5) -> None:
    ticker = {"topic": "tickers.BTCUSDT", "type": "snapshot", "data": {"symbol": "BTCUSDT"}}
    fake.on_subscribe = lambda topic, index: [
        json.dumps({"topic": ["tickers.BTCUSDT"]}),
        '{"topic": 1.5e999999}',
        json.dumps({"topic": "tickers.OTHER", "data": 5}),
        json.dumps({"success": True, "op": "subscribe", "req_id": ["x"]}),
        json.dumps(ticker),
    ]
    handler = Collect()
    with BybitAPI(fake.base_url).stream(TickersChannel, TickersArgument("BTCUSDT"), handler):
        handler.wait(1)
    assert handler.items[0].getData().fetch().getSymbol() == "BTCUSDT"
