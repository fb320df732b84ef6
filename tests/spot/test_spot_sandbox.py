"""A spot bot's day through the Spot endpoints against the sandbox, over real loopback HTTP."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import pytest

from carpenstar_bybit import BybitAPI
from carpenstar_bybit.Core.Exceptions import ApiException
from carpenstar_bybit.Core.Retry import RetryPolicy
from carpenstar_bybit.sandbox import Sandbox
from carpenstar_bybit.Spot.Account.WalletBalance import WalletBalance
from carpenstar_bybit.Spot.LeverageToken.Purchase import Purchase
from carpenstar_bybit.Spot.LeverageToken.Purchase.Request import PurchaseRequest
from carpenstar_bybit.Spot.MarketData.BestBidAskPrice import BestBidAskPrice
from carpenstar_bybit.Spot.MarketData.BestBidAskPrice.Request import BestBidAskPriceRequest
from carpenstar_bybit.Spot.MarketData.InstrumentInfo import InstrumentInfo
from carpenstar_bybit.Spot.MarketData.Kline import Kline
from carpenstar_bybit.Spot.MarketData.Kline.Request import KlineRequest
from carpenstar_bybit.Spot.MarketData.LastTradedPrice import LastTradedPrice
from carpenstar_bybit.Spot.MarketData.LastTradedPrice.Request import LastTradedPriceRequest
from carpenstar_bybit.Spot.MarketData.MergedOrderBook import MergedOrderBook
from carpenstar_bybit.Spot.MarketData.MergedOrderBook.Request import MergedOrderBookRequest
from carpenstar_bybit.Spot.MarketData.OrderBook import OrderBook
from carpenstar_bybit.Spot.MarketData.OrderBook.Request import OrderBookRequest
from carpenstar_bybit.Spot.MarketData.PublicTradingRecords import PublicTradingRecords
from carpenstar_bybit.Spot.MarketData.PublicTradingRecords.Request import (
    PublicTradingRecordsRequest,
)
from carpenstar_bybit.Spot.MarketData.Tickers import Tickers
from carpenstar_bybit.Spot.MarketData.Tickers.Request import TickersRequest
from carpenstar_bybit.Spot.Trade.BatchCancelOrder import BatchCancelOrder
from carpenstar_bybit.Spot.Trade.BatchCancelOrder.Request import BatchCancelOrderRequest
from carpenstar_bybit.Spot.Trade.BatchCancelOrderById import BatchCancelOrderById
from carpenstar_bybit.Spot.Trade.BatchCancelOrderById.Request import BatchCancelOrderByIdRequest
from carpenstar_bybit.Spot.Trade.CancelOrder import CancelOrder
from carpenstar_bybit.Spot.Trade.CancelOrder.Request import CancelOrderRequest
from carpenstar_bybit.Spot.Trade.GetOrder import GetOrder
from carpenstar_bybit.Spot.Trade.GetOrder.Request import GetOrderRequest
from carpenstar_bybit.Spot.Trade.OpenOrders import OpenOrders
from carpenstar_bybit.Spot.Trade.OpenOrders.Request import OpenOrdersRequest
from carpenstar_bybit.Spot.Trade.OrderHistory import OrderHistory
from carpenstar_bybit.Spot.Trade.OrderHistory.Request import OrderHistoryRequest
from carpenstar_bybit.Spot.Trade.PlaceOrder import PlaceOrder
from carpenstar_bybit.Spot.Trade.PlaceOrder.Request import PlaceOrderRequest
from carpenstar_bybit.Spot.Trade.TradeHistory import TradeHistory
from carpenstar_bybit.Spot.Trade.TradeHistory.Request import TradeHistoryRequest

KEY, SECRET = "spot-key", "spot-secret"


@pytest.fixture(scope="module")
def sandbox() -> Iterator[Sandbox]:
    with Sandbox(keys={KEY: SECRET}, rate_limit=None, seed=11) as server:
        yield server


@pytest.fixture
def api(sandbox: Sandbox) -> Iterator[BybitAPI]:
    sandbox.reset()
    sandbox.set_price("BTCUSDT", "60000")
    with BybitAPI(sandbox.base_url, KEY, SECRET, retry=RetryPolicy.off(), timeout=5) as bybit:
        yield bybit


def _limit(side: str, price: int, link: str) -> PlaceOrderRequest:
    return (
        PlaceOrderRequest()
        .setSymbol("BTCUSDT")
        .setSide(side)
        .setOrderType("Limit")
        .setOrderQty("0.001")
        .setOrderPrice(price)
        .setOrderLinkId(link)
    )


def _balances(api: BybitAPI) -> dict[str, Decimal]:
    coins = api.rest(WalletBalance).getBody().all()
    return {c.getCoin(): Decimal(str(c.getTotal())) for c in coins}


def test_place_list_get_fill_and_history(api: BybitAPI) -> None:
    before = _balances(api)
    resting = api.rest(PlaceOrder, _limit("Buy", 59000, "rest-1")).getBody().fetch()
    (listed,) = api.rest(OpenOrders, OpenOrdersRequest().setSymbol("BTCUSDT")).getBody().all()
    assert (listed.getOrderId(), listed.getStatus(), listed.getOrderPrice()) == (
        resting.getOrderId(), "New", 59000.0,
    )  # fmt: skip
    found = api.rest(GetOrder, GetOrderRequest().setOrderLinkId("rest-1")).getBody().fetch()
    assert found.getOrderId() == resting.getOrderId()

    # A Market Buy of 600 USDT (quote coin by default) fills 0.01 BTC at 60000.
    bought = api.rest(
        PlaceOrder, PlaceOrderRequest().setSymbol("BTCUSDT").setSide("Buy").setOrderQty(600)
    ).getBody().fetch()  # fmt: skip
    (fill,) = (
        api.rest(TradeHistory, TradeHistoryRequest().setOrderId(bought.getOrderId()))
        .getBody()
        .all()
    )
    assert (fill.getOrderPrice(), fill.getOrderQty(), fill.getSide()) == (60000.0, 0.01, "Buy")
    assert fill.getFeeTokenId() == "BTC"  # a Buy pays its fee in what it gets
    fee = Decimal(str(fill.getExecFee()))
    assert fee > 0
    after = _balances(api)
    assert after["USDT"] == before["USDT"] - 600
    assert after["BTC"] == before["BTC"] + Decimal("0.01") - fee
    # Filled, so no longer open: GetOrder finds it in the history.
    done = api.rest(GetOrder, GetOrderRequest().setOrderId(bought.getOrderId())).getBody().fetch()
    assert (done.getStatus(), done.getExecQty()) == ("Filled", 0.01)
    history = api.rest(OrderHistory, OrderHistoryRequest().setSymbol("BTCUSDT")).getBody().all()
    assert bought.getOrderId() in [o.getOrderId() for o in history]


def test_cancel_by_link_id_and_the_side_filter(api: BybitAPI, sandbox: Sandbox) -> None:
    api.rest(PlaceOrder, _limit("Buy", 59000, "b-1"))
    api.rest(PlaceOrder, _limit("Sell", 61000, "s-1"))
    api.rest(PlaceOrder, _limit("Sell", 62000, "s-2"))
    cancelled = api.rest(
        CancelOrder, CancelOrderRequest().setSymbol("BTCUSDT").setOrderLinkId("s-2")
    ).getBody().fetch()  # fmt: skip
    assert cancelled.getOrderLinkId() == "s-2"
    answer = api.rest(
        BatchCancelOrder, BatchCancelOrderRequest().setSymbol("BTCUSDT").setSide("Sell")
    ).getBody().fetch()  # fmt: skip
    assert answer.getSuccess() is True
    assert [o.getOrderLinkId() for o in answer.getList()] == ["s-1"]
    assert [o["orderLinkId"] for o in sandbox.open_orders(KEY, "spot")] == ["b-1"]  # kept
    everything = api.rest(BatchCancelOrder, BatchCancelOrderRequest().setSymbol("BTCUSDT"))
    assert everything.getBody().fetch().getSuccess() is True
    assert sandbox.open_count(KEY, "spot") == 0


def test_cancel_by_ids_in_batches_of_ten(api: BybitAPI, sandbox: Sandbox) -> None:
    orders = sandbox.seed_orders(KEY, "spot", "BTCUSDT", count=12, order_link_prefix="ids-")
    ids = ",".join([o["orderId"] for o in orders] + ["999"])
    answer = api.rest(BatchCancelOrderById, BatchCancelOrderByIdRequest().setOrderIds(ids))
    (failed,) = answer.getBody().all()  # only the id that was never open
    assert (failed.getOrderId(), failed.getCode()) == ("999", "170213")
    assert sandbox.open_count(KEY, "spot") == 0
    assert sandbox.stats()["by_path"]["/v5/order/cancel-batch"] == 2


def test_spot_market_data(api: BybitAPI) -> None:
    ticker = api.rest(Tickers, TickersRequest().setSymbol("BTCUSDT")).getBody().fetch()
    assert ticker.getLastTradedPrice() == 60000.0
    best = api.rest(BestBidAskPrice, BestBidAskPriceRequest().setSymbol("BTCUSDT"))
    top = best.getBody().fetch()
    assert top.getBidPrice() < 60000.0 < top.getAskPrice()
    prices = api.rest(LastTradedPrice, LastTradedPriceRequest()).getBody().all()
    assert {p.getSymbol() for p in prices} >= {"BTCUSDT", "ETHUSDT"}
    book = (
        api.rest(OrderBook, OrderBookRequest().setSymbol("BTCUSDT").setLimit(5)).getBody().fetch()
    )
    assert len(book.getBids()) == len(book.getAsks()) == 5
    assert book.getBids()[0].getPrice() == top.getBidPrice()
    merged = api.rest(
        MergedOrderBook, MergedOrderBookRequest().setSymbol("BTCUSDT").setScale(0).setLimit(3)
    ).getBody().fetch()  # fmt: skip
    for level in merged.getBids() + merged.getAsks():
        assert level.getPrice() == int(level.getPrice())  # 0 decimals
    candles = api.rest(Kline, KlineRequest().setSymbol("BTCUSDT").setInterval("1h").setLimit(3))
    rows = candles.getBody().all()
    assert len(rows) == 3
    assert rows[0].getSymbol() == "BTCUSDT"
    symbols = api.rest(InstrumentInfo).getBody().all()
    btc = next(s for s in symbols if s.getName() == "BTCUSDT")
    assert (btc.getBaseCoin(), btc.getQuoteCoin()) == ("BTC", "USDT")
    assert btc.getMinPricePrecision() == 0.01
    api.rest(PlaceOrder, PlaceOrderRequest().setSymbol("BTCUSDT").setSide("Buy").setOrderQty(100))
    trades = api.rest(PublicTradingRecords, PublicTradingRecordsRequest().setSymbol("BTCUSDT"))
    assert trades.getBody().all()


def test_leverage_tokens_are_answered_as_bybit_does_now(api: BybitAPI) -> None:
    request = PurchaseRequest().setLtCode("BTC3L").setLtAmount(100)
    retired = pytest.warns(DeprecationWarning, match="retired")
    with retired, pytest.raises(ApiException) as caught:
        api.rest(Purchase, request)
    assert caught.value.code == 10017
    assert caught.value.http_status == 404
    assert "retired the leverage-token service" in str(caught.value)
