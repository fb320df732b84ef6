"""PlaceOrder (POST /v5/order/create): the wire, the rules, the PHP fixture, the V5 example."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
import requests_mock

from carpenstar_bybit import BybitAPI
from carpenstar_bybit.Core.Enums import EnumOutputMode
from carpenstar_bybit.Core.Exceptions import SDKException
from carpenstar_bybit.Derivatives.Contract.Order.PlaceOrder import PlaceOrder
from carpenstar_bybit.Derivatives.Contract.Order.PlaceOrder.Interfaces import (
    IPlaceOrderRequestInterface,
    IPlaceOrderResponseInterface,
)
from carpenstar_bybit.Derivatives.Contract.Order.PlaceOrder.Overrides import TestPlaceOrder
from carpenstar_bybit.Derivatives.Contract.Order.PlaceOrder.Request import PlaceOrderRequest
from carpenstar_bybit.Derivatives.Contract.Order.PlaceOrder.Response import PlaceOrderResponse

from .conftest import FROZEN_MS, HOST, KEY, LINK_ID, expected_sign

URL = f"{HOST}/v5/order/create"

PHP_FIXTURE = """{"retCode": 0, "retMsg": "OK",
 "result": {"orderId": "dab5d5f2-c425-4620-8699-2daa56f55f7a",
            "orderLinkId": "custom-something-order-id"},
 "retExtInfo": {}, "time": 1690993829923}"""

V5_EXAMPLE = """{"retCode": 0, "retMsg": "OK",
 "result": {"orderId": "1321003749386327552", "orderLinkId": "spot-test-postonly"},
 "retExtInfo": {}, "time": 1672211918471}"""


def order(order_type: str = "Limit") -> PlaceOrderRequest:
    return PlaceOrderRequest().setSymbol("BTCUSDT").setSide("Buy").setOrderType(order_type)


WIRE_CASES = [
    (
        order().setQty(0.01).setPrice(30000),
        b'{"category":"linear","symbol":"BTCUSDT","side":"Buy","orderType":"Limit",'
        b'"qty":"0.01","price":"30000"}',
    ),
    (
        order("Market").setQty(1).setTimeInForce("GoodTillCancel"),
        b'{"category":"linear","symbol":"BTCUSDT","side":"Buy","orderType":"Market",'
        b'"qty":"1","timeInForce":"GTC"}',
    ),
    # PHP's v3 spellings, its misspelt constant included, go out as V5's.
    (
        order().setQty("0.5").setPrice("100.50").setTimeInForce("FillOrKlii"),
        b'{"category":"linear","symbol":"BTCUSDT","side":"Buy","orderType":"Limit",'
        b'"qty":"0.5","timeInForce":"FOK","price":"100.5"}',
    ),
    (
        order().setQty(1).setPrice(1).setTimeInForce("ImmediateOrCancel"),
        b'{"category":"linear","symbol":"BTCUSDT","side":"Buy","orderType":"Limit",'
        b'"qty":"1","timeInForce":"IOC","price":"1"}',
    ),
    (
        order().setQty(1).setPrice(1).setTimeInForce("PostOnly"),
        b'{"category":"linear","symbol":"BTCUSDT","side":"Buy","orderType":"Limit",'
        b'"qty":"1","timeInForce":"PostOnly","price":"1"}',
    ),
    # Numbers as PHP bots pass them: exact strings, never exponent form.
    (
        order().setQty(0.00001).setPrice(0.1 + 0.2),
        b'{"category":"linear","symbol":"BTCUSDT","side":"Buy","orderType":"Limit",'
        b'"qty":"0.00001","price":"0.3"}',
    ),
    (
        order().setQty(Decimal("1E-8")).setPrice(123456789012345678),
        b'{"category":"linear","symbol":"BTCUSDT","side":"Buy","orderType":"Limit",'
        b'"qty":"0.00000001","price":"123456789012345678"}',
    ),
    # A setter called with 0 or False is sent (PHP dropped both, and never sent the flags).
    (
        order("Market")
        .setQty(1)
        .setPositionIdx(0)
        .setReduceOnly(False)
        .setCloseOnTrigger(False)
        .setSymbol("BTCUSD"),
        b'{"category":"inverse","symbol":"BTCUSD","side":"Buy","orderType":"Market",'
        b'"qty":"1","positionIdx":0,"reduceOnly":false,"closeOnTrigger":false}',
    ),
    (
        order("Market").setQty(0).setReduceOnly(True).setCloseOnTrigger(True).setPositionIdx(2),
        b'{"category":"linear","symbol":"BTCUSDT","side":"Buy","orderType":"Market",'
        b'"qty":"0","positionIdx":2,"reduceOnly":true,"closeOnTrigger":true}',
    ),
    # Every PHP setter, in PHP's order.
    (
        order()
        .setQty(0.01)
        .setTimeInForce("GTC")
        .setPrice(30000)
        .setTriggerDirection(1)
        .setTriggerPrice("31000")
        .setTriggerBy("MarkPrice")
        .setPositionIdx(1)
        .setOrderLinkId("abc")
        .setTakeProfit(35000)
        .setStopLoss(29000.5)
        .setTpTriggerBy("LastPrice")
        .setSlTriggerBy("IndexPrice")
        .setSmpType("CancelMaker")
        .setTpslMode("Partial")
        .setTpLimitPrice("34990")
        .setSlLimitPrice("29010")
        .setTpOrderType("Limit")
        .setSlOrderType("Limit"),
        b'{"category":"linear","symbol":"BTCUSDT","side":"Buy","orderType":"Limit",'
        b'"qty":"0.01","timeInForce":"GTC","price":"30000","triggerDirection":1,'
        b'"triggerPrice":"31000","triggerBy":"MarkPrice","positionIdx":1,"orderLinkId":"abc",'
        b'"takeProfit":"35000","stopLoss":"29000.5","tpTriggerBy":"LastPrice",'
        b'"slTriggerBy":"IndexPrice","smpType":"CancelMaker","tpslMode":"Partial",'
        b'"tpLimitPrice":"34990","slLimitPrice":"29010","tpOrderType":"Limit",'
        b'"slOrderType":"Limit"}',
    ),
    # V5's additive setters.
    (
        PlaceOrderRequest()
        .setCategory("spot")
        .setSymbol("BTCUSDT")
        .setSide("Buy")
        .setOrderType("Market")
        .setQty(100)
        .setIsLeverage(0)
        .setMarketUnit("quoteCoin")
        .setOrderFilter("Order")
        .setSlippageToleranceType("Percent")
        .setSlippageTolerance("0.5")
        .setRpiTakerAccess(False),
        b'{"category":"spot","symbol":"BTCUSDT","side":"Buy","orderType":"Market","qty":"100",'
        b'"isLeverage":0,"marketUnit":"quoteCoin","orderFilter":"Order",'
        b'"slippageToleranceType":"Percent","slippageTolerance":"0.5","rpiTakerAccess":false}',
    ),
    (
        PlaceOrderRequest()
        .setSymbol("BTC-27DEC24-90000-C")
        .setSide("Sell")
        .setOrderType("Limit")
        .setQty(1)
        .setOrderIv("0.1")
        .setOrderLinkId("opt-1")
        .setMmp(True),
        b'{"category":"option","symbol":"BTC-27DEC24-90000-C","side":"Sell","orderType":"Limit",'
        b'"qty":"1","orderLinkId":"opt-1","orderIv":"0.1","mmp":true}',
    ),
    (
        order().setQty(1).setBboSideType("Queue").setBboLevel(1),
        b'{"category":"linear","symbol":"BTCUSDT","side":"Buy","orderType":"Limit","qty":"1",'
        b'"bboSideType":"Queue","bboLevel":"1"}',
    ),
]


@pytest.mark.parametrize(("request_dto", "body"), WIRE_CASES)
def test_wire(
    api: BybitAPI, mock: requests_mock.Mocker, request_dto: PlaceOrderRequest, body: bytes
) -> None:
    mock.post(URL, text=V5_EXAMPLE)
    if b'"orderLinkId"' not in body:  # a create always carries one: generated, last
        body = body[:-1] + b',"orderLinkId":"' + LINK_ID.encode() + b'"}'
    answer = api.rest(PlaceOrder, request_dto)
    assert mock.call_count == 1
    last = mock.last_request
    assert last.method == "POST"
    assert last.url == URL
    assert last.body == body
    headers = last.headers
    assert headers["X-BAPI-API-KEY"] == KEY
    assert headers["X-BAPI-TIMESTAMP"] == str(FROZEN_MS)
    assert headers["X-BAPI-RECV-WINDOW"] == "5000"
    assert headers["X-BAPI-SIGN-TYPE"] == "2"
    assert headers["Content-Type"] == "application/json"
    assert headers["X-BAPI-SIGN"] == expected_sign(body)
    assert answer.getBody().fetch().getOrderId() == "1321003749386327552"


def test_php_fixture_through_the_override() -> None:
    request = order("Market").setQty(1).setTimeInForce("GoodTillCancel")
    endpoint = TestPlaceOrder().bindRequestParameters(request)
    result = endpoint.execute(EnumOutputMode.MODE_ENTITY, PHP_FIXTURE)
    assert result.getReturnCode() == 0
    assert result.getBody().count() == 1
    item = result.getBody().fetch()
    assert isinstance(item, PlaceOrderResponse)
    assert isinstance(item, IPlaceOrderResponseInterface)
    assert item.getOrderId() == "dab5d5f2-c425-4620-8699-2daa56f55f7a"
    assert item.getOrderLinkId() == "custom-something-order-id"


def test_v5_example() -> None:
    item = TestPlaceOrder().execute(EnumOutputMode.MODE_ENTITY, V5_EXAMPLE).getBody().fetch()
    assert item.getOrderId() == "1321003749386327552"
    assert item.getOrderLinkId() == "spot-test-postonly"


def test_getters_give_php_types() -> None:
    request = (
        order()
        .setQty("0.010")
        .setPrice(30000)
        .setTriggerPrice(31000.5)
        .setTpLimitPrice("34990")
        .setSlLimitPrice(29010)
        .setTakeProfit(35000)
        .setStopLoss("29000")
        .setTriggerDirection(2)
        .setPositionIdx(0)
        .setReduceOnly(False)
        .setCloseOnTrigger(True)
        .setTimeInForce("GoodTillCancel")
    )
    assert isinstance(request, IPlaceOrderRequestInterface)
    assert request.getSymbol() == "BTCUSDT"
    assert request.getSide() == "Buy"
    assert request.getOrderType() == "Limit"
    assert request.getQty() == 0.01
    assert request.getPrice() == 30000.0
    assert request.getTriggerPrice() == "31000.5"  # PHP: string
    assert request.getTpLimitPrice() == "34990"
    assert request.getSlLimitPrice() == "29010"
    assert request.getTakeProfit() == 35000.0
    assert request.getStopLoss() == 29000.0
    assert request.getTriggerDirection() == 2
    assert request.getPositionIdx() == 0
    assert request.isReduceOnly() is False
    assert request.isCloseOnTrigger() is True
    assert request.getTimeInForce() == "GTC"
    assert request.getTriggerBy() is None  # PHP always sent LastPrice; V5 needs none
    assert request.getCategory() is None


def test_additive_setters_are_not_in_the_php_interface() -> None:
    assert hasattr(IPlaceOrderRequestInterface, "setSymbol")
    assert not hasattr(IPlaceOrderRequestInterface, "setCategory")
    assert not hasattr(IPlaceOrderRequestInterface, "setMarketUnit")


Build = Callable[[], Any]

RULES: list[tuple[Build, str]] = [
    (
        lambda: PlaceOrderRequest().setSide("Buy").setOrderType("Market").setQty(1),
        "PlaceOrderRequest.symbol: is required",
    ),
    (
        lambda: PlaceOrderRequest().setSymbol("BTCUSDT").setOrderType("Market").setQty(1),
        "PlaceOrderRequest.side: is required",
    ),
    (
        lambda: PlaceOrderRequest().setSymbol("BTCUSDT").setSide("Buy").setQty(1),
        "PlaceOrderRequest.orderType: is required",
    ),
    (lambda: order("Market"), "PlaceOrderRequest.qty: is required"),
    (lambda: order().setQty(1), "PlaceOrderRequest.price: is required for orderType 'Limit'"),
    (lambda: order("Market").setQty(0), "PlaceOrderRequest.qty: must be greater than 0"),
    (
        lambda: order("Market").setQty(0).setReduceOnly(True),
        "PlaceOrderRequest.qty: must be greater than 0",
    ),
    (
        lambda: order("Market").setQty(1).setCategory("option"),
        "PlaceOrderRequest.orderLinkId: is required for category 'option'",
    ),
    (
        lambda: order("Market").setQty(1).setReduceOnly(True).setTakeProfit(1),
        "PlaceOrderRequest.reduceOnly: a reduce-only order cannot set takeProfit or stopLoss",
    ),
    (
        lambda: order("Market").setQty(1).setMarketUnit("baseCoin"),
        "PlaceOrderRequest.marketUnit: is for category 'spot' only (category is 'linear')",
    ),
    (
        lambda: order().setQty(1).setPrice(1).setCategory("spot").setMarketUnit("baseCoin"),
        "PlaceOrderRequest.marketUnit: is for orderType 'Market' only",
    ),
    (
        lambda: order("Market").setQty(1).setCategory("spot").setTriggerDirection(1),
        "PlaceOrderRequest.triggerDirection: is for category 'linear', 'inverse' only",
    ),
    (
        lambda: order("Market").setQty(1).setCategory("spot").setReduceOnly(True),
        "PlaceOrderRequest.reduceOnly: is for category 'linear', 'inverse', 'option' only",
    ),
    (
        lambda: order("Market").setQty(1).setOrderIv("0.1"),
        "PlaceOrderRequest.orderIv: is for category 'option' only",
    ),
    (
        lambda: order("Market").setQty(1).setMmp(False),
        "PlaceOrderRequest.mmp: is for category 'option' only",
    ),
    (
        lambda: order("Market").setQty(1).setOrderFilter("Order"),
        "PlaceOrderRequest.orderFilter: is for category 'spot' only",
    ),
    (
        lambda: order().setQty(1).setBboSideType("Queue"),
        "PlaceOrderRequest.bboSideType: bboSideType and bboLevel go together",
    ),
    (
        lambda: order("Market").setQty(1).setBboSideType("Queue").setBboLevel(5),
        "PlaceOrderRequest.bboSideType: is for orderType 'Limit' only",
    ),
    (
        lambda: order("Market").setQty(1).setSlippageToleranceType("TickSize"),
        "PlaceOrderRequest.slippageToleranceType: slippageToleranceType and slippageTolerance",
    ),
    (
        lambda: (
            order()
            .setQty(1)
            .setPrice(1)
            .setSlippageToleranceType("TickSize")
            .setSlippageTolerance(5)
        ),
        "PlaceOrderRequest.slippageToleranceType: is for orderType 'Market' only",
    ),
    (
        lambda: (
            order("Market").setQty(1).setSlippageToleranceType("TickSize").setSlippageTolerance(1.5)
        ),
        "PlaceOrderRequest.slippageTolerance: must be a whole number from 1 to 10000",
    ),
    (
        lambda: (
            order("Market")
            .setQty(1)
            .setSlippageToleranceType("TickSize")
            .setSlippageTolerance(10001)
        ),
        "PlaceOrderRequest.slippageTolerance: must be a whole number from 1 to 10000",
    ),
    (
        lambda: (
            order("Market")
            .setQty(1)
            .setSlippageToleranceType("Percent")
            .setSlippageTolerance("0.005")
        ),
        "PlaceOrderRequest.slippageTolerance: must be 0.01 to 10 with at most 2 decimals",
    ),
    (
        lambda: (
            order("Market").setQty(1).setSlippageToleranceType("Percent").setSlippageTolerance(11)
        ),
        "PlaceOrderRequest.slippageTolerance: must be 0.01 to 10",
    ),
    (
        lambda: order("Market").setQty(1).setTpslMode("Full").setTpOrderType("Limit"),
        "PlaceOrderRequest.tpOrderType: must be Market with tpslMode 'Full'",
    ),
    (
        lambda: order("Market").setQty(1).setTpLimitPrice("1"),
        "PlaceOrderRequest.tpLimitPrice: needs tpslMode 'Partial' and tpOrderType 'Limit'",
    ),
    (
        lambda: order("Market").setQty(1).setTpslMode("Partial").setSlLimitPrice("1"),
        "PlaceOrderRequest.slLimitPrice: needs tpslMode 'Partial' and slOrderType 'Limit'",
    ),
    (
        lambda: order().setQty(1).setPrice(1).setCategory("spot").setTpOrderType("Limit"),
        "PlaceOrderRequest.tpOrderType: 'Limit' needs takeProfit and tpLimitPrice",
    ),
    (
        lambda: order().setQty(1).setPrice(1).setCategory("spot").setSlLimitPrice(1),
        "PlaceOrderRequest.slLimitPrice: needs slOrderType 'Limit' for category 'spot'",
    ),
    (
        lambda: (
            order()
            .setQty(1)
            .setPrice(1)
            .setCategory("option")
            .setOrderLinkId("x")
            .setTpOrderType("Market")
        ),
        "PlaceOrderRequest.tpOrderType: is for category 'linear', 'inverse', 'spot' only",
    ),
    (
        lambda: order("Market").setQty(1).setSymbol("BTC"),
        "PlaceOrderRequest.category: cannot be told from symbol 'BTC'",
    ),
]


@pytest.mark.parametrize(("build", "message"), RULES)
def test_rules_before_io(
    api: BybitAPI, mock: requests_mock.Mocker, build: Build, message: str
) -> None:
    with pytest.raises(SDKException) as caught:
        api.rest(PlaceOrder, build())
    assert str(caught.value).startswith(message), str(caught.value)
    assert mock.call_count == 0


SETTERS: list[tuple[Callable[[PlaceOrderRequest], object], str]] = [
    (lambda r: r.setSide("buy"), "PlaceOrderRequest.side: must be one of Buy, Sell"),
    (
        lambda r: r.setOrderType("Limit_maker"),  # PHP let the spot value through
        "PlaceOrderRequest.orderType: must be one of Limit, Market",
    ),
    (lambda r: r.setTimeInForce("GoodTillDate"), "PlaceOrderRequest.timeInForce: must be one of"),
    (lambda r: r.setQty(-1), "PlaceOrderRequest.qty: must not be negative"),
    (lambda r: r.setQty(float("nan")), "PlaceOrderRequest.qty: must be a finite number"),
    (lambda r: r.setPrice(float("inf")), "PlaceOrderRequest.price: must be a finite number"),
    (lambda r: r.setPrice(0), "PlaceOrderRequest.price: must be greater than 0"),
    (lambda r: r.setPrice("1,5"), "PlaceOrderRequest.price: must be a decimal number"),
    (lambda r: r.setTakeProfit(-5), "PlaceOrderRequest.takeProfit: must be greater than 0"),
    (lambda r: r.setTriggerPrice("abc"), "PlaceOrderRequest.triggerPrice: must be a decimal"),
    (lambda r: r.setTriggerDirection(3), "PlaceOrderRequest.triggerDirection: must be one of 1, 2"),
    (lambda r: r.setTriggerBy("Last"), "PlaceOrderRequest.triggerBy: must be one of LastPrice"),
    (lambda r: r.setPositionIdx(3), "PlaceOrderRequest.positionIdx: must be one of 0, 1, 2"),
    (lambda r: r.setOrderLinkId("x" * 37), "PlaceOrderRequest.orderLinkId: must be 1 to 36"),
    (lambda r: r.setOrderLinkId("a b"), "PlaceOrderRequest.orderLinkId: must be 1 to 36"),
    (lambda r: r.setReduceOnly(1), "PlaceOrderRequest.reduceOnly: must be True or False"),
    (lambda r: r.setSmpType("Cancel"), "PlaceOrderRequest.smpType: must be one of None"),
    (lambda r: r.setTpslMode("full"), "PlaceOrderRequest.tpslMode: must be one of Full, Partial"),
    (lambda r: r.setTpOrderType("Stop"), "PlaceOrderRequest.tpOrderType: must be one of Limit"),
    (lambda r: r.setIsLeverage(2), "PlaceOrderRequest.isLeverage: must be one of 0, 1"),
    (lambda r: r.setMarketUnit("base"), "PlaceOrderRequest.marketUnit: must be one of baseCoin"),
    (lambda r: r.setBboLevel(6), "PlaceOrderRequest.bboLevel: must be 1 to 5"),
    (lambda r: r.setBboSideType("Best"), "PlaceOrderRequest.bboSideType: must be one of Queue"),
    (lambda r: r.setOrderFilter("OcoOrder"), "PlaceOrderRequest.orderFilter: must be one of"),
    (lambda r: r.setSlippageToleranceType("Ticks"), "PlaceOrderRequest.slippageToleranceType"),
]


@pytest.mark.parametrize(("call", "message"), SETTERS)
def test_setter_rules(call: Callable[[PlaceOrderRequest], object], message: str) -> None:
    with pytest.raises(SDKException) as caught:
        call(PlaceOrderRequest())
    assert str(caught.value).startswith(message), str(caught.value)


@pytest.mark.parametrize(
    ("value", "wire"),
    [
        (0.00001, "0.00001"),
        (0.1 + 0.2, "0.3"),
        (1e-8, "0.00000001"),
        (123456789.123456789, "123456789.123457"),
        (1e20, "100000000000000000000"),
        (Decimal("0.000100"), "0.0001"),
        ("1E-5", "0.00001"),
        (" 42.50 ", "42.5"),
        (7, "7"),
    ],
)
def test_numbers_go_out_as_exact_decimal_strings(value: object, wire: str) -> None:
    request = order().setQty(value).setPrice(value)  # type: ignore[arg-type]
    assert request.array()["qty"] == wire
    assert request.array()["price"] == wire


@pytest.mark.parametrize("value", [True, None, [1], "1e", "", "0x10"])
def test_numbers_refuse_what_is_not_a_number(value: object) -> None:
    with pytest.raises(SDKException, match=r"^PlaceOrderRequest\.qty: must be"):
        order().setQty(value)  # type: ignore[arg-type]
