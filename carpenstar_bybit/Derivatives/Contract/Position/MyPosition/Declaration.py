"""``MyPosition``: the account's positions (PHP: the contract v3 list; V5 ``/v5/position/list``)."""

from __future__ import annotations

from typing import Any

from carpenstar_bybit.Core import Params as p
from carpenstar_bybit.Core.Declarations import Declaration, Out, Param, Shape
from carpenstar_bybit.Core.Enums import EnumCategory

C = EnumCategory
CATEGORIES = (C.LINEAR, C.INVERSE, C.OPTION)


def rules(request: Any, category: str | None) -> None:
    if category == C.LINEAR:
        p.one_or_more(request, "symbol", "settleCoin")
    if request.base_coin is not None and category != C.OPTION:
        raise request.fail("baseCoin", f"is for category 'option' only (category is {category!r})")


def _f(getter: str, wire: str | None, doc: str, kind: str = "float") -> Out:
    return Out(getter, wire, kind, doc)


DECLARATION = Declaration(
    name="MyPosition",
    current=p.current_list("getPositionList", "MyPositionResponseItem", cursor=True, category=True),
    package="Derivatives.Contract.Position",
    path="/v5/position/list",
    method="GET",
    private=True,
    summary=(
        "Positions by symbol (listed even when empty) or by settle coin (open ones only); "
        "20 per page unless setLimit, then getNextPageCursor()."
    ),
    params=(
        p.category(*CATEGORIES),
        p.symbol(),
        Param(
            "SettleCoin",
            "settleCoin",
            p.COIN,
            "Settle coin: every open position in it",
            arg="symbol",
        ),
        Param(
            "BaseCoin", "baseCoin", p.COIN, "Option only: positions of this base coin", php=False
        ),
        p.limit(200, php=False),
        Param(
            "Cursor",
            "cursor",
            p.CURSOR,
            "Page cursor: getNextPageCursor() of the previous answer",
            php=False,
        ),
    ),
    response=Shape(
        "MyPositionResponse",
        (
            _f("getSymbol", "symbol", "Symbol", "str"),
            _f("getSide", "side", "Buy, Sell, or '' for an empty one-way position", "str"),
            _f("getSize", "size", "Position size"),
            _f("getEntryPrice", "avgPrice", "Average entry price (V5 avgPrice; v3 entryPrice)"),
            _f("getLeverage", "leverage", "Leverage (None in portfolio margin)"),
            _f("getPositionValue", "positionValue", "Position value"),
            _f("getPositionIdx", "positionIdx", "0 one-way, 1 hedge Buy, 2 hedge Sell", "int"),
            _f("getRiskId", "riskId", "Risk tier ID", "int"),
            _f(
                "getRiskLimitValue",
                "riskLimitValue",
                "Risk limit value (meaningless under automatic risk limits)",
                "str",
            ),
            _f(
                "getTradeMode",
                "tradeMode",
                "Deprecated by Bybit, always 0: the margin mode is account-wide",
                "int",
            ),
            _f("getAutoAddMargin", "autoAddMargin", "0 off, 1 on", "int"),
            _f(
                "getPositionBalance",
                "positionBalance",
                "Position margin (deprecated by Bybit: use getPositionIM)",
            ),
            _f("getLiqPrice", "liqPrice", "Liquidation price (None when V5 sends '')"),
            _f("getBustPrice", "bustPrice", "Bankruptcy price (deprecated by Bybit: always None)"),
            _f("getTpSlMode", "tpslMode", "TP/SL mode (deprecated by Bybit: always Full)", "str"),
            _f("getTakeProfit", "takeProfit", "Take profit price (0: none)"),
            _f("getStopLoss", "stopLoss", "Stop loss price (0: none)"),
            _f("getCreatedTime", "createdTime", "Created (UTC, ms kept)", "datetime"),
            _f("getUpdatedTime", "updatedTime", "Updated (UTC, ms kept)", "datetime"),
            _f("getTrailingStop", "trailingStop", "Trailing stop distance (0: none)", "str"),
            _f("getActivePrice", None, "Trailing stop activation price: V5 does not return it"),
            _f("getMarkPrice", "markPrice", "Mark price"),
            _f("getUnrealisedPnl", "unrealisedPnl", "Unrealised PnL"),
            _f("getCumRealisedPnl", "cumRealisedPnl", "Realised PnL since the position opened"),
            _f("getPositionMM", "positionMM", "Maintenance margin (None when V5 sends '')"),
            _f("getPositionIM", "positionIM", "Initial margin (None when V5 sends '')"),
            _f("getPositionStatus", "positionStatus", "Normal, Liq or Adl", "str"),
            _f("getSessionAvgPrice", "sessionAvgPrice", "USDC contracts: settlement price"),
            _f("getOccClosingFee", None, "Pre-occupied closing fee: V5 does not return it"),
            _f("getAdlRankIndicator", "adlRankIndicator", "Auto-deleverage rank, 0 to 5", "int"),
            _f("getBreakEvenPrice", "breakEvenPrice", "Break-even price"),
            _f("getCurRealisedPnl", "curRealisedPnl", "Realised PnL of the current holding"),
            _f("getPositionIMByMp", "positionIMByMp", "Initial margin by mark price"),
            _f("getPositionMMByMp", "positionMMByMp", "Maintenance margin by mark price"),
            _f("getSeq", "seq", "Cross sequence", "int"),
            _f(
                "getIsReduceOnly",
                "isReduceOnly",
                "Only reducing is allowed (risk limit lowered)",
                "bool",
            ),
            _f("getOpenTime", "openTime", "When the position opened (ms; 0 when unknown)", "ms"),
        ),
        doc="One position: an item of result.list in the answer of /v5/position/list.",
    ),
    rules=rules,
    category_from=("symbol", "settleCoin"),
    categories=CATEGORIES,
    category_missing=(
        "symbol",
        "one of symbol and settleCoin is required (or setCategory('inverse'|'option') to list "
        "the whole category)",
    ),
)
