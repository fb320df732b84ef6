"""Field rules shared by the request DTOs, and how a V5 category is told from a v3-style request.

Every failure is an ``SDKException`` (or ``SDKTypeError`` for a wrong Python type) whose message
starts with ``<Request>.<wireName>:`` and says the rule, so a caller knows what to fix.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import attrs

from carpenstar_bybit.Core.Exceptions import SDKException, SDKTypeError

Validator = Callable[[Any, "attrs.Attribute[Any]", Any], None]

_SYMBOL = re.compile(r"[A-Z0-9]+(?:-[A-Z0-9.]+)*")
_COIN = re.compile(r"[A-Z0-9]{1,20}")
_ORDER_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")
_ORDER_LINK_ID = re.compile(r"[A-Za-z0-9_-]{1,36}")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")

# Option symbols: BASE-DDMMMYY-STRIKE-C|P, maybe with a settle suffix (BTC-27DEC24-90000-C-USDT).
_OPTION_SYMBOL = re.compile(r"[A-Z0-9]+-\d{1,2}[A-Z]{3}\d{2}-\d+(?:\.\d+)?-[CP](?:-[A-Z]+)?")
# Inverse futures: BTCUSD + month code + two-digit year (BTCUSDZ24, ETHUSDH25).
_INVERSE_FUTURES = re.compile(r"[A-Z0-9]+USD[FGHJKMNQUVXZ]\d{2}")

LINEAR, INVERSE, SPOT, OPTION = "linear", "inverse", "spot", "option"
CATEGORIES = (LINEAR, INVERSE, SPOT, OPTION)


def wire_name(attribute: attrs.Attribute[Any]) -> str:
    name: str = attribute.metadata.get("wire", attribute.name)
    return name


def fail(instance: object, field: str, rule: str) -> SDKException:
    return SDKException(f"{type(instance).__name__}.{field}: {rule}")


def _text(instance: object, attribute: attrs.Attribute[Any], value: Any) -> str | None:
    """Common checks for an optional text field; returns the value when it is set."""
    if value is None:
        return None
    field = wire_name(attribute)
    if not isinstance(value, str):
        raise SDKTypeError(
            f"{type(instance).__name__}.{field}: must be a string, got {type(value).__name__}"
        )
    if value == "":
        raise fail(instance, field, "must not be empty")
    if _CONTROL.search(value):
        raise fail(instance, field, f"must not contain control characters (got {value!r})")
    return value


def _pattern(pattern: re.Pattern[str], rule: str, upper_hint: bool) -> Validator:
    def check(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        text = _text(instance, attribute, value)
        if text is None or pattern.fullmatch(text):
            return
        field = wire_name(attribute)
        if upper_hint and text.upper() != text and pattern.fullmatch(text.upper()):
            raise fail(instance, field, f"must be uppercase, e.g. {text.upper()!r} (got {text!r})")
        raise fail(instance, field, f"{rule} (got {text!r})")

    return check


def one_of(allowed: tuple[str, ...]) -> Validator:
    def check(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        text = _text(instance, attribute, value)
        if text is not None and text not in allowed:
            raise fail(
                instance,
                wire_name(attribute),
                f"must be one of {', '.join(allowed)} (got {text!r})",
            )

    return check


symbol = _pattern(_SYMBOL, "must be an uppercase symbol of letters, digits and dashes", True)
coin = _pattern(_COIN, "must be an uppercase coin of 1 to 20 letters or digits", True)
order_id = _pattern(_ORDER_ID, "must be 1 to 64 letters, digits, '-' or '_'", False)
order_link_id = _pattern(_ORDER_LINK_ID, "must be 1 to 36 letters, digits, '-' or '_'", False)
category = one_of(CATEGORIES)


def id_text(value: Any) -> Any:
    """PHP accepted integers for ids (``setOrderId(12345)``): send them as strings."""
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value


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
    "category",
    "category_from_settle_coin",
    "category_from_symbol",
    "coin",
    "fail",
    "id_text",
    "one_of",
    "order_id",
    "order_link_id",
    "symbol",
    "wire_name",
]
