"""GetOpenOrders (GET /v5/order/realtime): the wire, the rules, the PHP fixture, the V5 example."""

from __future__ import annotations

import urllib.parse
from datetime import UTC, datetime

import pytest
import requests_mock

from carpenstar_bybit import BybitAPI
from carpenstar_bybit.Core.Enums import EnumOutputMode
from carpenstar_bybit.Core.Exceptions import SDKException
from carpenstar_bybit.Derivatives.Contract.Order.GetOpenOrders import GetOpenOrders
from carpenstar_bybit.Derivatives.Contract.Order.GetOpenOrders.Interfaces import (
    IGetOpenOrdersRequestInterface,
    IGetOpenOrdersResponseInterface,
)
from carpenstar_bybit.Derivatives.Contract.Order.GetOpenOrders.Overrides import (
    TestGetOpenOrders,
)
from carpenstar_bybit.Derivatives.Contract.Order.GetOpenOrders.Request import (
    GetOpenOrdersRequest,
)
from carpenstar_bybit.Derivatives.Contract.Order.GetOpenOrders.Response import (
    GetOpenOrdersResponse,
)

from .conftest import FROZEN_MS, HOST, KEY, envelope, expected_sign

URL = f"{HOST}/v5/order/realtime"

# GetOpenOrdersTest::$getOpenOrdersResponse of the PHP SDK.
PHP_FIXTURE = (
    """{"retCode": 0, "retMsg": "OK",
 "result": {"list": [{"symbol": "BTCUSDT", "orderId": "6753a9db-3d47-4b06-8c35-599511c0fb00",
   "side": "Buy", "orderType": "Limit", "stopOrderType": "UNKNOWN", "price": "28000.00",
   "qty": "0.022", "timeInForce": "GoodTillCancel", "orderStatus": "New", "triggerPrice": "0.00",
   "orderLinkId": "", "createdTime": "1690997416487", "updatedTime": "1690997416490",
   "takeProfit": "0.00", "stopLoss": "0.00", "tpTriggerBy": "UNKNOWN", "slTriggerBy": "UNKNOWN",
   "triggerBy": "UNKNOWN", "reduceOnly": false, "leavesQty": "0.022", "leavesValue": "616",
   "cumExecQty": "0.000", "cumExecValue": "0", "cumExecFee": "0", "triggerDirection": 0,
   "cancelType": "UNKNOWN", "lastPriceOnCreated": "", "iv": "", "closeOnTrigger": false,
   "tpslMode": "", "tpLimitPrice": "", "slLimitPrice": "", "smpType": "None", "smpGroup": 0,
   "smpOrderId": ""}],
   "nextPageCursor": "ME51NFhyekVsNFlrUitoZVd0TWNGZ3FPZkVpMmswT2Z0aDdQR2g3eTMwWDFOZkNo"""
    """M2tFVkNZWmYzeHVqaGpZcGgyWHQ2RGRqR3VSdElUVmdzSmJQZkE9PQ==",
   "category": ""},
 "retExtInfo": {}, "time": 1691001728355}"""
)

