"""One liquidation of a V5 ``allLiquidation`` message. ``getSide() == "Buy"``: a long was
liquidated."""

from __future__ import annotations

from datetime import datetime

from carpenstar_bybit.WebSockets._entity import StreamEntity


class AllLiquidationAbstract(StreamEntity):
    __slots__ = ()

    def getUpdatedTime(self) -> datetime | None:
        return self._datetime("T")

    def getSymbol(self) -> str:
        return self._str("s")

    def getSide(self) -> str:
        return self._str("S")

    def getSize(self) -> float | None:
        return self._float("v")

    def getPrice(self) -> float | None:
        return self._float("p")


__all__ = ["AllLiquidationAbstract"]
