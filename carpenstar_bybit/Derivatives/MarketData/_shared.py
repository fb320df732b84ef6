"""What the market-data declarations share: the public endpoint base and the kline rows."""

from __future__ import annotations

from typing import Any

import attrs

from carpenstar_bybit.Core import Params as p
from carpenstar_bybit.Core.Declarations import Out, Param

PUBLIC = "carpenstar_bybit.Core.Endpoints:PublicEndpoint"


def candle_fields(with_volume: bool) -> tuple[Out, ...]:
    """A kline row read by position: V5 sends ``[start, open, high, low, close(, volume,
    turnover)]`` as strings, newest row first."""
    fields = (
        Out("getStartTime", 0, "datetime", "Candle start (UTC, ms kept)"),
        Out("getOpen", 1, "float", "Open price"),
        Out("getHigh", 2, "float", "Highest price"),
        Out("getLow", 3, "float", "Lowest price"),
        Out("getClose", 4, "float", "Close price (the last price while the candle is open)"),
    )
    if not with_volume:
        return fields
    return (
        *fields,
        Out("getVolume", 5, "float", "Volume (contracts: base coin; inverse: quote coin)"),
        Out("getTurnover", 6, "float", "Turnover (contracts: quote coin; inverse: base coin)"),
    )


def candle_params(categories: tuple[str, ...], php_category: bool) -> tuple[Param, ...]:
    """The query of the three kline endpoints; ``php_category``: PHP's 2023 line had
    get/setCategory on the interface (the current line has them on all three)."""
    category = p.category(*categories)
    return (
        attrs.evolve(category, php=True) if php_category else category,
        p.symbol(required=True),
        Param(
            "Interval",
            "interval",
            p.INTERVAL,
            "Candle length: minutes 1 … 720, D, W, M (EnumIntervals constants taken)",
            required=True,
        ),
        # setStart/setEnd: the current PHP line's names, taking dates as well.
        Param(
            "StartTime",
            "start",
            p.TIME_MS,
            "Candles from this time",
            alias="Start",
            alias_kind=p.TIME_DATE,
        ),
        Param(
            "EndTime",
            "end",
            p.TIME_MS,
            "Candles up to this time",
            alias="End",
            alias_kind=p.TIME_DATE,
        ),
        p.limit(1000),
    )


def candle_rules(request: Any, category: str | None) -> None:
    p.start_not_after_end(request, "start", "end")


__all__ = ["PUBLIC", "candle_fields", "candle_params", "candle_rules"]
