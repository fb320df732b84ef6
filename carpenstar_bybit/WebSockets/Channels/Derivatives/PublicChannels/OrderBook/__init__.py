"""Derivatives ``OrderBookChannel``: V5's ``orderbook.<depth>.<symbol>``, kept."""

from __future__ import annotations

from typing import Any, ClassVar

from carpenstar_bybit.Core.Objects import AbstractResponse
from carpenstar_bybit.Core.Objects.WebSockets import WebSocketsDerivativesPublicChannel
from carpenstar_bybit.WebSockets.Channels.Derivatives.PublicChannels.OrderBook.Argument import (
    OrderBookArgument,
)
from carpenstar_bybit.WebSockets.Channels.Derivatives.PublicChannels.OrderBook.Entities import (
    OrderBookAbstract,
)
from carpenstar_bybit.WebSockets.State import BookState


class OrderBookChannel(WebSocketsDerivativesPublicChannel):
    ARGUMENT: ClassVar[type[Any]] = OrderBookArgument
    ENTITY: ClassVar[type[AbstractResponse]] = OrderBookAbstract
    STATE: ClassVar[type[Any] | None] = BookState


__all__ = ["OrderBookChannel"]
