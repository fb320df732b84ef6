"""The sandbox's V5 WebSocket streams, spoken to with the `websockets` client itself on loopback:
paths, acks, pongs, auth, every feed, every fault, the private feeds of REST trading, and a stop
that leaves no thread behind."""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import threading
import time
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any

import pytest
import requests
from websockets.exceptions import ConnectionClosed, ConnectionClosedError, InvalidStatus
from websockets.sync.client import ClientConnection, connect

from carpenstar_bybit import BybitAPI
from carpenstar_bybit.Core.Retry import RetryPolicy
from carpenstar_bybit.Derivatives.Contract.Order.CancelOrder import CancelOrder
from carpenstar_bybit.Derivatives.Contract.Order.CancelOrder.Request import CancelOrderRequest
from carpenstar_bybit.Derivatives.Contract.Order.PlaceOrder import PlaceOrder
from carpenstar_bybit.Derivatives.Contract.Order.PlaceOrder.Request import PlaceOrderRequest
from carpenstar_bybit.Derivatives.Contract.Order.ReplaceOrder import ReplaceOrder
from carpenstar_bybit.Derivatives.Contract.Order.ReplaceOrder.Request import ReplaceOrderRequest
from carpenstar_bybit.sandbox import Sandbox

KEY, SECRET = "stream-key", "stream-secret-abc"
OTHER, OTHER_SECRET = "other-key", "other-secret-xyz"
Message = dict[str, Any]


@pytest.fixture
def sandbox() -> Iterator[Sandbox]:
    with Sandbox(keys={KEY: SECRET, OTHER: OTHER_SECRET}, rate_limit=None, seed=7) as sb:
        sb.set_price("BTCUSDT", "60000")
        yield sb


def ws_url(sb: Sandbox, path: str) -> str:
    return sb.base_url.replace("http://", "ws://") + path


def recv(ws: ClientConnection, timeout: float = 2.0) -> Message:
    message = json.loads(ws.recv(timeout=timeout))
    assert isinstance(message, dict)
    return message


def recv_until(ws: ClientConnection, match: Callable[[Message], bool]) -> Message:
    for _ in range(50):
        message = recv(ws)
        if match(message):
            return message
    raise AssertionError("no matching message")


def send(ws: ClientConnection, **message: object) -> None:
    ws.send(json.dumps(message))


def subscribe(ws: ClientConnection, *topics: str) -> Message:
    send(ws, op="subscribe", args=list(topics))
    return recv(ws)


def sign(secret: str, expires: int) -> str:
    return hmac.new(secret.encode(), f"GET/realtime{expires}".encode(), hashlib.sha256).hexdigest()


def auth(
    ws: ClientConnection, key: str = KEY, secret: str = SECRET, ahead_ms: int = 5000
) -> Message:
    expires = int(time.time() * 1000) + ahead_ms
    send(ws, req_id="a1", op="auth", args=[key, expires, sign(secret, expires)])
    return recv(ws)


def without_conn_id(message: Message) -> Message:
    assert isinstance(message.pop("conn_id"), str)
    return message


def rest_book(sb: Sandbox, category: str, symbol: str, limit: int) -> Message:
    answer = requests.get(
        f"{sb.base_url}/v5/market/orderbook",
        params={"category": category, "symbol": symbol, "limit": str(limit)},
        timeout=5,
    ).json()
    assert answer["retCode"] == 0
    result: Message = answer["result"]
    return result


class Book:
    """A client-side book kept by the V5 rules, to check what the sandbox sends."""

    def __init__(self) -> None:
        self.bids: dict[str, str] = {}
        self.asks: dict[str, str] = {}
        self.u = 0

    def apply(self, message: Message) -> None:
        data = message["data"]
        if message["type"] == "snapshot":
            self.bids = dict(data["b"])
            self.asks = dict(data["a"])
        else:
            assert data["u"] == self.u + 1, "a gap: the sandbox must number deltas one by one"
            for side, levels in ((self.bids, data["b"]), (self.asks, data["a"])):
                for price, size in levels:
                    if size == "0":
                        del side[price]  # a delete of an absent level would be a sandbox bug
                    else:
                        side[price] = size
        self.u = data["u"]

    def sorted(self) -> tuple[list[list[str]], list[list[str]]]:
        bids = sorted(self.bids.items(), key=lambda kv: Decimal(kv[0]), reverse=True)
        asks = sorted(self.asks.items(), key=lambda kv: Decimal(kv[0]))
        return [list(b) for b in bids], [list(a) for a in asks]


# -- paths, acks, pongs ------------------------------------------------------------------------


PONGS: dict[str, Message] = {
    "/v5/public/spot": {"success": True, "ret_msg": "pong", "req_id": "p1", "op": "ping"},
    "/v5/public/linear": {"success": True, "ret_msg": "pong", "req_id": "p1", "op": "ping"},
    "/v5/public/inverse": {"success": True, "ret_msg": "pong", "req_id": "p1", "op": "ping"},
}


