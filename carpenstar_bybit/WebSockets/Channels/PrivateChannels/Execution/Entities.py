"""One execution of the private ``execution`` stream (the REST execution-list DTO's getters)."""

from __future__ import annotations

from carpenstar_bybit.Derivatives.Contract.Position.GetExecutionList.Response import (
    GetExecutionListResponse,
)
from carpenstar_bybit.WebSockets._entity import PrivateEntity


class ExecutionEntity(PrivateEntity, GetExecutionListResponse):
    __slots__ = ()

    def getCategory(self) -> str:
        return self._str("category")


__all__ = ["ExecutionEntity"]
