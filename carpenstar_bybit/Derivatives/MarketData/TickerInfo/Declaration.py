"""``TickerInfo``: the latest prices and 24 h figures (V5 ``GET /v5/market/tickers``).

V5 renamed PHP's ``bidPrice``/``askPrice`` to ``bid1Price``/``ask1Price``; ``lastTickDirection``
is no longer sent over REST, so ``getLastTickDirection()`` returns None.
"""

from __future__ import annotations

from typing import Any

from carpenstar_bybit.Core import Params as p
from carpenstar_bybit.Core.Declarations import Declaration, Out, Param, Shape
from carpenstar_bybit.Core.Enums import EnumCategory as C
from carpenstar_bybit.Derivatives.MarketData._shared import PUBLIC


def rules(request: Any, category: str | None) -> None:
    for wire, value in (("baseCoin", request.base_coin), ("expDate", request.exp_date)):
        if value is not None and category != C.OPTION:
            raise request.fail(wire, f"is for category 'option' only (category is {category!r})")
    if category == C.OPTION and request.symbol is None and request.base_coin is None:
        raise request.fail("symbol", "or baseCoin is required for category 'option'")


DECLARATION = Declaration(
    name="TickerInfo",
    current=p.current_list("getTickerInfo", "TickerInfoResponseItem", one=True),
    package="Derivatives.MarketData",
    path="/v5/market/tickers",
    method="GET",
    private=False,
    summary="Latest price, best bid and ask, 24 h figures and funding of one symbol or all.",
    params=(
        p.category(),
        p.symbol(),
        Param("BaseCoin", "baseCoin", p.COIN, "Option only: base coin", php=False),
        Param("ExpDate", "expDate", p.EXP_DATE, "Option only: expiry, e.g. 25DEC22", php=False),
    ),
    response=Shape(
        "TickerInfoResponse",
        (
            Out("getSymbol", "symbol", "str", "Symbol name"),
            Out("getBidPrice", "bid1Price", "float", "Best bid price"),
            Out("getAskPrice", "ask1Price", "float", "Best ask price"),
            Out("getLastPrice", "lastPrice", "float", "Last traded price"),
            Out("getLastTickDirection", None, "str", "Not sent by V5 REST: always None"),
            Out("getPrevPrice24h", "prevPrice24h", "float", "Price 24 h ago"),
            Out("getPrice24hPcnt", "price24hPcnt", "float", "24 h change, a fraction"),
            Out("getHighPrice24h", "highPrice24h", "float", "Highest price in 24 h"),
            Out("getLowPrice24h", "lowPrice24h", "float", "Lowest price in 24 h"),
            Out("getPrevPrice1h", "prevPrice1h", "float", "Price an hour ago"),
            Out("getMarkPrice", "markPrice", "float", "Mark price (liquidations use it)"),
            Out("getIndexPrice", "indexPrice", "float", "Index price"),
            Out("getOpenInterests", "openInterest", "float", "Open interest, both sides"),
            Out("getTurnover24h", "turnover24h", "float", "Turnover in 24 h"),
            Out("getVolume24h", "volume24h", "float", "Volume in 24 h"),
            Out("getFundingRate", "fundingRate", "float", 'Funding rate (None: "")'),
            Out("getNextFundingTime", "nextFundingTime", "optdatetime", "Next funding (UTC)"),
            Out(
                "getPredictedDeliveryPrice",
                "predictedDeliveryPrice",
                "float",
                "Predicted delivery price (30 min before delivery)",
            ),
            Out("getBasisRate", "basisRate", "float", "Basis rate (futures)"),
            Out("getDeliveryFeeRate", "deliveryFeeRate", "float", "Delivery fee rate"),
            Out("getDeliveryTime", "deliveryTime", "optdatetime", "Delivery time; None for 0"),
            Out("getOpenInterestValue", "openInterestValue", "float", "Open interest value"),
            Out("getBid1Size", "bid1Size", "float", "Size at the best bid"),
            Out("getAsk1Size", "ask1Size", "float", "Size at the best ask"),
            Out("getBasis", "basis", "float", "Basis (futures)"),
            Out("getFundingIntervalHour", "fundingIntervalHour", "int", "Hours between fundings"),
            Out("getFundingCap", "fundingCap", "float", "Funding rate cap"),
            Out("getUsdIndexPrice", "usdIndexPrice", "float", "Spot only: USD index price"),
        ),
        doc="One ticker: an item of result.list.",
    ),
    rules=rules,
    category_from=("symbol",),
    categories=C.ALL,
    default_category=C.LINEAR,  # PHP's fixed category when nothing tells it
    php_interfaces=(("ITickerInfoResponse", "ITickerInfoResponseInterface"),),
    endpoint_base=PUBLIC,
)
