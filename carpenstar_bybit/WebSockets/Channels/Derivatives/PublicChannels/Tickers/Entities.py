"""A derivatives ticker, its deltas merged into the last snapshot: no getter turns None because
a field did not change."""

from __future__ import annotations

from datetime import datetime

from carpenstar_bybit.Core.Objects.Collection import EntityCollection
from carpenstar_bybit.WebSockets._entity import StreamEntity


class TickersDataItemAbstract(StreamEntity):
    __slots__ = ()

    def getSymbol(self) -> str | None:
        return self._optstr("symbol")

    def getTickDirection(self) -> str | None:
        return self._optstr("tickDirection")

    def getPrice24hPcnt(self) -> float | None:
        return self._float("price24hPcnt")

    def getLastPrice(self) -> float | None:
        return self._float("lastPrice")

    def getPrevPrice24h(self) -> float | None:
        return self._float("prevPrice24h")

    def getHighPrice24h(self) -> float | None:
        return self._float("highPrice24h")

    def getLowPrice24h(self) -> float | None:
        return self._float("lowPrice24h")

    def getPrevPrice1h(self) -> float | None:
        return self._float("prevPrice1h")

    def getMarkPrice(self) -> float | None:
        return self._float("markPrice")

    def getIndexPrice(self) -> float | None:
        return self._float("indexPrice")

    def getOpenInterest(self) -> float | None:
        return self._float("openInterest")

    def getOpenInterestValue(self) -> float | None:
        return self._float("openInterestValue")

    def getTurnover24h(self) -> float | None:
        return self._float("turnover24h")

    def getVolume24h(self) -> float | None:
        return self._float("volume24h")

    def getNextFundingTime(self) -> datetime | None:
        return self._optdatetime("nextFundingTime")

    def getFundingRate(self) -> float | None:
        return self._float("fundingRate")

    def getBid1Price(self) -> float | None:
        return self._float("bid1Price")

    def getBid1Size(self) -> float | None:
        return self._float("bid1Size")

    def getAsk1Price(self) -> float | None:
        return self._float("ask1Price")

    def getAsk1Size(self) -> float | None:
        return self._float("ask1Size")

    def getFundingIntervalHour(self) -> int | None:
        return self._int("fundingIntervalHour")


class TickersAbstract(StreamEntity):
    __slots__ = ()

    def getTimestamp(self) -> datetime | None:
        return self._datetime("ts")

    def getCrossSequence(self) -> int | None:
        return self._int("cs")

    def getData(self) -> EntityCollection[TickersDataItemAbstract]:
        item = TickersDataItemAbstract.fromItem(self._data()._raw)
        item._parent = self._raw
        return EntityCollection([item])


__all__ = ["TickersAbstract", "TickersDataItemAbstract"]
