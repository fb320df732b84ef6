"""``OpenOrders``: the open spot orders (PHP: spot v3 ``open-orders``; V5 ``/v5/order/realtime``).

v3's ``orderId`` paged ("orders with smaller ids"); in V5 it names one order, and pages go by
``cursor`` (``getNextPageCursor()``). V5 lists 1 to 50 a page (v3: 500).
"""

from __future__ import annotations

from carpenstar_bybit.Core import Params as p
from carpenstar_bybit.Core.Declarations import Declaration, Param, Shape
from carpenstar_bybit.Derivatives.Contract.Order.GetOpenOrders.Declaration import DECLARATION as V5
from carpenstar_bybit.Spot import _fields as f

DECLARATION = Declaration(
    name="OpenOrders",
    # the current PHP line: <Name>Response wraps result, items are <Name>ResponseItem
    current=p.current_list("getOpenOrders", "OpenOrdersResponseItem"),
    package="Spot.Trade",
    path="/v5/order/realtime",
    method="GET",
    private=True,
    summary="The open spot orders, newest first, a page at a time.",
    params=(
        f.category(),
        f.symbol(),
        Param("OrderId", "orderId", p.ORDER_ID, "V5: this one order (v3 paged by it)"),
        p.limit(50),
        f.order_category("V5 orderFilter (v3 orderCategory 0/1): all kinds when not set"),
        p.cursor(php=False),
        Param("OrderLinkId", "orderLinkId", p.ORDER_LINK_ID, "User-defined order ID", php=False),
    ),
    response=Shape(
        "OpenOrdersResponse",
        f.with_v5(f.order_item(with_locked=False), V5.response),
        doc="One open order.",
        setters=f.ORDER_SETTERS,
    ),
    categories=f.SPOT,
    default_category=f.DEFAULT,
)
