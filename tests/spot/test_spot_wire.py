"""Every Spot endpoint's wire (path, query or body, signature from a frozen clock) and rules."""

from __future__ import annotations

import json
import warnings
from typing import Any
from urllib.parse import urlencode

import pytest
import requests_mock

from carpenstar_bybit import BybitAPI
from carpenstar_bybit.Core.Exceptions import ApiException, SDKException
from carpenstar_bybit.Core.Names import short
from carpenstar_bybit.Core.Registry import ENDPOINTS
from carpenstar_bybit.Spot.Account.WalletBalance import WalletBalance
from carpenstar_bybit.Spot.LeverageToken.AllAssetInfo import AllAssetInfo
from carpenstar_bybit.Spot.LeverageToken.AllAssetInfo.Request import AllAssetInfoRequest
from carpenstar_bybit.Spot.LeverageToken.MarketInfo import MarketInfo
from carpenstar_bybit.Spot.LeverageToken.MarketInfo.Request import MarketInfoRequest
from carpenstar_bybit.Spot.LeverageToken.Purchase import Purchase
from carpenstar_bybit.Spot.LeverageToken.Purchase.Request import PurchaseRequest
from carpenstar_bybit.Spot.LeverageToken.PurchaseRedeemHistory import PurchaseRedeemHistory
from carpenstar_bybit.Spot.LeverageToken.PurchaseRedeemHistory.Request import (
    PurchaseRedeemHistoryRequest,
)
from carpenstar_bybit.Spot.LeverageToken.Redeem import Reedem
from carpenstar_bybit.Spot.LeverageToken.Redeem.Request import ReedemRequest
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

from ..conftest import FROZEN_MS, HOST, KEY, LINK_ID, envelope, expected_sign

SPOT = sorted(key for key in ENDPOINTS if key.startswith("Spot."))