# The example of /docs/v5/order/open-order.
V5_EXAMPLE = """{"retCode": 0, "retMsg": "OK",
 "result": {"list": [{"orderId": "fd4300ae-7847-404e-b947-b46980a4d140",
   "orderLinkId": "test-000005", "blockTradeId": "", "symbol": "ETHUSDT", "price": "1600.00",
   "qty": "0.10", "side": "Buy", "isLeverage": "", "positionIdx": 1, "orderStatus": "New",
   "cancelType": "UNKNOWN", "rejectReason": "EC_NoError", "avgPrice": "0", "leavesQty": "0.10",
   "leavesValue": "160", "cumExecQty": "0.00", "cumExecValue": "0", "cumExecFee": "0",
   "timeInForce": "GTC", "orderType": "Limit", "stopOrderType": "UNKNOWN", "orderIv": "",
   "triggerPrice": "0.00", "takeProfit": "2500.00", "stopLoss": "1500.00",
   "tpTriggerBy": "LastPrice", "slTriggerBy": "LastPrice", "triggerDirection": 0,
   "triggerBy": "UNKNOWN", "lastPriceOnCreated": "", "reduceOnly": false,
   "closeOnTrigger": false, "smpType": "None", "smpGroup": 0, "smpOrderId": "",
   "tpslMode": "Full", "tpLimitPrice": "", "slLimitPrice": "", "placeType": "",
   "createdTime": "1684738540559", "updatedTime": "1684738540561",
   "cumFeeDetail": {"MNT": "0.00242968"}}],
   "nextPageCursor": "page_args%3Dfd4300ae-7847-404e-b947-b46980a4d140%26symbol%3D6%26",
   "category": "linear"},
 "retExtInfo": {}, "time": 1684765770483}"""


def _check_get(last: requests_mock.request._RequestObjectProxy, query: str) -> None:
    assert last.method == "GET"
    assert last.url == f"{URL}?{query}" if query else URL
    assert last.body is None
    headers = last.headers
    assert headers["X-BAPI-API-KEY"] == KEY
    assert headers["X-BAPI-TIMESTAMP"] == str(FROZEN_MS)
    assert headers["X-BAPI-RECV-WINDOW"] == "5000"
    assert headers["X-BAPI-SIGN-TYPE"] == "2"
    assert "Content-Type" not in headers
    # V5 signs timestamp + key + recvWindow + the query exactly as sent.
    assert headers["X-BAPI-SIGN"] == expected_sign(query.encode())


WIRE_CASES = [
    (GetOpenOrdersRequest().setSymbol("BTCUSDT"), "category=linear&symbol=BTCUSDT"),
    (GetOpenOrdersRequest().setSymbol("BTCUSD"), "category=inverse&symbol=BTCUSD"),
    (GetOpenOrdersRequest().setSettleCoin("USDT"), "category=linear&settleCoin=USDT"),
    (GetOpenOrdersRequest().setCategory("spot"), "category=spot"),
    (
        GetOpenOrdersRequest().setCategory("linear").setBaseCoin("BTC").setLimit(50),
        "category=linear&baseCoin=BTC&limit=50",
    ),
    (
        GetOpenOrdersRequest()
        .setSymbol("ETHUSDT")
        .setOrderId("fd4300ae-7847")
        .setOrderLinkId("test-000005")
        .setOpenOnly(0)
        .setOrderFilter("StopOrder")
        .setLimit(1)
        .setCursor("page_args%3Dfd43%26"),
        "category=linear&symbol=ETHUSDT&orderId=fd4300ae-7847&orderLinkId=test-000005"
        "&openOnly=0&orderFilter=StopOrder&limit=1&cursor=page_args%253Dfd43%2526",
    ),
    (
        GetOpenOrdersRequest().setCategory("option").setSettleCoin("USDC").setOpenOnly(1),
        "category=option&settleCoin=USDC&openOnly=1",
    ),
    (
        GetOpenOrdersRequest().setCategory("spot").setOrderFilter("tpslOrder"),
        "category=spot&orderFilter=tpslOrder",
    ),
]


@pytest.mark.parametrize(("request_dto", "query"), WIRE_CASES)
def test_wire(
    api: BybitAPI, mock: requests_mock.Mocker, request_dto: GetOpenOrdersRequest, query: str
) -> None:
    mock.get(URL, json=envelope({"list": [], "nextPageCursor": "", "category": "linear"}))
    api.rest(GetOpenOrders, request_dto)
    assert mock.call_count == 1
    _check_get(mock.last_request, query)


