"""Spot ``PublicTradeChannel``: V5's ``publicTrade.<symbol>``."""

from __future__ import annotations

from typing import Any, ClassVar

from carpenstar_bybit.Core.Objects import AbstractResponse
from carpenstar_bybit.Core.Objects.WebSockets import WebSocketsSpotPublicChannel
from carpenstar_bybit.WebSockets.Channels.Spot.PublicChannels.PublicTrade.Argument import (
    PublicTradeArgument,
)
from carpenstar_bybit.WebSockets.Channels.Spot.PublicChannels.PublicTrade.Entities import (
    PublicTradeAbstract,
)


class PublicTradeChannel(WebSocketsSpotPublicChannel):
    ARGUMENT: ClassVar[type[Any]] = PublicTradeArgument
    ENTITY: ClassVar[type[AbstractResponse]] = PublicTradeAbstract
    PER_ITEM: ClassVar[bool] = True


__all__ = ["PublicTradeChannel"]
