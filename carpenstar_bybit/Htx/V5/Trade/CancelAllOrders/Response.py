"""One item of ``data`` in the answer of ``POST /v5/trade/cancel_all_orders``."""

from __future__ import annotations

from typing import Any

import attrs

from carpenstar_bybit.Core.Converter import register_response
from carpenstar_bybit.Htx.Response import (
    SUCCESS_CODE,
    HtxCancelResult,
    MalformedData,
    as_int,
    first_text,
)


@register_response
@attrs.frozen(slots=True)
class CancelAllOrdersResponse(HtxCancelResult):
    """One order: cancelled when its own ``code`` is 200, else ``code`` and ``message`` say why
    not. ``client_order_id`` is ``""`` when the order had none."""

    order_id: str = ""
    client_order_id: str = ""
    code: int = 0
    message: str = ""

    @classmethod
    def itemsFromData(cls, data: Any) -> list[dict[str, Any]]:
        if data is None:
            return []
        if not isinstance(data, list):
            raise MalformedData("data is not a list")
        items = []
        for index, raw in enumerate(data):
            if not isinstance(raw, dict):
                raise MalformedData(f"data[{index}] is not an object")
            code = as_int(raw.get("code"))
            if code is None:
                raise MalformedData(f"data[{index}].code is not an integer")
            message = first_text(raw, "message", "msg") or ""
            items.append({**raw, "code": code, "message": message})
        return items

    def getOrderId(self) -> str:
        return self.order_id

    def getClientOrderId(self) -> str:
        return self.client_order_id

    def getCode(self) -> int:
        return self.code

    def getMessage(self) -> str:
        return self.message

    def isCancelled(self) -> bool:
        return self.code == SUCCESS_CODE


__all__ = ["CancelAllOrdersResponse"]