# (endpoint, request or None, method, path, exact query string or JSON body)
SINGLE: list[tuple[Any, Any, str, str, str]] = [
    (
        PlaceOrder,
        PlaceOrderRequest().setSymbol("BTCUSDT").setSide("Buy").setOrderQty(100),
        "POST",
        "/v5/order/create",
        # A create with no orderLinkId gets one (the retry layer's key).
        '{"category":"spot","symbol":"BTCUSDT","side":"Buy","orderType":"Market","qty":"100",'
        f'"orderLinkId":"{LINK_ID}"}}',
    ),
    (
        PlaceOrder,
        PlaceOrderRequest()
        .setSymbol("BTCUSDT")
        .setSide("Sell")
        .setOrderType("Limit")
        .setOrderQty("0.01")
        .setOrderPrice(70000)
        .setTimeInForce("GTC")
        .setOrderLinkId("s-1")
        .setOrderCategory(1)
        .setTriggerPrice(69000),
        "POST",
        "/v5/order/create",
        '{"category":"spot","symbol":"BTCUSDT","side":"Sell","orderType":"Limit","qty":"0.01",'
        '"price":"70000","timeInForce":"GTC","orderLinkId":"s-1","orderFilter":"tpslOrder",'
        '"triggerPrice":"69000"}',
    ),
    (
        PlaceOrder,
        PlaceOrderRequest()
        .setSymbol("ETHUSDT")
        .setSide("Buy")
        .setOrderType("Limit")
        .setOrderQty("0.5")
        .setOrderPrice(3000)
        .setTakeProfit(4000)
        .setStopLoss(2500)
        .setTpOrderType("Limit")
        .setTpLimitPrice(3990),
        "POST",
        "/v5/order/create",
        '{"category":"spot","symbol":"ETHUSDT","side":"Buy","orderType":"Limit","qty":"0.5",'
        '"price":"3000","takeProfit":"4000","stopLoss":"2500","tpOrderType":"Limit",'
        f'"tpLimitPrice":"3990","orderLinkId":"{LINK_ID}"}}',
    ),
    (
        PlaceOrder,
        PlaceOrderRequest()
        .setSymbol("BTCUSDT")
        .setSide("Sell")
        .setOrderQty("0.01")
        .setMarketUnit("baseCoin")
        .setSlippageToleranceType("Percent")
        .setSlippageTolerance("0.5"),
        "POST",
        "/v5/order/create",
        '{"category":"spot","symbol":"BTCUSDT","side":"Sell","orderType":"Market","qty":"0.01",'
        '"marketUnit":"baseCoin","slippageToleranceType":"Percent","slippageTolerance":"0.5",'
        f'"orderLinkId":"{LINK_ID}"}}',
    ),
    (
        CancelOrder,
        CancelOrderRequest().setSymbol("BTCUSDT").setOrderId(1234567890123456789),
        "POST",
        "/v5/order/cancel",
        '{"category":"spot","symbol":"BTCUSDT","orderId":"1234567890123456789"}',
    ),
    (
        CancelOrder,
        CancelOrderRequest().setSymbol("BTCUSDT").setOrderLinkId("s-1").setOrderCategory(0),
        "POST",
        "/v5/order/cancel",
        '{"category":"spot","symbol":"BTCUSDT","orderLinkId":"s-1","orderFilter":"Order"}',
    ),
    (
        BatchCancelOrder,
        BatchCancelOrderRequest().setSymbol("BTCUSDT").setOrderCategory("StopOrder"),
        "POST",
        "/v5/order/cancel-all",
        '{"category":"spot","symbol":"BTCUSDT","orderFilter":"StopOrder"}',
    ),
    (
        OpenOrders,
        OpenOrdersRequest().setSymbol("BTCUSDT").setLimit(50).setOrderCategory(1),
        "GET",
        "/v5/order/realtime",
        "category=spot&symbol=BTCUSDT&limit=50&orderFilter=tpslOrder",
    ),
    (
        OrderHistory,
        OrderHistoryRequest()
        .setSymbol("ETHUSDT")
        .setStartTime(1_700_000_000_000)
        .setEndTime(1_700_000_600_000)
        .setLimit(20),
        "GET",
        "/v5/order/history",
        "category=spot&symbol=ETHUSDT&limit=20&startTime=1700000000000&endTime=1700000600000",
    ),
    (
        TradeHistory,
        TradeHistoryRequest()
        .setSymbol("BTCUSDT")
        .setOrderId("9")
        .setLimit(100)
        .setFromTradeId(5)
        .setToTradeId(9),
        "GET",
        "/v5/execution/list",
        "category=spot&symbol=BTCUSDT&orderId=9&limit=100",
    ),
    (
        BestBidAskPrice,
        BestBidAskPriceRequest().setSymbol("BTCUSDT"),
        "GET",
        "/v5/market/tickers",
        "category=spot&symbol=BTCUSDT",
    ),
    (
        LastTradedPrice,
        LastTradedPriceRequest(),
        "GET",
        "/v5/market/tickers",
        "category=spot",
    ),
    (
        Tickers,
        TickersRequest().setSymbol("ETHUSDT"),
        "GET",
        "/v5/market/tickers",
        "category=spot&symbol=ETHUSDT",
    ),
    (InstrumentInfo, None, "GET", "/v5/market/instruments-info", "category=spot"),
    (
        Kline,
        KlineRequest().setSymbol("BTCUSDT"),
        "GET",
        "/v5/market/kline",
        "category=spot&symbol=BTCUSDT&interval=1&limit=1000",
    ),
    (
        Kline,
        KlineRequest()
        .setSymbol("BTCUSDT")
        .setInterval("1h")
        .setLimit(5)
        .setStartTime(1_700_000_000_000)
        .setEndTime(1_700_003_600_000),
        "GET",
        "/v5/market/kline",
        "category=spot&symbol=BTCUSDT&interval=60&limit=5&start=1700000000000&end=1700003600000",
    ),
    (
        OrderBook,
        OrderBookRequest().setSymbol("BTCUSDT"),
        "GET",
        "/v5/market/orderbook",
        "category=spot&symbol=BTCUSDT&limit=100",
    ),
    (
        PublicTradingRecords,
        PublicTradingRecordsRequest().setSymbol("BTCUSDT"),
        "GET",
        "/v5/market/recent-trade",
        "category=spot&symbol=BTCUSDT&limit=60",
    ),
    (
        AllAssetInfo,
        AllAssetInfoRequest().setLtCode("BTC3L"),
        "GET",
        "/v5/spot-lever-token/info",
        "ltCoin=BTC3L",
    ),
    (
        MarketInfo,
        MarketInfoRequest().setLtCode("BTC3L"),
        "GET",
        "/v5/spot-lever-token/reference",
        "ltCoin=BTC3L",
    ),
    (
        Purchase,
        PurchaseRequest().setLtCode("BTC3L").setLtAmount(200).setSerialNo("p-1"),
        "POST",
        "/v5/spot-lever-token/purchase",
        '{"ltCoin":"BTC3L","ltAmount":"200","serialNo":"p-1"}',
    ),
    (
        Reedem,
        ReedemRequest().setLtCode("BTC3L").setLtQuantity("1.5"),
        "POST",
        "/v5/spot-lever-token/redeem",
        '{"ltCoin":"BTC3L","quantity":"1.5"}',
    ),
    (
        PurchaseRedeemHistory,
        PurchaseRedeemHistoryRequest().setLtCode("BTC3L").setOrderType(1).setLimit(10),
        "GET",
        "/v5/spot-lever-token/order-record",
        "ltCoin=BTC3L&limit=10&ltOrderType=1",
    ),
    (WalletBalance, None, "GET", "/v5/account/wallet-balance", "accountType=UNIFIED"),
]