@pytest.mark.parametrize("path", [*PONGS, "/v5/public/option", "/v5/private"])
def test_every_stream_path_upgrades_and_answers_ping_in_its_shape(
    sandbox: Sandbox, path: str
) -> None:
    with connect(ws_url(sandbox, path)) as ws:
        before = int(time.time() * 1000)
        send(ws, req_id="p1", op="ping")
        pong = recv(ws)
        if path in PONGS:
            assert list(pong) == ["success", "ret_msg", "conn_id", "req_id", "op"]
            assert without_conn_id(pong) == PONGS[path]
        elif path == "/v5/public/option":
            assert pong["op"] == "pong"
            assert pong["req_id"] == "p1"
            assert set(pong) == {"args", "op", "req_id"}
            assert before <= int(pong["args"][0]) <= before + 5000
        else:
            assert list(pong) == ["req_id", "op", "args", "conn_id"]
            assert pong["op"] == "pong"
            assert int(pong["args"][0]) >= before
        assert sandbox.stream_count(path) == 1


def test_linear_pong_without_req_id_says_empty_and_spot_omits_it(sandbox: Sandbox) -> None:
    with connect(ws_url(sandbox, "/v5/public/linear")) as ws:
        send(ws, op="ping")
        assert recv(ws)["req_id"] == ""
    with connect(ws_url(sandbox, "/v5/public/spot")) as ws:
        send(ws, op="ping")
        assert "req_id" not in recv(ws)


def test_a_rest_path_does_not_upgrade_and_the_private_url_takes_max_active_time(
    sandbox: Sandbox,
) -> None:
    with pytest.raises(InvalidStatus) as caught:
        connect(ws_url(sandbox, "/v5/public/spread"))
    assert caught.value.response.status_code == 404
    with connect(ws_url(sandbox, "/v5/private?max_active_time=2m")) as ws:
        send(ws, op="ping")
        assert recv(ws)["op"] == "pong"
    with pytest.raises(InvalidStatus) as caught:
        connect(ws_url(sandbox, "/v5/private?max_active_time=5s"))
    assert caught.value.response.status_code == 400


def test_acks_per_stream(sandbox: Sandbox) -> None:
    with connect(ws_url(sandbox, "/v5/public/spot")) as ws:
        send(ws, req_id="10001", op="subscribe", args=["publicTrade.BTCUSDT"])
        ack = without_conn_id(recv(ws))
        assert ack == {
            "success": True,
            "ret_msg": "subscribe",
            "req_id": "10001",
            "op": "subscribe",
        }
        send(ws, req_id="10002", op="unsubscribe", args=["publicTrade.BTCUSDT"])
        ack = without_conn_id(recv(ws))
        assert ack == {
            "success": True,
            "ret_msg": "unsubscribe",
            "req_id": "10002",
            "op": "unsubscribe",
        }
    for path in ("/v5/public/linear", "/v5/public/inverse"):
        symbol = "BTCUSDT" if path.endswith("linear") else "BTCUSD"
        with connect(ws_url(sandbox, path)) as ws:
            ack = without_conn_id(subscribe(ws, f"publicTrade.{symbol}"))
            assert ack == {"success": True, "ret_msg": "", "req_id": "", "op": "subscribe"}
    with connect(ws_url(sandbox, "/v5/public/option")) as ws:
        send(ws, req_id="o1", op="subscribe", args=["orderbook.25.BTC-30DEC26-60000-C"])
        ack = without_conn_id(recv(ws))
        assert ack == {
            "success": True,
            "data": {"failTopics": [], "successTopics": ["orderbook.25.BTC-30DEC26-60000-C"]},
            "type": "COMMAND_RESP",
            "req_id": "o1",
        }
        assert recv(ws)["type"] == "snapshot"
    with connect(ws_url(sandbox, "/v5/private")) as ws:
        assert without_conn_id(auth(ws)) == {
            "success": True,
            "ret_msg": "",
            "req_id": "a1",
            "op": "auth",
        }
        ack = without_conn_id(subscribe(ws, "order"))
        assert ack == {"success": True, "ret_msg": "", "op": "subscribe"}


@pytest.mark.parametrize(
    ("path", "topic"),
    [
        ("/v5/public/linear", "orderbook.40.BTCUSDT"),  # 40 is V3's depth, not V5's
        ("/v5/public/linear", "kline.1h.BTCUSDT"),  # PHP's interval name, not V5's
        ("/v5/public/linear", "bookticker.BTCUSDT"),  # a V3 topic
        ("/v5/public/linear", "orderbook.50.BTCUSD"),  # an inverse symbol on linear
        ("/v5/public/spot", "allLiquidation.BTCUSDT"),  # not on spot
        ("/v5/public/option", "orderbook.50.BTC-30DEC26-60000-C"),  # option depths: 25, 100
        ("/v5/private", "order.spread"),
    ],
)
def test_an_unknown_topic_fails_and_subscribes_nothing(
    sandbox: Sandbox, path: str, topic: str
) -> None:
    with connect(ws_url(sandbox, path)) as ws:
        if path == "/v5/private":
            auth(ws)
        good = {"/v5/public/option": "tickers.BTC-30DEC26-60000-C", "/v5/private": "order"}
        send(ws, op="subscribe", args=[good.get(path, "publicTrade.BTCUSDT"), topic])
        ack = recv(ws)
        assert ack["success"] is False
        assert ack["ret_msg"] == f"error:handler not found,topic:{topic}"
        if path == "/v5/public/option":
            assert ack["type"] == "COMMAND_RESP"
            assert ack["data"] == {"failTopics": [good[path], topic], "successTopics": []}
        else:
            assert ack["op"] == "subscribe"
        send(ws, op="ping")  # nothing was subscribed: no snapshot comes before the pong
        pong = recv(ws)
        assert pong.get("op") == "pong" or pong.get("ret_msg") == "pong"


