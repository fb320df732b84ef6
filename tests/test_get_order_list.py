"""GetOrderList (GET /v5/order/history): the wire, the rules, the PHP fixture, the V5 example."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest
import requests_mock

from carpenstar_bybit import BybitAPI
from carpenstar_bybit.Core.Enums import EnumOutputMode
from carpenstar_bybit.Core.Exceptions import SDKException
from carpenstar_bybit.Derivatives.Contract.Order.GetOrderList import GetOrderList
from carpenstar_bybit.Derivatives.Contract.Order.GetOrderList.Interfaces import (
    IGetOrderListRequestInterface,
    IGetOrderListResponseInterface,
)
from carpenstar_bybit.Derivatives.Contract.Order.GetOrderList.Overrides import TestGetOrderList
from carpenstar_bybit.Derivatives.Contract.Order.GetOrderList.Request import GetOrderListRequest
from carpenstar_bybit.Derivatives.Contract.Order.GetOrderList.Response import (
    GetOrderListResponse,
)

from .conftest import FROZEN_MS, HOST, KEY, envelope, expected_sign

URL = f"{HOST}/v5/order/history"

# GetOrderListTest::$getOrderListResponse: Bybit's Unified Margin v3 example.
PHP_FIXTURE = """{"retCode": 0, "retMsg": "OK",
 "result": {"nextPageCursor": "c6f055d9-7f21-4079-913d-e6523a9cfffa%3A1672216686849%2Cc6f055d9-7f21-4079-913d-e6523a9cfffa%3A1672216686849",
   "category": "linear",
   "list": [{"symbol": "ETHPERP", "orderType": "Limit", "orderLinkId": "linear-004",
     "orderId": "c6f055d9-7f21-4079-913d-e6523a9cfffa", "stopOrderType": "Stop",
     "orderStatus": "Deactivated", "takeProfit": "", "cumExecValue": "0", "blockTradeId": "",
     "rejectReason": "EC_NoError", "price": "1050", "createdTime": 1672216686849,
     "tpTriggerBy": "UNKNOWN", "timeInForce": "GoodTillCancel", "basePrice": "1188",
     "leavesValue": "0", "updatedTime": 1672217377166, "side": "Sell",
     "triggerPrice": "1145.00000000", "cumExecFee": "0", "slTriggerBy": "UNKNOWN",
     "leavesQty": "0", "closeOnTrigger": false, "cumExecQty": "0", "reduceOnly": false,
     "qty": "0.15", "stopLoss": "", "triggerBy": "MarkPrice", "orderIM": ""}]},
 "retExtInfo": {}, "time": 1672811958171}"""  # noqa: E501  # the fixture's cursor, as PHP had it

V5_EXAMPLE = """{"retCode": 0, "retMsg": "OK",
 "result": {"list": [{"orderId": "14bad3a1-6454-43d8-bcf2-5345896cf74d",
   "orderLinkId": "YLxaWKMiHU", "blockTradeId": "", "symbol": "BTCUSDT", "price": "26864.40",
   "qty": "0.003", "side": "Buy", "isLeverage": "", "positionIdx": 1, "orderStatus": "Cancelled",
   "cancelType": "UNKNOWN", "rejectReason": "EC_PostOnlyWillTakeLiquidity", "avgPrice": "0",
   "leavesQty": "0.000", "leavesValue": "0", "cumExecQty": "0.000", "cumExecValue": "0",
   "cumExecFee": "0", "timeInForce": "PostOnly", "orderType": "Limit",
   "stopOrderType": "UNKNOWN", "orderIv": "", "triggerPrice": "0.00", "takeProfit": "0.00",
   "stopLoss": "0.00", "tpTriggerBy": "UNKNOWN", "slTriggerBy": "UNKNOWN",
   "triggerDirection": 0, "triggerBy": "UNKNOWN", "lastPriceOnCreated": "0.00",
   "reduceOnly": false, "closeOnTrigger": false, "smpType": "None", "smpGroup": 0,
   "smpOrderId": "", "tpslMode": "", "tpLimitPrice": "", "slLimitPrice": "", "placeType": "",
   "slippageToleranceType": "UNKNOWN", "slippageTolerance": "",
   "createdTime": "1684476068369", "updatedTime": "1684476068372", "extraFees": "",
   "cumFeeDetail": {"MNT": "0.00242968"}, "rpiTakerAccess": false, "rpiMatchedQty": "0"}],
   "nextPageCursor": "page_token%3D39380%26", "category": "linear"},
 "retExtInfo": {}, "time": 1684766282976}"""

WIRE_CASES = [
    (
        GetOrderListRequest().setSymbol("BTCUSDT").setLimit(5),
        "category=linear&symbol=BTCUSDT&limit=5",
    ),
    (GetOrderListRequest().setCategory("spot"), "category=spot"),
    (GetOrderListRequest().setCategory("linear"), "category=linear"),
    (GetOrderListRequest().setSettleCoin("BTC"), "category=inverse&settleCoin=BTC"),
    (
        GetOrderListRequest()
        .setSymbol("ETHUSDT")
        .setOrderId("1")
        .setOrderLinkId("l")
        .setOrderStatus("Filled")
        .setOrderFilter("Order")
        .setLimit(50)
        .setCursor("page_token%3D39380%26")
        .setBaseCoin("ETH")
        .setSettleCoin("USDT")
        .setStartTime(1_684_000_000_000)
        .setEndTime(datetime(2023, 5, 19, tzinfo=UTC)),
        "category=linear&symbol=ETHUSDT&orderId=1&orderLinkId=l&orderStatus=Filled"
        "&orderFilter=Order&limit=50&cursor=page_token%253D39380%2526&baseCoin=ETH"
        "&settleCoin=USDT&startTime=1684000000000&endTime=1684454400000",
    ),
]


@pytest.mark.parametrize(("request_dto", "query"), WIRE_CASES)
def test_wire(
    api: BybitAPI, mock: requests_mock.Mocker, request_dto: GetOrderListRequest, query: str
) -> None:
    mock.get(URL, json=envelope({"list": [], "nextPageCursor": "", "category": "linear"}))
    api.rest(GetOrderList, request_dto)
    assert mock.call_count == 1
    last = mock.last_request
    assert last.method == "GET"
    assert last.url == f"{URL}?{query}"
    assert last.body is None
    assert last.headers["X-BAPI-API-KEY"] == KEY
    assert last.headers["X-BAPI-TIMESTAMP"] == str(FROZEN_MS)
    assert last.headers["X-BAPI-SIGN"] == expected_sign(query.encode())


def test_php_fixture_getter_by_getter() -> None:
    """PHP's DTO read nothing (an empty constructor); every getter works here."""
    result = (
        TestGetOrderList()
        .bindRequestParameters(GetOrderListRequest())
        .execute(EnumOutputMode.MODE_ENTITY, PHP_FIXTURE)
    )
    assert result.getNextPageCursor().startswith("c6f055d9-7f21-4079-913d-e6523a9cfffa%3A")
    item = result.getBody().fetch()
    assert isinstance(item, GetOrderListResponse)
    assert isinstance(item, IGetOrderListResponseInterface)
    assert item.getSymbol() == "ETHPERP"
    assert item.getOrderType() == "Limit"
    assert item.getOrderLinkId() == "linear-004"
    assert item.getOrderId() == "c6f055d9-7f21-4079-913d-e6523a9cfffa"
    assert item.getStopOrderType() == "Stop"
    assert item.getOrderStatus() == "Deactivated"
    assert item.getTakeProfit() is None  # "" (PHP's float setter would have thrown)
    assert item.getStopLoss() is None
    assert item.getCumExecValue() == 0.0
    assert item.getBlockTradeId() == ""
    assert item.getRejectReason() == "EC_NoError"
    assert item.getPrice() == 1050.0
    assert item.getCreatedTime() == datetime(2022, 12, 28, 8, 38, 6, 849000, tzinfo=UTC)
    assert item.getUpdatedTime() == datetime(2022, 12, 28, 8, 49, 37, 166000, tzinfo=UTC)
    assert item.getTpTriggerBy() == "UNKNOWN"
    assert item.getTimeInForce() == "GoodTillCancel"
    assert item.getBasePrice() == 1188.0
    assert item.getLeavesValue() == 0.0
    assert item.getSide() == "Sell"
    assert item.getTriggerPrice() == 1145.0
    assert item.getCumExecFee() == 0.0
    assert item.getSlTriggerBy() == "UNKNOWN"
    assert item.getLeavesQty() == 0.0
    assert item.isCloseOnTrigger() is False
    assert item.getCumExecQty() == 0.0
    assert item.isReduceOnly() is False
    assert item.getQty() == 0.15
    assert item.getTriggerBy() == "MarkPrice"
    # Keys the Unified Margin v3 example lacks.
    assert item.getPositionIdx() is None
    assert item.getSmpGroup() is None
    assert item.getSmpType() == ""
    assert item.getLastPriceOnCreated() is None
    assert item.getTpslMode() == ""


