"""Liquidations of linear and inverse contracts: V5's ``allLiquidation.<symbol>``."""

from __future__ import annotations

from typing import ClassVar

from carpenstar_bybit.Core.Exceptions import SDKException
from carpenstar_bybit.Core.Objects.WebSockets import WebSocketArgument


class AllLiquidationArgument(WebSocketArgument):
    TOPIC: ClassVar[str] = "allLiquidation"

    def __init__(self, symbol: str, reqId: str | None = None) -> None:
        super().__init__(symbol, reqId)
        if self.getCategory() not in ("linear", "inverse"):
            raise SDKException(
                f"{type(self).__name__}.symbol: V5 streams liquidations of linear and inverse "
                f"contracts only (got a {self.getCategory()} symbol)"
            )


__all__ = ["AllLiquidationArgument"]