def test_spot_takes_ten_args_per_request_and_21000_characters_per_connection(
    sandbox: Sandbox,
) -> None:
    with connect(ws_url(sandbox, "/v5/public/spot")) as ws:
        eleven = [f"publicTrade.C{i:02d}USDT" for i in range(11)]
        ack = subscribe(ws, *eleven)
        assert ack["success"] is False
        assert ack["ret_msg"] == "error:args count exceeds 10 per request"
        assert subscribe(ws, *eleven[:10])["success"] is True
        subscribed = eleven[:10]

        def batch(start: int) -> list[str]:
            return [f"publicTrade.{'X' * 25}{start + i:04d}USDT" for i in range(10)]

        def chars(topics: list[str]) -> int:
            return len(json.dumps(topics, separators=(",", ":")))

        long_topics = batch(0)
        while chars(subscribed + long_topics) <= 21_000:
            assert subscribe(ws, *long_topics)["success"] is True
            subscribed += long_topics
            long_topics = batch(len(subscribed))
        ack = subscribe(ws, *long_topics)
        assert ack["success"] is False
        assert ack["ret_msg"] == "error:args exceed 21000 characters"


def test_bad_requests_get_failure_acks(sandbox: Sandbox) -> None:
    with connect(ws_url(sandbox, "/v5/public/linear")) as ws:
        ws.send("not json")
        assert recv(ws)["ret_msg"] == "error:request is not a JSON object"
        send(ws, op="subscribe", args="orderbook.50.BTCUSDT")
        assert recv(ws)["ret_msg"] == "error:args must be a non-empty list of topics"
        send(ws, op="auth", args=[])
        assert recv(ws)["ret_msg"] == "error:unsupported op 'auth'"
        assert subscribe(ws, "publicTrade.BTCUSDT")["success"] is True
        again = subscribe(ws, "publicTrade.BTCUSDT")
        assert again["ret_msg"] == "error:already subscribed,topic:publicTrade.BTCUSDT"
        send(ws, op="unsubscribe", args=["tickers.BTCUSDT"])
        assert recv(ws)["ret_msg"] == "error:not subscribed,topic:tickers.BTCUSDT"


# -- auth --------------------------------------------------------------------------------------


def test_auth_checks_key_signature_and_expiry_and_never_echoes_the_secret(
    sandbox: Sandbox,
) -> None:
    seen: list[str] = []
    with connect(ws_url(sandbox, "/v5/private")) as ws:
        before = subscribe(ws, "order")
        assert before["success"] is False
        assert before["ret_msg"] == "error:request not authorized"
        cases = [
            (auth(ws, key="nobody"), "error:API key is invalid"),
            (auth(ws, secret="wrong"), "error:signature verification failed"),
            (auth(ws, ahead_ms=-1), "error:request expired: expires must be in the future"),
        ]
        send(ws, op="auth", args=[KEY, "soon", "x"])
        cases.append((recv(ws), "Params Error"))
        for answer, text in cases:
            seen.append(json.dumps(answer))
            assert answer["success"] is False
            assert answer["op"] == "auth"
            assert answer["ret_msg"] == text
        assert auth(ws)["success"] is True
        repeat = auth(ws)
        assert repeat["success"] is False
        assert repeat["ret_msg"] == "error:repeat auth"
    assert not any(SECRET in text for text in seen)


def test_auth_expiry_follows_the_sandbox_clock(sandbox: Sandbox) -> None:
    sandbox.clock_offset_ms = 60_000  # the server runs a minute ahead: 5 s is already past
    with connect(ws_url(sandbox, "/v5/private")) as ws:
        assert auth(ws)["ret_msg"].startswith("error:request expired")
        assert auth(ws, ahead_ms=70_000)["success"] is True


# -- public feeds ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "category", "symbol", "depth"),
    [
        ("/v5/public/linear", "linear", "BTCUSDT", 50),
        ("/v5/public/linear", "linear", "BTCUSDT", 200),
        ("/v5/public/spot", "spot", "BTCUSDT", 50),
        ("/v5/public/inverse", "inverse", "BTCUSD", 200),
    ],
)
def test_a_book_is_a_snapshot_then_deltas_and_always_equals_the_rest_book(
    sandbox: Sandbox, path: str, category: str, symbol: str, depth: int
) -> None:
    with connect(ws_url(sandbox, path)) as ws:
        subscribe(ws, f"orderbook.{depth}.{symbol}")
        book = Book()
        first = recv(ws)
        assert first["type"] == "snapshot"
        assert first["topic"] == f"orderbook.{depth}.{symbol}"
        assert set(first) == {"topic", "type", "ts", "data", "cts"}
        book.apply(first)
        assert book.sorted() == (first["data"]["b"], first["data"]["a"])
        seqs = [first["data"]["seq"]]
        deletes = 0
        start = sandbox.price(symbol, category)
        for step in (3, -7, 1, 12, -2):
            sandbox.set_price(symbol, start + figures_tick(category, symbol) * step)
            delta = recv(ws)
            assert delta["type"] == "delta"
            book.apply(delta)
            seqs.append(delta["data"]["seq"])
            deletes += sum(
                1 for level in delta["data"]["b"] + delta["data"]["a"] if level[1] == "0"
            )
            rest = rest_book(sandbox, category, symbol, depth)
            assert book.sorted() == (rest["b"], rest["a"])
        assert seqs == sorted(seqs)
        assert len(set(seqs)) == len(seqs)
        assert deletes > 0


