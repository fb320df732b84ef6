"""``IndexPriceKline``: candles of the index price (V5 ``GET /v5/market/index-price-kline``)."""

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

CATEGORIES = (C.LINEAR, C.INVERSE)


DECLARATION = Declaration(
    name="IndexPriceKline",
    current=p.current_list("getKlineList", "IndexPriceKlineResponseItem"),
    package="Derivatives.MarketData",
    path="/v5/market/index-price-kline",
    method="GET",
    private=False,
    summary="Candles of the index price, newest first (linear, inverse).",
    params=candle_params(CATEGORIES, php_category=True),
    response=Shape(
        "IndexPriceKlineResponse",
        candle_fields(with_volume=False),
        rows=True,
        setters=("getStartTime",),  # PHP's public item setters
        doc="One index-price candle: a row of result.list, read by position (no volume).",
    ),
    rules=candle_rules,
    category_from=("symbol",),
    categories=CATEGORIES,
    php_interfaces=(
        ("IIndexPriceKlineRequest", "IIndexPriceKlineRequestInterface"),
        ("IIndexPriceKlineResponse", "IIndexPriceKlineResponseInterface"),
    ),
    endpoint_base=PUBLIC,
)
