"""``MarkPriceKline``: candles of the mark price (V5 ``GET /v5/market/mark-price-kline``)."""

from __future__ import annotations

from typing import Any

from carpenstar_bybit.Core import Params as p
from carpenstar_bybit.Core.Declarations import Declaration, Param, Shape
from carpenstar_bybit.Core.Enums import EnumCategory as C
from carpenstar_bybit.Derivatives.MarketData._shared import PUBLIC, candle_fields

CATEGORIES = (C.LINEAR, C.INVERSE, C.OPTION)
OPTION_LIMIT = 500  # options take at most 500 candles a call, futures 1000


def rules(request: Any, category: str | None) -> None:
    p.start_not_after_end(request, "start", "end")
    if category == C.OPTION and request.limit is not None and request.limit > OPTION_LIMIT:
        raise request.fail(
            "limit", f"must be at most {OPTION_LIMIT} for category 'option' (got {request.limit})"
        )


DECLARATION = Declaration(
    name="MarkPriceKline",
    package="Derivatives.MarketData",
    path="/v5/market/mark-price-kline",
    method="GET",
    private=False,
    summary="Candles of the mark price, newest first (linear, inverse, option).",
    params=(
        p.category(*CATEGORIES),
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
        "MarkPriceKlineResponse",
        candle_fields(with_volume=False),
        rows=True,
        doc="One mark-price candle: a row of result.list, read by position (no volume).",
    ),
    rules=rules,
    category_from=("symbol",),
    categories=CATEGORIES,
    php_interfaces=(("IMarkPriceKline", "IMarkPriceKlineResponseInterface"),),
    endpoint_base=PUBLIC,
)