def figures_tick(category: str, symbol: str) -> Decimal:
    from carpenstar_bybit.sandbox.market import figures

    return figures(category, symbol).tick_size


def test_level_one_is_snapshot_only_and_resent_unchanged(sandbox: Sandbox) -> None:
    sandbox.set_stream_options(book1_resend_s=0.2)
    with connect(ws_url(sandbox, "/v5/public/linear")) as ws:
        subscribe(ws, "orderbook.1.BTCUSDT")
        first = recv(ws)
        assert first["type"] == "snapshot"
        assert len(first["data"]["b"]) == 1
        sandbox.set_price("BTCUSDT", "60010")
        moved = recv(ws)
        assert moved["type"] == "snapshot"
        assert moved["data"]["u"] == first["data"]["u"] + 1
        assert moved["data"]["b"] == rest_book(sandbox, "linear", "BTCUSDT", 1)["b"]
        again = recv(ws, timeout=1.5)  # nothing moved: the same book, the same u
        assert again["type"] == "snapshot"
        assert again["data"]["u"] == moved["data"]["u"]
        assert again["data"]["b"] == moved["data"]["b"]


def test_linear_tickers_are_a_snapshot_then_deltas_of_changed_fields_spot_snapshots(
    sandbox: Sandbox,
) -> None:
    with (
        connect(ws_url(sandbox, "/v5/public/linear")) as lin,
        connect(ws_url(sandbox, "/v5/public/spot")) as spot,
    ):
        subscribe(lin, "tickers.BTCUSDT")
        subscribe(spot, "tickers.BTCUSDT")
        snap = recv(lin)
        assert snap["type"] == "snapshot"
        assert snap["data"]["lastPrice"] == "60000"
        assert {"markPrice", "fundingRate", "bid1Price", "openInterest"} <= set(snap["data"])
        spot_snap = recv(spot)
        assert spot_snap["type"] == "snapshot"
        assert set(spot_snap["data"]) == {
            "symbol", "lastPrice", "highPrice24h", "lowPrice24h", "prevPrice24h", "volume24h",
            "turnover24h", "price24hPcnt", "usdIndexPrice",
        }  # fmt: skip
        sandbox.set_price("BTCUSDT", "60100")
        delta = recv(lin)
        assert delta["type"] == "delta"
        assert delta["data"]["lastPrice"] == "60100"
        assert delta["data"]["symbol"] == "BTCUSDT"
        assert "fundingIntervalHour" not in delta["data"]  # unchanged fields are left out
        assert set(delta) == {"topic", "type", "data", "cs", "ts"}
        again = recv(spot)
        assert again["type"] == "snapshot"
        assert again["data"]["lastPrice"] == "60100"


def test_public_trades_come_from_sandbox_fills_and_ticks(sandbox: Sandbox) -> None:
    with (
        connect(ws_url(sandbox, "/v5/public/linear")) as ws,
        BybitAPI(sandbox.base_url, KEY, SECRET, retry=RetryPolicy.off(), timeout=5) as api,
    ):
        subscribe(ws, "publicTrade.BTCUSDT")
        api.rest(
            PlaceOrder,
            PlaceOrderRequest().setSymbol("BTCUSDT").setSide("Sell").setOrderType("Market")
            .setQty(0.02),
        )  # fmt: skip
        trade = recv(ws)
        assert trade["topic"] == "publicTrade.BTCUSDT"
        assert trade["type"] == "snapshot"
        item = trade["data"][0]
        assert (item["s"], item["S"], item["v"], item["p"]) == ("BTCUSDT", "Sell", "0.02", "60000")
        assert set(item) == {"T", "s", "S", "v", "p", "L", "i", "BT", "RPI", "seq"}
        assert sandbox.tick(["BTCUSDT"]) == ["BTCUSDT"]
        walked = recv(ws)["data"][0]
        assert Decimal(walked["p"]) == sandbox.price("BTCUSDT") != Decimal("60000")
        assert walked["seq"] > item["seq"]


def test_klines_carry_confirm_when_a_candle_closes(sandbox: Sandbox) -> None:
    with connect(ws_url(sandbox, "/v5/public/linear")) as ws:
        subscribe(ws, "kline.1.BTCUSDT")
        live = recv(ws)
        candle = live["data"][0]
        assert live["topic"] == "kline.1.BTCUSDT"
        assert candle["confirm"] is False
        assert candle["end"] == candle["start"] + 59_999
        assert candle["interval"] == "1"
        assert candle["close"] == "60000"
        sandbox.clock_offset_ms = 60_000  # a minute later on the sandbox clock
        sandbox.set_price("BTCUSDT", "60200")
        closed, new = recv(ws)["data"][0], recv(ws)["data"][0]
        assert closed["confirm"] is True
        assert closed["start"] == candle["start"]
        assert new["confirm"] is False
        assert new["start"] == candle["start"] + 60_000
        assert new["close"] == "60200"


def test_all_liquidation_reaches_its_subscribers_only(sandbox: Sandbox) -> None:
    with connect(ws_url(sandbox, "/v5/public/linear")) as ws:
        subscribe(ws, "allLiquidation.BTCUSDT")
        assert sandbox.liquidate("BTCUSDT", "Buy", "0.5", "59000") == 1
        message = recv(ws)
        assert message["topic"] == "allLiquidation.BTCUSDT"
        assert message["type"] == "snapshot"
        item = message["data"][0]
        assert (item["s"], item["S"], item["v"], item["p"]) == ("BTCUSDT", "Buy", "0.5", "59000")
        assert sandbox.liquidate("ETHUSDT") == 0


