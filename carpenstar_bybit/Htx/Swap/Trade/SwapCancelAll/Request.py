"""The request of ``POST /swap-api/v1/swap_cancelall``."""

from __future__ import annotations

from typing import Self

import attrs

from carpenstar_bybit.Core import Validation as rules
from carpenstar_bybit.Core.Converter import register_request
from carpenstar_bybit.Core.Objects import AbstractParameters
from carpenstar_bybit.Htx import Validation as htx_rules


@register_request
@attrs.define(slots=True)
class SwapCancelAllRequest(AbstractParameters):
    """Cancel the open orders of one coin-margined swap contract (``contract_code`` required).

    ``direction`` and ``offset`` narrow it down; either may be given alone. The contract code is
    case-insensitive on HTX and kept and sent in uppercase. Values are checked as they are set.
    """

    contract_code: str | None = attrs.field(
        default=None,
        converter=htx_rules.contract_code_text,
        validator=htx_rules.coin_swap_contract_code,
    )
    direction: str | None = attrs.field(default=None, validator=htx_rules.direction)
    offset: str | None = attrs.field(default=None, validator=htx_rules.offset)

    def setContractCode(self, contractCode: str) -> Self:
        self.contract_code = contractCode
        return self

    def setDirection(self, direction: str) -> Self:
        self.direction = direction
        return self

    def setOffset(self, offset: str) -> Self:
        self.offset = offset
        return self

    def getContractCode(self) -> str | None:
        return self.contract_code

    def getDirection(self) -> str | None:
        return self.direction

    def getOffset(self) -> str | None:
        return self.offset

    def validate(self) -> None:
        attrs.validate(self)
        if self.contract_code is None:
            raise rules.fail(self, "contract_code", "is required, e.g. 'BTC-USD'")


__all__ = ["SwapCancelAllRequest"]
