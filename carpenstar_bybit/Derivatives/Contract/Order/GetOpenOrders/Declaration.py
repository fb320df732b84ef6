"""``GetOpenOrders``: open (and recent closed) orders (PHP: v3 unfilled-orders; V5 realtime)."""

from __future__ import annotations

from typing import Any

from carpenstar_bybit.Core import Params as p
from carpenstar_bybit.Core.Declarations import Choice, Declaration, Integer, Param, Shape
from carpenstar_bybit.Core.Enums import EnumCategory
from carpenstar_bybit.Derivatives.Contract.Order._fields import (
    ALL_LIST_ORDER_FILTERS,
    LIST_ORDER_FILTERS,
    OPTION_SETTLE_COINS,
    order_fields,
)


def rules(request: Any, category: str | None) -> None:
    named = (request.symbol, request.base_coin, request.settle_coin)
    if category == EnumCategory.LINEAR and all(v is None for v in named):
        raise request.fail(
            "symbol", "one of symbol, baseCoin and settleCoin is required for category 'linear'"
        )
    if category == EnumCategory.SPOT and request.settle_coin is not None:
        raise request.fail("settleCoin", "is not supported for category 'spot'")
    if category == EnumCategory.OPTION and request.settle_coin not in (None, *OPTION_SETTLE_COINS):
        raise request.fail(
            "settleCoin",
            f"must be USDT or USDC for category 'option' (got {request.settle_coin!r})",
        )
    allowed = LIST_ORDER_FILTERS[category or EnumCategory.LINEAR]
    if request.order_filter is not None and request.order_filter not in allowed:
        raise request.fail(
            "orderFilter",
            f"must be one of {', '.join(allowed)} for category {category!r} "
            f"(got {request.order_filter!r})",
        )


DECLARATION = Declaration(
    name="GetOpenOrders",
    current=p.current_list(
        "getOpenOrders", "GetOpenOrdersResponseItem", cursor=True, category=True
    ),
    package="Derivatives.Contract.Order",
    path="/v5/order/realtime",
    method="GET",
    private=True,
    summary=(
        "Open orders, newest first (openOnly=1: also up to 500 recent closed ones); "
        "priority orderId > orderLinkId > symbol > baseCoin; pages by cursor."
    ),
    params=(
        p.category(),
        p.symbol(),
        Param("BaseCoin", "baseCoin", p.COIN, "Base coin: orders of every symbol of it"),
        Param("SettleCoin", "settleCoin", p.COIN, "Settle coin (option: USDT or USDC; no spot)"),
        Param("OrderId", "orderId", p.ORDER_ID, "Order ID"),
        Param("OrderLinkId", "orderLinkId", p.ORDER_LINK_ID, "User-defined order ID"),
        Param(
            "OpenOnly",
            "openOnly",
            Integer(values=(0, 1, 2)),
            "0: open orders only (default); 1: also up to 500 recent closed orders",
            php=False,
        ),
        Param(
            "OrderFilter",
            "orderFilter",
            Choice(ALL_LIST_ORDER_FILTERS),
            "Order, StopOrder (futures, spot); tpslOrder, OcoOrder, BidirectionalTpslOrder (spot)",
        ),
        p.limit(50),
        p.cursor(),
    ),
    response=Shape(
        "GetOpenOrdersResponse",
        order_fields("str"),
        doc="One order of result.list in the answer of /v5/order/realtime.",
    ),
    rules=rules,
    category_from=("symbol", "settleCoin", "baseCoin"),
    categories=EnumCategory.ALL,
    category_missing=(
        "symbol",
        "one of symbol, baseCoin and settleCoin is required (or setCategory('inverse'|'spot'|"
        "'option') to list the whole category)",
    ),
)
