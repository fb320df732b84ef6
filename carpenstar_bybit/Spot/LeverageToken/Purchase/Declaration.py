"""``Purchase``: buy a leverage token (PHP: v3 ``purchase``; V5 ``spot-lever-token/purchase``).

Retired by Bybit (4 July 2025).
"""

from __future__ import annotations

from carpenstar_bybit.Core.Declarations import Declaration, Number, Out, Param, Shape
from carpenstar_bybit.Core.Retry import NOT_IDEMPOTENT
from carpenstar_bybit.Spot.LeverageToken import _retired as r

DECLARATION = Declaration(
    name="Purchase",
    package="Spot.LeverageToken",
    path="/v5/spot-lever-token/purchase",
    method="POST",
    private=True,
    summary=r.summary("Buy a leverage token for an amount of its value coin"),
    params=(
        r.lt_code(required=True),
        Param("LtAmount", "ltAmount", Number(), "Amount to spend", required=True),
        r.serial_no(),
    ),
    response=Shape(
        "PurchaseResponse",
        r.order_fields(
            Out("getId", "purchaseId", "str", "Purchase order ID"),
            Out("getAmount", "amount", "float", "Amount"),
        ),
        root=None,
        doc="The purchase: result is the single item.",
    ),
    deprecated=r.RETIRED,
    refusal_hints=r.HINTS,
    # A purchase sent twice buys twice.
    replay=NOT_IDEMPOTENT,
)
