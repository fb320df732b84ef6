"""``ExecutionChannel`` (beyond PHP): the private ``execution`` stream, after V5 auth."""

from __future__ import annotations

from typing import Any, ClassVar

from carpenstar_bybit.Core.Objects import AbstractResponse
from carpenstar_bybit.Core.Objects.WebSockets import WebSocketsPrivateChannel
from carpenstar_bybit.WebSockets.Channels.PrivateChannels.Execution.Argument import (
    ExecutionArgument,
)
from carpenstar_bybit.WebSockets.Channels.PrivateChannels.Execution.Entities import ExecutionEntity


class ExecutionChannel(WebSocketsPrivateChannel):
    ARGUMENT: ClassVar[type[Any]] = ExecutionArgument
    ENTITY: ClassVar[type[AbstractResponse]] = ExecutionEntity


__all__ = ["ExecutionChannel"]
