"""The library's streams against the sandbox's, over real WebSockets on loopback: every channel
(Carpenstar's seven, allLiquidation, the four private ones), auth, every stream fault with the
client's book after recovery equal to the sandbox's REST book, and no thread left after stop.

Bounds are small (pings every 0.2 s, a pong awaited 0.4 s, backoff 10-50 ms) so that a fault is
detected and recovered from in well under a second."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any

import pytest
import requests

from carpenstar_bybit import BybitAPI
from carpenstar_bybit.Core.Enums import EnumOutputMode
from carpenstar_bybit.Core.Retry import RetryPolicy
from carpenstar_bybit.Derivatives.Contract.Order.CancelOrder import CancelOrder
from carpenstar_bybit.Derivatives.Contract.Order.CancelOrder.Request import CancelOrderRequest
from carpenstar_bybit.Derivatives.Contract.Order.PlaceOrder import PlaceOrder
from carpenstar_bybit.Derivatives.Contract.Order.PlaceOrder.Request import PlaceOrderRequest
from carpenstar_bybit.sandbox import Sandbox
from carpenstar_bybit.WebSockets.Channels.Derivatives.PublicChannels.AllLiquidation import (
    AllLiquidationChannel,
)
from carpenstar_bybit.WebSockets.Channels.Derivatives.PublicChannels.AllLiquidation.Argument import (  # noqa: E501
    AllLiquidationArgument,
)
from carpenstar_bybit.WebSockets.Channels.Derivatives.PublicChannels.OrderBook import (
    OrderBookChannel as DerivativesOrderBookChannel,
)
from carpenstar_bybit.WebSockets.Channels.Derivatives.PublicChannels.OrderBook.Argument import (
    OrderBookArgument as DerivativesOrderBookArgument,
)
from carpenstar_bybit.WebSockets.Channels.Derivatives.PublicChannels.Tickers import (
    TickersChannel as DerivativesTickersChannel,
)
from carpenstar_bybit.WebSockets.Channels.Derivatives.PublicChannels.Tickers.Argument import (
    TickersArgument as DerivativesTickersArgument,
)
from carpenstar_bybit.WebSockets.Channels.PrivateChannels.Execution import ExecutionChannel
from carpenstar_bybit.WebSockets.Channels.PrivateChannels.Execution.Argument import (
    ExecutionArgument,
)
from carpenstar_bybit.WebSockets.Channels.PrivateChannels.Order import OrderChannel
from carpenstar_bybit.WebSockets.Channels.PrivateChannels.Order.Argument import OrderArgument
from carpenstar_bybit.WebSockets.Channels.PrivateChannels.Position import PositionChannel
from carpenstar_bybit.WebSockets.Channels.PrivateChannels.Position.Argument import (
    PositionArgument,
)
from carpenstar_bybit.WebSockets.Channels.PrivateChannels.Wallet import WalletChannel
from carpenstar_bybit.WebSockets.Channels.PrivateChannels.Wallet.Argument import WalletArgument
from carpenstar_bybit.WebSockets.Channels.Spot.PublicChannels.Bookticker import BooktickerChannel
from carpenstar_bybit.WebSockets.Channels.Spot.PublicChannels.Bookticker.Argument import (
    BooktickerArgument,
)
from carpenstar_bybit.WebSockets.Channels.Spot.PublicChannels.Kline import KlineChannel
from carpenstar_bybit.WebSockets.Channels.Spot.PublicChannels.Kline.Argument import KlineArgument
from carpenstar_bybit.WebSockets.Channels.Spot.PublicChannels.OrderBook import (
    OrderBookChannel as SpotOrderBookChannel,
)
from carpenstar_bybit.WebSockets.Channels.Spot.PublicChannels.OrderBook.Argument import (
    OrderBookArgument as SpotOrderBookArgument,
)
from carpenstar_bybit.WebSockets.Channels.Spot.PublicChannels.PublicTrade import (
    PublicTradeChannel,
)
from carpenstar_bybit.WebSockets.Channels.Spot.PublicChannels.PublicTrade.Argument import (
    PublicTradeArgument,
)
from carpenstar_bybit.WebSockets.Channels.Spot.PublicChannels.Tickers import (
    TickersChannel as SpotTickersChannel,
)
from carpenstar_bybit.WebSockets.Channels.Spot.PublicChannels.Tickers.Argument import (
    TickersArgument as SpotTickersArgument,
)
from carpenstar_bybit.WebSockets.Exceptions import WebSocketException
from carpenstar_bybit.WebSockets.Stream import WebSocketStream

KEY, SECRET = "e2e-stream-key", "e2e-stream-secret"
WAIT_S = 3.0
# Fast bounds: a stalled stream is noticed in ~0.6 s, a reconnect waits 10-50 ms.
FAST: dict[str, Any] = {
    "timeout": 2.0,
    "ping_interval": 0.2,
    "pong_timeout": 0.4,
    "backoff": 0.01,
    "max_backoff": 0.05,
    "connect_timeout": 2.0,
}


class Collect:
    """A PHP-style handler (``handle(data)``) that keeps what it was handed."""

    def __init__(self) -> None:
        self.items: list[Any] = []
        self._cond = threading.Condition()

    def handle(self, data: Any) -> None:
        with self._cond:
            self.items.append(data)
            self._cond.notify_all()

    def wait(self, check: Callable[[list[Any]], bool], timeout: float = WAIT_S) -> list[Any]:
        with self._cond:
            if not self._cond.wait_for(lambda: check(self.items), timeout):
                raise AssertionError(f"not seen in {timeout} s; last: {self.items[-1:]!r}")
            return list(self.items)

    def last(self) -> Any:
        with self._cond:
            return self.items[-1]


def threads() -> set[threading.Thread]:
    # The REST transport's process-wide deadline watcher (one daemon, started by the first REST
    # call of the process) is not a stream's: leave it out.
    return {t for t in threading.enumerate() if t.name != "carpenstar_bybit-deadlines"}


@pytest.fixture
def sandbox() -> Iterator[Sandbox]:
    before = threads()
    with Sandbox(keys={KEY: SECRET}, rate_limit=None, seed=11) as sb:
        sb.set_price("BTCUSDT", "60000")
        sb.set_price("ETHUSDT", "3000")
        yield sb
    # Every stream and the sandbox are gone: not a thread left.
    assert threads() == before


@pytest.fixture
def api(sandbox: Sandbox) -> Iterator[BybitAPI]:
    with BybitAPI(sandbox.base_url, KEY, SECRET, retry=RetryPolicy.off(), timeout=5) as bybit:
        yield bybit


def rest_book(sb: Sandbox, category: str, symbol: str, depth: int) -> tuple[list[Any], list[Any]]:
    answer = requests.get(
        f"{sb.base_url}/v5/market/orderbook",
        params={"category": category, "symbol": symbol, "limit": str(depth)},
        timeout=5,
    ).json()
    return answer["result"]["b"], answer["result"]["a"]


def as_lists(book: dict[str, Any]) -> tuple[list[list[str]], list[list[str]]]:
    data = book["data"]
    return [list(level) for level in data["b"]], [list(level) for level in data["a"]]


def equal_to_rest(
    sb: Sandbox, category: str, symbol: str, depth: int
) -> Callable[[list[Any]], bool]:
    def check(items: list[Any]) -> bool:
        return bool(items) and as_lists(items[-1]) == rest_book(sb, category, symbol, depth)

    return check


def tick_of(price: str, ticks: int, tick: str = "0.1") -> str:
    return str(Decimal(price) + Decimal(tick) * ticks)


def place(api: BybitAPI, **fields: Any) -> Any:
    request = PlaceOrderRequest().setSymbol(fields.pop("symbol", "BTCUSDT"))
    request.setSide(fields.pop("side", "Buy")).setOrderType(fields.pop("orderType", "Limit"))
    request.setQty(fields.pop("qty", 0.01))
    if "price" in fields:
        request.setPrice(fields.pop("price"))
    if "category" in fields:
        request.setCategory(fields.pop("category"))
    assert not fields
    return api.rest(PlaceOrder, request).getBody().fetch()


# -- Carpenstar's seven channels ------------------------------------------------------------------


def test_spot_bookticker_gives_the_best_bid_and_ask_of_the_level_one_book(
    api: BybitAPI, sandbox: Sandbox
) -> None:
    handler = Collect()
    with api.stream(BooktickerChannel, BooktickerArgument("BTCUSDT"), handler, **FAST):
        first = handler.wait(lambda items: len(items) >= 1)[0]
        (bid,), (ask,) = rest_book(sandbox, "spot", "BTCUSDT", 1)
        assert first.getTopic() == "orderbook.1.BTCUSDT"
        assert (first.getBestBidPrice(), first.getBidQuantity()) == (float(bid[0]), float(bid[1]))
        assert (first.getBestAskPrice(), first.getAskQuantity()) == (float(ask[0]), float(ask[1]))
        sandbox.set_price("BTCUSDT", "60123.45")
        moved = handler.wait(lambda items: items[-1].getBestBidPrice() == 60123.44)[-1]
        assert moved.getBestAskPrice() == 60123.46
        assert moved.getSymbol() == "BTCUSDT"


def test_spot_kline_hands_candles_with_php_and_v5_getters(api: BybitAPI, sandbox: Sandbox) -> None:
    handler = Collect()
    with api.stream(KlineChannel, KlineArgument("BTCUSDT", "1h"), handler, **FAST):
        candle = handler.wait(lambda items: len(items) >= 1)[0]
        assert candle.getTopic() == "kline.60.BTCUSDT"
        assert candle.getClosePrice() == 60000.0
        assert candle.getConfirm() is False
        assert candle.getSymbol() == "BTCUSDT"
        assert candle.getInterval() == "60"
        assert candle.getHighPrice() >= candle.getLowPrice()
        sandbox.set_price("BTCUSDT", "60500")
        handler.wait(lambda items: items[-1].getClosePrice() == 60500.0)


def test_spot_order_book_of_php_depth_40_is_v5s_50_and_equals_rest(
    api: BybitAPI, sandbox: Sandbox
) -> None:
    handler = Collect()
    argument = SpotOrderBookArgument("BTCUSDT").setDepth(40)
    with api.stream(SpotOrderBookChannel, argument, handler, **FAST):
        book = handler.wait(lambda items: len(items) >= 1)[0]
        assert book.getTopic() == "orderbook.50.BTCUSDT"
        bids, asks = rest_book(sandbox, "spot", "BTCUSDT", 50)
        assert [(b.getPrice(), b.getSize()) for b in book.getBid()] == [
            (float(p), float(s)) for p, s in bids
        ]
        assert [(a.getPrice(), a.getSize()) for a in book.getAsk()] == [
            (float(p), float(s)) for p, s in asks
        ]
        sandbox.set_price("BTCUSDT", "59990")
        moved = handler.wait(lambda items: items[-1].getBid()[0].getPrice() == 59989.99)[-1]
        assert moved.getUpdateId() == book.getUpdateId() + 1
        bids, _ = rest_book(sandbox, "spot", "BTCUSDT", 50)
        assert [b.getPrice() for b in moved.getBid()] == [float(p) for p, _ in bids]


def test_spot_public_trade_hands_the_sandbox_fills(api: BybitAPI, sandbox: Sandbox) -> None:
    handler = Collect()
    with api.stream(PublicTradeChannel, PublicTradeArgument("BTCUSDT"), handler, **FAST):
        wait_subscribed(sandbox, "/v5/public/spot")
        place(api, category="spot", side="Sell", orderType="Market", qty=0.01)
        trade = handler.wait(lambda items: len(items) >= 1)[0]
        assert trade.getSymbol() == "BTCUSDT"
        assert trade.getSide() == "Sell"
        assert (trade.getPrice(), trade.getQuantity()) == (60000.0, 0.01)
        assert trade.getIsBlockTrade() is False


def test_spot_tickers_hand_a_collection_with_php_getters(api: BybitAPI, sandbox: Sandbox) -> None:
    handler = Collect()
    with api.stream(SpotTickersChannel, SpotTickersArgument("BTCUSDT"), handler, **FAST):
        ticker = handler.wait(lambda items: len(items) >= 1)[0]
        (item,) = list(ticker.getData())
        assert item.getSymbol() == "BTCUSDT"
        assert item.getClosePrice() == 60000.0
        assert item.getHighPrice() >= item.getLowPrice() > 0
        sandbox.set_price("BTCUSDT", "61000")
        handler.wait(lambda items: next(iter(items[-1].getData())).getClosePrice() == 61000.0)


def test_derivatives_order_book_of_several_symbols_equals_rest(
    api: BybitAPI, sandbox: Sandbox
) -> None:
    handler = Collect()
    argument = DerivativesOrderBookArgument("BTCUSDT,ETHUSDT", 200)
    with api.stream(
        DerivativesOrderBookChannel, argument, handler, EnumOutputMode.MODE_ARRAY, **FAST
    ):
        handler.wait(lambda items: {i["topic"] for i in items} == {
            "orderbook.200.BTCUSDT", "orderbook.200.ETHUSDT"
        })  # fmt: skip
        for step in (2, -5, 9):
            sandbox.set_price("BTCUSDT", tick_of("60000", step))
            sandbox.set_price("ETHUSDT", tick_of("3000", step, "0.01"))
        for symbol in ("BTCUSDT", "ETHUSDT"):
            rest = rest_book(sandbox, "linear", symbol, 200)

            def latest_equal(items: list[Any], symbol: str = symbol, rest: Any = rest) -> bool:
                mine = [i for i in items if i["data"]["s"] == symbol]
                return bool(mine) and as_lists(mine[-1]) == rest

            handler.wait(latest_equal)


def test_derivatives_tickers_merge_deltas_so_no_getter_turns_none(
    api: BybitAPI, sandbox: Sandbox
) -> None:
    handler = Collect()
    with api.stream(
        DerivativesTickersChannel, DerivativesTickersArgument("BTCUSDT"), handler, **FAST
    ):
        first = next(iter(handler.wait(lambda items: len(items) >= 1)[0].getData()))
        assert first.getLastPrice() == 60000.0
        assert first.getMarkPrice() is not None
        sandbox.set_price("BTCUSDT", "60250")
        later = handler.wait(
            lambda items: next(iter(items[-1].getData())).getLastPrice() == 60250.0
        )
        item = next(iter(later[-1].getData()))
        assert later[-1].getType() in ("snapshot", "delta")
        for getter in (
            item.getMarkPrice, item.getIndexPrice, item.getFundingRate, item.getOpenInterest,
            item.getNextFundingTime, item.getBid1Price, item.getAsk1Price, item.getVolume24h,
        ):  # fmt: skip
            assert getter() is not None
        assert item.getBid1Price() == 60249.9


def test_all_liquidation(api: BybitAPI, sandbox: Sandbox) -> None:
    handler = Collect()
    with api.stream(AllLiquidationChannel, AllLiquidationArgument("BTCUSDT"), handler, **FAST):
        wait_subscribed(sandbox, "/v5/public/linear")
        assert sandbox.liquidate("BTCUSDT", "Buy", "0.25", "59000") == 1
        liquidation = handler.wait(lambda items: len(items) >= 1)[0]
        assert liquidation.getSymbol() == "BTCUSDT"
        assert liquidation.getSide() == "Buy"
        assert (liquidation.getSize(), liquidation.getPrice()) == (0.25, 59000.0)


def test_websocket_blocks_in_the_callers_thread_and_a_handler_error_ends_it(
    api: BybitAPI, sandbox: Sandbox
) -> None:
    class EnoughError(Exception):
        pass

    class StopAfterTwo:
        def __init__(self) -> None:
            self.seen: list[Any] = []

        def handle(self, data: Any) -> None:
            self.seen.append(data)
            if len(self.seen) == 2:
                raise EnoughError
            sandbox.set_price("BTCUSDT", "60001")  # the next book comes because of this one

    handler = StopAfterTwo()
    caller = threading.current_thread()
    with pytest.raises(EnoughError):
        api.websocket(
            DerivativesOrderBookChannel,
            DerivativesOrderBookArgument("BTCUSDT", 50),
            handler,
            EnumOutputMode.MODE_JSON,
            **FAST,
        )
    assert threading.current_thread() is caller
    assert isinstance(handler.seen[0], str)
    assert '"type":"snapshot"' in handler.seen[0]
    assert '"type":"delta"' in handler.seen[1]


# -- private channels and auth ------------------------------------------------------------------


def test_private_channels_follow_rest_trading(api: BybitAPI, sandbox: Sandbox) -> None:
    orders, executions, positions, wallets = Collect(), Collect(), Collect(), Collect()
    stream = api.stream(OrderChannel, OrderArgument(), orders, **FAST)
    stream.subscribe(ExecutionChannel, ExecutionArgument("linear"), executions)
    stream.subscribe(PositionChannel, PositionArgument(), positions)
    stream.subscribe(WalletChannel, WalletArgument(), wallets)
    with stream:
        wait_subscribed(sandbox, "/v5/private")
        placed = place(api, price=59000)
        order = orders.wait(lambda items: len(items) >= 1)[0]
        assert order.getOrderId() == placed.getOrderId()
        assert order.getCategory() == "linear"
        assert order.getOrderStatus() == "New"
        positions.wait(lambda items: len(items) >= 1)
        sandbox.set_price("BTCUSDT", "58900")  # the order fills as a maker
        filled = orders.wait(lambda items: items[-1].getOrderStatus() == "Filled")[-1]
        assert filled.getOrderId() == placed.getOrderId()
        execution = executions.wait(lambda items: len(items) >= 1)[0]
        assert execution.getOrderId() == placed.getOrderId()
        assert (execution.getExecPrice(), execution.getExecQty()) == (59000.0, 0.01)
        assert execution.getCategory() == "linear"
        position = positions.wait(lambda items: items[-1].getSize() == 0.01)[-1]
        assert position.getSide() == "Buy"
        assert position.getSymbol() == "BTCUSDT"
        wallet = wallets.wait(lambda items: len(items) >= 1)[-1]
        usdt = [c for c in wallet.getCoins() if c.getCoin() == "USDT"]
        assert usdt
        assert usdt[0].getWalletBalance() < 100_000
        again = place(api, price=58000)
        api.rest(
            CancelOrder, CancelOrderRequest().setSymbol("BTCUSDT").setOrderId(again.getOrderId())
        )
        orders.wait(
            lambda items: (
                items[-1].getOrderId() == again.getOrderId()
                and items[-1].getOrderStatus() == "Cancelled"
            )
        )


def wait_subscribed(sandbox: Sandbox, path: str, topics: int = 1) -> None:
    """Until the sandbox's streams on ``path`` hold ``topics`` subscriptions."""
    deadline = time.monotonic() + WAIT_S
    while len(sandbox.stream_topics(path)) < topics:
        assert time.monotonic() < deadline, f"no subscribed stream on {path}"
        time.sleep(0.01)


