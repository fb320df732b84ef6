"""``TradeHistory``: the spot fills (PHP: v3 ``my-trades``; V5 ``/v5/execution/list``).

v3 paged by trade ids (``fromTradeId``/``toTradeId``): V5 has none, so those setters are checked
and kept but not sent; pages go by ``cursor``.
"""

from __future__ import annotations

from carpenstar_bybit.Core import Params as p
from carpenstar_bybit.Core.Declarations import Declaration, Integer, Out, Param, Shape
from carpenstar_bybit.Derivatives.Contract.Position.GetExecutionList.Declaration import (
    DECLARATION as V5,
)
from carpenstar_bybit.Spot import _fields as f

TRADE_ID = Integer(low=0)


DECLARATION = Declaration(
    name="TradeHistory",
    # the current PHP line: <Name>Response wraps result, items are <Name>ResponseItem
    current=p.current_list("getTradeHistory", "TradeHistoryResponseItem"),
    package="Spot.Trade",
    path="/v5/execution/list",
    method="GET",
    private=True,
    summary="The account's spot fills, newest first (the last 7 days unless a window is set).",
    params=(
        f.category(),
        f.symbol(),
        Param("OrderId", "orderId", p.ORDER_ID, "Fills of this order"),
        p.limit(100),
        *f.time_window(),
        Param("FromTradeId", "fromTradeId", TRADE_ID, "v3 paging by trade id", sent=False),
        Param("ToTradeId", "toTradeId", TRADE_ID, "v3 paging by trade id", sent=False),
        p.cursor(php=False),
    ),
    response=Shape(
        "TradeHistoryResponse",
        f.with_v5(
            (
                Out("getSymbol", "symbol", "str", "Symbol name"),
                Out("getId", None, "int", "v3 transaction ID: V5 has none (see getTradeId)"),
                Out("getOrderId", "orderId", "str", "Order ID"),
                Out("getTradeId", "execId", "str", "Execution ID"),
                Out("getOrderPrice", "execPrice", "float", "Fill price"),
                Out("getOrderQty", "execQty", "float", "Fill quantity"),
                Out("getExecFee", "execFee", "float", "Fee of the fill"),
                Out("getFeeTokenId", "feeCurrency", "str", "Coin the fee was paid in"),
                Out(
                    "getCreatTime",
                    "execTime",
                    "datetime",
                    "PHP's spelling; V5's execTime (closest)",
                ),
                Out("getIsBuyer", None, "int", "v3 0 buyer / 1 seller: V5 gives getSide()"),
                Out("getIsMaker", "isMaker", "bool", "True: maker (v3's int had 0 for maker)"),
                Out("getMatchOrderId", None, "int", "v3 matchOrderId: V5 has no such field"),
                Out("getMakerRebate", None, "int", "v3 makerRebate: V5 has no such field"),
                Out("getExecutionTime", "execTime", "datetime", "Fill time, UTC, ms kept"),
                Out("getSide", "side", "str", "Buy or Sell (V5; v3 isBuyer)"),
                Out("getOrderLinkId", "orderLinkId", "str", "User-defined order ID"),
            ),
            V5.response,
        ),
        doc="One fill.",
    ),
    rules=f.window_rules,
    categories=f.SPOT,
    default_category=f.DEFAULT,
)
