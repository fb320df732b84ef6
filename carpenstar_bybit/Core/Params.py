"""Kinds and parameters that many endpoints share, each value set taken from ``Core.Enums``.

An endpoint's ``Declaration.py`` builds its ``Param`` list from these, so a rule (what a symbol
looks like, which time-in-force values V5 takes) is written once.
"""

from __future__ import annotations

from typing import Any

from carpenstar_bybit.Core.Declarations import (
    Choice,
    CurrentLine,
    Integer,
    Millis,
    Number,
    Out,
    Param,
    Text,
)
from carpenstar_bybit.Core.Enums import (
    EnumCategory,
    EnumIntervals,
    EnumOrderType,
    EnumSide,
    EnumTimeInForce,
    EnumTPSLModes,
    EnumTriggerDirection,
    EnumTriggerPriceType,
)

SYMBOL = Text(
    pattern=r"[A-Z0-9]+(?:-[A-Z0-9.]+)*",
    rule="must be an uppercase symbol of letters, digits and dashes",
    upper=True,
    example="BTCUSDT",
)
COIN = Text(
    pattern=r"[A-Z0-9]{1,20}",
    rule="must be an uppercase coin of 1 to 20 letters or digits",
    upper=True,
    example="USDT",
)
ORDER_ID = Text(
    pattern=r"[A-Za-z0-9_-]{1,64}",
    rule="must be 1 to 64 letters, digits, '-' or '_'",
    ints=True,
    annotation="str | int",
    example="1321003749386327552",
)
ORDER_LINK_ID = Text(
    pattern=r"[A-Za-z0-9_-]{1,36}",
    rule="must be 1 to 36 letters, digits, '-' or '_'",
    ints=True,
    annotation="str | int",
    example="link-1",
)
CURSOR = Text(pattern=r"[^\s]{1,512}", rule="must be the cursor of a previous answer", example="c1")
SIDE = Choice(EnumSide.ORDER_SIDE_LIST)
ORDER_TYPE = Choice(EnumOrderType.ORDER_TYPE_LIST)
TIME_IN_FORCE = Choice(EnumTimeInForce.TIME_IN_FORCE_LIST, EnumTimeInForce.V3_SPELLINGS)
TRIGGER_BY = Choice(EnumTriggerPriceType.PRICE_TYPE_LIST)
TPSL_MODE = Choice(EnumTPSLModes.MODE_LIST)
TRIGGER_DIRECTION = Integer(values=EnumTriggerDirection.DIRECTION_LIST)
POSITION_IDX = Integer(values=(0, 1, 2))
TIME_MS = Millis()
# The current PHP line's setStart/setEnd (and GetClosedPnL's times): a date string too.
TIME_DATE = Millis(annotation="int | datetime | str", dates=True)
# Kline intervals: V5's values, PHP's EnumIntervals constants and plain integers (5 -> "5").
INTERVAL = Choice(
    EnumIntervals.INTERVALS_LIST, EnumIntervals.PHP_SPELLINGS, annotation="str | int", ints=True
)
# Open interest intervals (V5 intervalTime), with PHP's spellings.
INTERVAL_TIME = Choice(
    EnumIntervals.INTERVAL_TIME_LIST,
    EnumIntervals.INTERVAL_TIME_SPELLINGS,
    annotation="str | int",
    ints=True,
)
EXP_DATE = Text(
    pattern=r"\d{1,2}[A-Z]{3}\d{2}",
    rule="must be an option expiry such as 25DEC22",
    upper=True,
    example="25DEC22",
)


def category(*values: str) -> Param:
    """The V5 category, a setter PHP did not have."""
    return Param(
        "Category",
        "category",
        Choice(values or EnumCategory.ALL),
        "Product type: " + ", ".join(values or EnumCategory.ALL),
        php=False,
    )


def symbol(required: bool = False, php: bool = True) -> Param:
    return Param("Symbol", "symbol", SYMBOL, "Symbol name, uppercase", required=required, php=php)


def limit(high: int, php: bool = True) -> Param:
    return Param(
        "Limit", "limit", Integer(low=1, high=high), f"Items per page, 1 to {high}", php=php
    )


def cursor(php: bool = True) -> Param:
    return Param(
        "Cursor",
        "cursor",
        CURSOR,
        "Page cursor: getNextPageCursor() of the previous answer",
        php=php,
    )


def start_not_after_end(request: Any, start: str, end: str) -> None:
    """A time window's start must not come after its end."""
    begins, ends = request._value(start), request._value(end)
    if begins is not None and ends is not None and begins > ends:
        raise request.fail(start, f"must not be after {end} (got {begins} > {ends})")


__all__ = [
    "COIN",
    "COINS",
    "CURSOR",
    "EXP_DATE",
    "INTERVAL",
    "INTERVAL_TIME",
    "LEVERAGE",
    "ORDER_ID",
    "ORDER_LINK_ID",
    "ORDER_TYPE",
    "POSITION_IDX",
    "PRICE_OR_ZERO",
    "SIDE",
    "SYMBOL",
    "TIME_IN_FORCE",
    "TIME_MS",
    "TPSL_MODE",
    "TRIGGER_BY",
    "TRIGGER_DIRECTION",
    "category",
    "cursor",
    "limit",
    "one_or_more",
    "start_not_after_end",
    "symbol",
    "time_window",
]


# -- positions and the account ------------------------------------------------------------------

LEVERAGE = Number(low="positive", example="10")
PRICE_OR_ZERO = Number(low="non-negative", example="0")  # 0 cancels (take profit, stop loss, …)
COINS = Text(
    pattern=r"[A-Z0-9]{1,20}(?:,[A-Z0-9]{1,20})*",
    rule="must be uppercase coins, comma-separated (USDT or USDT,USDC)",
    upper=True,
    example="USDT",
)


def time_window(request: Any, days: int = 7) -> None:
    """startTime <= endTime, at most ``days`` apart (V5's window on closed PnL and executions)."""
    start, end = request.start_time, request.end_time
    if start is not None and end is not None:
        if end < start:
            raise request.fail("endTime", f"must not be before startTime ({end} < {start})")
        if end - start > days * 86_400_000:
            raise request.fail("endTime", f"must be at most {days} days after startTime")


def one_or_more(request: Any, *wires: str) -> None:
    """At least one of the fields is set, or the first is named as missing."""
    if all(request._value(w) is None for w in wires):
        raise request.fail(wires[0], f"one of {' and '.join(wires)} is required")


# -- the current PHP line's wrappers of list answers (see Declarations.CurrentLine) ------------

NEXT_PAGE_CURSOR = Out(
    "getNextPageCursor", "nextPageCursor", "str", "Cursor of the next page ('' on the last)"
)
CATEGORY = Out("getCategory", "category", "str", "Category of the answer")


def current_list(
    list_getter: str,
    item_class: str,
    *,
    cursor: bool = False,
    category: bool = False,
    one: bool = False,
    aliases: tuple[tuple[str, str], ...] = (),
) -> CurrentLine:
    """A list answer's wrapper in the current PHP line: its list getter and item class, and
    whether it reads ``result.nextPageCursor`` / ``result.category``."""
    fields = ((NEXT_PAGE_CURSOR,) if cursor else ()) + ((CATEGORY,) if category else ())
    return CurrentLine(list_getter, item_class, fields, one=one, aliases=aliases)