def _signed(sent: Any, payload: str, private: bool) -> None:
    if not private:
        assert "X-BAPI-SIGN" not in sent.headers
        return
    assert sent.headers["X-BAPI-API-KEY"] == KEY
    assert sent.headers["X-BAPI-TIMESTAMP"] == str(FROZEN_MS)
    assert sent.headers["X-BAPI-SIGN"] == expected_sign(payload.encode())


@pytest.mark.parametrize(
    ("endpoint", "request_dto", "method", "path", "wire"),
    SINGLE,
    ids=[f"{short(e.DECLARATION.key)}-{i}" for i, (e, *_) in enumerate(SINGLE)],
)
def test_one_call_wire(
    api: BybitAPI,
    mock: requests_mock.Mocker,
    endpoint: Any,
    request_dto: Any,
    method: str,
    path: str,
    wire: str,
) -> None:
    mock.register_uri(method, f"{HOST}{path}", json=envelope({"list": []}))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # the leverage tokens: tested below
        api.rest(endpoint, request_dto)
    (sent,) = mock.request_history
    assert sent.method == method
    if method == "GET":
        assert sent.url == f"{HOST}{path}?{wire}"
        _signed(sent, wire, endpoint.IS_NEED_AUTHORIZATION)
    else:
        assert sent.url == f"{HOST}{path}"
        assert sent.body == wire.encode()
        _signed(sent, wire, True)


def test_every_spot_endpoint_has_a_wire_test() -> None:
    covered = {e.DECLARATION.key for e, *_ in SINGLE} | {
        GetOrder.DECLARATION.key,
        MergedOrderBook.DECLARATION.key,
        BatchCancelOrderById.DECLARATION.key,
    }
    assert covered == set(SPOT)
    assert len(SPOT) == 22


# -- the hooked calls: each exchange call they make, in order ---------------------------------


def _queries(mock: requests_mock.Mocker) -> list[tuple[str, str]]:
    return [(r.method, r.url.removeprefix(HOST)) for r in mock.request_history]


ORDER = {"orderId": "7", "orderLinkId": "x", "symbol": "BTCUSDT", "orderStatus": "Filled"}


def test_get_order_reads_open_orders_then_history(
    api: BybitAPI, mock: requests_mock.Mocker
) -> None:
    mock.get(f"{HOST}/v5/order/realtime", json=envelope({"list": [], "category": "spot"}))
    mock.get(f"{HOST}/v5/order/history", json=envelope({"list": [ORDER], "category": "spot"}))
    answer = api.rest(GetOrder, GetOrderRequest().setOrderId("7"))
    assert _queries(mock) == [
        ("GET", "/v5/order/realtime?category=spot&orderId=7"),
        ("GET", "/v5/order/history?category=spot&orderId=7"),
    ]
    for sent in mock.request_history:
        _signed(sent, "category=spot&orderId=7", True)
    order = answer.getBody().fetch()
    assert (order.getOrderId(), order.getStatus(), order.getLocked()) == ("7", "Filled", None)


