"""The request of ``POST /v5/trade/cancel_all_orders``."""

from __future__ import annotations

from typing import Self

import attrs

from carpenstar_bybit.Core.Converter import register_request
from carpenstar_bybit.Core.Objects import AbstractParameters
from carpenstar_bybit.Htx import Validation as htx_rules


@register_request
@attrs.define(slots=True)
class CancelAllOrdersRequest(AbstractParameters):
    """Cancel every open order, or only those of a contract, a side or a position side.

    Every field is optional: an empty request (body ``{}``) cancels all open orders of the account.
    The contract code is case-insensitive and kept in uppercase. Values are checked as they are
    set.
    """

    contract_code: str | None = attrs.field(
        default=None,
        converter=htx_rules.contract_code_text,
        validator=htx_rules.contract_code,
    )
    side: str | None = attrs.field(default=None, validator=htx_rules.side)
    position_side: str | None = attrs.field(default=None, validator=htx_rules.position_side)

    def setContractCode(self, contractCode: str) -> Self:
        self.contract_code = contractCode
        return self

    def setSide(self, side: str) -> Self:
        self.side = side
        return self

    def setPositionSide(self, positionSide: str) -> Self:
        self.position_side = positionSide
        return self

    def getContractCode(self) -> str | None:
        return self.contract_code

    def getSide(self) -> str | None:
        return self.side

    def getPositionSide(self) -> str | None:
        return self.position_side

    def validate(self) -> None:
        attrs.validate(self)


__all__ = ["CancelAllOrdersRequest"]