def test_unsubscribe_stops_the_feed(sandbox: Sandbox) -> None:
    with connect(ws_url(sandbox, "/v5/public/linear")) as ws:
        subscribe(ws, "orderbook.50.BTCUSDT", "tickers.BTCUSDT")
        recv(ws)
        recv(ws)
        assert sandbox.stream_topics() == ["orderbook.50.BTCUSDT", "tickers.BTCUSDT"]
        assert sandbox.stream_topics("/v5/public/spot") == []
        send(ws, op="unsubscribe", args=["orderbook.50.BTCUSDT", "tickers.BTCUSDT"])
        assert recv(ws)["success"] is True
        assert sandbox.stream_topics("/v5/public/linear") == []
        sandbox.set_price("BTCUSDT", "60500")
        send(ws, op="ping")
        assert recv(ws)["ret_msg"] == "pong"


def test_a_timer_driven_feed_moves_books_and_stops_with_the_sandbox() -> None:
    before = set(threading.enumerate())
    with Sandbox(seed=1, stream_tick_s=0.05) as sb, connect(ws_url(sb, "/v5/public/linear")) as ws:
        subscribe(ws, "orderbook.50.BTCUSDT")
        assert recv(ws)["type"] == "snapshot"
        assert recv(ws)["type"] == "delta"  # nobody called anything: the timer did
    assert set(threading.enumerate()) == before


# -- private feeds from REST trading -------------------------------------------------------------


def test_rest_trading_reaches_order_execution_position_and_wallet(sandbox: Sandbox) -> None:
    with (
        connect(ws_url(sandbox, "/v5/private")) as ws,
        connect(ws_url(sandbox, "/v5/private")) as other,
        BybitAPI(sandbox.base_url, KEY, SECRET, retry=RetryPolicy.off(), timeout=5) as api,
    ):
        auth(ws)
        auth(other, OTHER, OTHER_SECRET)
        assert subscribe(ws, "order", "execution", "position", "wallet")["success"] is True
        assert subscribe(other, "order")["success"] is True
        placed = (
            api.rest(
                PlaceOrder,
                PlaceOrderRequest().setSymbol("BTCUSDT").setSide("Buy").setOrderType("Limit")
                .setQty(0.01).setPrice(59000).setOrderLinkId("ws-1"),
            ).getBody().fetch()
        )  # fmt: skip
        order_id = placed.getOrderId()
        position = recv(ws)  # on every create, amend, cancel; before the order's own news
        assert position["topic"] == "position"
        assert position["data"][0]["size"] == "0"
        new = recv(ws)
        assert set(new) == {"id", "topic", "creationTime", "data"}
        assert new["topic"] == "order"
        item = new["data"][0]
        assert (item["orderId"], item["orderStatus"], item["category"]) == (
            order_id,
            "New",
            "linear",
        )
        assert item["orderLinkId"] == "ws-1"
        assert item["price"] == "59000"
        api.rest(
            ReplaceOrder,
            ReplaceOrderRequest().setSymbol("BTCUSDT").setOrderId(order_id).setPrice(59500),
        )
        assert recv(ws)["topic"] == "position"
        amended = recv(ws)
        assert amended["topic"] == "order"
        assert amended["data"][0]["price"] == "59500"
        sandbox.set_price("BTCUSDT", "59400")  # the price moves through the order: a maker fill
        # One change, in this order: the fill's execution and wallet, the position, the order
        # last (a client that saw the order filled has seen the rest).
        messages = [recv(ws) for _ in range(4)]
        assert [m["topic"] for m in messages] == ["execution", "wallet", "position", "order"]
        got = {m["topic"]: m for m in messages}
        execution = got["execution"]["data"][0]
        assert (execution["orderId"], execution["execPrice"], execution["execQty"]) == (
            order_id,
            "59500",
            "0.01",
        )
        assert execution["isMaker"] is True
        assert execution["category"] == "linear"
        assert got["order"]["data"][0]["orderStatus"] == "Filled"
        assert got["position"]["data"][0]["size"] == "0.01"
        assert got["position"]["data"][0]["side"] == "Buy"
        wallet = got["wallet"]["data"][0]
        assert wallet["accountType"] == "UNIFIED"
        rest_wallet = sandbox._app.positions.wallet_balance(KEY, {"accountType": "UNIFIED"})
        assert wallet["coin"] == rest_wallet["list"][0]["coin"]  # type: ignore[index]
        # Cancelling: the order stream says so; the other key heard nothing of all this.
        placed = (
            api.rest(
                PlaceOrder,
                PlaceOrderRequest().setSymbol("BTCUSDT").setSide("Buy").setOrderType("Limit")
                .setQty(0.01).setPrice(58000),
            ).getBody().fetch()
        )  # fmt: skip
        recv(ws), recv(ws)
        api.rest(
            CancelOrder,
            CancelOrderRequest().setSymbol("BTCUSDT").setOrderId(placed.getOrderId()),
        )
        assert recv(ws)["topic"] == "position"
        cancelled = recv(ws)
        assert cancelled["data"][0]["orderStatus"] == "Cancelled"
        send(other, op="ping")
        assert recv(other)["op"] == "pong"


