"""Spot public trades: V5's ``publicTrade.<symbol>`` (V3's ``trade``)."""

from __future__ import annotations

from typing import ClassVar

from carpenstar_bybit.Core.Objects.WebSockets import WebSocketArgument


class PublicTradeArgument(WebSocketArgument):
    TOPIC: ClassVar[str] = "publicTrade"
    SPOT: ClassVar[bool] = True


__all__ = ["PublicTradeArgument"]
