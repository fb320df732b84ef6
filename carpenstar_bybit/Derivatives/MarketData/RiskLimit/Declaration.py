"""``RiskLimit``: the risk-limit tiers of contracts (V5 ``GET /v5/market/risk-limit``).

V5 renamed three fields PHP read: ``limit`` → ``riskLimitValue``, ``maintainMargin`` →
``maintenanceMargin``; PHP read ``isLowerRisk`` where the exchange always sent ``isLowestRisk``.
"""

from __future__ import annotations

from carpenstar_bybit.Core import Params as p
from carpenstar_bybit.Core.Declarations import CurrentLine, Declaration, Out, Shape
from carpenstar_bybit.Core.Enums import EnumCategory as C
from carpenstar_bybit.Derivatives.MarketData._shared import PUBLIC

CATEGORIES = (C.LINEAR, C.INVERSE)

DECLARATION = Declaration(
    name="RiskLimit",
    current=CurrentLine(
        "getRiskLimitList",
        "RiskLimitsResponseItem",
        (Out("getCursor", "nextPageCursor", "str", "Cursor of the next page ('' on the last)"),),
    ),
    package="Derivatives.MarketData",
    path="/v5/market/risk-limit",
    method="GET",
    private=False,
    summary=(
        "Risk-limit tiers of a contract, or of every contract of the category a page at a "
        "time (getNextPageCursor)."
    ),
    params=(
        p.symbol(),
        p.category(*CATEGORIES),
        p.cursor(),  # the current PHP line has setCursor,
    ),
    response=Shape(
        "RiskLimitsResponse",
        (
            Out("getId", "id", "str", "Tier ID"),
            Out("getSymbol", "symbol", "str", "Symbol name"),
            Out("getLimit", "riskLimitValue", "int", "Position limit of the tier"),
            Out("getMaintainMargin", "maintenanceMargin", "float", "Maintenance margin rate"),
            Out("getInitialMargin", "initialMargin", "float", "Initial margin rate"),
            Out("getIsLowerRisk", "isLowestRisk", "int", "1 for the lowest tier, else 0"),
            Out("getMaxLeverage", "maxLeverage", "float", "Highest leverage of the tier"),
            Out("getRiskLimitValue", "riskLimitValue", "int", "Position limit (V5 name)"),
            Out("getMaintenanceMargin", "maintenanceMargin", "float", "Same (V5 name)"),
            Out("getIsLowestRisk", "isLowestRisk", "int", "Same (V5 name)"),
            Out("getMmDeduction", "mmDeduction", "float", "Maintenance margin deduction"),
        ),
        setters=("getMaxLeverage",),  # PHP's public item setters
        doc="One risk-limit tier: an item of result.list.",
    ),
    category_from=("symbol",),
    categories=CATEGORIES,
    default_category=C.LINEAR,  # PHP's fixed category when nothing tells it
    request_name="RiskLimitsRequest",
    php_interfaces=(
        ("IRiskLimitsRequestInterface", "IRiskLimitRequestInterface"),
        ("IRiskLimitsResponse", "IRiskLimitResponseInterface"),
        ("IRiskLimitsResponseInterface", "IRiskLimitResponseInterface"),
    ),
    endpoint_base=PUBLIC,
)