def test_categorised_private_topics_filter_and_cannot_mix_with_all_in_one(
    sandbox: Sandbox,
) -> None:
    with connect(ws_url(sandbox, "/v5/private")) as ws:
        auth(ws)
        mixed = subscribe(ws, "order", "order.linear")
        assert mixed["ret_msg"] == "error:all-in-one and categorised topics in one request"
        assert subscribe(ws, "order.spot")["success"] is True
        sandbox.seed_orders(KEY)  # a helper, not a call: no news
        requests_api = BybitAPI(sandbox.base_url, KEY, SECRET, retry=RetryPolicy.off())
        with requests_api as api:
            api.rest(
                PlaceOrder,
                PlaceOrderRequest().setSymbol("BTCUSDT").setSide("Buy").setOrderType("Limit")
                .setQty(0.01).setPrice(59000),
            )  # fmt: skip
        send(ws, op="ping")
        assert recv(ws)["op"] == "pong"  # a linear order is not on order.spot


# -- faults ------------------------------------------------------------------------------------


def test_drop_cuts_the_tcp_connection_without_a_close_frame(sandbox: Sandbox) -> None:
    with connect(ws_url(sandbox, "/v5/public/linear")) as ws:
        assert sandbox.stream_fault("drop", path="/v5/public/linear") == 1
        with pytest.raises(ConnectionClosedError) as caught:
            ws.recv(timeout=2)
        assert caught.value.rcvd is None


def test_close_sends_a_close_frame_with_the_code(sandbox: Sandbox) -> None:
    with connect(ws_url(sandbox, "/v5/public/spot")) as ws:
        sandbox.stream_fault("close", code=1011, reason="maintenance")
        with pytest.raises(ConnectionClosed) as caught:
            ws.recv(timeout=2)
        assert caught.value.rcvd is not None
        assert (caught.value.rcvd.code, caught.value.rcvd.reason) == (1011, "maintenance")


def test_stall_stops_data_and_both_kinds_of_ping(sandbox: Sandbox) -> None:
    # close_timeout: the stalled server will not answer the client's close frame either.
    with connect(ws_url(sandbox, "/v5/public/linear"), close_timeout=0.2) as ws:
        subscribe(ws, "orderbook.50.BTCUSDT")
        recv(ws)
        assert sandbox.stream_fault("stall") == 1
        sandbox.set_price("BTCUSDT", "60300")
        send(ws, op="ping")
        frame_pong = ws.ping()
        with pytest.raises(TimeoutError):
            ws.recv(timeout=0.5)
        assert not frame_pong.wait(0.1)
    with connect(ws_url(sandbox, "/v5/public/linear")) as ws:  # a new connection is served
        send(ws, op="ping")
        assert recv(ws)["ret_msg"] == "pong"


def test_stall_with_seconds_ends_in_a_cut(sandbox: Sandbox) -> None:
    with connect(ws_url(sandbox, "/v5/public/linear")) as ws:
        sandbox.stream_fault("stall", seconds=0.2)
        with pytest.raises(ConnectionClosedError):
            ws.recv(timeout=2)


def test_skip_u_loses_one_delta_so_the_next_u_jumps(sandbox: Sandbox) -> None:
    with connect(ws_url(sandbox, "/v5/public/linear")) as ws:
        subscribe(ws, "orderbook.50.BTCUSDT")
        u0 = recv(ws)["data"]["u"]
        assert sandbox.stream_fault("skip_u", topic="orderbook.50.BTCUSDT") == 1
        sandbox.set_price("BTCUSDT", "60001")  # this delta is lost
        sandbox.set_price("BTCUSDT", "60002")
        delta = recv(ws)
        assert delta["type"] == "delta"
        assert delta["data"]["u"] == u0 + 2
        sandbox.set_price("BTCUSDT", "60003")
        assert recv(ws)["data"]["u"] == u0 + 3


def test_resnapshot_and_restart_send_fresh_snapshots_mid_stream(sandbox: Sandbox) -> None:
    with connect(ws_url(sandbox, "/v5/public/linear")) as ws:
        subscribe(ws, "orderbook.200.BTCUSDT")
        u0 = recv(ws)["data"]["u"]
        assert sandbox.stream_fault("resnapshot") == 1
        again = recv(ws)
        assert again["type"] == "snapshot"
        assert again["data"]["u"] == u0 + 1
        assert (again["data"]["b"], again["data"]["a"]) == tuple(
            rest_book(sandbox, "linear", "BTCUSDT", 200)[side] for side in ("b", "a")
        )
        sandbox.stream_fault("restart", path="/v5/public/linear")
        restart = recv(ws)
        assert restart["type"] == "snapshot"
        assert restart["data"]["u"] == 1
        sandbox.set_price("BTCUSDT", "60050")
        assert recv(ws)["data"]["u"] == 2


def test_refuse_answers_the_upgrade_with_502_once(sandbox: Sandbox) -> None:
    assert sandbox.stream_fault("refuse", path="/v5/public/linear") == 1
    with pytest.raises(InvalidStatus) as caught:
        connect(ws_url(sandbox, "/v5/public/linear"))
    assert caught.value.response.status_code == 502
    assert b"Bad Gateway" in caught.value.response.body
    with connect(ws_url(sandbox, "/v5/public/linear")) as ws:
        send(ws, op="ping")
        assert recv(ws)["ret_msg"] == "pong"


def test_rest_faults_apply_to_the_upgrade_too(sandbox: Sandbox) -> None:
    sandbox.set_fault("drop", path="/v5/private", times=1)
    with pytest.raises((ConnectionError, OSError, InvalidStatus, Exception)) as caught:
        connect(ws_url(sandbox, "/v5/private"), open_timeout=2)
    assert not isinstance(caught.value, InvalidStatus)
    assert sandbox.stats()["faults"] == {"drop": 1}


