"""``OrderHistory``: closed spot orders (PHP: spot v3 ``history-orders``; V5 ``/v5/order/history``).

Without a time window V5 lists the last 7 days; pages go by ``cursor``; 1 to 50 a page.
"""

from __future__ import annotations

from carpenstar_bybit.Core import Params as p
from carpenstar_bybit.Core.Declarations import Declaration, Param, Shape
from carpenstar_bybit.Derivatives.Contract.Order.GetOrderList.Declaration import DECLARATION as V5
from carpenstar_bybit.Spot import _fields as f

DECLARATION = Declaration(
    name="OrderHistory",
    # the current PHP line: <Name>Response wraps result, items are <Name>ResponseItem
    current=p.current_list("getOrderHistory", "OrderHistoryResponseItem"),
    package="Spot.Trade",
    path="/v5/order/history",
    method="GET",
    private=True,
    summary="Closed spot orders, newest first (the last 7 days unless a window is set).",
    params=(
        f.category(),
        f.symbol(),
        Param("OrderId", "orderId", p.ORDER_ID, "V5: this one order (v3 paged by it)"),
        p.limit(50),
        *f.time_window(),
        f.order_category("V5 orderFilter (v3 orderCategory 0/1)"),
        p.cursor(php=False),
    ),
    response=Shape(
        "OrderHistoryResponse",
        f.with_v5(f.order_item(with_locked=False), V5.response),
        doc="One order.",
        setters=f.ORDER_SETTERS,
    ),
    rules=f.window_rules,
    categories=f.SPOT,
    default_category=f.DEFAULT,
)
