"""Spot ``OrderBookChannel``: V5's ``orderbook.<depth>.<symbol>``, kept from snapshot + deltas."""

from __future__ import annotations

from typing import Any, ClassVar

from carpenstar_bybit.Core.Objects import AbstractResponse
from carpenstar_bybit.Core.Objects.WebSockets import WebSocketsSpotPublicChannel
from carpenstar_bybit.WebSockets.Channels.Spot.PublicChannels.OrderBook.Argument import (
    OrderBookArgument,
)
from carpenstar_bybit.WebSockets.Channels.Spot.PublicChannels.OrderBook.Entities import (
    OrderBookAbstract,
)
from carpenstar_bybit.WebSockets.State import BookState


class OrderBookChannel(WebSocketsSpotPublicChannel):
    ARGUMENT: ClassVar[type[Any]] = OrderBookArgument
    ENTITY: ClassVar[type[AbstractResponse]] = OrderBookAbstract
    STATE: ClassVar[type[Any] | None] = BookState


__all__ = ["OrderBookChannel"]