def test_a_refused_auth_is_raised_in_the_callers_thread(sandbox: Sandbox) -> None:
    with BybitAPI(sandbox.base_url, KEY, "not-the-secret", retry=RetryPolicy.off()) as wrong:
        stream = wrong.stream(OrderChannel, OrderArgument(), Collect(), **FAST)
        with pytest.raises(WebSocketException) as caught:
            stream.run()
    assert "signature verification failed" in str(caught.value)
    assert "not-the-secret" not in str(caught.value)
    assert "not-the-secret" not in repr(stream)


def test_auth_survives_a_sandbox_clock_ahead_of_ours(api: BybitAPI, sandbox: Sandbox) -> None:
    # The exchange runs 3 s ahead (REST's 5 s recv window still takes our orders): an auth
    # ``expires`` only 1 s ahead of our clock, as other SDKs send, would be refused.
    sandbox.clock_offset_ms = 3_000
    orders = Collect()
    with api.stream(OrderChannel, OrderArgument(), orders, **FAST):
        wait_subscribed(sandbox, "/v5/private")
        place(api, price=59000)
        orders.wait(lambda items: len(items) >= 1)


# -- faults: the book after recovery is the sandbox's ------------------------------------------


def book_stream(api: BybitAPI, handler: Collect, depth: int = 50) -> WebSocketStream:
    return api.stream(
        DerivativesOrderBookChannel,
        DerivativesOrderBookArgument("BTCUSDT", depth),
        handler,
        EnumOutputMode.MODE_ARRAY,
        **FAST,
    )


