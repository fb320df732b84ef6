"""``Reedem`` (PHP's spelling): redeem a leverage token (V5 ``spot-lever-token/redeem``).

Retired by Bybit (4 July 2025).
"""

from __future__ import annotations

from carpenstar_bybit.Core.Declarations import Declaration, Number, Out, Param, Shape
from carpenstar_bybit.Core.Retry import NOT_IDEMPOTENT
from carpenstar_bybit.Spot.LeverageToken import _retired as r

DECLARATION = Declaration(
    name="Reedem",
    folder="Redeem",  # PHP's folder; its classes are spelt Reedem
    package="Spot.LeverageToken",
    path="/v5/spot-lever-token/redeem",
    method="POST",
    private=True,
    summary=r.summary("Redeem a quantity of a leverage token"),
    params=(
        r.lt_code(required=True),
        Param("LtQuantity", "quantity", Number(), "Quantity to redeem", required=True),
        r.serial_no(),
    ),
    response=Shape(
        "ReedemResponse",
        r.order_fields(
            Out("getId", "redeemId", "str", "Redemption order ID"),
            Out("getQuantity", "quantity", "float", "Quantity"),
        ),
        root=None,
        doc="The redemption: result is the single item.",
    ),
    deprecated=r.RETIRED,
    refusal_hints=r.HINTS,
    # A redemption sent twice redeems twice.
    replay=NOT_IDEMPOTENT,
)
