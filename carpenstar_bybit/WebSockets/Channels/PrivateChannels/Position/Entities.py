"""One position of the private ``position`` stream (the REST position-list DTO's getters)."""

from __future__ import annotations

from carpenstar_bybit.Derivatives.Contract.Position.MyPosition.Response import MyPositionResponse
from carpenstar_bybit.WebSockets._entity import PrivateEntity


class PositionEntity(PrivateEntity, MyPositionResponse):
    __slots__ = ()

    def getCategory(self) -> str:
        return self._str("category")


__all__ = ["PositionEntity"]
