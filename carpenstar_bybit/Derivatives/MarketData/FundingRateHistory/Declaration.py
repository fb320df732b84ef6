"""``FundingRateHistory``: settled funding rates (V5 ``GET /v5/market/funding/history``)."""

from __future__ import annotations

from typing import Any

import attrs

from carpenstar_bybit.Core import Params as p
from carpenstar_bybit.Core.Declarations import Declaration, Out, Param, Shape
from carpenstar_bybit.Core.Enums import EnumCategory as C
from carpenstar_bybit.Derivatives.MarketData._shared import PUBLIC

CATEGORIES = (C.LINEAR, C.INVERSE)


def rules(request: Any, category: str | None) -> None:
    if request.start_time is not None and request.end_time is None:
        raise request.fail("startTime", "needs endTime too (the exchange refuses startTime alone)")
    p.start_not_after_end(request, "startTime", "endTime")


DECLARATION = Declaration(
    name="FundingRateHistory",
    current=p.current_list("getFundingRates", "FundingRateHistoryResponseItem"),
    package="Derivatives.MarketData",
    path="/v5/market/funding/history",
    method="GET",
    private=False,
    summary=(
        "Funding rates as they settled, newest first (linear and inverse perpetuals); "
        "without a window the last 200 up to now."
    ),
    params=(
        attrs.evolve(p.category(*CATEGORIES), php=True),
        p.symbol(required=True),
        Param("StartTime", "startTime", p.TIME_MS, "Rates from this time (needs endTime)"),
        Param("EndTime", "endTime", p.TIME_MS, "Rates up to this time"),
        p.limit(200),
    ),
    response=Shape(
        "FundingRateHistoryResponse",
        (
            Out("getSymbol", "symbol", "str", "Symbol name"),
            Out("getFundingRate", "fundingRate", "float", "Funding rate (may be negative)"),
            Out(
                "getFundingRateTimestamp",
                "fundingRateTimestamp",
                "datetime",
                "When this rate settled (UTC, ms kept)",
            ),
        ),
        doc="One settled funding rate: an item of result.list.",
    ),
    rules=rules,
    category_from=("symbol",),
    categories=CATEGORIES,
    php_interfaces=(("IFundingRateHistoryResponse", "IFundingRateHistoryResponseInterface"),),
    endpoint_base=PUBLIC,
)
