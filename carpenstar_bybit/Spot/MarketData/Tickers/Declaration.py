"""``Tickers``: 24-hour tickers (PHP: v3 ``quote/ticker/24hr``; V5 ``/v5/market/tickers``)."""

from __future__ import annotations

from carpenstar_bybit.Core.Declarations import Declaration, Out, Shape
from carpenstar_bybit.Derivatives.MarketData.TickerInfo.Declaration import DECLARATION as V5
from carpenstar_bybit.Spot import _fields as f
from carpenstar_bybit.Spot.MarketData import _tickers as t

DECLARATION = Declaration(
    name="Tickers",
    package="Spot.MarketData",
    path=t.PATH,
    method="GET",
    private=False,
    summary="24-hour tickers of one spot symbol, or of every one.",
    params=t.params(symbol_required=False),
    response=Shape(
        "TickersResponse",
        f.with_v5(
            (
                t.time(),
                Out("getSymbol", "symbol", "str", "Symbol name"),
                Out("getLastTradedPrice", "lastPrice", "float", "Last traded price"),
                Out("getHighPrice", "highPrice24h", "float", "Highest price in 24 hours"),
                Out("getLowPrice", "lowPrice24h", "float", "Lowest price in 24 hours"),
                Out(
                    "getOpenPrice", "prevPrice24h", "float", "Price 24 hours ago (v3 open, closest)"
                ),
                Out("getBestBidPrice", "bid1Price", "float", "Best bid price"),
                Out("getBestAskPrice", "ask1Price", "float", "Best ask price"),
                Out("getTradingVolume", "volume24h", "float", "Volume in 24 hours (base coin)"),
                Out(
                    "getTradingQuoteVolume", "turnover24h", "float", "Turnover in 24 hours (quote)"
                ),
            ),
            V5.response,
            only=("bid1Size", "ask1Size", "price24hPcnt", "usdIndexPrice"),  # the spot tab's rest
        ),
        doc="One symbol's ticker (an item of result.list).",
    ),
    endpoint_base=f.PUBLIC,
    php_interfaces=(("ITickerRequestInterface", "ITickersRequestInterface"),),
    categories=f.SPOT,
    default_category=f.DEFAULT,
)
