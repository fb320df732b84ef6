"""``SwapCancelAll``: cancel all open orders of one HTX coin-margined swap contract."""

from __future__ import annotations

from typing import Any

from carpenstar_bybit.Core.Declarations import Choice, Declaration, Out, Param, Shape
from carpenstar_bybit.Core.Retry import IDEMPOTENT
from carpenstar_bybit.Htx import Validation as htx
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


class SwapCancelAllItems(HtxCancelResult):
    """The cancelled orders (from ``successes``) first, then those in ``errors``."""

    __slots__ = ()

    @classmethod
    def itemsFromData(cls, data: Any) -> list[dict[str, Any]]:
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

    def isCancelled(self) -> bool:
        return self._get("err_code") is None


def rules(request: Any, category: str | None) -> None:
    if request.contract_code is None:
        raise request.fail("contract_code", "is required, e.g. 'BTC-USD'")


DECLARATION = Declaration(
    name="SwapCancelAll",
    package="Htx.Swap.Trade",
    path="/swap-api/v1/swap_cancelall",
    method="POST",
    private=True,
    summary=(
        "Cancel the open orders of one coin-margined swap contract (contract_code required); "
        "direction and offset narrow it down."
    ),
    params=(
        Param(
            "ContractCode",
            "contract_code",
            htx.COIN_SWAP_CONTRACT_CODE,
            "Contract code, any case (sent uppercase): BTC-USD",
        ),
        Param("Direction", "direction", Choice(htx.DIRECTIONS), "Order direction: buy or sell"),
        Param("Offset", "offset", Choice(htx.OFFSETS), "Offset: open or close"),
    ),
    response=Shape(
        "SwapCancelAllResponse",
        (
            Out("getOrderId", "order_id", "str", "Order id"),
            Out("getErrCode", "err_code", "int", "None when cancelled, else HTX's error code"),
            Out("getErrMsg", "err_msg", "optstr", "None when cancelled, else HTX's reason"),
        ),
        root="data",
        doc="One order: cancelled (err_code and err_msg None), or not, with HTX's reason.",
    ),
    rules=rules,
    endpoint_base="carpenstar_bybit.Htx.Endpoints:HtxEndpoint",
    response_base="carpenstar_bybit.Htx.Swap.Trade.SwapCancelAll.Declaration:SwapCancelAllItems",
    exchange="htx",
    # Cancelling everything twice leaves the same: nothing open.
    replay=IDEMPOTENT,
)
