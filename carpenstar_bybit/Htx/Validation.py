"""Value sets and contract-code kinds of the HTX requests."""

from __future__ import annotations

from carpenstar_bybit.Core.Declarations import Text

SIDES = ("buy", "sell")
POSITION_SIDES = ("long", "short", "both")
DIRECTIONS = ("buy", "sell")
OFFSETS = ("open", "close")

# HTX contract codes are case-insensitive: the request keeps and sends the uppercase form.
# USDT-margined (v5): BTC-USDT, or a dated future BTC-USDT-241115.
CONTRACT_CODE = Text(
    pattern=r"[A-Z0-9]{1,20}-[A-Z0-9]{1,10}(?:-[A-Z0-9]{1,10})?",
    rule="must be a contract code like 'BTC-USDT' or 'BTC-USDT-241115'",
    to_upper=True,
    example="BTC-USDT",
)
# Coin-margined swaps are all quoted in USD: BTC-USD.
COIN_SWAP_CONTRACT_CODE = Text(
    pattern=r"[A-Z0-9]{1,20}-USD",
    rule="must be a contract code like 'BTC-USD' (coin-margined swap)",
    to_upper=True,
    example="BTC-USD",
)


__all__ = [
    "COIN_SWAP_CONTRACT_CODE",
    "CONTRACT_CODE",
    "DIRECTIONS",
    "OFFSETS",
    "POSITION_SIDES",
    "SIDES",
]
