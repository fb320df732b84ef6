"""``AllLiquidationChannel`` (beyond PHP): V5's ``allLiquidation.<symbol>``."""

from __future__ import annotations

from typing import Any, ClassVar

from carpenstar_bybit.Core.Objects import AbstractResponse
from carpenstar_bybit.Core.Objects.WebSockets import WebSocketsDerivativesPublicChannel
from carpenstar_bybit.WebSockets.Channels.Derivatives.PublicChannels.AllLiquidation.Argument import (  # noqa: E501
    AllLiquidationArgument,
)
from carpenstar_bybit.WebSockets.Channels.Derivatives.PublicChannels.AllLiquidation.Entities import (  # noqa: E501
    AllLiquidationAbstract,
)


class AllLiquidationChannel(WebSocketsDerivativesPublicChannel):
    ARGUMENT: ClassVar[type[Any]] = AllLiquidationArgument
    ENTITY: ClassVar[type[AbstractResponse]] = AllLiquidationAbstract
    PER_ITEM: ClassVar[bool] = True


__all__ = ["AllLiquidationChannel"]
