"""``PositionChannel`` (beyond PHP): the private ``position`` stream, after V5 auth."""

from __future__ import annotations

from typing import Any, ClassVar

from carpenstar_bybit.Core.Objects import AbstractResponse
from carpenstar_bybit.Core.Objects.WebSockets import WebSocketsPrivateChannel
from carpenstar_bybit.WebSockets.Channels.PrivateChannels.Position.Argument import PositionArgument
from carpenstar_bybit.WebSockets.Channels.PrivateChannels.Position.Entities import PositionEntity


class PositionChannel(WebSocketsPrivateChannel):
    ARGUMENT: ClassVar[type[Any]] = PositionArgument
    ENTITY: ClassVar[type[AbstractResponse]] = PositionEntity


__all__ = ["PositionChannel"]
