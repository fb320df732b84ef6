"""``PublicTradingHistory``: the latest public trades (V5 ``GET /v5/market/recent-trade``)."""

from __future__ import annotations

from typing import Any

from carpenstar_bybit.Core import Params as p
from carpenstar_bybit.Core.Declarations import Choice, Declaration, Out, Param, Shape
from carpenstar_bybit.Core.Enums import EnumCategory as C
from carpenstar_bybit.Core.Enums import EnumOptionType
from carpenstar_bybit.Derivatives.MarketData._shared import PUBLIC

SPOT_LIMIT = 60  # spot answers at most 60 trades, the others 1000


def rules(request: Any, category: str | None) -> None:
    if request.symbol is None and category != C.OPTION:
        raise request.fail("symbol", f"is required for category {category!r}")
    if category == C.SPOT and request.limit is not None and request.limit > SPOT_LIMIT:
        raise request.fail(
            "limit", f"must be at most {SPOT_LIMIT} for category 'spot' (got {request.limit})"
        )
    for wire, value in (("baseCoin", request.base_coin), ("optionType", request.option_type)):
        if value is not None and category != C.OPTION:
            raise request.fail(wire, f"is for category 'option' only (category is {category!r})")


DECLARATION = Declaration(
    name="PublicTradingHistory",
    current=p.current_list("getTradingList", "PublicTradingHistoryResponseItem"),
    package="Derivatives.MarketData",
    path="/v5/market/recent-trade",
    method="GET",
    private=False,
    summary="The latest public trades of a symbol, newest first.",
    params=(
        p.category(),
        p.symbol(),
        p.limit(1000),
        Param("BaseCoin", "baseCoin", p.COIN, "Option only: base coin (default BTC)", php=False),
        Param(
            "OptionType",
            "optionType",
            Choice(EnumOptionType.OPTION_TYPE_LIST),
            "Option only: Call or Put",
            php=False,
        ),
    ),
    response=Shape(
        "PublicTradingHistoryResponse",
        (
            Out("getExecId", "execId", "str", "Execution ID"),
            Out("getSymbol", "symbol", "str", "Symbol name"),
            Out("getPrice", "price", "float", "Trade price"),
            Out("getSize", "size", "float", "Trade size"),
            Out("getSide", "side", "str", "Taker side: Buy or Sell"),
            Out("getTime", "time", "datetime", "Trade time (UTC, ms kept)"),
            Out("isBlockTrade", "isBlockTrade", "bool", "A block trade"),
            Out("isRPITrade", "isRPITrade", "bool", "A trade against an RPI order"),
            Out("getSeq", "seq", "optstr", "Cross sequence"),
            Out("getMarkPrice", "mP", "float", "Option only: mark price"),
            Out("getIndexPrice", "iP", "float", "Option only: index price"),
            Out("getMarkIv", "mIv", "float", "Option only: mark implied volatility"),
            Out("getIv", "iv", "float", "Option only: implied volatility of the trade"),
        ),
        setters=("getSymbol", "getPrice"),  # PHP's public item setters
        doc="One public trade: an item of result.list.",
    ),
    rules=rules,
    category_from=("symbol",),
    categories=C.ALL,
    category_missing=(
        "symbol",
        "is required (only category 'option' lists trades by baseCoin: setCategory('option'))",
    ),
    php_interfaces=(("IPublicTradingHistoryResponse", "IPublicTradingHistoryResponseInterface"),),
    endpoint_base=PUBLIC,
)
