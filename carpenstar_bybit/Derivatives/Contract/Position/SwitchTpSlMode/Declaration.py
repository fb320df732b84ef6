"""``SwitchTpSlMode``: a symbol's default TP/SL mode — a default only since TP/SL is per order."""

from __future__ import annotations

from carpenstar_bybit.Core import Params as p
from carpenstar_bybit.Core.Declarations import Declaration, Out, Param, Shape
from carpenstar_bybit.Core.Enums import EnumCategory
from carpenstar_bybit.Core.Retry import IDEMPOTENT

CATEGORIES = (EnumCategory.LINEAR, EnumCategory.INVERSE)
INSTEAD = (
    "SwitchTpSlMode only sets a symbol's default since Bybit made TP/SL per order: pass "
    "tpslMode to SetTradingStop (where V5 requires it) or to the order instead"
)

DECLARATION = Declaration(
    name="SwitchTpSlMode",
    package="Derivatives.Contract.Position",
    path="/v5/position/set-tpsl-mode",
    method="POST",
    private=True,
    summary=(
        "Deprecated by Bybit: set the TP/SL mode used when an order does not name one "
        "(a DeprecationWarning on every call)."
    ),
    params=(
        p.category(*CATEGORIES),
        p.symbol(required=True),
        # tpSlMode with a capital S here; trading-stop's is tpslMode.
        Param("TpSlMode", "tpSlMode", p.TPSL_MODE, "Full or Partial", required=True),
    ),
    response=Shape(
        "SwitchTpSlModeResponse",
        (Out("getTpSlMode", "tpSlMode", "str", "The mode now set"),),
        root=None,
        doc="The answer of /v5/position/set-tpsl-mode: result is the single item.",
    ),
    category_from=("symbol",),
    categories=CATEGORIES,
    deprecated=INSTEAD,
    refusal_hints={100028: INSTEAD, 110055: INSTEAD},
    # Sets the mode: sent twice, the same mode.
    replay=IDEMPOTENT,
)
