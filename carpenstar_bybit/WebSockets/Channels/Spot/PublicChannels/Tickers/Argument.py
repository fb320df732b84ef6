"""Spot tickers: V5's ``tickers.<symbol>``."""

from __future__ import annotations

from typing import ClassVar

from carpenstar_bybit.Core.Objects.WebSockets import WebSocketArgument


class TickersArgument(WebSocketArgument):
    TOPIC: ClassVar[str] = "tickers"
    SPOT: ClassVar[bool] = True


__all__ = ["TickersArgument"]
