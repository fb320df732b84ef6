"""Typed assignments that make ``mypy --strict`` prove the stream classes satisfy the PHP
interfaces (``Core.Interfaces``, the same as ``WebSockets.Interfaces``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from carpenstar_bybit.Core.Interfaces import (
        IChannelHandlerInterface,
        IWebSocketArgumentInterface,
        IWebSocketsChannelInterface,
        IWebSocketsDerivativesChannel,
        IWebSocketsSpotChannel,
    )
    from carpenstar_bybit.Core.Objects.WebSockets import (
        PrivateArgument,
        WebSocketArgument,
        WebSocketsDerivativesPublicChannel,
        WebSocketsSpotPublicChannel,
    )
    from carpenstar_bybit.Core.Objects.WebSockets.Channels import DefaultCallbackHandler

    def _conforms(
        handler: DefaultCallbackHandler,
        argument: WebSocketArgument,
        private: PrivateArgument,
        spot: WebSocketsSpotPublicChannel,
        derivatives: WebSocketsDerivativesPublicChannel,
    ) -> None:
        _a: IChannelHandlerInterface = handler
        _b: IWebSocketArgumentInterface = argument
        _c: IWebSocketArgumentInterface = private
        _d: IWebSocketsChannelInterface = spot
        _e: IWebSocketsChannelInterface = derivatives
        _f: IWebSocketsSpotChannel = spot
        _g: IWebSocketsDerivativesChannel = derivatives
