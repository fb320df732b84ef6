"""``IndexPriceKline``: candles of the index price (V5 ``GET /v5/market/index-price-kline``)."""

from __future__ import annotations

from typing import Any

import attrs

from carpenstar_bybit.Core import Params as p
from carpenstar_bybit.Core.Declarations import Declaration, Param, Shape
from carpenstar_bybit.Core.Enums import EnumCategory as C
from carpenstar_bybit.Derivatives.MarketData._shared import PUBLIC, candle_fields

CATEGORIES = (C.LINEAR, C.INVERSE)


def rules(request: Any, category: str | None) -> None:
    p.start_not_after_end(request, "start", "end")


DECLARATION = Declaration(
    name="IndexPriceKline",
    package="Derivatives.MarketData",
    path="/v5/market/index-price-kline",
    method="GET",
    private=False,
    summary="Candles of the index price, newest first (linear, inverse).",
    params=(
        attrs.evolve(p.category(*CATEGORIES), php=True),  # PHP had getCategory (always linear)
        p.symbol(required=True),
        Param(
            "Interval",
            "interval",
            p.INTERVAL,
            "Candle length: minutes 1 … 720, D, W, M (EnumIntervals constants taken)",
            required=True,
        ),
        Param("StartTime", "start", p.TIME_MS, "Candles from this time"),
        Param("EndTime", "end", p.TIME_MS, "Candles up to this time"),
        p.limit(1000),
    ),
    response=Shape(
        "IndexPriceKlineResponse",
        candle_fields(with_volume=False),
        rows=True,
        doc="One index-price candle: a row of result.list, read by position (no volume).",
    ),
    rules=rules,
    category_from=("symbol",),
    categories=CATEGORIES,
    php_interfaces=(
        ("IIndexPriceKlineRequest", "IIndexPriceKlineRequestInterface"),
        ("IIndexPriceKlineResponse", "IIndexPriceKlineResponseInterface"),
    ),
    endpoint_base=PUBLIC,
)