def test_cursor_round_trips_exactly(api: BybitAPI, mock: requests_mock.Mocker) -> None:
    """The cursor is sent percent-encoded once; the exchange reads back what it gave."""
    cursor = "page_args%3Dfd4300ae%26symbol%3D6%26"
    mock.get(URL, json=envelope({"list": []}))
    api.rest(GetOpenOrders, GetOpenOrdersRequest().setSymbol("ETHUSDT").setCursor(cursor))
    query = urllib.parse.urlsplit(mock.last_request.url).query
    assert urllib.parse.parse_qs(query)["cursor"] == [cursor]


def test_php_fixture_getter_by_getter() -> None:
    answer = TestGetOpenOrders().bindRequestParameters(GetOpenOrdersRequest().setSymbol("BTCUSDT"))
    result = answer.execute(EnumOutputMode.MODE_ENTITY, PHP_FIXTURE)
    assert result.getReturnCode() == 0
    assert result.getNextPageCursor() == (
        "ME51NFhyekVsNFlrUitoZVd0TWNGZ3FPZkVpMmswT2Z0aDdQR2g3eTMwWDFOZkNo"
        "M2tFVkNZWmYzeHVqaGpZcGgyWHQ2RGRqR3VSdElUVmdzSmJQZkE9PQ=="
    )
    assert result.getBody().count() == 1
    item = result.getBody().fetch()
    assert isinstance(item, GetOpenOrdersResponse)
    assert isinstance(item, IGetOpenOrdersResponseInterface)
    assert item.getSymbol() == "BTCUSDT"
    assert item.getOrderId() == "6753a9db-3d47-4b06-8c35-599511c0fb00"
    assert item.getOrderLinkId() == ""
    assert item.getSide() == "Buy"
    assert item.getOrderType() == "Limit"
    assert item.getPrice() == 28000.0
    assert item.getQty() == 0.022
    assert item.getTimeInForce() == "GoodTillCancel"  # v3's spelling, as the fixture has it
    assert item.getOrderStatus() == "New"
    assert item.getLastPriceOnCreated() == ""  # a string in PHP's GetOpenOrders
    assert item.getCreatedTime() == datetime(2023, 8, 2, 17, 30, 16, 487000, tzinfo=UTC)
    assert item.getUpdatedTime() == datetime(2023, 8, 2, 17, 30, 16, 490000, tzinfo=UTC)
    assert item.getCancelType() == "UNKNOWN"
    assert item.getStopOrderType() == "UNKNOWN"
    assert item.getTriggerDirection() == 0
    assert item.getTriggerBy() == "UNKNOWN"
    assert item.getTriggerPrice() == 0.0
    assert item.getCumExecValue() == 0.0
    assert item.getCumExecFee() == 0.0
    assert item.getCumExecQty() == 0.0
    assert item.getLeavesValue() == 616.0
    assert item.getLeavesQty() == 0.022
    assert item.getTakeProfit() == 0.0
    assert item.getStopLoss() == 0.0
    assert item.getTpslMode() == ""
    assert item.getTpLimitPrice() is None  # "" is no price (PHP: 0.0)
    assert item.getSlLimitPrice() is None
    assert item.getTpTriggerBy() == "UNKNOWN"
    assert item.getSlTriggerBy() == "UNKNOWN"
    assert item.isReduceOnly() is False
    assert item.isCloseOnTrigger() is False
    assert item.getSmpType() == "None"
    assert item.getSmpGroup() == 0
    assert item.getSmpOrderId() == ""
    # Fields the v3 answer did not have.
    assert item.getPositionIdx() is None
    assert item.getAvgPrice() is None
    assert item.getOrderIv() == ""


