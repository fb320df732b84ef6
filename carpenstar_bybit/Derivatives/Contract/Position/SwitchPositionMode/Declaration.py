"""``SwitchPositionMode``: one-way or hedge mode (V5 ``/v5/position/switch-mode``, linear only)."""

from __future__ import annotations

from typing import Any

from carpenstar_bybit.Core import Params as p
from carpenstar_bybit.Core.Declarations import Declaration, Integer, Param, Shape
from carpenstar_bybit.Core.Enums import EnumCategory, EnumPositionMode

LINEAR_COINS = ("USDT", "USDC")


def rules(request: Any, category: str | None) -> None:
    p.one_or_more(request, "symbol", "coin")
    if request.symbol is None and request.coin not in LINEAR_COINS:
        raise request.fail(
            "coin",
            f"must be a linear settle coin, USDT or USDC (got {request.coin!r}): V5 switches "
            "the position mode for category 'linear' only",
        )


DECLARATION = Declaration(
    name="SwitchPositionMode",
    package="Derivatives.Contract.Position",
    path="/v5/position/switch-mode",
    method="POST",
    private=True,
    summary=(
        "Switch one-way (0) / hedge (3) mode of a linear symbol, or of every symbol settled in a "
        "coin that has no position or open order; hedge mode is for USDT perpetuals only."
    ),
    params=(
        p.category(EnumCategory.LINEAR),
        p.symbol(),
        Param("Coin", "coin", p.COIN, "Settle coin (USDT, USDC): every symbol settled in it"),
        # PHP sent this as "positionMode", which no Bybit version took: the wire name is "mode".
        Param(
            "PositionMode",
            "mode",
            Integer(values=EnumPositionMode.MODE_LIST),
            "0 one-way (merged single), 3 hedge (both sides)",
            required=True,
            alias="Mode",  # the current PHP line's setMode/getMode
        ),
    ),
    response=Shape(
        "SwitchPositionModeResponse",
        (),
        root=None,
        doc="The answer of /v5/position/switch-mode: result is {}.",
    ),
    rules=rules,
    category_from=("symbol",),
    categories=(EnumCategory.LINEAR,),
    default_category=EnumCategory.LINEAR,
    refusal_hints={
        110029: "hedge mode (3) is for USDT perpetuals only; other contracts are one-way",
        110024: "close the positions and cancel the open orders of the symbol first",
    },
)
