"""``Kline``: candles of the traded price (V5 ``GET /v5/market/kline``)."""

from __future__ import annotations

from carpenstar_bybit.Core import Params as p
from carpenstar_bybit.Core.Declarations import Declaration, Shape
from carpenstar_bybit.Core.Enums import EnumCategory as C
from carpenstar_bybit.Derivatives.MarketData._shared import (
    PUBLIC,
    candle_fields,
    candle_params,
    candle_rules,
)

CATEGORIES = (C.SPOT, C.LINEAR, C.INVERSE)


DECLARATION = Declaration(
    name="Kline",
    current=p.current_list("getKlineList", "KlineResponseItem"),
    package="Derivatives.MarketData",
    path="/v5/market/kline",
    method="GET",
    private=False,
    summary="Candles of the traded price, newest first (spot, linear, inverse).",
    params=candle_params(CATEGORIES, php_category=True),
    response=Shape(
        "KlineResponse",
        candle_fields(with_volume=True),
        rows=True,
        setters=("getStartTime", "getTurnover"),  # PHP's public item setters
        doc="One candle: a row of result.list, read by position.",
    ),
    rules=candle_rules,
    category_from=("symbol",),
    categories=CATEGORIES,
    endpoint_base=PUBLIC,
)
