"""The stream client against the sandbox's V5 streams on loopback: every channel, auth, every
stream fault, with the kept book after recovery equal to the book REST serves."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from carpenstar_bybit import BybitAPI
from carpenstar_bybit.Core.Objects.WebSockets.Channels import ChannelHandler
from carpenstar_bybit.Core.Retry import RetryPolicy
from carpenstar_bybit.Derivatives.Contract.Order.PlaceOrder import PlaceOrder
from carpenstar_bybit.Derivatives.Contract.Order.PlaceOrder.Request import PlaceOrderRequest
from carpenstar_bybit.Derivatives.MarketData.OrderBook import OrderBook
from carpenstar_bybit.Derivatives.MarketData.OrderBook.Request import OrderBookRequest
from carpenstar_bybit.sandbox import Sandbox
from carpenstar_bybit.WebSockets.Channels.Derivatives.PublicChannels.AllLiquidation import (
    AllLiquidationChannel,
)
from carpenstar_bybit.WebSockets.Channels.Derivatives.PublicChannels.AllLiquidation.Argument import (  # noqa: E501
    AllLiquidationArgument,
)
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

KEY, SECRET = "client-key-1234", "client-secret-5678"
FAST = {"backoff": 0.01, "max_backoff": 0.05}


@pytest.fixture
def sandbox() -> Iterator[Sandbox]:
    with Sandbox(keys={KEY: SECRET}, rate_limit=None, seed=11) as sb:
        sb.set_price("BTCUSDT", "60000")
        yield sb


class Last(ChannelHandler):
    def __init__(self) -> None:
        self.items: list[Any] = []
        self.lock = threading.Lock()

    def handle(self, data: Any) -> None:
        with self.lock:
            self.items.append(data)

    def last(self) -> Any:
        with self.lock:
            return self.items[-1] if self.items else None


def until(check: Callable[[], bool], timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError("timed out")
        time.sleep(0.01)


def rest_book(api: BybitAPI, symbol: str = "BTCUSDT", category: str = "linear") -> Any:
    request = OrderBookRequest().setSymbol(symbol).setLimit(50).setCategory(category)
    return api.rest(OrderBook, request).getBody().fetch()


def same_book(dto: Any, rest: Any) -> bool:
    if dto is None:
        return False
    bids = [(x.getPrice(), x.getSize()) for x in dto.getBid()]
    asks = [(x.getPrice(), x.getSize()) for x in dto.getAsk()]
    rest_bids = [(x.getPrice(), x.getQuantity()) for x in rest.getBid()]
    rest_asks = [(x.getPrice(), x.getQuantity()) for x in rest.getAsk()]
    return (bids, asks) == (rest_bids, rest_asks)


@pytest.mark.parametrize(
    ("fault", "params"),
    [
        ("skip_u", {}),
        ("resnapshot", {}),
        ("restart", {}),
        ("drop", {}),
        ("close", {"code": 1011}),
        ("stall", {}),
    ],
)
def test_book_after_each_fault_equals_the_rest_book(
    sandbox: Sandbox, fault: str, params: dict[str, Any]
) -> None:
    handler = Last()
    api = BybitAPI(sandbox.base_url, retry=RetryPolicy.off())
    options = {"ping_interval": 0.1, "pong_timeout": 0.2, "timeout": 0.5, **FAST}
    with api.stream(OrderBookChannel, OrderBookArgument("BTCUSDT", 50), handler, **options) as s:
        until(lambda: same_book(handler.last(), rest_book(api)))
        sandbox.tick()
        sandbox.stream_fault(fault, **params)
        if fault in ("drop", "close", "stall"):
            until(lambda: s.reconnects >= 1)
        for _ in range(3):
            sandbox.tick(["BTCUSDT"])
        if fault == "skip_u":
            until(lambda: s.resyncs == 1)
        if fault == "restart":
            until(lambda: any(item.getUpdateId() == 1 for item in list(handler.items)))
        until(lambda: same_book(handler.last(), rest_book(api)))
    api.close()


@pytest.mark.parametrize(
    ("symbol", "depth", "category"),
    [("BTCUSD", 200, "inverse"), ("BTC-27DEC24-90000-C", 25, "option")],
)
def test_inverse_and_option_books_on_their_streams(
    sandbox: Sandbox, symbol: str, depth: int, category: str
) -> None:
    handler = Last()
    api = BybitAPI(sandbox.base_url)
    with api.stream(OrderBookChannel, OrderBookArgument(symbol, depth), handler) as stream:
        assert stream.url == f"{sandbox.base_url.replace('http', 'ws')}/v5/public/{category}"
        request = OrderBookRequest().setSymbol(symbol).setLimit(depth).setCategory(category)
        until(lambda: same_book(handler.last(), api.rest(OrderBook, request).getBody().fetch()))
    api.close()


def test_refused_upgrade_then_streams(sandbox: Sandbox) -> None:
    sandbox.stream_fault("refuse", path="/v5/public/linear", times=2)
    handler = Last()
    api = BybitAPI(sandbox.base_url)
    with api.stream(OrderBookChannel, OrderBookArgument("BTCUSDT", 50), handler, **FAST) as s:
        until(lambda: same_book(handler.last(), rest_book(api)))
    assert s.reconnects == 2
    api.close()


def test_every_public_channel_streams(sandbox: Sandbox) -> None:
    api = BybitAPI(sandbox.base_url)
    spot = {name: Last() for name in ("bookticker", "kline", "book", "trade", "tickers")}
    linear = {name: Last() for name in ("tickers", "liquidation")}
    with api.stream(category="spot") as s, api.stream(category="linear") as d:
        s.subscribe(BooktickerChannel, BooktickerArgument("BTCUSDT"), spot["bookticker"])
        s.subscribe(KlineChannel, KlineArgument("BTCUSDT", "1m"), spot["kline"])
        s.subscribe(
            SpotOrderBookChannel, SpotOrderBookArgument("BTCUSDT").setDepth(40), spot["book"]
        )
        # ETHUSDT: the sandbox's tick() trades a symbol on one category only
        s.subscribe(PublicTradeChannel, PublicTradeArgument("ETHUSDT"), spot["trade"])
        s.subscribe(SpotTickersChannel, SpotTickersArgument("BTCUSDT"), spot["tickers"])
        d.subscribe(TickersChannel, TickersArgument("BTCUSDT,SOLUSDT"), linear["tickers"])
        d.subscribe(AllLiquidationChannel, AllLiquidationArgument("BTCUSDT"), linear["liquidation"])
        until(lambda: all(h.items for n, h in spot.items() if n != "trade"))
        until(lambda: len(linear["tickers"].items) >= 2)
        for _ in range(3):
            sandbox.tick()
        sandbox.liquidate("BTCUSDT", side="Buy", qty="2")
        until(lambda: bool(spot["trade"].items and linear["liquidation"].items))
        book1 = spot["bookticker"].last()
        assert book1.getBestBidPrice() < book1.getBestAskPrice()
        assert spot["book"].last().getTopic() == "orderbook.50.BTCUSDT"
        assert same_book(spot["book"].last(), rest_book(api, category="spot"))
        assert spot["kline"].last().getSymbol() == "BTCUSDT"
        assert spot["kline"].last().getClosePrice() > 0
        assert spot["trade"].last().getPrice() > 0
        assert spot["tickers"].last().getData().fetch().getClosePrice() > 0
        merged = linear["tickers"].last().getData().fetch()
        assert merged.getMarkPrice() is not None
        assert merged.getLastPrice() is not None
        liquidation = linear["liquidation"].last()
        assert (liquidation.getSymbol(), liquidation.getSide(), liquidation.getSize()) == (
            "BTCUSDT",
            "Buy",
            2.0,
        )
    api.close()


def test_private_channels_follow_rest_trading(sandbox: Sandbox) -> None:
    api = BybitAPI(sandbox.base_url, KEY, SECRET, retry=RetryPolicy.off())
    got = {name: Last() for name in ("order", "execution", "position", "wallet")}
    with api.stream(OrderChannel, OrderArgument(), got["order"], **FAST) as stream:
        stream.subscribe(ExecutionChannel, ExecutionArgument("linear"), got["execution"])
        stream.subscribe(PositionChannel, PositionArgument(), got["position"])
        stream.subscribe(WalletChannel, WalletArgument(), got["wallet"])
        until(lambda: len(sandbox.stream_topics("/v5/private")) == 4)
        request = PlaceOrderRequest().setSymbol("BTCUSDT").setSide("Buy").setOrderType("Limit")
        placed = api.rest(PlaceOrder, request.setQty(0.01).setPrice(59000)).getBody().fetch()
        until(lambda: bool(got["order"].items))
        assert got["order"].last().getOrderId() == placed.getOrderId()
        assert got["order"].last().getOrderStatus() == "New"
        sandbox.set_price("BTCUSDT", "58900")  # the order fills
        until(lambda: all(h.items for h in got.values()))
        until(lambda: got["order"].last().getOrderStatus() == "Filled")
        assert got["execution"].last().getOrderId() == placed.getOrderId()
        until(lambda: got["position"].last().getSize() == 0.01)  # messages of one fill, any order
        until(lambda: got["wallet"].last().getCoins().count() >= 1)
        sandbox.stream_fault("drop", path="/v5/private")
        until(lambda: stream.reconnects == 1)
        # Re-authed and subscribed again: an order placed now is heard (a few tries, as the
        # dropped session may still be listed for a moment).
        heard = False
        for _ in range(10):
            placed = api.rest(PlaceOrder, request.setQty(0.01).setPrice(50000)).getBody().fetch()
            deadline = time.monotonic() + 0.5
            while time.monotonic() < deadline and not heard:
                heard = got["order"].last().getOrderId() == placed.getOrderId()
                time.sleep(0.01)
            if heard:
                break
        assert heard
        assert stream.reconnects == 1
    api.close()


def test_wrong_secret_is_refused_in_the_caller(sandbox: Sandbox) -> None:
    api = BybitAPI(sandbox.base_url, KEY, "not-the-secret")
    with pytest.raises(WebSocketException, match="auth refused") as refused:
        api.websocket(OrderChannel, OrderArgument(), Last())
    assert "not-the-secret" not in str(refused.value) + repr(refused.value)


def test_stop_leaves_no_thread(sandbox: Sandbox) -> None:
    before = {t.ident for t in threading.enumerate()}
    api = BybitAPI(sandbox.base_url)
    stream = api.stream(OrderBookChannel, OrderBookArgument("BTCUSDT", 50), Last()).start()
    until(lambda: sandbox.stream_count() == 1)
    started = time.monotonic()
    stream.stop()
    assert time.monotonic() - started < 1.0
    until(lambda: sandbox.stream_count() == 0)
    new = [t for t in threading.enumerate() if t.ident not in before and t.is_alive()]
    assert [t.name for t in new if not t.name.startswith(("sandbox", "Thread"))] == []
    from websockets.sync.client import ClientConnection

    assert not [
        t
        for t in threading.enumerate()
        if isinstance(getattr(getattr(t, "_target", None), "__self__", None), ClientConnection)
    ]
