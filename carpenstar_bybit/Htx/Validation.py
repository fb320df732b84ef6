"""Field rules of the HTX request DTOs (on top of ``Core.Validation``).

Failures are ``SDKException`` naming ``<Request>.<field>`` and the rule, or ``SDKTypeError`` for a
value of the wrong Python type.
"""

from __future__ import annotations

import re
from typing import Any

import attrs

from carpenstar_bybit.Core import Validation as rules
from carpenstar_bybit.Core.Exceptions import SDKTypeError

SIDES = ("buy", "sell")
POSITION_SIDES = ("long", "short", "both")
DIRECTIONS = ("buy", "sell")
OFFSETS = ("open", "close")

# USDT-margined (v5): BTC-USDT, or a dated future BTC-USDT-241115.
_CONTRACT_CODE = re.compile(r"[A-Z0-9]{1,20}-[A-Z0-9]{1,10}(?:-[A-Z0-9]{1,10})?")
# Coin-margined swaps are all quoted in USD: BTC-USD.
_COIN_SWAP_CODE = re.compile(r"[A-Z0-9]{1,20}-USD")


def contract_code_text(value: Any) -> Any:
    """HTX contract codes are case-insensitive: the request keeps and sends the uppercase form.

    Only ASCII is uppercased, so that no letter turns into another (``ß`` → ``SS``) before the
    check sees it.
    """
    if isinstance(value, str) and value.isascii():
        return value.upper()
    return value


def _code_rule(pattern: re.Pattern[str], example: str) -> rules.Validator:
    def check(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        if value is None:
            return
        field = rules.wire_name(attribute)
        if not isinstance(value, str):
            raise SDKTypeError(
                f"{type(instance).__name__}.{field}: must be a string, got {type(value).__name__}"
            )
        if not pattern.fullmatch(value):
            raise rules.fail(
                instance, field, f"must be a contract code like {example} (got {value!r})"
            )

    return check


contract_code = _code_rule(_CONTRACT_CODE, "'BTC-USDT' or 'BTC-USDT-241115'")
coin_swap_contract_code = _code_rule(_COIN_SWAP_CODE, "'BTC-USD' (coin-margined swap)")
side = rules.one_of(SIDES)
position_side = rules.one_of(POSITION_SIDES)
direction = rules.one_of(DIRECTIONS)
offset = rules.one_of(OFFSETS)


__all__ = [
    "DIRECTIONS",
    "OFFSETS",
    "POSITION_SIDES",
    "SIDES",
    "coin_swap_contract_code",
    "contract_code",
    "contract_code_text",
    "direction",
    "offset",
    "position_side",
    "side",
]
