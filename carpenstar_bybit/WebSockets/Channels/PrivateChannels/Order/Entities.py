"""One order of the private ``order`` stream: the REST open-orders DTO's getters, plus the
message's ``getTopic()``, ``getId()``, ``getCreationTime()`` and the item's ``getCategory()``."""

from __future__ import annotations

from carpenstar_bybit.Derivatives.Contract.Order.GetOpenOrders.Response import GetOpenOrdersResponse
from carpenstar_bybit.WebSockets._entity import PrivateEntity


class OrderEntity(PrivateEntity, GetOpenOrdersResponse):
    __slots__ = ()

    def getCategory(self) -> str:
        return self._str("category")


__all__ = ["OrderEntity"]
