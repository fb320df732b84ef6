"""ReplaceOrder (POST /v5/order/amend): the wire, the rules, the PHP fixture, the V5 example."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
import requests_mock

from carpenstar_bybit import BybitAPI
from carpenstar_bybit.Core.Enums import EnumOutputMode
from carpenstar_bybit.Core.Exceptions import SDKException
from carpenstar_bybit.Derivatives.Contract.Order.ReplaceOrder import ReplaceOrder
from carpenstar_bybit.Derivatives.Contract.Order.ReplaceOrder.Interfaces import (
    IReplaceOrderRequestInterface,
    IReplaceOrderResponseInterface,
)
from carpenstar_bybit.Derivatives.Contract.Order.ReplaceOrder.Overrides import TestReplaceOrder
from carpenstar_bybit.Derivatives.Contract.Order.ReplaceOrder.Request import ReplaceOrderRequest
from carpenstar_bybit.Derivatives.Contract.Order.ReplaceOrder.Response import (
    ReplaceOrderResponse,
)

from .conftest import FROZEN_MS, HOST, KEY, expected_sign

URL = f"{HOST}/v5/order/amend"

PHP_FIXTURE = """{"retCode": 0, "retMsg": "OK",
 "result": {"orderId": "1a1ae001-2034-4a6b-8b25-45aa9100b1ec", "orderLinkId": "e80d558e-ed"}}"""

V5_EXAMPLE = """{"retCode": 0, "retMsg": "OK",
 "result": {"orderId": "c6f055d9-7f21-4079-913d-e6523a9cfffa", "orderLinkId": "linear-004"},
 "retExtInfo": {}, "time": 1672217093461}"""


def amend() -> ReplaceOrderRequest:
    return ReplaceOrderRequest().setSymbol("BTCUSDT").setOrderId("x")


WIRE_CASES = [
    (amend().setQty(2), b'{"category":"linear","symbol":"BTCUSDT","orderId":"x","qty":"2"}'),
    # The V5 page's own request example.
    (
        ReplaceOrderRequest()
        .setSymbol("ETHPERP")
        .setOrderLinkId("linear-004")
        .setTriggerPrice(1145)
        .setQty(0.15)
        .setPrice(1050)
        .setTakeProfit(0)
        .setStopLoss(0),
        b'{"category":"linear","symbol":"ETHPERP","orderLinkId":"linear-004","price":"1050",'
        b'"qty":"0.15","triggerPrice":"1145","takeProfit":"0","stopLoss":"0"}',
    ),
    # Every setter, PHP's then V5's.
    (
        amend()
        .setOrderLinkId("l-1")
        .setPrice(30000.5)
        .setQty("0.010")
        .setTriggerPrice(31000)
        .setTakeProfit(35000)
        .setStopLoss(29000)
        .setTpTriggerBy("MarkPrice")
        .setSlTriggerBy("IndexPrice")
        .setTriggerBy("LastPrice")
        .setTpLimitPrice(34990)
        .setSlLimitPrice(29010)
        .setTpslMode("Partial"),
        b'{"category":"linear","symbol":"BTCUSDT","orderId":"x","orderLinkId":"l-1",'
        b'"price":"30000.5","qty":"0.01","triggerPrice":"31000","takeProfit":"35000",'
        b'"stopLoss":"29000","tpTriggerBy":"MarkPrice","slTriggerBy":"IndexPrice",'
        b'"triggerBy":"LastPrice","tpLimitPrice":"34990","slLimitPrice":"29010",'
        b'"tpslMode":"Partial"}',
    ),
    (
        ReplaceOrderRequest()
        .setSymbol("BTC-27DEC24-90000-C")
        .setOrderLinkId("opt-1")
        .setOrderIv(0.25),
        b'{"category":"option","symbol":"BTC-27DEC24-90000-C","orderLinkId":"opt-1",'
        b'"orderIv":"0.25"}',
    ),
    (
        ReplaceOrderRequest().setSymbol("BTCUSD").setOrderId(12345).setPrice(0.00001),
        b'{"category":"inverse","symbol":"BTCUSD","orderId":"12345","price":"0.00001"}',
    ),
]


@pytest.mark.parametrize(("request_dto", "body"), WIRE_CASES)
def test_wire(
    api: BybitAPI, mock: requests_mock.Mocker, request_dto: ReplaceOrderRequest, body: bytes
) -> None:
    mock.post(URL, text=V5_EXAMPLE)
    api.rest(ReplaceOrder, request_dto)
    assert mock.call_count == 1
    last = mock.last_request
    assert last.method == "POST"
    assert last.url == URL
    assert last.body == body
    assert last.headers["X-BAPI-API-KEY"] == KEY
    assert last.headers["X-BAPI-TIMESTAMP"] == str(FROZEN_MS)
    assert last.headers["Content-Type"] == "application/json"
    assert last.headers["X-BAPI-SIGN"] == expected_sign(body)


def test_php_fixture_through_the_override() -> None:
    endpoint = TestReplaceOrder().bindRequestParameters(ReplaceOrderRequest().setOrderId(12345))
    result = endpoint.execute(EnumOutputMode.MODE_ENTITY, PHP_FIXTURE)
    item = result.getBody().fetch()
    assert isinstance(item, ReplaceOrderResponse)
    assert isinstance(item, IReplaceOrderResponseInterface)
    assert item.getOrderId() == "1a1ae001-2034-4a6b-8b25-45aa9100b1ec"
    assert item.getOrderLinkId() == "e80d558e-ed"
    assert result.getTime() is None  # the fixture has no time


def test_v5_example() -> None:
    result = TestReplaceOrder().execute(EnumOutputMode.MODE_ENTITY, V5_EXAMPLE)
    item = result.getBody().fetch()
    assert item.getOrderId() == "c6f055d9-7f21-4079-913d-e6523a9cfffa"
    assert item.getOrderLinkId() == "linear-004"


def test_getters_give_php_types() -> None:
    request = (
        amend()
        .setOrderLinkId("l")
        .setPrice("30000.50")
        .setQty(2)
        .setTriggerPrice("31000")
        .setTakeProfit(0)
        .setStopLoss(0)
        .setTpTriggerBy("MarkPrice")
        .setSlTriggerBy("LastPrice")
        .setTriggerBy("IndexPrice")
        .setTpLimitPrice("1.5")
    )
    assert isinstance(request, IReplaceOrderRequestInterface)
    assert request.getSymbol() == "BTCUSDT"
    assert request.getOrderId() == "x"
    assert request.getOrderLinkId() == "l"
    assert request.getPrice() == 30000.5
    assert request.getQty() == 2.0
    assert request.getTriggerPrice() == 31000.0  # PHP: float here (string in PlaceOrder)
    assert request.getTakeProfit() == 0.0
    assert request.getStopLoss() == 0.0
    assert request.getTpTriggerBy() == "MarkPrice"
    assert request.getSlTriggerBy() == "LastPrice"
    assert request.getTriggerBy() == "IndexPrice"
    assert request.getTpLimitPrice() == 1.5
    assert request.getSlLimitPrice() is None
    assert not hasattr(request, "setRequiredBetweenFields")  # PHP's artefact is not ported


Build = Callable[[], Any]

RULES: list[tuple[Build, str]] = [
    (
        lambda: ReplaceOrderRequest().setOrderId("x").setQty(1),
        "ReplaceOrderRequest.symbol: is required",
    ),
    (
        lambda: ReplaceOrderRequest().setSymbol("BTCUSDT").setQty(1),
        "ReplaceOrderRequest.orderId: one of orderId and orderLinkId is required",
    ),
    (lambda: amend(), "ReplaceOrderRequest.qty: nothing to change: set one of orderIv"),
    (
        lambda: amend().setOrderLinkId("l"),
        "ReplaceOrderRequest.qty: nothing to change",
    ),
    (
        lambda: amend().setOrderIv("0.1"),
        "ReplaceOrderRequest.orderIv: is for category 'option' only",
    ),
    (
        lambda: amend().setCategory("spot").setTpslMode("Full"),
        "ReplaceOrderRequest.tpslMode: is for category 'linear', 'inverse' only",
    ),
    (
        lambda: amend().setCategory("option").setTpLimitPrice(1),
        "ReplaceOrderRequest.tpLimitPrice: is for category 'linear', 'inverse', 'spot' only",
    ),
    (
        lambda: amend().setCategory("option").setSlLimitPrice(1),
        "ReplaceOrderRequest.slLimitPrice: is for category 'linear', 'inverse', 'spot' only",
    ),
]


@pytest.mark.parametrize(("build", "message"), RULES)
def test_rules_before_io(
    api: BybitAPI, mock: requests_mock.Mocker, build: Build, message: str
) -> None:
    with pytest.raises(SDKException) as caught:
        api.rest(ReplaceOrder, build())
    assert str(caught.value).startswith(message), str(caught.value)
    assert mock.call_count == 0


SETTERS: list[tuple[Callable[[ReplaceOrderRequest], object], str]] = [
    (lambda r: r.setQty(0), "ReplaceOrderRequest.qty: must be greater than 0"),
    (lambda r: r.setPrice(-1), "ReplaceOrderRequest.price: must be greater than 0"),
    (lambda r: r.setTakeProfit(-1), "ReplaceOrderRequest.takeProfit: must not be negative"),
    (lambda r: r.setStopLoss(float("nan")), "ReplaceOrderRequest.stopLoss: must be a finite"),
    (lambda r: r.setTriggerBy("Mark"), "ReplaceOrderRequest.triggerBy: must be one of"),
    (lambda r: r.setTpslMode("P"), "ReplaceOrderRequest.tpslMode: must be one of Full, Partial"),
    (lambda r: r.setOrderId(""), "ReplaceOrderRequest.orderId: must not be empty"),
]


@pytest.mark.parametrize(("call", "message"), SETTERS)
def test_setter_rules(call: Callable[[ReplaceOrderRequest], object], message: str) -> None:
    with pytest.raises(SDKException) as caught:
        call(ReplaceOrderRequest())
    assert str(caught.value).startswith(message), str(caught.value)
