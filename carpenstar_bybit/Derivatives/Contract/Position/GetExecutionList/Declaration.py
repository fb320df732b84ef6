"""``GetExecutionList``: the account's executions, trade history (V5 ``/v5/execution/list``)."""

from __future__ import annotations

from typing import Any

from carpenstar_bybit.Core import Params as p
from carpenstar_bybit.Core.Declarations import Choice, Declaration, Out, Param, Shape
from carpenstar_bybit.Core.Enums import EnumCategory, EnumExecType


def rules(request: Any, category: str | None) -> None:
    p.time_window(request)
    if request.settle_coin is not None and category == EnumCategory.SPOT:
        raise request.fail("settleCoin", "is not for category 'spot'")


def _o(getter: str, wire: str | None, doc: str, kind: str = "float") -> Out:
    return Out(getter, wire, kind, doc)


DECLARATION = Declaration(
    name="GetExecutionList",
    current=p.current_list(
        "getExecutionList", "GetExecutionListResponseItem", cursor=True, category=True
    ),
    package="Derivatives.Contract.Position",
    path="/v5/execution/list",
    method="GET",
    private=True,
    summary=(
        "Executions, newest first, within 7 days (the last 7 without times); orderId or "
        "orderLinkId overrides the other filters; 50 per page unless setLimit (1 to 100)."
    ),
    params=(
        p.category(),
        p.symbol(),
        Param("OrderId", "orderId", p.ORDER_ID, "Order ID"),
        Param("OrderLinkId", "orderLinkId", p.ORDER_LINK_ID, "User-defined order ID", php=False),
        Param("BaseCoin", "baseCoin", p.COIN, "Base coin", php=False),
        Param("SettleCoin", "settleCoin", p.COIN, "Settle coin (not spot)", php=False),
        Param("StartTime", "startTime", p.TIME_MS, "From (ms or aware datetime; ms kept)"),
        Param("EndTime", "endTime", p.TIME_MS, "To, at most 7 days after startTime"),
        Param("ExecType", "execType", Choice(EnumExecType.EXEC_TYPE_LIST), "Execution type"),
        p.limit(100),
        p.cursor(),
    ),
    response=Shape(
        "GetExecutionListResponse",
        (
            _o("getSymbol", "symbol", "Symbol", "str"),
            _o("getSide", "side", "Buy or Sell", "str"),
            _o("getOrderId", "orderId", "Order ID", "str"),
            _o("getOrderLinkId", "orderLinkId", "User-defined order ID", "str"),
            _o("getOrderPrice", "orderPrice", "Order price"),
            _o("getOrderQty", "orderQty", "Order quantity"),
            _o("getOrderType", "orderType", "Market, Limit or UNKNOWN", "str"),
            _o(
                "getStopOrderType",
                "stopOrderType",
                "Stop order type ('' or UNKNOWN if none)",
                "str",
            ),
            _o("getExecId", "execId", "Execution ID", "str"),
            _o("getExecPrice", "execPrice", "Execution price"),
            _o("getExecQty", "execQty", "Execution quantity"),
            _o("getExecFee", "execFee", "Fee of the execution"),
            _o("getExecType", "execType", "Trade, Funding, AdlTrade, BustTrade, …", "str"),
            _o("getExecValue", "execValue", "Execution value"),
            _o("getFeeRate", "feeRate", "Fee rate"),
            _o(
                "getLastLiquidityInd",
                None,
                "v3's AddedLiquidity/RemovedLiquidity: V5 does not return it (use isMaker)",
            ),
            _o("isMaker", "isMaker", "True for a maker execution", "bool"),
            _o("getLeavesQty", "leavesQty", "Quantity the order still has open"),
            _o("getClosedSize", "closedSize", "Size this execution closed (None when '')"),
            _o("getBlockTradeId", "blockTradeId", "Block trade ID", "str"),
            _o("getMarkPrice", "markPrice", "Mark price at execution (None when '')"),
            _o("getIndexPrice", "indexPrice", "Option: index price (None when '')"),
            _o("getUnderlyingPrice", "underlyingPrice", "Option: underlying price (None when '')"),
            _o("getExecTime", "execTime", "Executed (UTC, ms kept)", "datetime"),
            _o("getFeeCurrency", "feeCurrency", "Coin the fee was paid in", "str"),
            _o("getCreateType", "createType", "How the order was created", "str"),
            _o("getTradeIv", "tradeIv", "Option: implied volatility (v3 iv)"),
            _o("getMarkIv", "markIv", "Option: implied volatility of the mark price"),
            _o("getSeq", "seq", "Cross sequence", "int"),
        ),
        setters=("getOrderId",),  # PHP's public item setters
        doc="One execution: an item of result.list in the answer of /v5/execution/list.",
    ),
    rules=rules,
    category_from=("symbol", "settleCoin"),
    categories=EnumCategory.ALL,
)
