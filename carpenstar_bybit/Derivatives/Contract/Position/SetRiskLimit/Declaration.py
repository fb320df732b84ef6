"""``SetRiskLimit``: a position's risk tier — without effect since Bybit's automatic risk limits."""

from __future__ import annotations

from carpenstar_bybit.Core import Params as p
from carpenstar_bybit.Core.Declarations import Declaration, Integer, Out, Param, Shape
from carpenstar_bybit.Core.Enums import EnumCategory
from carpenstar_bybit.Core.Retry import IDEMPOTENT

CATEGORIES = (EnumCategory.LINEAR, EnumCategory.INVERSE)
INSTEAD = (
    "SetRiskLimit has had no effect since Bybit's automatic risk limits (2024-03-12): the "
    "exchange may answer OK and change nothing; the tier follows the position size, read it "
    "with MyPosition getRiskId()/getRiskLimitValue()"
)

DECLARATION = Declaration(
    name="SetRiskLimit",
    package="Derivatives.Contract.Position",
    path="/v5/position/set-risk-limit",
    method="POST",
    private=True,
    summary=(
        "Deprecated by Bybit: asks for a risk tier, which automatic risk limits ignore "
        "(a DeprecationWarning on every call)."
    ),
    params=(
        p.category(*CATEGORIES),
        p.symbol(required=True),
        Param(
            "RiskId",
            "riskId",
            Integer(low=1),
            "Risk tier ID (GET /v5/market/risk-limit)",
            required=True,
        ),
        Param(
            "PositionIdx",
            "positionIdx",
            p.POSITION_IDX,
            "0 one-way, 1 hedge Buy, 2 hedge Sell (needed in hedge mode)",
        ),
    ),
    response=Shape(
        "SetRiskLimitResponse",
        (
            Out("getRiskId", "riskId", "int", "The risk tier ID the exchange reports"),
            Out("getRiskLimitValue", "riskLimitValue", "str", "Its risk limit value"),
            Out("getCategory", "category", "str", "Category"),
        ),
        root=None,
        doc="The answer of /v5/position/set-risk-limit: result is the single item.",
    ),
    category_from=("symbol",),
    categories=CATEGORIES,
    deprecated=INSTEAD,
    refusal_hints={100028: INSTEAD, 110075: INSTEAD},
    # Sets the risk limit id: sent twice, the same limit.
    replay=IDEMPOTENT,
)
