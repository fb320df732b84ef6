"""``InstrumentInfo``: what each instrument trades by (V5 ``GET /v5/market/instruments-info``).

Tick size, quantity step, minimum and maximum quantity and the leverage range sit in three nested
filters, one object each (PHP wrapped each in a one-item collection).
"""

from __future__ import annotations

from typing import Any

import attrs

from carpenstar_bybit.Core import Params as p
from carpenstar_bybit.Core.Declarations import Choice, Declaration, Out, Param, Shape
from carpenstar_bybit.Core.Enums import EnumCategory as C
from carpenstar_bybit.Core.Enums import EnumInstrumentStatus, EnumSymbolType
from carpenstar_bybit.Derivatives.MarketData._shared import PUBLIC


def rules(request: Any, category: str | None) -> None:
    if request.base_coin is not None and category == C.SPOT:
        raise request.fail("baseCoin", "is not supported for category 'spot'")
    if request.symbol_type is not None and category == C.OPTION:
        raise request.fail("symbolType", "is not supported for category 'option'")


LOT_SIZE = Shape(
    "LotSizeFilterItemResponse",
    (
        Out("getMaxOrderQty", "maxOrderQty", "float", "Largest quantity of a limit order"),
        Out("getMinOrderQty", "minOrderQty", "float", "Smallest quantity of an order"),
        Out("getQtyStep", "qtyStep", "float", "Quantity step: a quantity is a multiple of it"),
        Out("getMaxMktOrderQty", "maxMktOrderQty", "float", "Largest quantity of a market order"),
        Out("getMinNotionalValue", "minNotionalValue", "float", "Smallest order value"),
        Out("getPostOnlyMaxOrderQty", "postOnlyMaxOrderQty", "float", "Deprecated by Bybit"),
    ),
    root=None,
    doc="lotSizeFilter: the quantity rules of an instrument.",
)
PRICE = Shape(
    "PriceFilterItemResponse",
    (
        Out("getMinPrice", "minPrice", "float", "Lowest order price"),
        Out("getMaxPrice", "maxPrice", "float", "Highest order price"),
        Out("getTickSize", "tickSize", "float", "Price step: a price is a multiple of it"),
    ),
    root=None,
    doc="priceFilter: the price rules of an instrument.",
)
LEVERAGE = Shape(
    "LeverageFilterItemResponse",
    (
        Out("getMinLeverage", "minLeverage", "int", "Lowest leverage"),
        Out("getMaxLeverage", "maxLeverage", "float", "Highest leverage"),
        Out("getLeverageStep", "leverageStep", "float", "Leverage step"),
    ),
    root=None,
    doc="leverageFilter: the leverage range of a contract.",
)

DECLARATION = Declaration(
    name="InstrumentInfo",
    current=p.current_list(
        "getInstrumentInfoList",
        "InstrumentInfoResponseItem",
        one=True,
        aliases=(
            ("LotSizeFilterResponseItem", "LotSizeFilterItemResponse"),
            ("PriceFilterResponseItem", "PriceFilterItemResponse"),
            ("LeverageFilterResponseItem", "LeverageFilterItemResponse"),
        ),
    ),
    package="Derivatives.MarketData",
    path="/v5/market/instruments-info",
    method="GET",
    private=False,
    summary=(
        "Instruments with their price, lot and leverage filters; without a symbol every one "
        "of the category, a page at a time (getNextPageCursor)."
    ),
    params=(
        p.symbol(),
        attrs.evolve(p.category(), php=True),
        p.limit(1000),
        p.cursor(),
        Param(
            "Status",
            "status",
            Choice(EnumInstrumentStatus.STATUS_LIST),
            "Only instruments in this state (default: Trading)",
            php=False,
        ),
        Param("BaseCoin", "baseCoin", p.COIN, "Only this base coin (not for spot)", php=False),
        Param(
            "SymbolType",
            "symbolType",
            Choice(EnumSymbolType.SYMBOL_TYPE_LIST),
            "Only this region of symbols (not for option)",
            php=False,
        ),
    ),
    response=Shape(
        "InstrumentInfoResponse",
        (
            Out("getSymbol", "symbol", "optstr", "Symbol name"),
            Out("getContractType", "contractType", "optstr", "LinearPerpetual, InverseFutures, …"),
            Out("getStatus", "status", "optstr", "Trading, PreLaunch, Delivering, Closed"),
            Out("getBaseCoin", "baseCoin", "optstr", "Base coin, e.g. BTC"),
            Out("getQuoteCoin", "quoteCoin", "optstr", "Quote coin, e.g. USDT"),
            Out("getSettleCoin", "settleCoin", "optstr", "Settle coin, e.g. USDT"),
            Out("getLaunchTime", "launchTime", "optdatetime", "When trading began (UTC)"),
            Out(
                "getDeliveryTime",
                "deliveryTime",
                "optdatetime",
                "Delivery (futures) or delisting (perpetuals) time; None for 0",
            ),
            Out("getDeliveryFeeRate", "deliveryFeeRate", "float", 'Delivery fee rate (None: "")'),
            Out("getPriceScale", "priceScale", "float", "Decimal places of the price"),
            Out("getUnifiedMarginTrade", "unifiedMarginTrade", "bool", "Unified account trades it"),
            Out("getFundingInterval", "fundingInterval", "int", "Minutes between fundings"),
            Out("getLotSizeFilter", "lotSizeFilter", "str", "Quantity rules", shape=LOT_SIZE),
            Out("getPriceFilter", "priceFilter", "str", "Price rules", shape=PRICE),
            Out("getLeverageFilter", "leverageFilter", "str", "Leverage range", shape=LEVERAGE),
            Out("getSymbolType", "symbolType", "optstr", "Region of the symbol (V5)"),
            Out("getCopyTrading", "copyTrading", "optstr", "none, both, utaOnly, normalOnly"),
            Out("getUpperFundingRate", "upperFundingRate", "float", "Funding rate cap"),
            Out("getLowerFundingRate", "lowerFundingRate", "float", "Funding rate floor"),
            Out("getIsPreListing", "isPreListing", "bool", "A pre-market contract"),
            Out("getDisplayName", "displayName", "optstr", "Name shown on the website"),
            Out(
                "getNextPageCursor",
                None,
                "str",
                "The current PHP line's item getter: an item has no cursor; the answer's is "
                "SuccessResponse.getNextPageCursor()",
            ),
        ),
        doc="One instrument: an item of result.list.",
    ),
    rules=rules,
    category_from=("symbol",),
    categories=C.ALL,
    default_category=C.LINEAR,  # PHP's default when nothing tells it
    php_interfaces=(
        ("IInstrumentInfoRequest", "IInstrumentInfoRequestInterface"),
        ("IInstrumentInfoResponse", "IInstrumentInfoResponseInterface"),
        ("ILotSizeFilterItem", "ILotSizeFilterItemResponseInterface"),
        ("IPriceFilterItem", "IPriceFilterItemResponseInterface"),
        # the current PHP line's names
        ("ILotSizeFilterItemInterface", "ILotSizeFilterItemResponseInterface"),
        ("IPriceFilterItemInterface", "IPriceFilterItemResponseInterface"),
        ("ILeverageFilterItemInterface", "ILeverageFilterItemResponseInterface"),
        ("ILeverageFilterItem", "ILeverageFilterItemResponseInterface"),
    ),
    endpoint_base=PUBLIC,
)
