"""``GetOrderList``: order history (PHP: the contract v3 order list; V5 ``/v5/order/history``)."""

from __future__ import annotations

from typing import Any

from carpenstar_bybit.Core import Params as p
from carpenstar_bybit.Core.Declarations import Choice, Declaration, Out, Param, Shape
from carpenstar_bybit.Core.Enums import EnumCategory, EnumOrderStatus
from carpenstar_bybit.Derivatives.Contract.Order._fields import (
    ALL_LIST_ORDER_FILTERS,
    LIST_ORDER_FILTERS,
    order_fields,
)

WEEK_MS = 7 * 24 * 60 * 60 * 1000


def rules(request: Any, category: str | None) -> None:
    allowed = LIST_ORDER_FILTERS[category or EnumCategory.LINEAR]
    if request.order_filter is not None and request.order_filter not in allowed:
        raise request.fail(
            "orderFilter",
            f"must be one of {', '.join(allowed)} for category {category!r} "
            f"(got {request.order_filter!r})",
        )
    if request.order_status == EnumOrderStatus.PARTIALLY_FILLED_CANCELED and category != "spot":
        raise request.fail(
            "orderStatus", f"PartiallyFilledCanceled is for category 'spot' only (is {category!r})"
        )
    start, end = request.start_time, request.end_time
    if start is not None and end is not None:
        if end < start:
            raise request.fail("endTime", "must not be before startTime")
        if end - start > WEEK_MS:
            raise request.fail("endTime", "must be at most 7 days after startTime")


DECLARATION = Declaration(
    name="GetOrderList",
    current=p.current_list("getOrderList", "GetOrderListResponseItem", cursor=True, category=True),
    package="Derivatives.Contract.Order",
    path="/v5/order/history",
    method="GET",
    private=True,
    summary=(
        "Closed orders, newest first (up to 2 years; cancelled ones 24 hours); a window of at "
        "most 7 days, the last 7 by default; pages by cursor."
    ),
    params=(
        p.category(),
        p.symbol(),
        Param("OrderId", "orderId", p.ORDER_ID, "Order ID"),
        Param("OrderLinkId", "orderLinkId", p.ORDER_LINK_ID, "User-defined order ID"),
        Param(
            "OrderStatus",
            "orderStatus",
            Choice(EnumOrderStatus.CLOSED_LIST),
            "A final status: Filled, Cancelled, Rejected, … (all when not set)",
        ),
        Param(
            "OrderFilter",
            "orderFilter",
            Choice(ALL_LIST_ORDER_FILTERS),
            "Order, StopOrder (futures, spot); tpslOrder, OcoOrder, BidirectionalTpslOrder (spot)",
        ),
        p.limit(50),
        p.cursor(),
        # V5 parameters PHP did not have.
        Param("BaseCoin", "baseCoin", p.COIN, "Base coin (unified account 2.0)", php=False),
        Param("SettleCoin", "settleCoin", p.COIN, "Settle coin (unified account 2.0)", php=False),
        Param("StartTime", "startTime", p.TIME_MS, "From (ms or datetime)", php=False),
        Param("EndTime", "endTime", p.TIME_MS, "To: at most 7 days after startTime", php=False),
    ),
    response=Shape(
        "GetOrderListResponse",
        (
            *order_fields("float"),
            Out(
                "getSlippageToleranceType",
                "slippageToleranceType",
                "str",
                "TickSize, Percent or UNKNOWN",
            ),
            Out("getSlippageTolerance", "slippageTolerance", "float", "Slippage tolerance"),
            Out("getExtraFees", "extraFees", "str", "Spot: extra fees (some sites only)"),
            Out("isRpiTakerAccess", "rpiTakerAccess", "bool", "The counterparty was an RPI order"),
            Out("getRpiMatchedQty", "rpiMatchedQty", "float", "Quantity matched against RPI"),
        ),
        setters=("getCumExecQty", "getPrice"),  # PHP's public item setters
        doc="One order of result.list in the answer of /v5/order/history.",
    ),
    rules=rules,
    category_from=("symbol", "settleCoin"),
    categories=EnumCategory.ALL,
)
