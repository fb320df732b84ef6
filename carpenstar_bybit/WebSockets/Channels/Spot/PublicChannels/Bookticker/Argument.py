"""Spot bookticker: V5 has no ``bookticker`` topic; the level-1 book ``orderbook.1`` is it."""

from __future__ import annotations

from typing import ClassVar

from carpenstar_bybit.Core.Objects.WebSockets import WebSocketArgument


class BooktickerArgument(WebSocketArgument):
    TOPIC: ClassVar[str] = "orderbook.1"
    SPOT: ClassVar[bool] = True


__all__ = ["BooktickerArgument"]
