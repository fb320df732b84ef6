"""``LastTradedPrice``: last traded price (PHP: v3 ``ticker/price``; V5 tickers' lastPrice)."""

from __future__ import annotations

from carpenstar_bybit.Core.Declarations import Declaration, Out, Shape
from carpenstar_bybit.Spot import _fields as f
from carpenstar_bybit.Spot.MarketData import _tickers as t

DECLARATION = Declaration(
    name="LastTradedPrice",
    package="Spot.MarketData",
    path=t.PATH,
    method="GET",
    private=False,
    summary="The last traded price of one spot symbol, or of every one (read from V5's tickers).",
    params=t.params(symbol_required=False),
    response=Shape(
        "LastTradedPriceResponse",
        (
            Out("getSymbol", "symbol", "str", "Symbol name"),
            Out("getPrice", "lastPrice", "float", "Last traded price"),
        ),
        doc="One symbol's ticker (an item of result.list).",
    ),
    endpoint_base=f.PUBLIC,
    categories=f.SPOT,
    default_category=f.DEFAULT,
)
