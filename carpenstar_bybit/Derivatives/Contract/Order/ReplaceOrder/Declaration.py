"""``ReplaceOrder``: amend an open order (PHP: the contract v3 replace; V5 ``/v5/order/amend``)."""

from __future__ import annotations

from typing import Any

from carpenstar_bybit.Core import Params as p
from carpenstar_bybit.Core.Declarations import Declaration, Out, Param, Shape
from carpenstar_bybit.Core.Enums import EnumCategory
from carpenstar_bybit.Derivatives.Contract.Order import _fields as f

# What can be changed: at least one must be set.
CHANGES = (
    "orderIv",
    "triggerPrice",
    "qty",
    "price",
    "tpslMode",
    "takeProfit",
    "stopLoss",
    "tpTriggerBy",
    "slTriggerBy",
    "triggerBy",
    "tpLimitPrice",
    "slLimitPrice",
)
TPSL = (*f.FUTURES, EnumCategory.SPOT)


def rules(request: Any, category: str | None) -> None:
    if request.order_id is None and request.order_link_id is None:
        raise request.fail("orderId", "one of orderId and orderLinkId is required")
    if all(request._value(wire) is None for wire in CHANGES):
        raise request.fail("qty", "nothing to change: set one of " + ", ".join(CHANGES))
    f.only_for(request, "orderIv", category, (EnumCategory.OPTION,))
    f.only_for(request, "tpslMode", category, f.FUTURES)
    f.only_for(request, "tpLimitPrice", category, TPSL)
    f.only_for(request, "slLimitPrice", category, TPSL)


DECLARATION = Declaration(
    name="ReplaceOrder",
    package="Derivatives.Contract.Order",
    path="/v5/order/amend",
    method="POST",
    private=True,
    summary=(
        "Amend an unfilled or partially filled order by orderId or orderLinkId; a field not "
        "set is kept, takeProfit or stopLoss 0 cancels it."
    ),
    params=(
        p.category(),
        p.symbol(required=True),
        Param("OrderId", "orderId", p.ORDER_ID, "Order ID"),
        Param("OrderLinkId", "orderLinkId", p.ORDER_LINK_ID, "User-defined order ID"),
        Param("Price", "price", f.PRICE, "New price"),
        Param("Qty", "qty", f.PRICE, "New quantity"),
        Param("TriggerPrice", "triggerPrice", f.PRICE, "New trigger price"),
        Param("TakeProfit", "takeProfit", f.ZERO_CANCELS, "New take profit (0 cancels it)"),
        Param("StopLoss", "stopLoss", f.ZERO_CANCELS, "New stop loss (0 cancels it)"),
        Param(
            "TpTriggerBy",
            "tpTriggerBy",
            p.TRIGGER_BY,
            "Price type of take profit (needed when the order had none)",
        ),
        Param(
            "SlTriggerBy",
            "slTriggerBy",
            p.TRIGGER_BY,
            "Price type of stop loss (needed when the order had none)",
        ),
        Param("TriggerBy", "triggerBy", p.TRIGGER_BY, "Price type of the trigger"),
        Param(
            "TpLimitPrice",
            "tpLimitPrice",
            f.PRICE,
            "Limit price when take profit triggers (orders with partial limit TP/SL)",
        ),
        # In the current PHP line's interface (whose setter wrote tpLimitPrice; this one does not).
        Param(
            "SlLimitPrice",
            "slLimitPrice",
            f.PRICE,
            "Limit price when stop loss triggers (orders with partial limit TP/SL)",
        ),
        # V5 parameters PHP did not have.
        Param("TpslMode", "tpslMode", p.TPSL_MODE, "Full or Partial", php=False),
        Param(
            "OrderIv",
            "orderIv",
            f.ORDER_IV,
            "Option: new implied volatility (0.1 = 10%)",
            php=False,
        ),
    ),
    response=Shape(
        "ReplaceOrderResponse",
        (
            Out("getOrderId", "orderId", "str", "Order ID"),
            Out("getOrderLinkId", "orderLinkId", "str", "User-defined order ID"),
        ),
        root=None,
        doc="The answer of /v5/order/amend: result is the single item.",
    ),
    rules=rules,
    category_from=("symbol",),
    categories=EnumCategory.ALL,
)