def test_fault_arguments_are_checked(sandbox: Sandbox) -> None:
    with pytest.raises(ValueError, match="stream fault kind"):
        sandbox.stream_fault("explode")
    with pytest.raises(ValueError, match="path must be one of"):
        sandbox.stream_fault("drop", path="/v5/market/time")
    with pytest.raises(ValueError, match="unknown fault parameters: code"):
        sandbox.stream_fault("drop", code=1000)
    with pytest.raises(ValueError, match="refuse takes"):
        sandbox.stream_fault("refuse", status=500)


def drain(ws: ClientConnection) -> None:
    while True:
        ws.recv(timeout=2)


# -- keepalive and stop --------------------------------------------------------------------------


def test_an_idle_stream_is_cut_and_a_pinging_one_is_kept() -> None:
    with (
        Sandbox(stream_idle_s=0.4) as sb,
        connect(ws_url(sb, "/v5/public/linear")) as quiet,
        connect(ws_url(sb, "/v5/public/linear")) as pinging,
    ):
        deadline = time.monotonic() + 1.2
        while time.monotonic() < deadline:
            send(pinging, op="ping")
            assert recv(pinging)["ret_msg"] == "pong"
            time.sleep(0.1)
        with pytest.raises(ConnectionClosedError):
            quiet.recv(timeout=1)
        send(pinging, op="ping")
        assert recv(pinging)["ret_msg"] == "pong"


def test_stop_closes_every_stream_with_1001_and_leaves_no_thread() -> None:
    before = set(threading.enumerate())
    sb = Sandbox(keys={KEY: SECRET}).start()
    with contextlib.ExitStack() as stack:
        clients = [
            stack.enter_context(connect(ws_url(sb, path)))
            for path in ("/v5/public/linear", "/v5/private")
        ]
        subscribe(clients[0], "orderbook.1000.BTCUSDT")
        started = time.monotonic()
        sb.stop()
        assert time.monotonic() - started < 1.0
        for ws in clients:
            with pytest.raises(ConnectionClosed) as caught:
                drain(ws)
            assert caught.value.rcvd is not None
            assert caught.value.rcvd.code == 1001
    assert sb.stream_count() == 0
    assert set(threading.enumerate()) == before


HOSTILE = [
    "[]",
    "null",
    '"subscribe"',
    "{}",
    '{"op": 5}',
    '{"op": "subscribe"}',
    '{"op": "subscribe", "args": [1, 2]}',
    '{"op": "subscribe", "args": [""]}',
    '{"op": "subscribe", "args": ["orderbook"]}',
    '{"op": "subscribe", "args": ["orderbook.x.BTCUSDT"]}',
    '{"op": "subscribe", "args": ["orderbook.50."]}',
    '{"op": "subscribe", "args": ["kline.1.BTCUSDT.extra"]}',
    '{"op": "unsubscribe", "args": {}}',
    '{"op": "subscribe", "args": ["publicTrade.BTCUSDT", "publicTrade.BTCUSDT"]}',
    '{"op": "ping", "req_id": 5}',
    "[" * 100_000,  # deep nesting: RecursionError inside json must not kill the stream
]


@pytest.mark.parametrize("path", ["/v5/public/linear", "/v5/public/option", "/v5/private"])
def test_hostile_requests_get_failure_acks_and_the_stream_lives_on(
    sandbox: Sandbox, path: str
) -> None:
    with connect(ws_url(sandbox, path)) as ws:
        for text in HOSTILE:
            ws.send(text)
            answer = recv(ws)
            pong = answer.get("op") == "pong" or answer.get("ret_msg") == "pong"
            assert pong or answer["success"] is False, (text[:40], answer)
        ws.send(b"\x00binary")  # binary messages mean nothing: no answer, no harm
        send(ws, op="ping")
        answer = recv(ws)
        assert answer.get("op") == "pong" or answer.get("ret_msg") == "pong"


def test_a_malformed_upgrade_is_refused_by_the_websockets_library(sandbox: Sandbox) -> None:
    answer = requests.get(
        f"{sandbox.base_url}/v5/public/linear",
        headers={"Upgrade": "websocket", "Connection": "Upgrade"},  # no key, no version
        timeout=5,
    )
    assert answer.status_code == 400
    assert "Sec-WebSocket-Key" in answer.text
    deadline = time.monotonic() + 2
    while sandbox.stream_count():  # counted while its handshake ran, then let go
        assert time.monotonic() < deadline
        time.sleep(0.01)


# -- order entry: /v5/trade ----------------------------------------------------------------------


def trade_call(
    ws: ClientConnection, op: str, args: list[Any], req_id: str, **extra: Any
) -> Message:
    header = {"X-BAPI-TIMESTAMP": str(int(time.time() * 1000)), "X-BAPI-RECV-WINDOW": "8000"}
    send(ws, reqId=req_id, header=extra.pop("header", header), op=op, args=args, **extra)
    return recv(ws)


ORDER = {"category": "linear", "symbol": "BTCUSDT", "side": "Buy", "orderType": "Limit",
         "qty": "0.01", "price": "59000"}  # fmt: skip


