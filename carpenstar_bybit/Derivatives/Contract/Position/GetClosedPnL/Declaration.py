"""``GetClosedPnL``: closed-position PnL records (V5 ``/v5/position/closed-pnl``)."""

from __future__ import annotations

from typing import Any

from carpenstar_bybit.Core import Params as p
from carpenstar_bybit.Core.Declarations import Declaration, Out, Param, Shape
from carpenstar_bybit.Core.Enums import EnumCategory

CATEGORIES = (EnumCategory.LINEAR, EnumCategory.INVERSE)


def rules(request: Any, category: str | None) -> None:
    p.time_window(request)


def _o(getter: str, wire: str, doc: str, kind: str = "float") -> Out:
    return Out(getter, wire, kind, doc)


DECLARATION = Declaration(
    name="GetClosedPnL",
    current=p.current_list("getClosedPnlList", "GetClosedPnLResponseItem", cursor=True),
    package="Derivatives.Contract.Position",
    path="/v5/position/closed-pnl",
    method="GET",
    private=True,
    summary=(
        "Closed PnL records, newest first, within 7 days (the last 7 without times); "
        "50 per page unless setLimit (1 to 100), then getNextPageCursor()."
    ),
    params=(
        p.category(*CATEGORIES),
        p.symbol(),
        # ms (the 2023 line) or a date string (the current line): both lines' setStartTime.
        Param("StartTime", "startTime", p.TIME_DATE, "From (ms, aware datetime or date; ms kept)"),
        Param("EndTime", "endTime", p.TIME_DATE, "To, at most 7 days after startTime"),
        p.limit(100),
        p.cursor(),
    ),
    response=Shape(
        "GetClosedPnLResponse",
        (
            _o("getSymbol", "symbol", "Symbol", "str"),
            _o("getOrderId", "orderId", "Closing order ID", "str"),
            _o("getSide", "side", "Side of the closing order", "str"),
            _o("getQty", "qty", "Order quantity"),
            _o("getLeverage", "leverage", "Leverage"),
            _o("getOrderPrice", "orderPrice", "Order price"),
            _o("getOrderType", "orderType", "Market or Limit", "str"),
            _o("getExecType", "execType", "Trade, BustTrade, SessionSettlePnL, Settle, …", "str"),
            _o("getClosedSize", "closedSize", "Size closed"),
            _o("getCumEntryValue", "cumEntryValue", "Entry value of the closed size"),
            _o("getAvgEntryPrice", "avgEntryPrice", "Average entry price"),
            _o("getCumExitValue", "cumExitValue", "Exit value of the closed size"),
            _o("getAvgExitPrice", "avgExitPrice", "Average exit price"),
            _o("getClosedPnl", "closedPnl", "Closed PnL, after the opening and closing fees"),
            _o("getFillCount", "fillCount", "Fills of the closing order", "int"),
            _o("getCreatedAt", "createdTime", "Created (V5 createdTime; UTC, ms kept)", "datetime"),
            _o("getCreatedTime", "createdTime", "Created (UTC, ms kept)", "datetime"),
            _o("getUpdatedTime", "updatedTime", "Updated (UTC, ms kept)", "datetime"),
            _o("getOpenFee", "openFee", "Opening fee of the closed size"),
            _o("getCloseFee", "closeFee", "Closing fee"),
        ),
        doc="One closed PnL record: an item of result.list of /v5/position/closed-pnl.",
    ),
    rules=rules,
    category_from=("symbol",),
    categories=CATEGORIES,
)
