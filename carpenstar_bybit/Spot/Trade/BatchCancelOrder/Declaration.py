"""``BatchCancelOrder``: cancel the spot orders of a symbol (PHP: v3 ``cancel-orders``).

V5's ``/v5/order/cancel-all`` cancels by symbol and orderFilter only. With ``setSide`` or
``setOrderTypes`` the call keeps PHP's promise another way: it lists the open orders, keeps those
the filter matches and cancels them by id (``/v5/order/cancel-batch``, 10 a call), never one the
filter excludes; each cancelled order then carries its own outcome (``getCode``, ``getMessage``).
"""

from __future__ import annotations

from carpenstar_bybit.Core import Params as p
from carpenstar_bybit.Core.Declarations import Declaration, Out, Param, Shape, Text
from carpenstar_bybit.Core.Retry import IDEMPOTENT
from carpenstar_bybit.Spot import _fields as f

ORDER_TYPES = Text(
    pattern=r"(?:LIMIT|MARKET|LIMIT_MAKER|Limit|Market)(?:,(?:LIMIT|MARKET|LIMIT_MAKER|Limit|Market))*",
    rule="must be order types, comma-separated: Limit, Market, LIMIT_MAKER (v3 spellings taken)",
    example="LIMIT",
)

CANCELLED = Shape(
    "BatchCancelOrderItemResponse",
    (
        Out("getOrderId", "orderId", "str", "Order ID"),
        Out("getOrderLinkId", "orderLinkId", "str", "User-defined order ID"),
        Out("getCode", "code", "int", "0 cancelled, else Bybit's code for this order"),
        Out("getMessage", "msg", "str", "Bybit's message for this order"),
    ),
    root=None,
    doc="One order the call cancelled (or tried to), with its outcome.",
)

DECLARATION = Declaration(
    name="BatchCancelOrder",
    package="Spot.Trade",
    path="/v5/order/cancel-all",
    method="POST",
    private=True,
    summary=(
        "Cancel the open spot orders of a symbol; with a side or order-type filter only the "
        "matching ones (listed, then cancelled by id, each with its outcome)."
    ),
    params=(
        f.category(),
        p.symbol(required=True),
        Param(
            "Side", "side", p.SIDE, "Only this side's orders (listed and filtered here)", sent=False
        ),
        Param(
            "OrderTypes",
            "orderTypes",
            ORDER_TYPES,
            "Only these order types, comma-separated (listed and filtered here)",
            sent=False,
        ),
        f.order_category(),
    ),
    response=Shape(
        "BatchCancelOrderResponse",
        (
            Out(
                "getSuccess",
                "success",
                "bool",
                "True only when every order the call meant to cancel was cancelled",
            ),
            Out("isSuccess", "success", "bool", "The current PHP line's name of getSuccess"),
            Out(
                "getList",
                "list",
                "str",
                "The orders cancelled, each with its outcome",
                shape=CANCELLED,
                many=True,
            ),
        ),
        root=None,
        doc="The answer: result is the single item.",
        setters=("getSuccess",),  # PHP's public item setter
    ),
    hook=f"{f.HOOKS}:batch_cancel",
    # the 2023 line kept these two beside the endpoint, not in Interfaces
    package_interfaces=("IBatchCancelOrderRequestInterface", "IBatchCancelOrderResponseInterface"),
    categories=f.SPOT,
    default_category=f.DEFAULT,
    replay=IDEMPOTENT,
)
