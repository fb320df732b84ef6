"""``SwitchCrossIsolatedMargin``: per-symbol cross/isolated margin — not for unified accounts."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from carpenstar_bybit.Core import Params as p
from carpenstar_bybit.Core.Declarations import Declaration, Integer, Param, Shape
from carpenstar_bybit.Core.Enums import EnumCategory, EnumTradeMode
from carpenstar_bybit.Core.Retry import IDEMPOTENT
from carpenstar_bybit.Derivatives.Contract.Position.SetLeverage.Declaration import at_least_one

CATEGORIES = (EnumCategory.LINEAR, EnumCategory.INVERSE)
INSTEAD = (
    "unified accounts refuse SwitchCrossIsolatedMargin (retCode 100028): the margin mode is "
    "account-wide now, set with POST /v5/account/set-margin-mode (setMarginMode "
    "ISOLATED_MARGIN or REGULAR_MARGIN for cross)"
)


def rules(request: Any, category: str | None) -> None:
    at_least_one(request, "buyLeverage", "sellLeverage")
    if Decimal(request.buy_leverage) != Decimal(request.sell_leverage):
        raise request.fail(
            "sellLeverage",
            f"must equal buyLeverage ({request.sell_leverage} != {request.buy_leverage})",
        )


DECLARATION = Declaration(
    name="SwitchCrossIsolatedMargin",
    package="Derivatives.Contract.Position",
    path="/v5/position/switch-isolated",
    method="POST",
    private=True,
    summary=(
        "Deprecated by Bybit: switch one symbol between cross (0) and isolated (1) margin; "
        "unified accounts refuse it (a DeprecationWarning on every call)."
    ),
    params=(
        p.category(*CATEGORIES),
        p.symbol(required=True),
        Param(
            "TradeMode",
            "tradeMode",
            Integer(values=EnumTradeMode.TRADE_MODE_LIST),
            "0 cross margin, 1 isolated margin",
            required=True,
        ),
        Param(
            "BuyLeverage",
            "buyLeverage",
            p.LEVERAGE,
            "Buy leverage, equal to sellLeverage",
            required=True,
        ),
        Param(
            "SellLeverage",
            "sellLeverage",
            p.LEVERAGE,
            "Sell leverage, equal to buyLeverage",
            required=True,
        ),
    ),
    response=Shape(
        "SwitchCrossIsolatedMarginResponse",
        (),
        root=None,
        doc="The answer of /v5/position/switch-isolated: result is {}.",
    ),
    rules=rules,
    category_from=("symbol",),
    categories=CATEGORIES,
    deprecated=INSTEAD,
    refusal_hints={100028: INSTEAD},
    # Sets the margin mode: sent twice, the same mode (the second may answer 110026).
    replay=IDEMPOTENT,
)
