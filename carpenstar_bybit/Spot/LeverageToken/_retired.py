"""What the five leverage-token declarations share: Bybit retired the service.

Bybit delisted its BTC and ETH leveraged tokens and terminated the API service on 4 July 2025
(V5 changelog, 2025-06-30). The calls still go to ``/v5/spot-lever-token/*`` so a PHP bot ports
unchanged, but every call warns, and a refusal says plainly why.
"""

from __future__ import annotations

from carpenstar_bybit.Core import Params as p
from carpenstar_bybit.Core.Declarations import Out, Param, Text

RETIRED = (
    "Bybit retired the leverage-token service on 4 July 2025 (its tokens were delisted): "
    "this call is answered with an error"
)
# What Bybit answers a path it no longer routes: 10017 "Route not found" (HTTP 404).
HINTS = {10017: RETIRED, 404: RETIRED}
LT_COIN = Text(
    pattern=r"[A-Z0-9]{1,20}",
    rule="must be an uppercase leverage token such as BTC3L",
    upper=True,
    example="BTC3L",
)


def lt_code(required: bool = False) -> Param:
    return Param("LtCode", "ltCoin", LT_COIN, "Leverage token, e.g. BTC3L", required=required)


def serial_no() -> Param:
    return Param("SerialNo", "serialNo", p.ORDER_LINK_ID, "Your serial number, unique")


def summary(what: str) -> str:
    return f"{what}. Retired: Bybit took the leverage-token service offline on 4 July 2025."


def order_fields(id_getter: Out, *middle: Out) -> tuple[Out, ...]:
    """A purchase's or redemption's answer: its id, then the fields both share around ``middle``."""
    return (
        id_getter,
        Out("getLtCode", "ltCoin", "str", "Leverage token"),
        *middle,
        Out("getOrderAmount", "execAmt", "float", "Executed amount (closest to v3's)"),
        Out("getOrderQuantity", "execQty", "float", "Executed quantity (closest to v3's)"),
        Out("getOrderStatus", "ltOrderStatus", "int", "1 done, 2 in progress, 3 failed"),
        Out("getSerialNo", "serialNo", "str", "Serial number"),
        Out("getValueCoin", "valueCoin", "str", "Quote coin"),
        Out("getTimestamp", None, "datetime", "v3 timestamp: V5 has no such field"),
    )
