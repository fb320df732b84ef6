"""Derivatives order book: ``(symbol, depth)``; linear, inverse or option told from the symbol."""

from __future__ import annotations

from typing import ClassVar

from carpenstar_bybit.Core.Objects.WebSockets import WebSocketArgument
from carpenstar_bybit.WebSockets.Channels.Spot.PublicChannels.OrderBook.Argument import v5_depth


class OrderBookArgument(WebSocketArgument):
    TOPIC: ClassVar[str] = "orderbook"

    def __init__(self, symbol: str, depth: int, reqId: str | None = None) -> None:
        super().__init__(symbol, reqId)
        self._depth = v5_depth(type(self).__name__, depth, self.getCategory())

    def getDepth(self) -> int:
        return self._depth

    def getTopic(self) -> list[str]:
        return [f"orderbook.{self._depth}.{symbol}" for symbol in self._symbols]


__all__ = ["OrderBookArgument"]
