"""A derivatives ticker, its deltas merged into the last snapshot: no getter turns None because
a field did not change. The item has the REST ticker DTO's getters (``TickerInfoResponse``) and
the PHP stream names that differ from them."""

from __future__ import annotations

from carpenstar_bybit.Core.Objects.Collection import EntityCollection
from carpenstar_bybit.Derivatives.MarketData.TickerInfo.Response import TickerInfoResponse
from carpenstar_bybit.WebSockets._entity import StreamEntity, TickersEntity


class TickersDataItemAbstract(StreamEntity, TickerInfoResponse):
    __slots__ = ()

    def getTickDirection(self) -> str | None:
        return self._optstr("tickDirection")

    def getOpenInterest(self) -> float | None:
        return self._float("openInterest")

    def getBid1Price(self) -> float | None:
        return self._float("bid1Price")

    def getAsk1Price(self) -> float | None:
        return self._float("ask1Price")


class TickersAbstract(TickersEntity):
    __slots__ = ()

    def getData(self) -> EntityCollection[TickersDataItemAbstract]:
        return EntityCollection([self._item(TickersDataItemAbstract)])


__all__ = ["TickersAbstract", "TickersDataItemAbstract"]
