"""``CancelAllOrders``: cancel all open orders of a USDT-margined unified account.

Sent as ``POST /v5/trade/cancel_all_orders``.
"""

from __future__ import annotations

from typing import ClassVar

from carpenstar_bybit.Core.Objects import AbstractParameters, AbstractResponse
from carpenstar_bybit.Htx.Endpoints import HtxEndpoint
from carpenstar_bybit.Htx.V5.Trade.CancelAllOrders.Request import CancelAllOrdersRequest
from carpenstar_bybit.Htx.V5.Trade.CancelAllOrders.Response import CancelAllOrdersResponse


class CancelAllOrders(HtxEndpoint):
    PATH: ClassVar[str] = "/v5/trade/cancel_all_orders"
    REQUEST_CLASS: ClassVar[type[AbstractParameters]] = CancelAllOrdersRequest
    RESPONSE_CLASS: ClassVar[type[AbstractResponse]] = CancelAllOrdersResponse


__all__ = ["CancelAllOrders"]
