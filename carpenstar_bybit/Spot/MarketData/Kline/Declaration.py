"""``Kline``: spot candles (PHP: v3 ``quote/kline``; V5 ``/v5/market/kline``).

PHP sent ``interval=1m`` and ``limit=1000`` unless set; the request still does (V5 sends 1 and
1000). v3's spellings (``1m`` … ``1w``, ``1M``) are taken; rows are V5's arrays, newest first.
"""

from __future__ import annotations

from typing import Any

from carpenstar_bybit.Core import Params as p
from carpenstar_bybit.Core.Declarations import Declaration, Out, Param, Shape
from carpenstar_bybit.Spot import _fields as f


def rules(request: Any, category: str | None) -> None:
    p.start_not_after_end(request, "start", "end")


DECLARATION = Declaration(
    name="Kline",
    # the current PHP line: <Name>Response wraps result, items are <Name>ResponseItem
    current=p.current_list("getKlineList", "KlineResponseItem"),
    package="Spot.MarketData",
    path="/v5/market/kline",
    method="GET",
    private=False,
    summary="Candles of a spot symbol, newest first (1-minute, 1000 of them unless set).",
    params=(
        f.category(),
        p.symbol(required=True),
        Param(
            "Interval", "interval", f.INTERVAL, "1 … 720, D, W, M (v3 1m … 1M taken)", default="1"
        ),
        Param(
            "Limit",
            "limit",
            p.limit(1000).kind,
            "Candles, 1 to 1000; 1000 when not set",
            default=1000,
        ),
        Param("StartTime", "start", p.TIME_MS, "Candles from this time (ms)"),
        Param("EndTime", "end", p.TIME_MS, "Candles up to this time (ms)"),
    ),
    response=Shape(
        "KlineResponse",
        (
            Out("getTime", 0, "datetime", "Candle start (UTC, ms kept)"),
            Out("getSymbol", "../symbol", "str", "Symbol name (result.symbol)"),
            Out("getAlias", None, "str", "v3 alias: V5 has no such field"),
            Out("getOpenPrice", 1, "float", "Open price"),
            Out("getHighPrice", 2, "float", "Highest price"),
            Out("getLowPrice", 3, "float", "Lowest price"),
            Out("getClosePrice", 4, "float", "Close price"),
            Out("getTradingVolume", 5, "float", "Volume (base coin)"),
            Out("getTurnover", 6, "float", "Turnover (quote coin; V5)"),
        ),
        rows=True,
        doc="One candle: a row of result.list, read by position.",
    ),
    rules=rules,
    endpoint_base=f.PUBLIC,
    categories=f.SPOT,
    default_category=f.DEFAULT,
)
