"""Derivatives ``TickersChannel``: V5's ``tickers.<symbol>``, deltas merged."""

from __future__ import annotations

from typing import Any, ClassVar

from carpenstar_bybit.Core.Objects import AbstractResponse
from carpenstar_bybit.Core.Objects.WebSockets import WebSocketsDerivativesPublicChannel
from carpenstar_bybit.WebSockets.Channels.Derivatives.PublicChannels.Tickers.Argument import (
    TickersArgument,
)
from carpenstar_bybit.WebSockets.Channels.Derivatives.PublicChannels.Tickers.Entities import (
    TickersAbstract,
)
from carpenstar_bybit.WebSockets.State import TickerState


class TickersChannel(WebSocketsDerivativesPublicChannel):
    ARGUMENT: ClassVar[type[Any]] = TickersArgument
    ENTITY: ClassVar[type[AbstractResponse]] = TickersAbstract
    STATE: ClassVar[type[Any] | None] = TickerState


__all__ = ["TickersChannel"]