def test_get_order_open_is_one_call(api: BybitAPI, mock: requests_mock.Mocker) -> None:
    mock.get(f"{HOST}/v5/order/realtime", json=envelope({"list": [ORDER]}))
    api.rest(GetOrder, GetOrderRequest().setOrderLinkId("x"))
    assert _queries(mock) == [("GET", "/v5/order/realtime?category=spot&orderLinkId=x")]


def test_merged_order_book_merges_levels_by_scale(
    api: BybitAPI, mock: requests_mock.Mocker
) -> None:
    book = {
        "s": "BTCUSDT",
        "b": [["65485.47", "1"], ["65485.41", "2"], ["65485.39", "0.5"], ["65484.9", "3"]],
        "a": [["65485.51", "1"], ["65485.59", "1.25"], ["65485.61", "2"]],
        "ts": 1716863719031,
        "u": 230704,
    }
    mock.get(f"{HOST}/v5/market/orderbook", json=envelope(book))
    request = MergedOrderBookRequest().setSymbol("BTCUSDT").setScale(1).setLimit(2)
    answer = api.rest(MergedOrderBook, request).getBody().fetch()
    assert _queries(mock) == [
        ("GET", "/v5/market/orderbook?category=spot&symbol=BTCUSDT&limit=200")
    ]
    bids = [(b.getPrice(), b.getQuantity()) for b in answer.getBids()]
    asks = [(a.getPrice(), a.getQuantity()) for a in answer.getAsks()]
    assert bids == [(65485.4, 3.0), (65485.3, 0.5)]  # bids cut down, two levels kept
    assert asks == [(65485.6, 2.25), (65485.7, 2.0)]  # asks cut up
    assert answer.getTime().year == 2024
    default = MergedOrderBookRequest().setSymbol("BTCUSDT")
    assert (default.getScale(), default.getLimit()) == (1, 100)  # PHP's defaults


def _cancel_batch_answer(request: Any, context: Any) -> dict[str, Any]:
    items = json.loads(request.body)["request"]
    listed = [{"category": "spot", "symbol": i["symbol"], "orderId": i["orderId"],
               "orderLinkId": ""} for i in items]  # fmt: skip
    # Bybit refuses order "13" (already filled); takes the others.
    outcomes = [
        {"code": 170213, "msg": "Order does not exist."} if i["orderId"] == "13"
        else {"code": 0, "msg": "OK"}
        for i in items
    ]  # fmt: skip
    return {**envelope({"list": listed}), "retExtInfo": {"list": outcomes}}


def test_batch_cancel_by_id_splits_into_tens_and_lists_the_failures(
    api: BybitAPI, mock: requests_mock.Mocker
) -> None:
    open_orders = [
        {"orderId": str(i), "symbol": "BTCUSDT" if i % 2 else "ETHUSDT"} for i in range(1, 13)
    ]
    mock.get(
        f"{HOST}/v5/order/realtime", json=envelope({"list": open_orders, "nextPageCursor": ""})
    )
    mock.post(f"{HOST}/v5/order/cancel-batch", json=_cancel_batch_answer)
    ids = ",".join(str(i) for i in range(1, 14))  # 13 is not open
    answer = api.rest(BatchCancelOrderById, BatchCancelOrderByIdRequest().setOrderIds(ids))
    calls = _queries(mock)
    assert calls[0] == ("GET", "/v5/order/realtime?category=spot&limit=50")
    assert [c[0] for c in calls[1:]] == ["POST", "POST"]
    bodies = [json.loads(r.body) for r in mock.request_history[1:]]
    assert [len(b["request"]) for b in bodies] == [10, 2]
    assert bodies[0]["request"][0] == {"symbol": "BTCUSDT", "orderId": "1"}
    assert bodies[0]["request"][1] == {"symbol": "ETHUSDT", "orderId": "2"}
    for sent in mock.request_history[1:]:
        _signed(sent, sent.body.decode(), True)
    (failed,) = answer.getBody().all()  # as v3: the orders not cancelled
    assert (failed.getOrderId(), failed.getCode(), failed.getSymbol()) == ("13", "170213", "")


