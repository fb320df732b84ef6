"""How a V5 category is told from a v3-style request (a symbol or a settle coin).

The field rules themselves are the kinds of ``Core.Declarations`` and ``Core.Params``.
"""

from __future__ import annotations

import re

# Option symbols: BASE-DDMMMYY-STRIKE-C|P, maybe with a settle suffix (BTC-27DEC24-90000-C-USDT).
_OPTION_SYMBOL = re.compile(r"[A-Z0-9]+-\d{1,2}[A-Z]{3}\d{2}-\d+(?:\.\d+)?-[CP](?:-[A-Z]+)?")
# Inverse futures: BTCUSD + month code + two-digit year (BTCUSDZ24, ETHUSDH25).
_INVERSE_FUTURES = re.compile(r"[A-Z0-9]+USD[FGHJKMNQUVXZ]\d{2}")

LINEAR, INVERSE, SPOT, OPTION = "linear", "inverse", "spot", "option"
CATEGORIES = (LINEAR, INVERSE, SPOT, OPTION)


def category_from_symbol(value: str) -> str | None:
    if _OPTION_SYMBOL.fullmatch(value):
        return OPTION
    if "-" in value or value.endswith(("USDT", "USDC", "PERP")):
        return LINEAR
    if value.endswith("USD") or _INVERSE_FUTURES.fullmatch(value):
        return INVERSE
    return None


def category_from_settle_coin(value: str) -> str:
    return LINEAR if value in ("USDT", "USDC") else INVERSE


__all__ = [
    "CATEGORIES",
    "INVERSE",
    "LINEAR",
    "OPTION",
    "SPOT",
    "category_from_settle_coin",
    "category_from_symbol",
]
