"""One trade of a V5 ``publicTrade`` message (up to 1,024 a message: one DTO each).

V3's ``m`` ("the buyer is the taker") is V5's ``S == "Buy"``: ``getIsTaker()``; V3's ``type``
(0 spot, 1 block trade) is V5's ``BT``: ``getTradeType()``. PHP read the two the other way round.
"""

from __future__ import annotations

from datetime import datetime

from carpenstar_bybit.WebSockets._entity import StreamEntity


class PublicTradeAbstract(StreamEntity):
    __slots__ = ()

    def getTradeId(self) -> str:
        return self._str("i")

    def getTradingTime(self) -> datetime | None:
        return self._datetime("T")

    def getPrice(self) -> float | None:
        return self._float("p")

    def getQuantity(self) -> float | None:
        return self._float("v")

    def getTradeType(self) -> int:
        """0 a spot trade, 1 a block trade."""
        return 1 if self._bool("BT") else 0

    def getIsTaker(self) -> bool:
        """True when the buyer was the taker (V3's ``m``)."""
        return self._str("S") == "Buy"

    # V5's other fields
    def getSymbol(self) -> str:
        return self._str("s")

    def getSide(self) -> str:
        """The taker's side."""
        return self._str("S")

    def getTickDirection(self) -> str:
        return self._str("L")

    def getSequence(self) -> int | None:
        return self._int("seq")

    def getIsBlockTrade(self) -> bool | None:
        return self._bool("BT")


__all__ = ["PublicTradeAbstract"]
