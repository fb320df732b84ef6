"""Best bid and ask from V5's level-1 book: ``b[0]`` and ``a[0]`` (PHP mixed up ``bp``/``bq``)."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Self

from carpenstar_bybit.WebSockets._entity import BookEntity


class BooktickerAbstract(BookEntity):
    __slots__ = ()

    def _best(self, side: str, index: int) -> float | None:
        data = self._get("data")
        levels = data.get(side) if isinstance(data, dict) else None
        return float(levels[0][index]) if levels else None

    def getBestBidPrice(self) -> float | None:
        return self._best("b", 0)

    def getBidQuantity(self) -> float | None:
        return self._best("b", 1)

    def getBestAskPrice(self) -> float | None:
        return self._best("a", 0)

    def getAskQuantity(self) -> float | None:
        return self._best("a", 1)

    # PHP's public setters: they change this DTO only, never the kept book.
    def _replace(self, key: str, value: Any, in_data: bool) -> Self:
        raw = dict(self._raw)
        if in_data:
            raw["data"] = {**raw.get("data", {}), key: value}
        else:
            raw[key] = value
        self._raw = raw
        return self

    def setResponseTimestamp(self, responseTimestamp: int | str | datetime) -> Self:
        if isinstance(responseTimestamp, datetime):
            return self._replace("cts", int(responseTimestamp.timestamp() * 1000), False)
        return self._replace("cts", int(responseTimestamp), False)

    def setAskQuantity(self, askQuantity: float) -> Self:
        data = self._get("data") or {}
        asks = list(data.get("a") or [("0", "0")])
        asks[0] = (asks[0][0], str(askQuantity))
        return self._replace("a", asks, True)

    def setSymbol(self, symbol: str) -> Self:
        return self._replace("s", symbol, True)


__all__ = ["BooktickerAbstract"]
