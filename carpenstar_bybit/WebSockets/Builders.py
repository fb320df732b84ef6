"""``WebSockets\\Builders\\WebSocketsBuilder`` of the websockets package 3.0.x."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from carpenstar_bybit.Core.Enums import EnumOutputMode
from carpenstar_bybit.Core.Objects.WebSockets import (
    Argument,
    WebSocketsPublicChannel,
    check_channel,
)

if TYPE_CHECKING:
    from carpenstar_bybit._bybit_api import BybitAPI


class WebSocketsBuilder:
    @staticmethod
    def make(
        className: type[WebSocketsPublicChannel],
        arguments: Argument,
        channelHandler: Any,
        mode: int = EnumOutputMode.MODE_ENTITY,
        wsClientTimeout: float | None = None,
        *,
        api: BybitAPI | None = None,
    ) -> WebSocketsPublicChannel:
        """The channel, checked, not yet running: call its ``execute()``."""
        channel = check_channel("WebSocketsBuilder", className)
        return channel(arguments, channelHandler, mode, wsClientTimeout, api=api)


__all__ = ["WebSocketsBuilder"]
