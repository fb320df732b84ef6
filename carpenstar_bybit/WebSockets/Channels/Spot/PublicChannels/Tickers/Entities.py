"""A spot ticker: V3's fields read from V5's (``c`` → ``lastPrice``, ``o`` → ``prevPrice24h``,
``qv`` → ``turnover24h``, ``m`` → ``price24hPcnt``, ``xp`` → ``usdIndexPrice``)."""

from __future__ import annotations

from datetime import datetime

from carpenstar_bybit.Core.Objects.Collection import EntityCollection
from carpenstar_bybit.WebSockets._entity import StreamEntity, TickersEntity


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


class TickersAbstract(TickersEntity):
    __slots__ = ()

    def getData(self) -> EntityCollection[TickersItemAbstract]:
        return EntityCollection([self._item(TickersItemAbstract)])


__all__ = ["TickersAbstract", "TickersItemAbstract"]