def test_batch_cancel_by_id_with_a_symbol_sends_without_listing(
    api: BybitAPI, mock: requests_mock.Mocker
) -> None:
    mock.post(f"{HOST}/v5/order/cancel-batch", json=_cancel_batch_answer)
    request = BatchCancelOrderByIdRequest().setOrderIds("12,13").setSymbol("BTCUSDT")
    answer = api.rest(BatchCancelOrderById, request)
    body = (
        b'{"category":"spot","request":[{"symbol":"BTCUSDT","orderId":"12"},'
        b'{"symbol":"BTCUSDT","orderId":"13"}]}'
    )
    assert [r.body for r in mock.request_history] == [body]
    _signed(mock.last_request, body.decode(), True)
    (failed,) = answer.getBody().all()
    assert (failed.getOrderId(), failed.getCode(), failed.getMessage()) == (
        "13", "170213", "Order does not exist.",
    )  # fmt: skip


def test_batch_cancel_with_a_filter_cancels_only_matching_orders(
    api: BybitAPI, mock: requests_mock.Mocker
) -> None:
    kinds = [("11", "Buy", "Limit", "GTC"), ("12", "Sell", "Limit", "GTC"),
             ("13", "Buy", "Limit", "PostOnly"), ("14", "Buy", "Market", "IOC")]  # fmt: skip
    open_orders = [
        {"orderId": i, "symbol": "BTCUSDT", "side": side, "orderType": kind, "timeInForce": tif}
        for i, side, kind, tif in kinds
    ]
    mock.get(f"{HOST}/v5/order/realtime", json=envelope({"list": open_orders}))
    mock.post(f"{HOST}/v5/order/cancel-batch", json=_cancel_batch_answer)
    request = (
        BatchCancelOrderRequest()
        .setSymbol("BTCUSDT")
        .setSide("Buy")
        .setOrderTypes("LIMIT,LIMIT_MAKER")
    )
    answer = api.rest(BatchCancelOrder, request).getBody().fetch()
    listed = ("GET", "/v5/order/realtime?category=spot&symbol=BTCUSDT&limit=50")
    assert _queries(mock)[0] == listed
    (body,) = [json.loads(r.body) for r in mock.request_history[1:]]
    sent = [{"symbol": "BTCUSDT", "orderId": "11"}, {"symbol": "BTCUSDT", "orderId": "13"}]
    assert body == {"category": "spot", "request": sent}
    assert answer.getSuccess() is False  # 13 was refused: not every matching order went
    outcomes = [(i.getOrderId(), i.getCode()) for i in answer.getList()]
    assert outcomes == [("11", 0), ("13", 170213)]


def test_batch_cancel_with_a_filter_that_matches_nothing_sends_no_cancel(
    api: BybitAPI, mock: requests_mock.Mocker
) -> None:
    mock.get(f"{HOST}/v5/order/realtime", json=envelope({"list": []}))
    answer = api.rest(
        BatchCancelOrder, BatchCancelOrderRequest().setSymbol("BTCUSDT").setSide("Sell")
    )
    assert [r.method for r in mock.request_history] == ["GET"]
    item = answer.getBody().fetch()
    assert (item.getSuccess(), item.getList()) == (True, [])


# -- rules: refused before any I/O ------------------------------------------------------------