def test_trade_stream_pong_auth_and_its_codes(sandbox: Sandbox) -> None:
    with connect(ws_url(sandbox, "/v5/trade")) as ws:
        before = int(time.time() * 1000)
        send(ws, reqId="p", op="ping")
        pong = recv(ws)
        assert [pong["reqId"], pong["retCode"], pong["retMsg"], pong["op"]] == [
            "p",
            0,
            "OK",
            "pong",
        ]
        assert int(pong["data"][0]) >= before
        assert isinstance(pong["connId"], str)
        early = trade_call(ws, "order.create", [ORDER], "r0")
        assert (early["retCode"], early["reqId"]) == (10003, "r0")
        wrong = auth(ws, secret="wrong")
        assert wrong["retCode"] == 10004
        assert wrong["op"] == "auth"
        ok = auth(ws)
        assert set(ok) == {"retCode", "retMsg", "op", "connId"}
        assert (ok["retCode"], ok["retMsg"]) == (0, "OK")
        assert auth(ws)["retCode"] == 20001  # repeat auth
        assert trade_call(ws, "order.explode", [ORDER], "r1")["retCode"] == 10404


def test_trade_stream_places_amends_and_cancels_through_the_rest_rules(sandbox: Sandbox) -> None:
    with (
        connect(ws_url(sandbox, "/v5/trade")) as ws,
        connect(ws_url(sandbox, "/v5/private")) as private,
    ):
        auth(ws)
        auth(private)
        subscribe(private, "order")
        created = trade_call(ws, "order.create", [ORDER], "c1")
        assert (created["retCode"], created["retMsg"], created["op"]) == (0, "OK", "order.create")
        order_id = created["data"]["orderId"]
        assert created["data"] == {"orderId": order_id, "orderLinkId": ""}
        assert created["retExtInfo"] == {}
        assert {"X-Bapi-Limit", "X-Bapi-Limit-Status", "X-Bapi-Limit-Reset-Timestamp", "Traceid",
                "Timenow"} == set(created["header"])  # fmt: skip
        assert [o["orderId"] for o in sandbox.open_orders(KEY)] == [order_id]
        assert recv(private)["data"][0]["orderId"] == order_id  # the private stream heard it
        amended = trade_call(
            ws, "order.amend", [{"category": "linear", "symbol": "BTCUSDT", "orderId": order_id,
                                 "price": "59100"}], "c2",
        )  # fmt: skip
        assert amended["retCode"] == 0
        assert sandbox.open_orders(KEY)[0]["price"] == "59100"
        again = trade_call(ws, "order.cancel", [ORDER], "c1")
        assert again["retCode"] == 20006  # the reqId was used on this connection
        bad = trade_call(ws, "order.create", [{**ORDER, "side": "Up"}], "c3")
        assert (bad["retCode"], bad["retMsg"]) == (10001, "params error: side must be Buy or Sell")
        cancel = {"category": "linear", "symbol": "BTCUSDT", "orderId": order_id}
        assert trade_call(ws, "order.cancel", [cancel], "c4")["retCode"] == 0
        assert sandbox.open_count(KEY) == 0


def test_trade_stream_checks_the_header_timestamp(sandbox: Sandbox) -> None:
    with connect(ws_url(sandbox, "/v5/trade")) as ws:
        auth(ws)
        missing = trade_call(ws, "order.create", [ORDER], "t1", header={})
        assert missing["retCode"] == 10001
        old = {"X-BAPI-TIMESTAMP": str(int(time.time() * 1000) - 10_000)}
        assert trade_call(ws, "order.create", [ORDER], "t2", header=old)["retCode"] == 10002
        wide = {**old, "X-BAPI-RECV-WINDOW": "20000"}
        assert trade_call(ws, "order.create", [ORDER], "t3", header=wide)["retCode"] == 0


def test_trade_stream_batches_answer_per_order(sandbox: Sandbox) -> None:
    with connect(ws_url(sandbox, "/v5/trade")) as ws:
        auth(ws)
        body = {"category": "linear", "request": [
            {k: v for k, v in ORDER.items() if k != "category"},
            {"symbol": "BTCUSDT", "side": "Sell", "orderType": "Limit", "qty": "-1",
             "price": "61000"},
        ]}  # fmt: skip
        answer = trade_call(ws, "order.create-batch", [body], "b1")
        assert answer["retCode"] == 0
        first, second = answer["data"]["list"]
        assert first["category"] == "linear"
        assert first["symbol"] == "BTCUSDT"
        assert second == {}
        codes = [item["code"] for item in answer["retExtInfo"]["list"]]
        assert codes == [0, 10001]
        assert sandbox.open_count(KEY) == 1
        too_many = {"category": "spot", "request": [ORDER] * 11}
        assert trade_call(ws, "order.create-batch", [too_many], "b2")["retCode"] == 10001


def test_trade_stream_shares_rest_rate_limits() -> None:
    with (
        Sandbox(keys={KEY: SECRET}, rate_limit=1) as sb,
        BybitAPI(sb.base_url, KEY, SECRET, retry=RetryPolicy.off(), timeout=5) as api,
        connect(ws_url(sb, "/v5/trade")) as ws,
    ):
        api.rest(
            PlaceOrder,
            PlaceOrderRequest().setSymbol("BTCUSDT").setSide("Buy").setOrderType("Limit")
            .setQty(0.01).setPrice(59000),
        )  # fmt: skip
        auth(ws)
        limited = trade_call(ws, "order.create", [ORDER], "l1")
        assert (limited["retCode"], limited["retMsg"]) == (10006, "Too many visits!")
        assert limited["header"]["X-Bapi-Limit-Status"] == "0"
