"""``WebSockets\\Builders\\WebSocketsBuilder`` of the websockets package 3.0.x."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from carpenstar_bybit.Core.Enums import EnumOutputMode
from carpenstar_bybit.Core.Exceptions import SDKException
from carpenstar_bybit.Core.Objects.WebSockets import Argument, WebSocketsPublicChannel

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
        if not (isinstance(className, type) and issubclass(className, WebSocketsPublicChannel)):
            raise SDKException(f"WebSocketsBuilder: {className!r} is not a websocket channel class")
        return className(arguments, channelHandler, mode, wsClientTimeout, api=api)


__all__ = ["WebSocketsBuilder"]
