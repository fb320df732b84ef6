"""``PurchaseRedeemHistory``: leverage-token orders (PHP: v3 ``record``; V5 ``order-record``).

Retired by Bybit (4 July 2025).
"""

from __future__ import annotations

from typing import Any

from carpenstar_bybit.Core import Params as p
from carpenstar_bybit.Core.Declarations import Declaration, Integer, Out, Param, Shape
from carpenstar_bybit.Spot.LeverageToken import _retired as r


def rules(request: Any, category: str | None) -> None:
    p.start_not_after_end(request, "startTime", "endTime")


DECLARATION = Declaration(
    name="PurchaseRedeemHistory",
    # the current PHP line: <Name>Response wraps result, items are <Name>ResponseItem
    current=p.current_list("getPurchaseHistory", "PurchaseRedeemHistoryResponseItem"),
    package="Spot.LeverageToken",
    path="/v5/spot-lever-token/order-record",
    method="GET",
    private=True,
    summary=r.summary("Leverage-token purchases and redemptions"),
    params=(
        r.lt_code(),
        Param("OrderId", "orderId", p.ORDER_ID, "Order ID"),
        Param("StartTime", "startTime", p.TIME_MS, "From this time (a datetime, as PHP, or ms)"),
        Param("EndTime", "endTime", p.TIME_MS, "Up to this time"),
        Param("Limit", "limit", Integer(low=1, high=500), "Records, 1 to 500"),
        Param("OrderType", "ltOrderType", Integer(values=(1, 2)), "1 purchase, 2 redemption"),
        r.serial_no(),
    ),
    response=Shape(
        "PurchaseRedeemHistoryResponse",
        (
            Out("getLtCode", "ltCoin", "str", "Leverage token"),
            Out("getOrderId", "orderId", "str", "Order ID"),
            Out("getOrderType", "ltOrderType", "int", "1 purchase, 2 redemption"),
            Out("getOrderTime", "orderTime", "datetime", "Ordered, UTC"),
            Out("getExecTime", "updateTime", "datetime", "Updated, UTC (v3 excTime)"),
            Out("getOrderStatus", "ltOrderStatus", "int", "1 done, 2 in progress, 3 failed"),
            Out("getAmount", "amount", "float", "Amount"),
            Out("getFee", "fee", "float", "Fee"),
            Out("getValue", "value", "float", "Value"),
            Out("getValueCoin", "valueCoin", "str", "Quote coin"),
            Out("getSerialNo", "serialNo", "str", "Serial number"),
        ),
        doc="One purchase or redemption (an item of result.list).",
    ),
    rules=rules,
    deprecated=r.RETIRED,
    refusal_hints=r.HINTS,
    php_interfaces=(
        ("IPurchaseReedemHistoryResponseInterface", "IPurchaseRedeemHistoryResponseInterface"),
        # the current line's item interface keeps the same misspelling
        (
            "IPurchaseReedemHistoryResponseItemInterface",
            "IPurchaseRedeemHistoryResponseItemInterface",
        ),
    ),
)
