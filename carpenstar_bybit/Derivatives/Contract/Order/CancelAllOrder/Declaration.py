"""``CancelAllOrder``: cancel every open order that matches (V5 ``/v5/order/cancel-all``)."""

from __future__ import annotations

from typing import Any

from carpenstar_bybit.Core import Params as p
from carpenstar_bybit.Core.Declarations import Choice, Declaration, Out, Param, Shape
from carpenstar_bybit.Core.Enums import EnumCategory, EnumOrderFilter, EnumStopOrderType

F = EnumOrderFilter
# orderFilter values each category takes (Bybit V5 cancel-all).
ORDER_FILTERS: dict[str, tuple[str, ...]] = {
    EnumCategory.SPOT: (
        F.ORDER,
        F.TPSL_ORDER,
        F.STOP_ORDER,
        F.OCO_ORDER,
        F.BIDIRECTIONAL_TPSL_ORDER,
    ),
    EnumCategory.LINEAR: (F.ORDER, F.STOP_ORDER, F.OPEN_ORDER),
    EnumCategory.INVERSE: (F.ORDER, F.STOP_ORDER, F.OPEN_ORDER),
    EnumCategory.OPTION: (F.ORDER, F.STOP_ORDER),
}
ALL_ORDER_FILTERS = tuple(dict.fromkeys(v for values in ORDER_FILTERS.values() for v in values))
STOP_ORDER_TYPES = (EnumStopOrderType.STOP,)
OPTION_SETTLE_COINS = ("USDT", "USDC")
FUTURES = (EnumCategory.LINEAR, EnumCategory.INVERSE)


def rules(request: Any, category: str | None) -> None:
    named = (request.symbol, request.base_coin, request.settle_coin)
    if category in FUTURES and all(v is None for v in named):
        raise request.fail(
            "symbol",
            f"one of symbol, baseCoin and settleCoin is required for category {category!r}",
        )
    if category == EnumCategory.SPOT and request.settle_coin is not None:
        raise request.fail("settleCoin", "is not supported for category 'spot'")
    if category == EnumCategory.OPTION and request.settle_coin not in (None, *OPTION_SETTLE_COINS):
        raise request.fail(
            "settleCoin",
            f"must be USDT or USDC for category 'option' (got {request.settle_coin!r})",
        )
    allowed = ORDER_FILTERS[category or EnumCategory.LINEAR]
    if request.order_filter is not None and request.order_filter not in allowed:
        raise request.fail(
            "orderFilter",
            f"must be one of {', '.join(allowed)} for category {category!r} "
            f"(got {request.order_filter!r})",
        )
    if request.stop_order_type is not None:
        if category not in FUTURES:
            raise request.fail(
                "stopOrderType",
                f"is for categories 'linear' and 'inverse' only (category is {category!r})",
            )
        if request.order_filter != F.STOP_ORDER:
            raise request.fail("stopOrderType", "needs orderFilter 'StopOrder'")


DECLARATION = Declaration(
    name="CancelAllOrder",
    current=p.current_list("getCancelOrdersList", "CancelAllOrderResponseItem"),
    package="Derivatives.Contract.Order",
    path="/v5/order/cancel-all",
    method="POST",
    private=True,
    summary=(
        "Cancel every open order matching symbol, baseCoin or settleCoin (that priority); "
        "futures cancel at most 500 per call."
    ),
    params=(
        p.category(),
        p.symbol(),
        Param("BaseCoin", "baseCoin", p.COIN, "Base coin: cancels every order of it"),
        Param("SettleCoin", "settleCoin", p.COIN, "Settle coin: cancels every order settled in it"),
        Param(
            "OrderFilter",
            "orderFilter",
            Choice(ALL_ORDER_FILTERS),
            "Which orders: Order, StopOrder, OpenOrder, tpslOrder, … (by category)",
            php=False,
        ),
        Param(
            "StopOrderType",
            "stopOrderType",
            Choice(STOP_ORDER_TYPES),
            "Stop: only with orderFilter StopOrder, linear and inverse",
            php=False,
        ),
    ),
    response=Shape(
        "CancelAllOrderResponse",
        (
            Out("getOrderId", "orderId", "str", "Order ID"),
            Out("getOrderLinkId", "orderLinkId", "str", "User-defined order ID"),
        ),
        setters=("getOrderId",),  # PHP's public item setters
        doc="One item of result.list in the answer of /v5/order/cancel-all.",
    ),
    rules=rules,
    category_from=("symbol", "settleCoin", "baseCoin"),
    categories=EnumCategory.ALL,
    category_missing=(
        "symbol",
        "one of symbol, baseCoin and settleCoin is required (or setCategory('spot'|'option') "
        "to cancel the whole category)",
    ),
)
