"""``CancelOrder``: cancel one open order.

PHP: the contract v3 cancel; sent as ``POST /v5/order/cancel``.
"""

from __future__ import annotations

from typing import ClassVar

from carpenstar_bybit.Core.Endpoints import PrivateEndpoint
from carpenstar_bybit.Core.Enums import EnumHttpMethods
from carpenstar_bybit.Core.Objects import AbstractParameters, AbstractResponse
from carpenstar_bybit.Derivatives.Contract.Order.CancelOrder.Request import CancelOrderRequest
from carpenstar_bybit.Derivatives.Contract.Order.CancelOrder.Response import CancelOrderResponse


class CancelOrder(PrivateEndpoint):
    PATH: ClassVar[str] = "/v5/order/cancel"
    HTTP_METHOD: ClassVar[str] = EnumHttpMethods.POST
    REQUEST_CLASS: ClassVar[type[AbstractParameters]] = CancelOrderRequest
    RESPONSE_CLASS: ClassVar[type[AbstractResponse]] = CancelOrderResponse


__all__ = ["CancelOrder"]
