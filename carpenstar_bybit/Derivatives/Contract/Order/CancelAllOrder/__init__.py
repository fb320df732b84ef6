"""``CancelAllOrder``: cancel every open order that matches.

PHP: the contract v3 cancel-all; sent as ``POST /v5/order/cancel-all``.
"""

from __future__ import annotations

from typing import ClassVar

from carpenstar_bybit.Core.Endpoints import PrivateEndpoint
from carpenstar_bybit.Core.Enums import EnumHttpMethods
from carpenstar_bybit.Core.Objects import AbstractParameters, AbstractResponse
from carpenstar_bybit.Derivatives.Contract.Order.CancelAllOrder.Request import CancelAllOrderRequest
from carpenstar_bybit.Derivatives.Contract.Order.CancelAllOrder.Response import (
    CancelAllOrderResponse,
)


class CancelAllOrder(PrivateEndpoint):
    PATH: ClassVar[str] = "/v5/order/cancel-all"
    HTTP_METHOD: ClassVar[str] = EnumHttpMethods.POST
    REQUEST_CLASS: ClassVar[type[AbstractParameters]] = CancelAllOrderRequest
    RESPONSE_CLASS: ClassVar[type[AbstractResponse]] = CancelAllOrderResponse


__all__ = ["CancelAllOrder"]
