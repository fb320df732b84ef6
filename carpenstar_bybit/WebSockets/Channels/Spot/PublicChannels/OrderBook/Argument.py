"""Spot order book: ``(symbol)`` then ``setDepth(depth)``, as in PHP."""

from __future__ import annotations

from typing import ClassVar, Self

from carpenstar_bybit.Core.Enums import WebSocketOrderBookDepth
from carpenstar_bybit.Core.Exceptions import SDKException
from carpenstar_bybit.Core.Objects.WebSockets import WebSocketArgument


def v5_depth(where: str, depth: object, category: str) -> int:
    """A book depth V5 has for ``category``; PHP's 40 (V3 spot's only depth) is sent as 50."""
    if isinstance(depth, str) and depth.isdigit():
        depth = int(depth)
    if isinstance(depth, bool) or not isinstance(depth, int):
        raise SDKException(f"{where}.depth: must be a whole number (got {depth!r})")
    if depth == 40 and category != "option":
        depth = 50
    allowed = (
        WebSocketOrderBookDepth.OPTION_ALL
        if category == "option"
        else (WebSocketOrderBookDepth.ALL)
    )
    if str(depth) not in allowed:
        raise SDKException(
            f"{where}.depth: V5 has no {category} book of depth {depth}; one of "
            f"{', '.join(allowed)}"
        )
    return depth


class OrderBookArgument(WebSocketArgument):
    TOPIC: ClassVar[str] = "orderbook"
    SPOT: ClassVar[bool] = True

    _depth: int | None = None

    def setDepth(self, depth: int) -> Self:
        """1, 50, 200 or 1000 (PHP's 40 is sent as 50)."""
        self._depth = v5_depth(type(self).__name__, depth, self.getCategory())
        return self

    def getDepth(self) -> int | None:
        return self._depth

    def getTopic(self) -> list[str]:
        if self._depth is None:
            raise SDKException(f"{type(self).__name__}.depth: is required; call setDepth(50)")
        return [f"orderbook.{self._depth}.{symbol}" for symbol in self._symbols]


__all__ = ["OrderBookArgument", "v5_depth"]
