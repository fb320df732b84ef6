"""``WebSockets\\Objects\\WebSockets``: argument and channel bases (one with ``Core``'s)."""

from carpenstar_bybit.Core.Objects.WebSockets import (
    WebSocketArgument,
    WebSocketsDerivativesPublicChannel,
    WebSocketsPublicChannel,
    WebSocketsSpotPublicChannel,
)

__all__ = [
    "WebSocketArgument",
    "WebSocketsDerivativesPublicChannel",
    "WebSocketsPublicChannel",
    "WebSocketsSpotPublicChannel",
]
