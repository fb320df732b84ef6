"""``OrderChannel`` (beyond PHP): the private ``order`` stream, after V5 auth."""

from __future__ import annotations

from typing import Any, ClassVar

from carpenstar_bybit.Core.Objects import AbstractResponse
from carpenstar_bybit.Core.Objects.WebSockets import WebSocketsPrivateChannel
from carpenstar_bybit.WebSockets.Channels.PrivateChannels.Order.Argument import OrderArgument
from carpenstar_bybit.WebSockets.Channels.PrivateChannels.Order.Entities import OrderEntity


class OrderChannel(WebSocketsPrivateChannel):
    ARGUMENT: ClassVar[type[Any]] = OrderArgument
    ENTITY: ClassVar[type[AbstractResponse]] = OrderEntity


__all__ = ["OrderChannel"]
