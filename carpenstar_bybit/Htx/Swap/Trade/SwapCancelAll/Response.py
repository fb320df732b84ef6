"""One order in the answer of ``POST /swap-api/v1/swap_cancelall``."""

from __future__ import annotations

from typing import Any

import attrs

from carpenstar_bybit.Core.Converter import register_response
from carpenstar_bybit.Htx.Response import HtxCancelResult, MalformedData, as_int, first_text


def _success_ids(successes: Any) -> list[str]:
    """HTX sends ``"id1,id2"`` (maybe ``""``); a list or a lone number is read as well."""
    if successes is None:
        return []
    if isinstance(successes, str):
        return [part.strip() for part in successes.split(",") if part.strip()]
    values = successes if isinstance(successes, list) else [successes]
    ids = []
    for value in values:
        if isinstance(value, str) and value.strip():
            ids.append(value.strip())
        elif isinstance(value, int) and not isinstance(value, bool):
            ids.append(str(value))
        else:
            raise MalformedData("data.successes is not a list of order ids")
    return ids


@register_response
@attrs.frozen(slots=True)
class SwapCancelAllResponse(HtxCancelResult):
    """One order: cancelled (``err_code`` and ``err_msg`` None), or not, with HTX's reason."""

    order_id: str = ""
    err_code: int | None = None
    err_msg: str | None = None

    @classmethod
    def itemsFromData(cls, data: Any) -> list[dict[str, Any]]:
        """The cancelled orders (from ``successes``) first, then those in ``errors``."""
        if data is None:
            return []
        if not isinstance(data, dict):
            raise MalformedData("data is not an object")
        items: list[dict[str, Any]] = [
            {"order_id": order_id, "err_code": None, "err_msg": None}
            for order_id in _success_ids(data.get("successes"))
        ]
        errors = data.get("errors")
        if errors is None:
            errors = []
        if not isinstance(errors, list):
            raise MalformedData("data.errors is not a list")
        for index, raw in enumerate(errors):
            if not isinstance(raw, dict):
                raise MalformedData(f"data.errors[{index}] is not an object")
            code = as_int(raw.get("err_code"))
            if code is None:
                raise MalformedData(f"data.errors[{index}].err_code is not an integer")
            message = first_text(raw, "err_msg", "msg", "message") or ""
            items.append({**raw, "err_code": code, "err_msg": message})
        return items

    def getOrderId(self) -> str:
        return self.order_id

    def getErrCode(self) -> int | None:
        return self.err_code

    def getErrMsg(self) -> str | None:
        return self.err_msg

    def isCancelled(self) -> bool:
        return self.err_code is None


__all__ = ["SwapCancelAllResponse"]
