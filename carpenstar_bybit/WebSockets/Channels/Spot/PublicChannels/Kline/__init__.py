"""Spot ``KlineChannel``: V5's ``kline.<interval>.<symbol>``."""

from __future__ import annotations

from typing import Any, ClassVar

from carpenstar_bybit.Core.Objects import AbstractResponse
from carpenstar_bybit.Core.Objects.WebSockets import WebSocketsSpotPublicChannel
from carpenstar_bybit.WebSockets.Channels.Spot.PublicChannels.Kline.Argument import KlineArgument
from carpenstar_bybit.WebSockets.Channels.Spot.PublicChannels.Kline.Entities import KlineAbstract


class KlineChannel(WebSocketsSpotPublicChannel):
    ARGUMENT: ClassVar[type[Any]] = KlineArgument
    ENTITY: ClassVar[type[AbstractResponse]] = KlineAbstract
    PER_ITEM: ClassVar[bool] = True


__all__ = ["KlineChannel"]
