"""``CancelOrder``: cancel one open order (PHP: the contract v3 cancel; V5 ``/v5/order/cancel``)."""

from __future__ import annotations

from typing import Any

from carpenstar_bybit.Core import Params as p
from carpenstar_bybit.Core.Declarations import Choice, Declaration, Out, Param, Shape
from carpenstar_bybit.Core.Enums import EnumCategory, EnumOrderFilter
from carpenstar_bybit.Core.Retry import IDEMPOTENT

# orderFilter on cancel is for spot only.
SPOT_ORDER_FILTERS = (EnumOrderFilter.ORDER, EnumOrderFilter.TPSL_ORDER, EnumOrderFilter.STOP_ORDER)


def rules(request: Any, category: str | None) -> None:
    if request.order_id is None and request.order_link_id is None:
        raise request.fail("orderId", "one of orderId and orderLinkId is required")
    if request.order_filter is not None and category != EnumCategory.SPOT:
        raise request.fail("orderFilter", f"is for category 'spot' only (category is {category!r})")


DECLARATION = Declaration(
    name="CancelOrder",
    package="Derivatives.Contract.Order",
    path="/v5/order/cancel",
    method="POST",
    private=True,
    summary="Cancel one open order by orderId or orderLinkId (orderId wins when both are set).",
    params=(
        p.category(),
        p.symbol(required=True),
        Param("OrderId", "orderId", p.ORDER_ID, "Order ID"),
        Param("OrderLinkId", "orderLinkId", p.ORDER_LINK_ID, "User-defined order ID"),
        Param(
            "OrderFilter",
            "orderFilter",
            Choice(SPOT_ORDER_FILTERS),
            "Spot only: Order, tpslOrder or StopOrder",
            php=False,
        ),
    ),
    response=Shape(
        "CancelOrderResponse",
        (
            Out("getOrderId", "orderId", "str", "Order ID"),
            Out("getOrderLinkId", "orderLinkId", "str", "User-defined order ID"),
        ),
        root=None,
        doc="The answer of /v5/order/cancel: result is the single item.",
    ),
    rules=rules,
    category_from=("symbol",),
    categories=EnumCategory.ALL,
    # Cancelling twice cancels once: the second answers 110001 (marked uncertain).
    replay=IDEMPOTENT,
)
