"""``CancelAllOrders``: cancel all open orders of an HTX USDT-margined unified account."""

from __future__ import annotations

from typing import Any

from carpenstar_bybit.Core.Declarations import Choice, Declaration, Out, Param, Shape
from carpenstar_bybit.Core.Retry import IDEMPOTENT
from carpenstar_bybit.Htx import Validation as htx
from carpenstar_bybit.Htx.Response import (
    SUCCESS_CODE,
    HtxCancelResult,
    MalformedData,
    as_int,
    first_text,
)


class CancelAllOrdersItems(HtxCancelResult):
    """How an order is read from ``data``, and when it counts as cancelled."""

    __slots__ = ()

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

    def isCancelled(self) -> bool:
        return as_int(self._get("code")) == SUCCESS_CODE


DECLARATION = Declaration(
    name="CancelAllOrders",
    package="Htx.V5.Trade",
    path="/v5/trade/cancel_all_orders",
    method="POST",
    private=True,
    summary=(
        "Cancel every open order, or only those of a contract, a side or a position side "
        "(an empty request cancels all of the account's)."
    ),
    params=(
        Param(
            "ContractCode",
            "contract_code",
            htx.CONTRACT_CODE,
            "Contract code, any case (sent uppercase): BTC-USDT or BTC-USDT-241115",
        ),
        Param("Side", "side", Choice(htx.SIDES), "Order side: buy or sell"),
        Param(
            "PositionSide",
            "position_side",
            Choice(htx.POSITION_SIDES),
            "Position side: long, short or both",
        ),
    ),
    response=Shape(
        "CancelAllOrdersResponse",
        (
            Out("getOrderId", "order_id", "str", "Order id"),
            Out("getClientOrderId", "client_order_id", "str", "Client order id, '' when none"),
            Out("getCode", "code", "int", "200 when this order was cancelled, else HTX's code"),
            Out("getMessage", "message", "str", "Why the order was not cancelled"),
        ),
        root="data",
        doc=("One order: cancelled when its own code is 200, else code and message say why not."),
    ),
    endpoint_base="carpenstar_bybit.Htx.Endpoints:HtxEndpoint",
    response_base=(
        "carpenstar_bybit.Htx.V5.Trade.CancelAllOrders.Declaration:CancelAllOrdersItems"
    ),
    exchange="htx",
    # Cancelling everything twice leaves the same: nothing open.
    replay=IDEMPOTENT,
)
