"""Spot ``BooktickerChannel``: best bid and ask, from V5's ``orderbook.1.<symbol>``."""

from __future__ import annotations

from typing import Any, ClassVar

from carpenstar_bybit.Core.Objects import AbstractResponse
from carpenstar_bybit.Core.Objects.WebSockets import WebSocketsSpotPublicChannel
from carpenstar_bybit.WebSockets.Channels.Spot.PublicChannels.Bookticker.Argument import (
    BooktickerArgument,
)
from carpenstar_bybit.WebSockets.Channels.Spot.PublicChannels.Bookticker.Entities import (
    BooktickerAbstract,
)
from carpenstar_bybit.WebSockets.State import BookState


class BooktickerChannel(WebSocketsSpotPublicChannel):
    ARGUMENT: ClassVar[type[Any]] = BooktickerArgument
    ENTITY: ClassVar[type[AbstractResponse]] = BooktickerAbstract
    STATE: ClassVar[type[Any] | None] = BookState


__all__ = ["BooktickerChannel"]
