"""``WebSockets\\Objects\\Channels``: the handler classes (one with ``Core``'s)."""

from carpenstar_bybit.Core.Objects.WebSockets.Channels import (
    ChannelHandler,
    DefaultCallbackHandler,
    DefaultChannelHandler,
)

__all__ = ["ChannelHandler", "DefaultCallbackHandler", "DefaultChannelHandler"]
