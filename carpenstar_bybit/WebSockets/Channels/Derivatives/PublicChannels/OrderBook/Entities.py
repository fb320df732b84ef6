"""The whole kept derivatives book, with ``getUpdateId()`` (``u``) and ``getCrossSequence()``."""

from __future__ import annotations

from carpenstar_bybit.WebSockets._entity import BookEntity, OrderBookPriceAbstract


class OrderBookAbstract(BookEntity):
    __slots__ = ()


__all__ = ["OrderBookAbstract", "OrderBookPriceAbstract"]
