"""``SetTradingStop``: a position's take profit, stop loss and trailing stop (V5 trading-stop)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from carpenstar_bybit.Core import Params as p
from carpenstar_bybit.Core.Declarations import Declaration, Number, Param, Shape
from carpenstar_bybit.Core.Enums import EnumCategory, EnumOrderType, EnumTPSLModes
from carpenstar_bybit.Core.Retry import Replay

CATEGORIES = (EnumCategory.LINEAR, EnumCategory.INVERSE, EnumCategory.OPTION)
FULL, PARTIAL = EnumTPSLModes.MODE_FULL, EnumTPSLModes.MODE_PARTIAL
MARKET, LIMIT = EnumOrderType.MARKET, EnumOrderType.LIMIT
SIZE = Number(low="positive", example="0.01")
PRICE = Number(low="positive", example="30000")


def rules(request: Any, category: str | None) -> None:
    mode = request.tpsl_mode
    if category == EnumCategory.OPTION and mode != FULL:
        raise request.fail("tpslMode", "must be Full for category 'option'")
    if mode == FULL:
        for wire in ("tpSize", "slSize", "tpLimitPrice", "slLimitPrice"):
            if request._value(wire) is not None:
                raise request.fail(wire, "is for tpslMode Partial only (tpslMode is Full)")
        for wire in ("tpOrderType", "slOrderType"):
            if request._value(wire) not in (None, MARKET):
                raise request.fail(wire, "must be Market when tpslMode is Full")
        return
    tp_pair = (request.take_profit, request.tp_size)
    sl_pair = (request.stop_loss, request.sl_size)
    for (price, size), (price_wire, size_wire) in (
        (tp_pair, ("takeProfit", "tpSize")),
        (sl_pair, ("stopLoss", "slSize")),
    ):
        if (price is None) != (size is None):
            raise request.fail(
                size_wire if size is None else price_wire,
                f"{price_wire} and {size_wire} go in pairs when tpslMode is Partial",
            )
    if None in tp_pair and None in sl_pair and request.trailing_stop is None:
        raise request.fail(
            "takeProfit",
            "tpslMode Partial needs takeProfit with tpSize, or stopLoss with slSize",
        )
    tp_size, sl_size = request.tp_size, request.sl_size
    if tp_size is not None and sl_size is not None and Decimal(tp_size) != Decimal(sl_size):
        raise request.fail("slSize", f"must equal tpSize ({sl_size} != {tp_size})")
    for limit_wire, type_wire in (("tpLimitPrice", "tpOrderType"), ("slLimitPrice", "slOrderType")):
        if request._value(limit_wire) is not None and request._value(type_wire) != LIMIT:
            raise request.fail(limit_wire, f"needs {type_wire} Limit")
        if request._value(type_wire) == LIMIT and request._value(limit_wire) is None:
            raise request.fail(limit_wire, f"is required when {type_wire} is Limit")


def _price(name: str, wire: str, doc: str) -> Param:
    return Param(name, wire, p.PRICE_OR_ZERO, doc)


DECLARATION = Declaration(
    name="SetTradingStop",
    package="Derivatives.Contract.Position",
    path="/v5/position/trading-stop",
    method="POST",
    private=True,
    summary=(
        "Set or cancel (0) a position's take profit, stop loss and trailing stop; V5 requires "
        "tpslMode and positionIdx (retCode 34040: nothing changed)."
    ),
    params=(
        p.category(*CATEGORIES),
        p.symbol(required=True),
        _price("TakeProfit", "takeProfit", "Take profit price; 0 cancels it"),
        _price("StopLoss", "stopLoss", "Stop loss price; 0 cancels it"),
        Param(
            "TpslMode",
            "tpslMode",
            p.TPSL_MODE,
            "Full (the whole position) or Partial; required by V5",
            required=True,
        ),
        Param("TpSize", "tpSize", SIZE, "Partial only: take profit size, equal to slSize"),
        Param("SlSize", "slSize", SIZE, "Partial only: stop loss size, equal to tpSize"),
        Param("TpTriggerBy", "tpTriggerBy", p.TRIGGER_BY, "Take profit trigger price type"),
        Param("SlTriggerBy", "slTriggerBy", p.TRIGGER_BY, "Stop loss trigger price type"),
        _price("TrailingStop", "trailingStop", "Trailing stop distance; 0 cancels it"),
        Param("ActivePrice", "activePrice", PRICE, "Price at which the trailing stop activates"),
        Param(
            "TpLimitPrice",
            "tpLimitPrice",
            PRICE,
            "Partial and tpOrderType Limit: the take profit's limit price",
        ),
        Param(
            "SlLimitPrice",
            "slLimitPrice",
            PRICE,
            "Partial and slOrderType Limit: the stop loss's limit price",
        ),
        Param(
            "TpOrderType", "tpOrderType", p.ORDER_TYPE, "Market (default) or Limit (Partial only)"
        ),
        Param(
            "SlOrderType", "slOrderType", p.ORDER_TYPE, "Market (default) or Limit (Partial only)"
        ),
        Param(
            "PositionIdx",
            "positionIdx",
            p.POSITION_IDX,
            "0 one-way, 1 hedge Buy, 2 hedge Sell; required by V5",
            required=True,
        ),
    ),
    response=Shape(
        "SetTradingStopResponse",
        (),
        root=None,
        doc="The answer of /v5/position/trading-stop: result is {}.",
    ),
    rules=rules,
    category_from=("symbol",),
    categories=CATEGORIES,
    # Full mode sets the position's TP/SL: sent twice, the same. Partial mode adds TP/SL orders
    # for a part of the position each time: not sent again after a try that may have acted.
    replay=Replay(idempotent=True, unsafe_when=lambda request: request.tpsl_mode == "Partial"),
)
