"""What the Spot declarations share: the fixed category, PHP's order category, the order item.

Every Spot call that V5 takes a category on sends ``category=spot``; the setter stays for a bot
that sets it, and takes only ``spot``.
"""

from __future__ import annotations

from typing import Any

import attrs

from carpenstar_bybit.Core import Params as p
from carpenstar_bybit.Core.Declarations import Choice, Out, Param, Shape
from carpenstar_bybit.Core.Enums import EnumCategory, EnumIntervals, EnumOrderFilter

SPOT = (EnumCategory.SPOT,)
PUBLIC = "carpenstar_bybit.Core.Endpoints:PublicEndpoint"
DEFAULT = EnumCategory.SPOT  # sent on every call that takes a category; the only one taken
HOOKS = "carpenstar_bybit.Spot._hooks"

F = EnumOrderFilter
# PHP's v3 orderCategory (0 normal, 1 TP/SL) as V5's orderFilter; V5's names taken as they are.
ORDER_CATEGORY = Choice(
    (F.ORDER, F.TPSL_ORDER, F.STOP_ORDER, F.OCO_ORDER, F.BIDIRECTIONAL_TPSL_ORDER),
    {"0": F.ORDER, "1": F.TPSL_ORDER},
    annotation="str | int",
    ints=True,
)
# v3 spot's kline spellings (1m … 1w, 1M) besides V5's values.
INTERVAL = Choice(
    EnumIntervals.INTERVALS_LIST,
    {**EnumIntervals.PHP_SPELLINGS, "1M": "M"},
    annotation="str | int",
    ints=True,
)


def category() -> Param:
    return p.category(EnumCategory.SPOT)


def order_category(
    doc: str = "v3 orderCategory: 0 (Order) or 1 (tpslOrder); V5 orderFilter",
) -> Param:
    return Param("OrderCategory", "orderFilter", ORDER_CATEGORY, doc)


def symbol(required: bool = False) -> Param:
    return p.symbol(required=required)


def order_item(with_locked: bool) -> tuple[Out, ...]:
    """A spot order as GetOrder, OpenOrders and OrderHistory read it (v3 names, V5 fields)."""
    fields = (
        Out("getAccountId", "~accountId", "int", "v3 accountId: V5 order objects have none"),
        Out("getSymbol", "symbol", "str", "Symbol name"),
        Out("getOrderLinkId", "orderLinkId", "str", "User-defined order ID"),
        Out("getOrderId", "orderId", "str", "Order ID (a string: ids exceed 2^53)"),
        Out("getOrderPrice", "price", "float", "Order price"),
        Out("getOrderQty", "qty", "float", "Order quantity"),
        Out("getExecQty", "cumExecQty", "float", "Executed quantity"),
        Out("getCummulativeQuoteQty", "cumExecValue", "float", "Executed value (quote coin)"),
        Out("getAvgPrice", "avgPrice", "float", "Average fill price (None before a fill)"),
        Out("getStatus", "orderStatus", "str", "V5 order status: New, PartiallyFilled, Filled, …"),
        Out("getTimeInForce", "timeInForce", "str", "GTC, IOC, FOK, PostOnly"),
        Out("getOrderType", "orderType", "str", "Market or Limit"),
        Out("getSide", "side", "str", "Buy or Sell"),
        Out("getStopPrice", "triggerPrice", "float", "Trigger price (v3 stopPrice)"),
        Out("getCreateTime", "createdTime", "datetime", "Created, UTC, ms kept"),
        Out("getUpdateTime", "updatedTime", "datetime", "Updated, UTC, ms kept"),
        Out("getIsWorking", "~isWorking", "int", "v3 isWorking: V5 has no such field"),
    )
    if with_locked:
        return (*fields, Out("getLocked", None, "float", "v3 locked: V5 has no such field"))
    return (
        *fields,
        Out(
            "getOrderCategory",
            "stopOrderType",
            "str",
            "V5 stopOrderType (tpslOrder, …; v3 orderCategory)",
        ),
        Out("getTriggerPrice", "triggerPrice", "float", "Trigger price"),
    )


# PHP's public setters of the OpenOrders and OrderHistory items (setAccountId and setIsWorking
# fill fields V5 does not send: their getters read only what was set).
ORDER_SETTERS = tuple(
    f"get{name}"
    for name in (
        "AccountId", "AvgPrice", "CreateTime", "CummulativeQuoteQty", "ExecQty", "IsWorking",
        "OrderCategory", "OrderId", "OrderLinkId", "OrderPrice", "OrderQty", "OrderType", "Side",
        "Status", "StopPrice", "Symbol", "TimeInForce", "TriggerPrice", "UpdateTime",
    )
)  # fmt: skip


def with_v5(
    own: tuple[Out, ...],
    v5: Shape,
    leave: tuple[str, ...] = (),
    only: tuple[str, ...] | None = None,
) -> tuple[Out, ...]:
    """``own`` (PHP's v3 getters), then the getters the derivatives declaration of the same V5
    answer has for the fields ``own`` leaves unread (additive). ``leave``: wires spot never sends;
    ``only``: the wires to take where most of the derivatives' fields are not spot's (tickers).
    """
    read = {out.wire for out in own} | set(leave)
    names = {out.getter for out in own}
    more = (
        o
        for o in v5.fields
        if o.wire is not None and o.wire not in read and (only is None or o.wire in only)
    )
    return (*own, *(o for o in more if o.getter not in names))


def with_php(param: Param) -> Param:
    """A shared V5 parameter that PHP had a setter for."""
    return attrs.evolve(param, php=True)


def time_window() -> tuple[Param, Param]:
    """The 7-day window of the spot lists V5 bounds (order history, fills)."""
    return (
        Param("StartTime", "startTime", p.TIME_MS, "From this time (ms)"),
        Param("EndTime", "endTime", p.TIME_MS, "Up to this time (ms), at most 7 days after"),
    )


def window_rules(request: Any, category: str | None) -> None:
    p.time_window(request)
