"""``PublicTradingRecords``: recent trades (PHP: v3 ``quote/trades``; V5 ``recent-trade``)."""

from __future__ import annotations

from carpenstar_bybit.Core import Params as p
from carpenstar_bybit.Core.Declarations import Declaration, Integer, Out, Param, Shape
from carpenstar_bybit.Derivatives.MarketData.PublicTradingHistory.Declaration import (
    DECLARATION as V5,
)
from carpenstar_bybit.Spot import _fields as f

# The recent-trade fields V5 sends on option trades only.
OPTION_ONLY = ("mP", "iP", "mIv", "iv")

DECLARATION = Declaration(
    name="PublicTradingRecords",
    # the current PHP line: <Name>Response wraps result, items are <Name>ResponseItem
    current=p.current_list("getRecords", "PublicTradingRecordsResponseItem"),
    package="Spot.MarketData",
    path="/v5/market/recent-trade",
    method="GET",
    private=False,
    summary="The recent public trades of a spot symbol, newest first (60 unless set).",
    params=(
        f.category(),
        p.symbol(required=True),
        Param(
            "Limit",
            "limit",
            Integer(low=1, high=60),
            "Trades, 1 to 60; 60 when not set",
            default=60,
        ),
    ),
    response=Shape(
        "PublicTradingRecordsResponse",
        f.with_v5(
            (
                Out("getPrice", "price", "float", "Trade price"),
                Out("getQuantity", "size", "float", "Trade size"),
                Out("getTime", "time", "datetime", "Trade time, UTC, ms kept"),
                Out(
                    "getIsBuyerMaker",
                    None,
                    "bool",
                    "v3 isBuyerMaker: V5 gives the taker's getSide()",
                ),
                Out("getType", "isBlockTrade", "bool", "True: a block trade (v3 type 1)"),
                Out("getSide", "side", "str", "The taker's side (V5)"),
                Out("getExecId", "execId", "str", "Execution ID (V5)"),
            ),
            V5.response,
            leave=OPTION_ONLY,
        ),
        doc="One trade (an item of result.list).",
    ),
    endpoint_base=f.PUBLIC,
    categories=f.SPOT,
    default_category=f.DEFAULT,
)
