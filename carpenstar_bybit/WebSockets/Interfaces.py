"""The websockets package's interfaces: the same Protocols as ``Core.Interfaces``."""

from carpenstar_bybit.Core.Interfaces import (
    IChannelHandlerInterface,
    IWebSocketArgumentInterface,
    IWebSocketsChannelInterface,
    IWebSocketsDerivativesChannel,
    IWebSocketsSpotChannel,
)

__all__ = [
    "IChannelHandlerInterface",
    "IWebSocketArgumentInterface",
    "IWebSocketsChannelInterface",
    "IWebSocketsDerivativesChannel",
    "IWebSocketsSpotChannel",
]
