"""``BestBidAskPrice``: best bid and ask (PHP: v3 ``quote/ticker/bookTicker``).

V5 has no book-ticker call: the best levels are read from ``/v5/market/tickers``.
"""

from __future__ import annotations

from carpenstar_bybit.Core.Declarations import Declaration, Out, Shape
from carpenstar_bybit.Spot import _fields as f
from carpenstar_bybit.Spot.MarketData import _tickers as t

DECLARATION = Declaration(
    name="BestBidAskPrice",
    package="Spot.MarketData",
    path=t.PATH,
    method="GET",
    private=False,
    summary="The best bid and ask of a spot symbol (read from V5's tickers).",
    params=t.params(symbol_required=True),
    response=Shape(
        "BestBidAskPriceResponse",
        (
            Out("getSymbol", "symbol", "str", "Symbol name"),
            Out("getBidPrice", "bid1Price", "float", "Best bid price"),
            Out("getBidQty", "bid1Size", "float", "Best bid size"),
            Out("getAskPrice", "ask1Price", "float", "Best ask price"),
            Out("getAskQty", "ask1Size", "float", "Best ask size"),
            t.time(),
        ),
        doc="The symbol's ticker (one item of result.list).",
    ),
    endpoint_base=f.PUBLIC,
    categories=f.SPOT,
    default_category=f.DEFAULT,
)