def test_v5_example_getter_by_getter() -> None:
    result = TestGetOrderList().execute(EnumOutputMode.MODE_ENTITY, V5_EXAMPLE)
    assert result.getNextPageCursor() == "page_token%3D39380%26"
    item = result.getBody().fetch()
    assert item.getOrderId() == "14bad3a1-6454-43d8-bcf2-5345896cf74d"
    assert item.getOrderLinkId() == "YLxaWKMiHU"
    assert item.getBlockTradeId() == ""
    assert item.getSymbol() == "BTCUSDT"
    assert item.getPrice() == 26864.4
    assert item.getQty() == 0.003
    assert item.getSide() == "Buy"
    assert item.getIsLeverage() == ""
    assert item.getPositionIdx() == 1
    assert item.getOrderStatus() == "Cancelled"
    assert item.getCancelType() == "UNKNOWN"
    assert item.getRejectReason() == "EC_PostOnlyWillTakeLiquidity"
    assert item.getAvgPrice() == 0.0
    assert item.getLeavesQty() == 0.0
    assert item.getLeavesValue() == 0.0
    assert item.getCumExecQty() == 0.0
    assert item.getCumExecValue() == 0.0
    assert item.getCumExecFee() == 0.0
    assert item.getTimeInForce() == "PostOnly"
    assert item.getOrderType() == "Limit"
    assert item.getStopOrderType() == "UNKNOWN"
    assert item.getOrderIv() == ""
    assert item.getTriggerPrice() == 0.0
    assert item.getTakeProfit() == 0.0
    assert item.getStopLoss() == 0.0
    assert item.getTpTriggerBy() == "UNKNOWN"
    assert item.getSlTriggerBy() == "UNKNOWN"
    assert item.getTriggerDirection() == 0
    assert item.getTriggerBy() == "UNKNOWN"
    assert item.getLastPriceOnCreated() == 0.0  # PHP: float in GetOrderList
    assert item.isReduceOnly() is False
    assert item.isCloseOnTrigger() is False
    assert item.getSmpType() == "None"
    assert item.getSmpGroup() == 0
    assert item.getSmpOrderId() == ""
    assert item.getTpslMode() == ""
    assert item.getTpLimitPrice() is None
    assert item.getSlLimitPrice() is None
    assert item.getPlaceType() == ""
    assert item.getSlippageToleranceType() == "UNKNOWN"
    assert item.getSlippageTolerance() is None
    assert item.getCreatedTime() == datetime(2023, 5, 19, 6, 1, 8, 369000, tzinfo=UTC)
    assert item.getUpdatedTime() == datetime(2023, 5, 19, 6, 1, 8, 372000, tzinfo=UTC)
    assert item.getExtraFees() == ""
    assert item.isRpiTakerAccess() is False
    assert item.getRpiMatchedQty() == 0.0


