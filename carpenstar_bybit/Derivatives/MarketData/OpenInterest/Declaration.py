"""``OpenInterest``: open interest over time (V5 ``GET /v5/market/open-interest``)."""

from __future__ import annotations

from typing import Any

from carpenstar_bybit.Core import Params as p
from carpenstar_bybit.Core.Declarations import Declaration, Out, Param, Shape
from carpenstar_bybit.Core.Enums import EnumCategory as C
from carpenstar_bybit.Derivatives.MarketData._shared import PUBLIC

CATEGORIES = (C.LINEAR, C.INVERSE)


def rules(request: Any, category: str | None) -> None:
    p.start_not_after_end(request, "startTime", "endTime")


DECLARATION = Declaration(
    name="OpenInterest",
    current=p.current_list("getOpenInterestList", "OpenInterestResponseItem"),
    package="Derivatives.MarketData",
    path="/v5/market/open-interest",
    method="GET",
    private=False,
    summary="Open interest of a contract at each interval, newest first, a page at a time.",
    params=(
        p.category(*CATEGORIES),
        p.symbol(required=True),
        Param(
            "Interval",
            "intervalTime",
            p.INTERVAL_TIME,
            "Interval: 5min, 15min, 30min, 1h, 4h, 1d (PHP's 5, 15, 30 and constants taken)",
            required=True,
        ),
        Param(
            "StartTime",
            "startTime",
            p.TIME_MS,
            "Points from this time",
            alias="Start",
            alias_kind=p.TIME_DATE,
        ),
        Param(
            "EndTime",
            "endTime",
            p.TIME_MS,
            "Points up to this time",
            alias="End",
            alias_kind=p.TIME_DATE,
        ),
        p.limit(200),
        p.cursor(),
    ),
    response=Shape(
        "OpenInterestResponse",
        (
            Out(
                "getOpenInterest",
                "openInterest",
                "float",
                "Open interest, both sides (linear: base coin; inverse: USD)",
            ),
            Out("getTimestamp", "timestamp", "datetime", "Time of the point (UTC, ms kept)"),
            Out("getSingleOpenInterest", "singleOpenInterest", "float", "One side's open interest"),
        ),
        setters=("getOpenInterest",),  # PHP's public item setters
        doc="One open-interest point: an item of result.list.",
    ),
    rules=rules,
    category_from=("symbol",),
    categories=CATEGORIES,
    php_interfaces=(
        ("IOpenInterestInterface", "IOpenInterestRequestInterface"),
        ("IOpenInterestResponse", "IOpenInterestResponseInterface"),
    ),
    endpoint_base=PUBLIC,
)
