"""``CancelOrder``: cancel one spot order (PHP: spot v3 ``/spot/v3/private/cancel-order``).

V5 requires the symbol, which PHP's request had no setter for: ``setSymbol`` is added.
"""

from __future__ import annotations

from typing import Any

from carpenstar_bybit.Core import Params as p
from carpenstar_bybit.Core.Declarations import Choice, Declaration, Out, Param, Shape
from carpenstar_bybit.Core.Retry import IDEMPOTENT
from carpenstar_bybit.Derivatives.Contract.Order.CancelOrder.Declaration import SPOT_ORDER_FILTERS
from carpenstar_bybit.Spot import _fields as f


def rules(request: Any, category: str | None) -> None:
    p.one_or_more(request, "orderId", "orderLinkId")


def _absent(getter: str, kind: str = "str") -> Out:
    return Out(getter, None, kind, "V5's answer has the ids only: see GetOrder")


DECLARATION = Declaration(
    name="CancelOrder",
    package="Spot.Trade",
    path="/v5/order/cancel",
    method="POST",
    private=True,
    summary="Cancel one spot order by orderId or orderLinkId (orderId wins when both are set).",
    params=(
        f.category(),
        p.symbol(required=True, php=False),
        Param("OrderId", "orderId", p.ORDER_ID, "Order ID"),
        Param("OrderLinkId", "orderLinkId", p.ORDER_LINK_ID, "User-defined order ID"),
        Param(
            "OrderCategory",
            "orderFilter",
            Choice(SPOT_ORDER_FILTERS, {"0": "Order", "1": "tpslOrder"}, "str | int", ints=True),
            "v3 orderCategory 0/1 as V5 orderFilter: Order, tpslOrder, StopOrder",
        ),
    ),
    response=Shape(
        "CancelOrderResponse",
        (
            Out("getOrderId", "orderId", "str", "Order ID"),
            Out("getOrderLinkId", "orderLinkId", "str", "User-defined order ID"),
            _absent("getSymbol"),
            _absent("getStatus"),
            Out("getAccountId", None, "int", "V5 order objects have no account ID"),
            _absent("getOrderPrice", "float"),
            _absent("getCreateTime", "datetime"),
            _absent("getOrderQty", "float"),
            _absent("getExecQty", "float"),
            _absent("getTimeInForce"),
            _absent("getOrderType"),
            Out("getSide", "~side", "optstr", "V5's answer has the ids only: see GetOrder"),
        ),
        root=None,
        doc="The answer of /v5/order/cancel: result is the single item (the order's ids).",
        setters=("getSide",),  # PHP's public item setter
    ),
    rules=rules,
    categories=f.SPOT,
    default_category=f.DEFAULT,
    replay=IDEMPOTENT,
)
