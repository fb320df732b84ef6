"""Spot kline: ``(symbol, interval)`` as PHP's constructor (its README swaps them)."""

from __future__ import annotations

from typing import ClassVar

from carpenstar_bybit.Core.Objects.WebSockets import WebSocketArgument, v5_interval


class KlineArgument(WebSocketArgument):
    TOPIC: ClassVar[str] = "kline"
    SPOT: ClassVar[bool] = True

    def __init__(self, symbol: str, interval: str | int, reqId: str | None = None) -> None:
        self._interval = v5_interval(type(self).__name__, interval)
        super().__init__(symbol, reqId)

    def getInterval(self) -> str:
        """The V5 interval sent (``'60'`` for PHP's ``'1h'``)."""
        return self._interval

    def getTopic(self) -> list[str]:
        return [f"kline.{self._interval}.{symbol}" for symbol in self._symbols]


__all__ = ["KlineArgument"]