@pytest.mark.parametrize(
    ("kind", "params"),
    [("drop", {}), ("close", {"code": 1011, "reason": "maintenance"}), ("stall", {})],
)
def test_a_lost_connection_is_reconnected_and_the_book_rebuilt(
    api: BybitAPI, sandbox: Sandbox, kind: str, params: dict[str, Any]
) -> None:
    handler = Collect()
    with book_stream(api, handler) as stream:
        handler.wait(equal_to_rest(sandbox, "linear", "BTCUSDT", 50))
        assert sandbox.stream_fault(kind, path="/v5/public/linear", **params) == 1
        if kind == "stall":
            sandbox.set_price("BTCUSDT", "60007")  # this delta is never sent
        deadline = time.monotonic() + WAIT_S
        while stream.reconnects == 0:
            assert time.monotonic() < deadline, "the stream did not reconnect"
            time.sleep(0.01)
        wait_subscribed(sandbox, "/v5/public/linear")
        for step in (3, -4):
            sandbox.set_price("BTCUSDT", tick_of("60000", step))
        handler.wait(equal_to_rest(sandbox, "linear", "BTCUSDT", 50))
        assert stream.is_running()


def test_a_skipped_u_rebuilds_the_book_from_a_fresh_snapshot(
    api: BybitAPI, sandbox: Sandbox
) -> None:
    handler = Collect()
    with book_stream(api, handler, depth=200) as stream:
        handler.wait(equal_to_rest(sandbox, "linear", "BTCUSDT", 200))
        assert sandbox.stream_fault("skip_u", topic="orderbook.200.BTCUSDT") == 1
        sandbox.set_price("BTCUSDT", "60010")  # lost
        sandbox.set_price("BTCUSDT", "60020")  # u jumps: the client must not patch across it
        handler.wait(equal_to_rest(sandbox, "linear", "BTCUSDT", 200))
        assert stream.resyncs == 1
        assert stream.reconnects == 0


