"""PHP's ``Core\\Helpers``: static checks and time conversions (both PHP lines).

Times are UTC and keep their milliseconds (PHP read dates in the process's time zone and
dropped sub-seconds); a value these helpers cannot take is an ``SDKException`` naming the rule.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import UTC, datetime

from carpenstar_bybit.Core.Declarations import Millis, Refused
from carpenstar_bybit.Core.Exceptions import SDKException

_DATES = Millis(dates=True)


class ArrayHelper:
    @staticmethod
    def checkValueWithStack(value: object, stack: Iterable[object]) -> None:
        """``SDKException("Value v should be one of a,b")`` when ``value`` is not in ``stack``."""
        allowed = list(stack)
        if value not in allowed:
            shown = ",".join(str(item) for item in allowed)
            raise SDKException(f"Value {value} should be one of {shown}")


class NumericHelper:
    @staticmethod
    def checkValueMoreThan(value: float, minValue: float) -> None:
        if value < minValue:
            raise SDKException(f"Value {value} less than {minValue}")

    @staticmethod
    def checkValueLessThan(value: float, maxValue: float) -> None:
        if value > maxValue:
            raise SDKException(f"Value {value} more than {maxValue}")


class StringHelper:
    @staticmethod
    def clearInterval(interval: str | int) -> int:
        """The first run of digits (``'15m'`` → 15); ``'D'`` has none: SDKException (PHP's
        TypeError)."""
        match = re.search(r"\d+", str(interval))
        if match is None:
            raise SDKException(f"interval: {interval!r} has no number of minutes")
        return int(match.group())


class DateTimeHelper:
    @staticmethod
    def makeFromTimestamp(timestamp: int) -> datetime:
        """ms since the epoch → UTC ``datetime``, milliseconds kept."""
        if isinstance(timestamp, bool) or not isinstance(timestamp, int):
            raise SDKException(f"timestamp: must be ms since the epoch (got {timestamp!r})")
        try:
            return datetime.fromtimestamp(timestamp / 1000, tz=UTC)
        except (OverflowError, ValueError, OSError):
            raise SDKException(f"timestamp: out of range (got {timestamp})") from None

    @staticmethod
    def makeTimestampFromDateString(datetime_: str) -> int:
        """``'Y-m-d H:i:s'`` (or ``'Y-m-d'``), read as UTC → ms since the epoch."""
        try:
            return _DATES.accept(datetime_)
        except Refused as refused:
            raise SDKException(f"datetime: {refused.rule}") from None

    @staticmethod
    def makeDateTimeFromDateString(datetime_: str) -> datetime:
        """``'Y-m-d H:i:s'`` (UTC) → ``datetime`` (core 5.1)."""
        return DateTimeHelper.makeFromTimestamp(
            DateTimeHelper.makeTimestampFromDateString(datetime_)
        )


__all__ = ["ArrayHelper", "DateTimeHelper", "NumericHelper", "StringHelper"]
