"""``WalletChannel`` (beyond PHP): the private ``wallet`` stream, after V5 auth."""

from __future__ import annotations

from typing import Any, ClassVar

from carpenstar_bybit.Core.Objects import AbstractResponse
from carpenstar_bybit.Core.Objects.WebSockets import WebSocketsPrivateChannel
from carpenstar_bybit.WebSockets.Channels.PrivateChannels.Wallet.Argument import WalletArgument
from carpenstar_bybit.WebSockets.Channels.PrivateChannels.Wallet.Entities import WalletEntity


class WalletChannel(WebSocketsPrivateChannel):
    ARGUMENT: ClassVar[type[Any]] = WalletArgument
    ENTITY: ClassVar[type[AbstractResponse]] = WalletEntity


__all__ = ["WalletChannel"]
