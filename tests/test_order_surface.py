"""The PHP surface of the order endpoints, pinned by hand from the PHP sources.

A declaration that misspells a PHP setter, its parameter or a getter fails here, however
consistent the generated files are with it.
"""

from __future__ import annotations

import importlib
import inspect

import pytest

ORDER = "carpenstar_bybit.Derivatives.Contract.Order"

# PHP interface -> (setter, PHP parameter name, getter), in PHP's order.
REQUESTS: dict[str, list[tuple[str, str, str]]] = {
    "PlaceOrder": [
        ("setSymbol", "symbol", "getSymbol"),
        ("setSide", "side", "getSide"),
        ("setOrderType", "orderType", "getOrderType"),
        ("setQty", "quantity", "getQty"),
        ("setTimeInForce", "timeInForce", "getTimeInForce"),
        ("setPrice", "price", "getPrice"),
        ("setTriggerDirection", "triggerDirection", "getTriggerDirection"),
        ("setTriggerPrice", "triggerPrice", "getTriggerPrice"),
        ("setTriggerBy", "triggerBy", "getTriggerBy"),
        ("setPositionIdx", "positionIdx", "getPositionIdx"),
        ("setOrderLinkId", "orderLinkId", "getOrderLinkId"),
        ("setTakeProfit", "takeProfit", "getTakeProfit"),
        ("setStopLoss", "stopLoss", "getStopLoss"),
        ("setTpTriggerBy", "tpTriggerBy", "getTpTriggerBy"),
        ("setSlTriggerBy", "slTriggerBy", "getSlTriggerBy"),
        ("setReduceOnly", "reduceOnly", "isReduceOnly"),
        ("setSmpType", "smpType", "getSmpType"),
        ("setCloseOnTrigger", "closeOnTrigger", "isCloseOnTrigger"),
        ("setTpslMode", "tpslMode", "getTpslMode"),
        ("setTpLimitPrice", "tpLimitPrice", "getTpLimitPrice"),
        ("setSlLimitPrice", "slLimitPrice", "getSlLimitPrice"),
        ("setTpOrderType", "tpOrderType", "getTpOrderType"),
        ("setSlOrderType", "slOrderType", "getSlOrderType"),
    ],
    "ReplaceOrder": [
        ("setSymbol", "symbol", "getSymbol"),
        ("setOrderId", "orderId", "getOrderId"),
        ("setOrderLinkId", "orderLinkId", "getOrderLinkId"),
        ("setPrice", "price", "getPrice"),
        ("setQty", "qty", "getQty"),
        ("setTriggerPrice", "triggerPrice", "getTriggerPrice"),
        ("setTakeProfit", "takeProfit", "getTakeProfit"),
        ("setStopLoss", "stopLoss", "getStopLoss"),
        ("setTpTriggerBy", "tpTriggerBy", "getTpTriggerBy"),
        ("setSlTriggerBy", "slTriggerBy", "getSlTriggerBy"),
        ("setTriggerBy", "triggerBy", "getTriggerBy"),
        ("setTpLimitPrice", "tpLimitPrice", "getTpLimitPrice"),
        ("setSlLimitPrice", "slLimitPrice", "getSlLimitPrice"),  # the current PHP line
    ],
    "GetOpenOrders": [
        ("setSymbol", "symbol", "getSymbol"),
        ("setBaseCoin", "baseCoin", "getBaseCoin"),
        ("setSettleCoin", "settleCoin", "getSettleCoin"),
        ("setOrderId", "orderId", "getOrderId"),
        ("setOrderLinkId", "orderLinkId", "getOrderLinkId"),
        ("setOrderFilter", "orderFilter", "getOrderFilter"),
        ("setLimit", "limit", "getLimit"),
        ("setCursor", "cursor", "getCursor"),
    ],
    "GetOrderList": [
        ("setSymbol", "symbol", "getSymbol"),
        ("setOrderId", "orderId", "getOrderId"),
        ("setOrderLinkId", "orderLinkId", "getOrderLinkId"),
        ("setOrderStatus", "orderStatus", "getOrderStatus"),
        ("setOrderFilter", "orderFilter", "getOrderFilter"),
        ("setLimit", "limit", "getLimit"),
        ("setCursor", "cursor", "getCursor"),
    ],
}

