"""Spot ``TickersChannel``: V5's ``tickers.<symbol>`` (spot sends snapshots only)."""

from __future__ import annotations

from typing import Any, ClassVar

from carpenstar_bybit.Core.Objects import AbstractResponse
from carpenstar_bybit.Core.Objects.WebSockets import WebSocketsSpotPublicChannel
from carpenstar_bybit.WebSockets.Channels.Spot.PublicChannels.Tickers.Argument import (
    TickersArgument,
)
from carpenstar_bybit.WebSockets.Channels.Spot.PublicChannels.Tickers.Entities import (
    TickersAbstract,
)
from carpenstar_bybit.WebSockets.State import TickerState


class TickersChannel(WebSocketsSpotPublicChannel):
    ARGUMENT: ClassVar[type[Any]] = TickersArgument
    ENTITY: ClassVar[type[AbstractResponse]] = TickersAbstract
    STATE: ClassVar[type[Any] | None] = TickerState


__all__ = ["TickersChannel"]
