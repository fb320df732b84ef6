"""A bot's order lifecycle through the library against the sandbox, over real loopback HTTP."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import pytest

from carpenstar_bybit import BybitAPI
from carpenstar_bybit.Core.Enums import EnumOrderStatus, EnumTimeInForce
from carpenstar_bybit.Core.Exceptions import ApiException
from carpenstar_bybit.Core.Retry import RetryPolicy
from carpenstar_bybit.Derivatives.Contract.Order.CancelOrder import CancelOrder
from carpenstar_bybit.Derivatives.Contract.Order.CancelOrder.Request import CancelOrderRequest
from carpenstar_bybit.Derivatives.Contract.Order.GetOpenOrders import GetOpenOrders
from carpenstar_bybit.Derivatives.Contract.Order.GetOpenOrders.Request import (
    GetOpenOrdersRequest,
)
from carpenstar_bybit.Derivatives.Contract.Order.GetOrderList import GetOrderList
from carpenstar_bybit.Derivatives.Contract.Order.GetOrderList.Request import GetOrderListRequest
from carpenstar_bybit.Derivatives.Contract.Order.PlaceOrder import PlaceOrder
from carpenstar_bybit.Derivatives.Contract.Order.PlaceOrder.Request import PlaceOrderRequest
from carpenstar_bybit.Derivatives.Contract.Order.ReplaceOrder import ReplaceOrder
from carpenstar_bybit.Derivatives.Contract.Order.ReplaceOrder.Request import ReplaceOrderRequest
from carpenstar_bybit.sandbox import Sandbox

KEY, SECRET = "life-key", "life-secret"


@pytest.fixture(scope="module")
def sandbox() -> Iterator[Sandbox]:
    with Sandbox(keys={KEY: SECRET}, rate_limit=None, seed=3) as server:
        yield server


@pytest.fixture
def api(sandbox: Sandbox) -> Iterator[BybitAPI]:
    sandbox.reset()
    with BybitAPI(sandbox.base_url, KEY, SECRET, retry=RetryPolicy.off(), timeout=5) as bybit:
        yield bybit


def test_place_list_amend_cancel_and_find_it_in_history(api: BybitAPI, sandbox: Sandbox) -> None:
    sandbox.set_price("BTCUSDT", "60000")
    placed = (
        api.rest(
            PlaceOrder,
            PlaceOrderRequest()
            .setSymbol("BTCUSDT")
            .setSide("Buy")
            .setOrderType("Limit")
            .setQty(0.01)
            .setPrice(59000)
            .setTimeInForce(EnumTimeInForce.GOOD_TILL_CANCEL_FULL)
            .setOrderLinkId("bot-1"),
        )
        .getBody()
        .fetch()
    )
    order_id = placed.getOrderId()
    assert placed.getOrderLinkId() == "bot-1"

    listed = api.rest(GetOpenOrders, GetOpenOrdersRequest().setSymbol("BTCUSDT"))
    (item,) = listed.getBody().all()
    assert item.getOrderId() == order_id
    assert item.getOrderStatus() == EnumOrderStatus.NEW
    assert (item.getPrice(), item.getQty(), item.getTimeInForce()) == (59000.0, 0.01, "GTC")
    assert item.isReduceOnly() is False

    amended = api.rest(
        ReplaceOrder,
        ReplaceOrderRequest().setSymbol("BTCUSDT").setOrderLinkId("bot-1").setPrice(58500.5)
        .setQty("0.02"),
    ).getBody().fetch()  # fmt: skip
    assert amended.getOrderId() == order_id
    item = api.rest(GetOpenOrders, GetOpenOrdersRequest().setSymbol("BTCUSDT").setOrderId(order_id))
    after = item.getBody().fetch()
    assert (after.getPrice(), after.getQty()) == (58500.5, 0.02)

    api.rest(CancelOrder, CancelOrderRequest().setSymbol("BTCUSDT").setOrderId(order_id))
    assert (
        api.rest(GetOpenOrders, GetOpenOrdersRequest().setSymbol("BTCUSDT")).getBody().count() == 0
    )

    history = api.rest(
        GetOrderList, GetOrderListRequest().setSymbol("BTCUSDT").setOrderStatus("Cancelled")
    )
    (closed,) = history.getBody().all()
    assert closed.getOrderId() == order_id
    assert closed.getOrderStatus() == EnumOrderStatus.CANCELLED
    assert closed.getCumExecQty() == 0.0
    assert closed.getCancelType() == "CancelByUser"


def test_market_order_is_filled(api: BybitAPI, sandbox: Sandbox) -> None:
    sandbox.set_price("ETHUSDT", Decimal("3100.25"))
    placed = api.rest(
        PlaceOrder,
        PlaceOrderRequest().setSymbol("ETHUSDT").setSide("Sell").setOrderType("Market").setQty(1.5),
    ).getBody().fetch()  # fmt: skip
    history = api.rest(GetOrderList, GetOrderListRequest().setSymbol("ETHUSDT"))
    (filled,) = history.getBody().all()
    assert filled.getOrderId() == placed.getOrderId()
    assert filled.getOrderStatus() == EnumOrderStatus.FILLED
    assert (filled.getCumExecQty(), filled.getAvgPrice(), filled.getLeavesQty()) == (
        1.5,
        3100.25,
        0.0,
    )
    assert filled.getCumExecValue() == 4650.375


def test_a_resting_order_fills_when_the_price_comes_to_it(api: BybitAPI, sandbox: Sandbox) -> None:
    sandbox.set_price("BTCUSDT", 60000)
    request = PlaceOrderRequest().setSymbol("BTCUSDT").setSide("Sell").setOrderType("Limit")
    placed = api.rest(PlaceOrder, request.setQty(0.5).setPrice(60500)).getBody().fetch()
    sandbox.set_price("BTCUSDT", 60600)
    answer = api.rest(GetOrderList, GetOrderListRequest().setSymbol("BTCUSDT"))
    (filled,) = answer.getBody().all()
    assert (filled.getOrderId(), filled.getOrderStatus()) == (placed.getOrderId(), "Filled")
    assert filled.getAvgPrice() == 60500.0


def test_pages_walk_the_open_orders(api: BybitAPI, sandbox: Sandbox) -> None:
    sandbox.seed_orders(KEY, "linear", "BTCUSDT", count=7, price="50000")
    request = GetOpenOrdersRequest().setSymbol("BTCUSDT").setLimit(3)
    sizes = [page.getBody().count() for page in api.pages(GetOpenOrders, request)]
    assert sizes == [3, 3, 1]


def test_the_sandbox_refuses_with_v5_codes(api: BybitAPI, sandbox: Sandbox) -> None:
    sandbox.set_price("BTCUSDT", 60000)
    far = PlaceOrderRequest().setSymbol("BTCUSDT").setSide("Buy").setOrderType("Limit")
    with pytest.raises(ApiException) as caught:
        api.rest(PlaceOrder, far.setQty(0.01).setPrice(70000))
    assert caught.value.code == 110003
    tiny = PlaceOrderRequest().setSymbol("BTCUSDT").setSide("Buy").setOrderType("Market")
    with pytest.raises(ApiException) as caught:
        api.rest(PlaceOrder, tiny.setQty(0.0001))
    assert caught.value.code == 110017
    missing = ReplaceOrderRequest().setSymbol("BTCUSDT").setOrderId("nope").setQty(1)
    with pytest.raises(ApiException) as caught:
        api.rest(ReplaceOrder, missing)
    assert caught.value.code == 110001
