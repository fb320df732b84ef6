"""``Purchase``: buy a leverage token (PHP: v3 ``purchase``; V5 ``spot-lever-token/purchase``).

Retired by Bybit (4 July 2025).
"""

from __future__ import annotations

from carpenstar_bybit.Core.Declarations import Declaration, Number, Out, Param, Shape
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
        (
            Out("getId", "purchaseId", "str", "Purchase order ID"),
            Out("getLtCode", "ltCoin", "str", "Leverage token"),
            Out("getAmount", "amount", "float", "Amount"),
            Out("getOrderAmount", "execAmt", "float", "Executed amount (closest to v3's)"),
            Out("getOrderQuantity", "execQty", "float", "Executed quantity (closest to v3's)"),
            Out("getOrderStatus", "ltOrderStatus", "int", "1 done, 2 in progress, 3 failed"),
            Out("getSerialNo", "serialNo", "str", "Serial number"),
            Out("getValueCoin", "valueCoin", "str", "Quote coin"),
            Out("getTimestamp", None, "datetime", "v3 timestamp: V5 has no such field"),
        ),
        root=None,
        doc="The purchase: result is the single item.",
    ),
    deprecated=r.RETIRED,
    refusal_hints=r.HINTS,
)
