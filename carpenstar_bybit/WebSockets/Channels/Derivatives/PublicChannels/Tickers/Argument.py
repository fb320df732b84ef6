"""Derivatives tickers: V5's ``tickers.<symbol>`` (snapshot, then deltas merged into it)."""

from __future__ import annotations

from typing import ClassVar

from carpenstar_bybit.Core.Objects.WebSockets import WebSocketArgument


class TickersArgument(WebSocketArgument):
    TOPIC: ClassVar[str] = "tickers"


__all__ = ["TickersArgument"]
