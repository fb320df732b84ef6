"""``Reedem`` (PHP's spelling): redeem a leverage token (V5 ``spot-lever-token/redeem``).

Retired by Bybit (4 July 2025).
"""

from __future__ import annotations

from carpenstar_bybit.Core.Declarations import Declaration, Number, Out, Param, Shape
from carpenstar_bybit.Spot.LeverageToken import _retired as r

DECLARATION = Declaration(
    name="Reedem",
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
        (
            Out("getId", "redeemId", "str", "Redemption order ID"),
            Out("getLtCode", "ltCoin", "str", "Leverage token"),
            Out("getOrderAmount", "execAmt", "float", "Executed amount (closest to v3's)"),
            Out("getOrderQuantity", "execQty", "float", "Executed quantity (closest to v3's)"),
            Out("getOrderStatus", "ltOrderStatus", "int", "1 done, 2 in progress, 3 failed"),
            Out("getQuantity", "quantity", "float", "Quantity"),
            Out("getSerialNo", "serialNo", "str", "Serial number"),
            Out("getValueCoin", "valueCoin", "str", "Quote coin"),
            Out("getTimestamp", None, "datetime", "v3 timestamp: V5 has no such field"),
        ),
        root=None,
        doc="The redemption: result is the single item.",
    ),
    deprecated=r.RETIRED,
    refusal_hints=r.HINTS,
)