def test_v5_example_getter_by_getter() -> None:
    result = TestGetOpenOrders().execute(EnumOutputMode.MODE_ENTITY, V5_EXAMPLE)
    assert result.getNextPageCursor() == (
        "page_args%3Dfd4300ae-7847-404e-b947-b46980a4d140%26symbol%3D6%26"
    )
    item = result.getBody().fetch()
    assert isinstance(item, GetOpenOrdersResponse)
    assert item.getOrderId() == "fd4300ae-7847-404e-b947-b46980a4d140"
    assert item.getOrderLinkId() == "test-000005"
    assert item.getBlockTradeId() == ""
    assert item.getSymbol() == "ETHUSDT"
    assert item.getPrice() == 1600.0
    assert item.getQty() == 0.1
    assert item.getSide() == "Buy"
    assert item.getIsLeverage() == ""
    assert item.getPositionIdx() == 1
    assert item.getOrderStatus() == "New"
    assert item.getCancelType() == "UNKNOWN"
    assert item.getRejectReason() == "EC_NoError"
    assert item.getAvgPrice() == 0.0
    assert item.getLeavesQty() == 0.1
    assert item.getLeavesValue() == 160.0
    assert item.getCumExecQty() == 0.0
    assert item.getCumExecValue() == 0.0
    assert item.getCumExecFee() == 0.0
    assert item.getTimeInForce() == "GTC"
    assert item.getOrderType() == "Limit"
    assert item.getStopOrderType() == "UNKNOWN"
    assert item.getOrderIv() == ""
    assert item.getTriggerPrice() == 0.0
    assert item.getTakeProfit() == 2500.0
    assert item.getStopLoss() == 1500.0
    assert item.getTpTriggerBy() == "LastPrice"
    assert item.getSlTriggerBy() == "LastPrice"
    assert item.getTriggerDirection() == 0
    assert item.getTriggerBy() == "UNKNOWN"
    assert item.getLastPriceOnCreated() == ""
    assert item.isReduceOnly() is False
    assert item.isCloseOnTrigger() is False
    assert item.getSmpType() == "None"
    assert item.getSmpGroup() == 0
    assert item.getSmpOrderId() == ""
    assert item.getTpslMode() == "Full"
    assert item.getTpLimitPrice() is None
    assert item.getSlLimitPrice() is None
    assert item.getPlaceType() == ""
    assert item.getCreatedTime() == datetime(2023, 5, 22, 6, 55, 40, 559000, tzinfo=UTC)
    assert item.getUpdatedTime() == datetime(2023, 5, 22, 6, 55, 40, 561000, tzinfo=UTC)
    assert item.getCreateType() == ""
    assert item.getParentOrderLinkId() == ""
    assert item.toArray()["cumFeeDetail"] == {"MNT": "0.00242968"}  # array mode keeps it


def test_array_mode_keeps_exact_strings() -> None:
    result = TestGetOpenOrders().execute(EnumOutputMode.MODE_ARRAY, V5_EXAMPLE)
    row = result.getBody().fetch()
    assert row["price"] == "1600.00"
    assert row["qty"] == "0.10"


def test_request_interface_and_getters() -> None:
    request = (
        GetOpenOrdersRequest()
        .setSymbol("BTCUSDT")
        .setBaseCoin("BTC")
        .setSettleCoin("USDT")
        .setOrderId(123)
        .setOrderLinkId("l1")
        .setOrderFilter("Order")
        .setLimit(20)
        .setCursor("c1")
        .setOpenOnly(1)
    )
    assert isinstance(request, IGetOpenOrdersRequestInterface)
    assert not isinstance(object(), IGetOpenOrdersRequestInterface)
    assert request.getSymbol() == "BTCUSDT"
    assert request.getBaseCoin() == "BTC"
    assert request.getSettleCoin() == "USDT"
    assert request.getOrderId() == "123"
    assert request.getOrderLinkId() == "l1"
    assert request.getOrderFilter() == "Order"
    assert request.getLimit() == 20
    assert request.getCursor() == "c1"
    assert request.getOpenOnly() == 1
    assert request.getCategory() is None


