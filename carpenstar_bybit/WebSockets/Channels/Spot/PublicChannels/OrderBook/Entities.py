"""The whole kept spot book (PHP's V3 stream sent whole books; V5 sends deltas, kept here)."""

from __future__ import annotations

from carpenstar_bybit.WebSockets._entity import BookEntity, OrderBookPriceAbstract


class OrderBookAbstract(BookEntity):
    __slots__ = ()


__all__ = ["OrderBookAbstract", "OrderBookPriceAbstract"]
