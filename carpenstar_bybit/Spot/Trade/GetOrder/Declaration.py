"""``GetOrder``: one spot order by id (PHP: spot v3 ``GET /spot/v3/private/order``).

V5 has no single-order call: the order is looked up in the open orders (``/v5/order/realtime``)
and, when it is not open, in the order history (``/v5/order/history``), as PHP's one call promised.
"""

from __future__ import annotations

from typing import Any

from carpenstar_bybit.Core import Params as p
from carpenstar_bybit.Core.Declarations import Declaration, Param, Shape
from carpenstar_bybit.Derivatives.Contract.Order.GetOpenOrders.Declaration import DECLARATION as V5
from carpenstar_bybit.Spot import _fields as f


def rules(request: Any, category: str | None) -> None:
    p.one_or_more(request, "orderId", "orderLinkId")


DECLARATION = Declaration(
    name="GetOrder",
    package="Spot.Trade",
    path="/v5/order/realtime",
    method="GET",
    private=True,
    summary=(
        "One spot order by orderId or orderLinkId: looked up in the open orders, then in the "
        "order history (V5 has no single-order call)."
    ),
    params=(
        f.category(),
        Param("OrderId", "orderId", p.ORDER_ID, "Order ID"),
        Param("OrderLinkId", "orderLinkId", p.ORDER_LINK_ID, "User-defined order ID"),
        f.order_category(),
    ),
    response=Shape(
        "GetOrderResponse",
        f.with_v5(f.order_item(with_locked=True), V5.response),
        doc="The order: the one item of result.list (open orders, else the history).",
    ),
    rules=rules,
    hook=f"{f.HOOKS}:get_order",
    categories=f.SPOT,
    default_category=f.DEFAULT,
)