def test_request_interface_and_getters() -> None:
    request = (
        GetOrderListRequest()
        .setSymbol("BTCUSDT")
        .setOrderId(1)
        .setOrderLinkId("l")
        .setOrderStatus("Cancelled")
        .setOrderFilter("StopOrder")
        .setLimit(1)
        .setCursor("c")
    )
    assert isinstance(request, IGetOrderListRequestInterface)
    assert request.getSymbol() == "BTCUSDT"
    assert request.getOrderId() == "1"
    assert request.getOrderLinkId() == "l"
    assert request.getOrderStatus() == "Cancelled"
    assert request.getOrderFilter() == "StopOrder"
    assert request.getLimit() == 1
    assert request.getCursor() == "c"
    assert request.getStartTime() is None


Build = Callable[[], Any]

RULES: list[tuple[Build, str]] = [
    (
        lambda: GetOrderListRequest(),
        "GetOrderListRequest.category: is required: it cannot be told from symbol or settleCoin",
    ),
    (
        lambda: GetOrderListRequest().setSymbol("BTCUSDT").setOrderFilter("OcoOrder"),
        "GetOrderListRequest.orderFilter: must be one of Order, StopOrder for category 'linear'",
    ),
    (
        lambda: (
            GetOrderListRequest().setSymbol("BTCUSDT").setOrderStatus("PartiallyFilledCanceled")
        ),
        "GetOrderListRequest.orderStatus: PartiallyFilledCanceled is for category 'spot' only",
    ),
    (
        lambda: GetOrderListRequest().setSymbol("BTCUSDT").setStartTime(2000).setEndTime(1000),
        "GetOrderListRequest.endTime: must not be before startTime",
    ),
    (
        lambda: (
            GetOrderListRequest()
            .setSymbol("BTCUSDT")
            .setStartTime(0)
            .setEndTime(7 * 24 * 3600 * 1000 + 1)
        ),
        "GetOrderListRequest.endTime: must be at most 7 days after startTime",
    ),
]


