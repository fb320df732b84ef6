"""A spot ticker: V3's fields read from V5's (``c`` → ``lastPrice``, ``o`` → ``prevPrice24h``,
``qv`` → ``turnover24h``, ``m`` → ``price24hPcnt``, ``xp`` → ``usdIndexPrice``)."""

from __future__ import annotations

from datetime import datetime

from carpenstar_bybit.Core.Objects.Collection import EntityCollection
from carpenstar_bybit.WebSockets._entity import StreamEntity


class TickersItemAbstract(StreamEntity):
    __slots__ = ()

    def getSymbol(self) -> str | None:
        return self._optstr("symbol")

    def getTimestamp(self) -> datetime | None:
        return self._envelope()._datetime("ts")

    def getOpenPrice(self) -> float | None:
        return self._float("prevPrice24h")

    def getHighPrice(self) -> float | None:
        return self._float("highPrice24h")

    def getLowPrice(self) -> float | None:
        return self._float("lowPrice24h")

    def getClosePrice(self) -> float | None:
        return self._float("lastPrice")

    def getTradingVolume(self) -> float | None:
        return self._float("volume24h")

    def getTradingQuoteVolume(self) -> float | None:
        return self._float("turnover24h")

    def getChange(self) -> float | None:
        return self._float("price24hPcnt")

    def getUsdIndexPrice(self) -> str | None:
        return self._optstr("usdIndexPrice")


class TickersAbstract(StreamEntity):
    __slots__ = ()

    def getTimestamp(self) -> datetime | None:
        return self._datetime("ts")

    def getCrossSequence(self) -> int | None:
        return self._int("cs")

    def getData(self) -> EntityCollection[TickersItemAbstract]:
        item = TickersItemAbstract.fromItem(self._data()._raw)
        item._parent = self._raw
        return EntityCollection([item])


__all__ = ["TickersAbstract", "TickersItemAbstract"]
