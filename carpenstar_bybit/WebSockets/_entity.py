"""The base of stream DTOs: one item of a message, with the message's envelope at hand."""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar, TypeVar

from carpenstar_bybit.Core.Objects import AbstractResponse
from carpenstar_bybit.Core.Objects.Collection import EntityCollection


class StreamEntity(AbstractResponse):
    """A DTO over a whole message, or over one item of its ``data`` (then ``_parent`` is the
    message). ``getTopic()`` and the envelope's times read the message either way."""

    __slots__ = ()
    rootDataKey: ClassVar[str | None] = None

    def _envelope(self) -> AbstractResponse:
        parent = getattr(self, "_parent", None)
        return self if parent is None else AbstractResponse.fromItem(parent)

    def _data(self) -> AbstractResponse:
        """``data`` of a whole-message DTO as a view (an empty one when absent)."""
        value = self._get("data")
        return AbstractResponse.fromItem(value if isinstance(value, dict) else {})

    def getTopic(self) -> str:
        return self._envelope()._str("topic")

    def getType(self) -> str:
        return self._envelope()._str("type")

    def getRequestTimestamp(self) -> datetime | None:
        """The message's ``ts``: when the exchange sent it (ms kept)."""
        return self._envelope()._datetime("ts")


E = TypeVar("E", bound=AbstractResponse)


class TickersEntity(StreamEntity):
    """A tickers message: its envelope, and ``data`` as one item."""

    __slots__ = ()

    def getTimestamp(self) -> datetime | None:
        return self._datetime("ts")

    def getCrossSequence(self) -> int | None:
        return self._int("cs")

    def _item(self, cls: type[E]) -> E:
        item = cls.fromItem(self._data()._raw)
        item._parent = self._raw
        return item


class PrivateEntity(StreamEntity):
    """Envelope of private messages: ``id``, ``topic``, ``creationTime``."""

    __slots__ = ()

    def getId(self) -> str:
        return self._envelope()._str("id")

    def getCreationTime(self) -> datetime | None:
        return self._envelope()._datetime("creationTime")


class OrderBookPriceAbstract(AbstractResponse):
    """One level of a kept book: ``getPrice()``, ``getSize()``. The book checked both numbers
    when it took the level, so they read as floats."""

    __slots__ = ()
    rootDataKey: ClassVar[str | None] = None
    ROWS = True

    def getPrice(self) -> float:
        return float(self._raw[0])

    def getSize(self) -> float:
        return float(self._raw[1])

    def toArray(self) -> list[str]:
        return list(self._raw)

    def __repr__(self) -> str:
        return f"OrderBookPriceAbstract({self._raw[0]!r}, {self._raw[1]!r})"


class BookEntity(StreamEntity):
    """The whole kept book after a message, in V5's snapshot shape (``type`` is ``snapshot``)."""

    __slots__ = ()

    def getSymbol(self) -> str:
        return self._data()._str("s")

    def _levels(self, side: str) -> EntityCollection[OrderBookPriceAbstract]:
        data = self._get("data")
        levels = data.get(side) if isinstance(data, dict) else None
        new = OrderBookPriceAbstract.fromItem
        return EntityCollection(map(new, levels or ()))

    def getBid(self) -> EntityCollection[OrderBookPriceAbstract]:
        """Bids, best (highest) first."""
        return self._levels("b")

    def getAsk(self) -> EntityCollection[OrderBookPriceAbstract]:
        """Asks, best (lowest) first."""
        return self._levels("a")

    def getUpdateId(self) -> int | None:
        return self._data()._int("u")

    def getCrossSequence(self) -> int | None:
        return self._data()._int("seq")

    def getResponseTimestamp(self) -> datetime | None:
        """The matching engine's time of the book (``cts``; ``ts`` when absent)."""
        return self._datetime("cts") or self._datetime("ts")