@pytest.mark.parametrize(("build", "message"), RULES)
def test_rules_before_io(
    api: BybitAPI, mock: requests_mock.Mocker, build: Build, message: str
) -> None:
    with pytest.raises(SDKException) as caught:
        api.rest(GetOrderList, build())
    assert str(caught.value).startswith(message), str(caught.value)
    assert mock.call_count == 0


SETTERS: list[tuple[Callable[[GetOrderListRequest], object], str]] = [
    # History holds final statuses only: V5 answers 181017 for an open one.
    (lambda r: r.setOrderStatus("New"), "GetOrderListRequest.orderStatus: must be one of Rejected"),
    (lambda r: r.setOrderStatus("Active"), "GetOrderListRequest.orderStatus: must be one of"),
    (lambda r: r.setLimit(51), "GetOrderListRequest.limit: must be at most 50"),
    (
        lambda r: r.setStartTime(datetime(2024, 1, 1)),  # the point of the test
        "GetOrderListRequest.startTime: must be a timezone-aware datetime",
    ),
    (lambda r: r.setEndTime(-1), "GetOrderListRequest.endTime: must be ms since the epoch"),
]


@pytest.mark.parametrize(("call", "message"), SETTERS)
def test_setter_rules(call: Callable[[GetOrderListRequest], object], message: str) -> None:
    with pytest.raises(SDKException) as caught:
        call(GetOrderListRequest())
    assert str(caught.value).startswith(message), str(caught.value)


def test_pages_is_bounded(api: BybitAPI, mock: requests_mock.Mocker) -> None:
    pages = iter(range(100))
    mock.get(
        URL,
        json=lambda request, context: envelope({"list": [], "nextPageCursor": f"p{next(pages)}"}),
    )
    walked: list[object] = []
    pages_of = api.pages(GetOrderList, GetOrderListRequest().setCategory("linear"), max_pages=3)
    with pytest.raises(SDKException, match="stopped after 3 pages"):
        walked.extend(pages_of)
    assert len(walked) == 3
    assert mock.call_count == 3