@pytest.mark.parametrize(
    ("endpoint", "request_dto", "message"),
    [
        (PlaceOrder, PlaceOrderRequest().setSymbol("BTCUSDT").setSide("Buy"), "qty: is required"),
        (
            PlaceOrder,
            PlaceOrderRequest().setSymbol("BTCUSDT").setSide("Buy").setOrderType("Limit").setOrderQty(1),
            "price: is required for orderType 'Limit'",
        ),
        (
            PlaceOrder,
            PlaceOrderRequest().setSymbol("BTCUSDT").setSide("Buy").setOrderType("Limit")
            .setOrderQty(1).setOrderPrice(1).setMarketUnit("baseCoin"),
            "marketUnit: is for orderType 'Market' only",
        ),
        (
            PlaceOrder,
            PlaceOrderRequest().setSymbol("BTCUSDT").setSide("Buy").setOrderQty(1).setOrderCategory(1),
            "triggerPrice: is required for orderFilter 'tpslOrder'",
        ),
        (
            PlaceOrder,
            PlaceOrderRequest().setSymbol("BTCUSDT").setSide("Buy").setOrderQty(1).setTriggerPrice(5),
            "triggerPrice: needs orderFilter",
        ),
        (
            PlaceOrder,
            PlaceOrderRequest().setSymbol("BTCUSDT").setSide("Buy").setOrderQty(1)
            .setOrderCategory("OcoOrder"),
            "orderFilter: must be Order, tpslOrder or StopOrder when placing",
        ),
        (
            PlaceOrder,
            PlaceOrderRequest().setSymbol("BTCUSDT").setSide("Buy").setOrderQty(1)
            .setTakeProfit(9).setTpOrderType("Limit"),
            "tpOrderType: 'Limit' needs takeProfit and tpLimitPrice",
        ),
        (
            PlaceOrder,
            PlaceOrderRequest().setSymbol("BTCUSDT").setSide("Buy").setOrderQty(1)
            .setSlOrderType("Market"),
            "slOrderType: needs stopLoss",
        ),
        (
            PlaceOrder,
            PlaceOrderRequest().setSymbol("BTCUSDT").setSide("Buy").setOrderQty(1)
            .setTakeProfit(70000),
            "takeProfit: is for orderType 'Limit' only on spot",
        ),
        (
            PlaceOrder,
            PlaceOrderRequest().setSymbol("BTCUSDT").setSide("Buy").setOrderType("Limit")
            .setOrderQty(1).setOrderPrice(1).setSlippageToleranceType("Percent")
            .setSlippageTolerance(1),
            "slippageToleranceType: is for orderType 'Market' only",
        ),
        (
            PlaceOrder,
            PlaceOrderRequest().setSymbol("BTCUSDT").setSide("Buy").setOrderQty(1)
            .setOrderCategory("StopOrder").setTriggerPrice(5).setSlippageToleranceType("Percent")
            .setSlippageTolerance(1),
            "slippageToleranceType: is not for TP/SL or conditional orders",
        ),
        (CancelOrder, CancelOrderRequest().setOrderId("1"), "symbol: is required"),
        (CancelOrder, CancelOrderRequest().setSymbol("BTCUSDT"), "orderId: one of orderId and"),
        (GetOrder, GetOrderRequest(), "orderId: one of orderId and orderLinkId"),
        (BatchCancelOrder, BatchCancelOrderRequest(), "symbol: is required"),
        (BatchCancelOrderById, BatchCancelOrderByIdRequest(), "orderIds: is required"),
        (OrderHistory, OrderHistoryRequest().setStartTime(1).setEndTime(8 * 86_400_000),
         "endTime: must be at most 7 days"),
        (Kline, KlineRequest().setSymbol("BTCUSDT").setStartTime(2).setEndTime(1),
         "start: must not be after end"),
        (MarketInfo, MarketInfoRequest(), "ltCoin: is required"),
    ],
)  # fmt: skip
def test_bad_input_is_refused_before_sending(
    api: BybitAPI, mock: requests_mock.Mocker, endpoint: Any, request_dto: Any, message: str
) -> None:
    with pytest.raises(SDKException, match=message):
        api.rest(endpoint, request_dto)
    assert mock.call_count == 0


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: PlaceOrderRequest().setCategory("linear"), "category: must be one of spot"),
        (lambda: PlaceOrderRequest().setSide("BUY"), "side: must be one of Buy, Sell"),
        (lambda: PlaceOrderRequest().setOrderLinkId("x" * 37), "orderLinkId: must be 1 to 36"),
        (lambda: PlaceOrderRequest().setSymbol("btcusdt"), "must be uppercase"),
        (lambda: PlaceOrderRequest().setOrderQty(0), "qty: must be greater than 0"),
        (lambda: OpenOrdersRequest().setLimit(51), "limit: must be at most 50"),
        (lambda: OrderBookRequest().setLimit(201), "limit: must be at most 200"),
        (lambda: KlineRequest().setInterval("2m"), "interval: must be one of"),
        (
            lambda: BatchCancelOrderRequest().setOrderTypes("STOP"),
            "orderTypes: must be order types",
        ),
        (lambda: BatchCancelOrderByIdRequest().setOrderIds("1,,2"), "orderIds: must be 1 to 100"),
        (lambda: MergedOrderBookRequest().setScale(-1), "scale: must be at least 0"),
        (
            lambda: PurchaseRedeemHistoryRequest().setOrderType(3),
            "ltOrderType: must be one of 1, 2",
        ),
    ],
)
def test_setters_refuse_bad_values_by_name(build: Any, message: str) -> None:
    with pytest.raises(SDKException, match=message):
        build()