RULES = [
    (GetOpenOrdersRequest(), "GetOpenOrdersRequest.symbol: one of symbol, baseCoin and settleCoin"),
    (
        GetOpenOrdersRequest().setCategory("linear"),
        "GetOpenOrdersRequest.symbol: one of symbol, baseCoin and settleCoin is required "
        "for category 'linear'",
    ),
    (
        GetOpenOrdersRequest().setBaseCoin("BTC"),
        "GetOpenOrdersRequest.category: cannot be told from baseCoin alone",
    ),
    (
        GetOpenOrdersRequest().setCategory("spot").setSettleCoin("USDT"),
        "GetOpenOrdersRequest.settleCoin: is not supported for category 'spot'",
    ),
    (
        GetOpenOrdersRequest().setCategory("option").setSettleCoin("BTC"),
        "GetOpenOrdersRequest.settleCoin: must be USDT or USDC for category 'option'",
    ),
    (
        GetOpenOrdersRequest().setSymbol("BTCUSDT").setOrderFilter("tpslOrder"),
        "GetOpenOrdersRequest.orderFilter: must be one of Order, StopOrder for category 'linear'",
    ),
    (
        GetOpenOrdersRequest().setCategory("option").setOrderFilter("StopOrder"),
        "GetOpenOrdersRequest.orderFilter: must be one of Order for category 'option'",
    ),
]


@pytest.mark.parametrize(("request_dto", "message"), RULES)
def test_rules_before_io(
    api: BybitAPI, mock: requests_mock.Mocker, request_dto: GetOpenOrdersRequest, message: str
) -> None:
    with pytest.raises(SDKException) as caught:
        api.rest(GetOpenOrders, request_dto)
    assert str(caught.value).startswith(message)
    assert mock.call_count == 0


SETTER_RULES = [
    (lambda r: r.setLimit(0), "GetOpenOrdersRequest.limit: must be at least 1"),
    (lambda r: r.setLimit(51), "GetOpenOrdersRequest.limit: must be at most 50"),
    (lambda r: r.setOpenOnly(3), "GetOpenOrdersRequest.openOnly: must be one of 0, 1, 2"),
    (lambda r: r.setOrderFilter("OpenOrder"), "GetOpenOrdersRequest.orderFilter: must be one of"),
    (lambda r: r.setSymbol("btcusdt"), "GetOpenOrdersRequest.symbol: must be uppercase"),
    (lambda r: r.setCategory("futures"), "GetOpenOrdersRequest.category: must be one of"),
    (lambda r: r.setOrderLinkId("x" * 37), "GetOpenOrdersRequest.orderLinkId: must be 1 to 36"),
    (lambda r: r.setCursor("a b"), "GetOpenOrdersRequest.cursor: must be the cursor"),
    (lambda r: r.setSettleCoin(""), "GetOpenOrdersRequest.settleCoin: must not be empty"),
]


@pytest.mark.parametrize(("call", "message"), SETTER_RULES)
def test_setter_rules(call: object, message: str) -> None:
    with pytest.raises(SDKException) as caught:
        call(GetOpenOrdersRequest())  # type: ignore[operator]
    assert str(caught.value).startswith(message)


def test_pages_walks_every_page(api: BybitAPI, mock: requests_mock.Mocker) -> None:
    mock.get(
        URL,
        [
            {"json": envelope({"list": [{"orderId": "1"}], "nextPageCursor": "p%3D2"})},
            {"json": envelope({"list": [{"orderId": "2"}], "nextPageCursor": ""})},
        ],
    )
    request = GetOpenOrdersRequest().setSymbol("BTCUSDT").setLimit(1)
    ids = [
        item.getOrderId()
        for page in api.pages(GetOpenOrders, request)
        for item in page.getBody().all()
    ]
    assert ids == ["1", "2"]
    queries = [r.url.split("?", 1)[1] for r in mock.request_history]
    assert queries == [
        "category=linear&symbol=BTCUSDT&limit=1",
        "category=linear&symbol=BTCUSDT&limit=1&cursor=p%253D2",
    ]
    assert request.getCursor() is None  # the bot's request is not changed
