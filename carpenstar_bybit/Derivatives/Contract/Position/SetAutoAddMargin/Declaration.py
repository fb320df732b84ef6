"""``SetAutoAddMargin``: auto-add-margin of an isolated-margin position (V5, linear only)."""

from __future__ import annotations

from typing import Any

from carpenstar_bybit.Core import Params as p
from carpenstar_bybit.Core.Declarations import Declaration, Integer, Param, Shape
from carpenstar_bybit.Core.Enums import EnumAutoAddMargin, EnumCategory, EnumPositionIdx, EnumSide
from carpenstar_bybit.Core.Retry import IDEMPOTENT

# The hedge-mode position each side names (V5 identifies it by positionIdx alone).
SIDE_IDX = {EnumSide.BUY: EnumPositionIdx.HEDGE_BUY, EnumSide.SELL: EnumPositionIdx.HEDGE_SELL}


def rules(request: Any, category: str | None) -> None:
    side, idx = request.side, request.position_idx
    if side is not None and idx not in (None, EnumPositionIdx.ONE_WAY) and SIDE_IDX[side] != idx:
        raise request.fail(
            "side", f"{side} does not match positionIdx {idx} (1 is the Buy side, 2 the Sell side)"
        )


DECLARATION = Declaration(
    name="SetAutoAddMargin",
    package="Derivatives.Contract.Position",
    path="/v5/position/set-auto-add-margin",
    method="POST",
    private=True,
    summary=(
        "Turn auto-add-margin off (0) or on (1) for an isolated-margin linear position; hedge "
        "mode names the position by positionIdx."
    ),
    params=(
        p.category(EnumCategory.LINEAR),
        p.symbol(required=True),
        Param(
            "Side",
            "side",
            p.SIDE,
            "PHP's side: checked against positionIdx, not sent (V5 has no side here)",
            sent=False,
        ),
        Param(
            "AutoAddMargin",
            "autoAddMargin",
            Integer(values=EnumAutoAddMargin.AUTO_ADD_MARGIN_LIST),
            "0 off, 1 on",
            required=True,
        ),
        Param(
            "PositionIdx",
            "positionIdx",
            p.POSITION_IDX,
            "0 one-way, 1 hedge Buy, 2 hedge Sell; needed in hedge mode",
        ),
    ),
    response=Shape(
        "SetAutoAddMarginResponse",
        (),
        root=None,
        doc="The answer of /v5/position/set-auto-add-margin: result is {}.",
    ),
    rules=rules,
    category_from=("symbol",),
    categories=(EnumCategory.LINEAR,),
    # Sets autoAddMargin to a value: sent twice, the same state (the second may answer
    # "not modified").
    replay=IDEMPOTENT,
)
