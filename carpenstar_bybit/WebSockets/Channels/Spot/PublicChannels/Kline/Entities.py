"""One candle of a V5 ``kline`` message (``data`` is a list: one DTO per candle)."""

from __future__ import annotations

from datetime import datetime

from carpenstar_bybit.WebSockets._entity import StreamEntity


class KlineAbstract(StreamEntity):
    __slots__ = ()

    def getBarTimestamp(self) -> datetime | None:
        """The candle's start (``start``)."""
        return self._datetime("start")

    def getSymbol(self) -> str:
        """From the topic (V5 candles carry no symbol)."""
        return self.getTopic().rpartition(".")[2]

    def getClosePrice(self) -> float | None:
        return self._float("close")

    def getHighPrice(self) -> float | None:
        return self._float("high")

    def getLowPrice(self) -> float | None:
        return self._float("low")

    def getOpenPrice(self) -> float | None:
        return self._float("open")

    def getTradingVolume(self) -> float | None:
        return self._float("volume")

    # V5's other fields
    def getEndTimestamp(self) -> datetime | None:
        return self._datetime("end")

    def getInterval(self) -> str:
        return self._str("interval")

    def getTurnover(self) -> float | None:
        return self._float("turnover")

    def getConfirm(self) -> bool | None:
        """True once the candle is closed."""
        return self._bool("confirm")

    def getTimestamp(self) -> datetime | None:
        return self._datetime("timestamp")


__all__ = ["KlineAbstract"]