@pytest.mark.parametrize("kind", ["resnapshot", "restart"])
def test_a_snapshot_mid_stream_replaces_the_book(
    api: BybitAPI, sandbox: Sandbox, kind: str
) -> None:
    handler = Collect()
    with book_stream(api, handler) as stream:
        handler.wait(equal_to_rest(sandbox, "linear", "BTCUSDT", 50))
        count = len(handler.items)
        sandbox.stream_fault(kind, path="/v5/public/linear")
        items = handler.wait(lambda items: len(items) > count)
        if kind == "restart":
            assert items[-1]["data"]["u"] == 1
        sandbox.set_price("BTCUSDT", "60033")
        after = handler.wait(equal_to_rest(sandbox, "linear", "BTCUSDT", 50))
        if kind == "restart":
            assert after[-1]["data"]["u"] == 2
        assert stream.resyncs == 0
        assert stream.reconnects == 0


def test_a_refused_upgrade_is_retried(api: BybitAPI, sandbox: Sandbox) -> None:
    handler = Collect()
    with book_stream(api, handler) as stream:
        handler.wait(equal_to_rest(sandbox, "linear", "BTCUSDT", 50))
        sandbox.stream_fault("refuse", path="/v5/public/linear", times=2)
        sandbox.stream_fault("drop", path="/v5/public/linear")
        deadline = time.monotonic() + WAIT_S
        while sandbox.stats()["by_http_status"].get(502, 0) < 2:
            assert time.monotonic() < deadline, "the reconnects did not meet the 502s"
            time.sleep(0.01)
        wait_subscribed(sandbox, "/v5/public/linear")
        sandbox.set_price("BTCUSDT", "59950")
        handler.wait(equal_to_rest(sandbox, "linear", "BTCUSDT", 50))
        assert stream.reconnects >= 3


