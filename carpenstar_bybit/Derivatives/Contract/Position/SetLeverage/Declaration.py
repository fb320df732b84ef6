"""``SetLeverage``: a symbol's buy and sell leverage (V5 ``/v5/position/set-leverage``)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from carpenstar_bybit.Core import Params as p
from carpenstar_bybit.Core.Declarations import Declaration, Param, Shape
from carpenstar_bybit.Core.Enums import EnumCategory
from carpenstar_bybit.Core.Retry import IDEMPOTENT

CATEGORIES = (EnumCategory.LINEAR, EnumCategory.INVERSE)


def at_least_one(request: Any, *wires: str) -> None:
    """V5 takes leverage in [1, the symbol's maximum]; v3 allowed (0, 1)."""
    for wire in wires:
        value = request._value(wire)
        if value is not None and Decimal(value) < 1:
            raise request.fail(wire, f"must be at least 1 (got {value!r})")


def rules(request: Any, category: str | None) -> None:
    at_least_one(request, "buyLeverage", "sellLeverage")
    buy, sell = Decimal(request.buy_leverage), Decimal(request.sell_leverage)
    if category == EnumCategory.INVERSE and buy != sell:
        raise request.fail(
            "sellLeverage",
            f"must equal buyLeverage for category 'inverse' (one-way only; {sell} != {buy})",
        )


DECLARATION = Declaration(
    name="SetLeverage",
    package="Derivatives.Contract.Position",
    path="/v5/position/set-leverage",
    method="POST",
    private=True,
    summary=(
        "Set a symbol's leverage, 1 to its maximum; one-way positions and cross margin need "
        "buyLeverage = sellLeverage (retCode 110043: already that value)."
    ),
    params=(
        p.category(*CATEGORIES),
        p.symbol(required=True),
        Param(
            "BuyLeverage",
            "buyLeverage",
            p.LEVERAGE,
            "Leverage of the Buy side, >= 1",
            required=True,
        ),
        Param(
            "SellLeverage",
            "sellLeverage",
            p.LEVERAGE,
            "Leverage of the Sell side, >= 1",
            required=True,
        ),
    ),
    response=Shape(
        "SetLeverageResponse",
        (),
        root=None,
        doc="The answer of /v5/position/set-leverage: result is {}.",
    ),
    rules=rules,
    category_from=("symbol",),
    categories=CATEGORIES,
    # Sets the leverage: sent twice, the same leverage (the second may answer 110043).
    replay=IDEMPOTENT,
)
