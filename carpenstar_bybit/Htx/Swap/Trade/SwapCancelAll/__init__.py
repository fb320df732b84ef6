"""``SwapCancelAll``: cancel all open orders of one coin-margined swap contract.

Sent as ``POST /swap-api/v1/swap_cancelall``.
"""

from __future__ import annotations

from typing import ClassVar

from carpenstar_bybit.Core.Objects import AbstractParameters, AbstractResponse
from carpenstar_bybit.Htx.Endpoints import HtxEndpoint
from carpenstar_bybit.Htx.Swap.Trade.SwapCancelAll.Request import SwapCancelAllRequest
from carpenstar_bybit.Htx.Swap.Trade.SwapCancelAll.Response import SwapCancelAllResponse


class SwapCancelAll(HtxEndpoint):
    PATH: ClassVar[str] = "/swap-api/v1/swap_cancelall"
    REQUEST_CLASS: ClassVar[type[AbstractParameters]] = SwapCancelAllRequest
    RESPONSE_CLASS: ClassVar[type[AbstractResponse]] = SwapCancelAllResponse


__all__ = ["SwapCancelAll"]