# The getters of PHP's order DTOs (GetOpenOrders: 34; GetOrderList: 37).
OPEN_ORDER_GETTERS = [
    "getSymbol", "getOrderId", "getOrderLinkId", "getSide", "getOrderType", "getPrice", "getQty",
    "getTimeInForce", "getOrderStatus", "getLastPriceOnCreated", "getCreatedTime",
    "getUpdatedTime", "getCancelType", "getStopOrderType", "getTriggerDirection", "getTriggerBy",
    "getTriggerPrice", "getCumExecValue", "getCumExecFee", "getCumExecQty", "getLeavesValue",
    "getLeavesQty", "getTakeProfit", "getStopLoss", "getTpslMode", "getTpLimitPrice",
    "getSlLimitPrice", "getTpTriggerBy", "getSlTriggerBy", "isReduceOnly", "isCloseOnTrigger",
    "getSmpType", "getSmpGroup", "getSmpOrderId",
]  # fmt: skip
ORDER_LIST_GETTERS = [*OPEN_ORDER_GETTERS, "getPositionIdx", "getRejectReason", "getBlockTradeId"]
RESPONSES: dict[str, list[str]] = {
    "PlaceOrder": ["getOrderId", "getOrderLinkId"],
    "ReplaceOrder": ["getOrderId", "getOrderLinkId"],
    "GetOpenOrders": OPEN_ORDER_GETTERS,
    "GetOrderList": ORDER_LIST_GETTERS,
}
# PHP getter return types where a bot's arithmetic depends on them.
FLOAT_GETTERS = {"getPrice", "getQty", "getCumExecQty", "getLeavesQty", "getTakeProfit"}


def _module(name: str, part: str) -> object:
    return importlib.import_module(f"{ORDER}.{name}.{part}")


@pytest.mark.parametrize("name", sorted(REQUESTS))
def test_request_interface_is_php_s(name: str) -> None:
    interface = getattr(_module(name, "Interfaces"), f"I{name}RequestInterface")
    request_class = getattr(_module(name, "Request"), f"{name}Request")
    for setter, arg, getter in REQUESTS[name]:
        assert hasattr(interface, setter), setter
        assert hasattr(interface, getter), getter
        params = list(inspect.signature(getattr(request_class, setter)).parameters)
        assert params == ["self", arg], setter
        assert callable(getattr(request_class, getter))
    php = {m for row in REQUESTS[name] for m in (row[0], row[2])}
    declared = {m for m in vars(interface) if m.startswith(("set", "get", "is"))}
    assert declared == php  # no V5 additions in the PHP interface


@pytest.mark.parametrize("name", sorted(RESPONSES))
def test_response_interface_has_php_getters(name: str) -> None:
    interface = getattr(_module(name, "Interfaces"), f"I{name}ResponseInterface")
    response_class = getattr(_module(name, "Response"), f"{name}Response")
    for getter in RESPONSES[name]:
        assert hasattr(interface, getter), getter
        assert hasattr(response_class, getter), getter
        if getter in FLOAT_GETTERS:
            hint = inspect.signature(getattr(response_class, getter)).return_annotation
            assert hint == "float | None", getter


def test_php_getter_types_differ_where_php_s_did() -> None:
    def returns(name: str, part: str, cls: str, getter: str) -> object:
        klass = getattr(_module(name, part), cls)
        return inspect.signature(getattr(klass, getter)).return_annotation

    assert returns(
        "GetOpenOrders", "Response", "GetOpenOrdersResponse", "getLastPriceOnCreated"
    ) == ("str")
    assert returns("GetOrderList", "Response", "GetOrderListResponse", "getLastPriceOnCreated") == (
        "float | None"
    )
    assert returns("PlaceOrder", "Request", "PlaceOrderRequest", "getTriggerPrice") == "str | None"
    assert returns("ReplaceOrder", "Request", "ReplaceOrderRequest", "getTriggerPrice") == (
        "float | None"
    )
    assert returns("PlaceOrder", "Request", "PlaceOrderRequest", "isReduceOnly") == "bool | None"
    assert returns("GetOpenOrders", "Response", "GetOpenOrdersResponse", "getCreatedTime") == (
        "datetime | None"
    )