# -- the leverage tokens: Bybit retired the service ---------------------------------------------


def test_a_leverage_token_call_warns_and_its_refusal_says_why(
    api: BybitAPI, mock: requests_mock.Mocker
) -> None:
    mock.get(
        f"{HOST}/v5/spot-lever-token/info",
        status_code=404,
        json={"retCode": 10017, "retMsg": "Route not found.", "result": {}, "retExtInfo": {}},
    )
    with (
        pytest.warns(DeprecationWarning, match="retired the leverage-token service"),
        pytest.raises(ApiException) as caught,
    ):
        api.rest(AllAssetInfo, AllAssetInfoRequest())
    assert caught.value.code == 10017
    assert "retired the leverage-token service on 4 July 2025" in str(caught.value)
    assert "Retired" in AllAssetInfo.__doc__


def test_query_strings_are_in_declaration_order() -> None:
    # the wire tests compare whole query strings: the order is the declaration's, stable
    query = OrderHistoryRequest().setEndTime(2).setSymbol("BTCUSDT").setStartTime(1).query()
    assert urlencode(query) == "category=spot&symbol=BTCUSDT&startTime=1&endTime=2"


# -- a hostile or broken exchange: the hooks raise the library's errors, never a raw one -----------


@pytest.mark.parametrize(
    "book",
    [
        {"b": [["1.5"]], "a": []},  # a level without its size
        {"b": [["x", "1"]], "a": []},  # a price that is no number
        {"b": "levels", "a": []},
        {"b": [7], "a": []},
    ],
)
def test_a_broken_book_is_an_api_exception(
    api: BybitAPI, mock: requests_mock.Mocker, book: dict[str, Any]
) -> None:
    mock.get(f"{HOST}/v5/market/orderbook", json=envelope(book))
    with pytest.raises(ApiException, match="book level"):
        api.rest(MergedOrderBook, MergedOrderBookRequest().setSymbol("BTCUSDT"))


@pytest.mark.parametrize(
    "answer",
    [
        {**envelope({"list": [{"orderId": "1"}]}), "retExtInfo": {"list": []}},  # no outcome
        {**envelope({"list": []}), "retExtInfo": {"list": [{"code": 0, "msg": "OK"}]}},
        envelope({"list": "nope"}),
    ],
)
def test_a_cancel_batch_answer_that_does_not_pair_up_is_an_api_exception(
    api: BybitAPI, mock: requests_mock.Mocker, answer: dict[str, Any]
) -> None:
    mock.post(f"{HOST}/v5/order/cancel-batch", json=answer)
    request = BatchCancelOrderByIdRequest().setOrderIds("1").setSymbol("BTCUSDT")
    with pytest.raises(ApiException):
        api.rest(BatchCancelOrderById, request)


def test_open_orders_that_are_no_list_are_an_api_exception(
    api: BybitAPI, mock: requests_mock.Mocker
) -> None:
    mock.get(f"{HOST}/v5/order/realtime", json=envelope({"list": {"orderId": "1"}}))
    with pytest.raises(ApiException, match="not a list"):
        api.rest(GetOrder, GetOrderRequest().setOrderId("1"))
