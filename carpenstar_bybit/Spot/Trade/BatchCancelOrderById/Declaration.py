"""``BatchCancelOrderById``: cancel spot orders by id (PHP: v3 ``cancel-orders-by-ids``).

V5's ``/v5/order/cancel-batch`` takes 10 spot orders a call, each with its symbol: the ids are
sent 10 at a time, and without ``setSymbol`` each id's symbol is read from the open orders first
(an id that is not open fails as V5 would say, 170213, without being sent). As in v3, the answer's
items are the orders that were not cancelled, each with its code and message; none means all were.
"""

from __future__ import annotations

from carpenstar_bybit.Core import Params as p
from carpenstar_bybit.Core.Declarations import Declaration, Out, Param, Shape, Text
from carpenstar_bybit.Core.Retry import IDEMPOTENT
from carpenstar_bybit.Spot import _fields as f

ORDER_IDS = Text(
    pattern=r"[A-Za-z0-9_-]{1,64}(?:,[A-Za-z0-9_-]{1,64}){0,99}",
    rule="must be 1 to 100 order IDs, comma-separated",
    ints=True,
    annotation="str | int",
    example="1,2",
)

DECLARATION = Declaration(
    name="BatchCancelOrderById",
    # the current PHP line: <Name>Response wraps result, items are <Name>ResponseItem
    current=p.current_list("getErrorOrderList", "BatchCancelOrderByIdResponseItem"),
    package="Spot.Trade",
    path="/v5/order/cancel-batch",
    method="POST",
    private=True,
    summary=(
        "Cancel spot orders by id (up to 100, sent 10 a call); the answer lists the orders "
        "that were not cancelled, each with its code."
    ),
    params=(
        f.category(),
        Param(
            "OrderIds",
            "orderIds",
            ORDER_IDS,
            "Order IDs, comma-separated",
            required=True,
            sent=False,
        ),
        Param(
            "OrderCategory",
            "orderCategory",
            f.ORDER_CATEGORY,
            "v3 orderCategory: checked, not sent (cancel-batch has no order filter)",
            sent=False,
        ),
        p.symbol(php=False),
    ),
    response=Shape(
        "BatchCancelOrderByIdResponse",
        (
            Out("getOrderId", "orderId", "str", "An order that was not cancelled"),
            Out("getCode", "code", "str", "Bybit's code for it (v3: a string)"),
            Out("getMessage", "msg", "str", "Bybit's message for it"),
            Out("getSymbol", "symbol", "str", "Its symbol (empty when it was not found open)"),
        ),
        doc="One order that was not cancelled, with its outcome.",
        setters=("getOrderId", "getCode"),  # PHP's public item setters
    ),
    hook=f"{f.HOOKS}:batch_cancel_by_id",
    categories=f.SPOT,
    default_category=f.DEFAULT,
    replay=IDEMPOTENT,
)