def test_a_private_stream_reconnects_authenticates_and_resubscribes(
    api: BybitAPI, sandbox: Sandbox
) -> None:
    orders = Collect()
    with api.stream(OrderChannel, OrderArgument(), orders, **FAST) as stream:
        wait_subscribed(sandbox, "/v5/private")
        sandbox.stream_fault("drop", path="/v5/private")
        deadline = time.monotonic() + WAIT_S
        while stream.reconnects == 0:
            assert time.monotonic() < deadline
            time.sleep(0.01)
        wait_subscribed(sandbox, "/v5/private")
        placed = place(api, price=59000)
        order = orders.wait(lambda items: len(items) >= 1)[0]
        assert order.getOrderId() == placed.getOrderId()


def test_stop_returns_fast_and_leaves_no_thread(api: BybitAPI, sandbox: Sandbox) -> None:
    before = threads()
    handler = Collect()
    streams = [
        book_stream(api, handler).start(),
        api.stream(OrderChannel, OrderArgument(), Collect(), **FAST).start(),
    ]
    wait_subscribed(sandbox, "/v5/public/linear")
    wait_subscribed(sandbox, "/v5/private")
    sandbox.stream_fault("stall")  # even a hung server does not hold stop() up
    for stream in streams:
        started = time.monotonic()
        stream.stop()
        assert time.monotonic() - started < 1.0
    # The client's threads are gone at once; only the sandbox's connection threads may still be
    # winding down (the fixture checks that they end with it).
    leftover = threads() - before
    assert all(t.name.endswith("(process_request_thread)") for t in leftover), leftover


def test_pings_keep_a_quiet_stream_past_the_sandboxs_idle_cut() -> None:
    with Sandbox(stream_idle_s=0.5) as sb, BybitAPI(sb.base_url) as bybit:
        handler = Collect()
        argument = DerivativesTickersArgument("BTCUSDT")
        with bybit.stream(DerivativesTickersChannel, argument, handler, **FAST) as stream:
            handler.wait(lambda items: len(items) >= 1)
            time.sleep(1.5)  # three idle bounds without data: only the pings keep it open
            assert stream.reconnects == 0
            sb.set_price("BTCUSDT", "60400")
            handler.wait(lambda items: next(iter(items[-1].getData())).getLastPrice() == 60400.0)
