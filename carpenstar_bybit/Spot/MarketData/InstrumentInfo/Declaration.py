"""``InstrumentInfo``: spot symbols (PHP: v3 ``/spot/v3/public/symbols``, no request).

V5 ``/v5/market/instruments-info`` nests the lot and price filters; the flat v3 getters read them
(``lotSizeFilter.basePrecision``, …). PHP sent no request: every setter here is V5's.
"""

from __future__ import annotations

from carpenstar_bybit.Core import Params as p
from carpenstar_bybit.Core.Declarations import Declaration, Out, Shape
from carpenstar_bybit.Spot import _fields as f

DECLARATION = Declaration(
    name="InstrumentInfo",
    # the current PHP line: <Name>Response wraps result, items are <Name>ResponseItem
    current=p.current_list("getInstrumentInfoList", "InstrumentInfoResponseItem"),
    package="Spot.MarketData",
    path="/v5/market/instruments-info",
    method="GET",
    private=False,
    summary="The spot symbols and their trading rules (all of them unless setSymbol).",
    params=(f.category(), p.symbol(php=False), p.limit(1000, php=False), p.cursor(php=False)),
    response=Shape(
        "InstrumentInfoResponse",
        (
            Out("getName", "symbol", "str", "Symbol name"),
            Out("getAlias", None, "str", "v3 alias: V5 has no such field"),
            Out("getBaseCoin", "baseCoin", "str", "Base coin"),
            Out("getQuoteCoin", "quoteCoin", "str", "Quote coin"),
            Out("getBasePrecision", "lotSizeFilter.basePrecision", "float", "Base coin precision"),
            Out("getQuotePrecision", "lotSizeFilter.quotePrecision", "float", "Quote precision"),
            Out("getMinTradeQty", "lotSizeFilter.minOrderQty", "float", "Least order quantity"),
            Out("getMinTradeAmt", "lotSizeFilter.minOrderAmt", "float", "Least order value"),
            Out("getMaxTradeQty", "lotSizeFilter.maxOrderQty", "float", "Most order quantity"),
            Out("getMaxTradeAmt", "lotSizeFilter.maxOrderAmt", "float", "Most order value"),
            Out("getMinPricePrecision", "priceFilter.tickSize", "float", "Price step"),
            Out("getCategory", None, "int", "v3 category: V5 has no such field"),
            Out("getShowStatus", "status", "str", "V5 status: Trading, … (v3 showStatus 1/0)"),
            Out("getInnovation", "innovation", "int", "1: innovation zone, 0: not"),
            # V5 fields v3 did not have (additive; flat as the v3 getters).
            Out("getSymbolId", "symbolId", "int", "Symbol ID"),
            Out("getSymbolType", "symbolType", "str", "Region of the pair (replaces innovation)"),
            Out(
                "getXstockMultiplier",
                "xstockMultiplier",
                "float",
                "xStocks pairs: stock price = token price / multiplier",
            ),
            Out("getMarginTrading", "marginTrading", "str", "none, both, utaOnly, normalSpotOnly"),
            Out("getStTag", "stTag", "str", "1: special treatment label, 0: none"),
            Out(
                "getMaxLimitOrderQty",
                "lotSizeFilter.maxLimitOrderQty",
                "float",
                "Most Limit order quantity (Post-only and RPI: 5x)",
            ),
            Out(
                "getMaxMarketOrderQty",
                "lotSizeFilter.maxMarketOrderQty",
                "float",
                "Most Market order quantity",
            ),
            Out(
                "getPostOnlyMaxLimitOrderSize",
                "lotSizeFilter.postOnlyMaxLimitOrderSize",
                "float",
                "Most Post-only or RPI limit order size",
            ),
            Out(
                "getPriceLimitRatioX",
                "riskParameters.priceLimitRatioX",
                "float",
                "Price limit ratio X",
            ),
            Out(
                "getPriceLimitRatioY",
                "riskParameters.priceLimitRatioY",
                "float",
                "Price limit ratio Y",
            ),
        ),
        doc="One spot symbol (an item of result.list).",
    ),
    endpoint_base=f.PUBLIC,
    php_interfaces=(("IInstrumentInfoResponse", "IInstrumentInfoResponseInterface"),),
    categories=f.SPOT,
    default_category=f.DEFAULT,
)
