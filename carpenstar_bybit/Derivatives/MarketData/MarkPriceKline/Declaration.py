"""``MarkPriceKline``: candles of the mark price (V5 ``GET /v5/market/mark-price-kline``)."""

from __future__ import annotations

from typing import Any

from carpenstar_bybit.Core import Params as p
from carpenstar_bybit.Core.Declarations import Declaration, Shape
from carpenstar_bybit.Core.Enums import EnumCategory as C
from carpenstar_bybit.Derivatives.MarketData._shared import (
    PUBLIC,
    candle_fields,
    candle_params,
    candle_rules,
)

CATEGORIES = (C.LINEAR, C.INVERSE, C.OPTION)
OPTION_LIMIT = 500  # options take at most 500 candles a call, futures 1000


def rules(request: Any, category: str | None) -> None:
    candle_rules(request, category)
    if category == C.OPTION and request.limit is not None and request.limit > OPTION_LIMIT:
        raise request.fail(
            "limit", f"must be at most {OPTION_LIMIT} for category 'option' (got {request.limit})"
        )


DECLARATION = Declaration(
    name="MarkPriceKline",
    current=p.current_list("getKlineList", "MarkPriceKlineResponseItem"),
    package="Derivatives.MarketData",
    path="/v5/market/mark-price-kline",
    method="GET",
    private=False,
    summary="Candles of the mark price, newest first (linear, inverse, option).",
    params=candle_params(CATEGORIES, php_category=True),
    response=Shape(
        "MarkPriceKlineResponse",
        candle_fields(with_volume=False),
        rows=True,
        setters=(
            "getStartTime",
            "getOpen",
            "getHigh",
            "getLow",
            "getClose",
        ),  # PHP's public item setters
        doc="One mark-price candle: a row of result.list, read by position (no volume).",
    ),
    rules=rules,
    category_from=("symbol",),
    categories=CATEGORIES,
    php_interfaces=(("IMarkPriceKline", "IMarkPriceKlineResponseInterface"),),
    endpoint_base=PUBLIC,
)
