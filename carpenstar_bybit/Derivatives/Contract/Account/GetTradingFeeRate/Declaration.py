"""``GetTradingFeeRate``: maker and taker fee rates (V5 ``/v5/account/fee-rate``)."""

from __future__ import annotations

from typing import Any

from carpenstar_bybit.Core import Params as p
from carpenstar_bybit.Core.Declarations import Declaration, Out, Param, Shape
from carpenstar_bybit.Core.Enums import EnumCategory


def rules(request: Any, category: str | None) -> None:
    if request.base_coin is not None and category != EnumCategory.OPTION:
        raise request.fail("baseCoin", f"is for category 'option' only (category is {category!r})")
    if request.symbol is not None and category == EnumCategory.OPTION:
        raise request.fail("symbol", "is not for category 'option' (use setBaseCoin)")


DECLARATION = Declaration(
    name="GetTradingFeeRate",
    current=p.current_list("getFeeRates", "GetTradingFeeRateResponseItem"),
    package="Derivatives.Contract.Account",
    path="/v5/account/fee-rate",
    method="GET",
    private=True,
    summary=(
        "Maker and taker fee rates of a symbol, or of every symbol of the category "
        "(linear unless set or told from the symbol)."
    ),
    params=(
        p.category(),
        p.symbol(),
        Param("BaseCoin", "baseCoin", p.COIN, "Option only: the base coin", php=False),
    ),
    response=Shape(
        "GetTradingFeeRateResponse",
        (
            Out("getSymbol", "symbol", "str", "Symbol ('' for options)"),
            Out("getTakerFeeRate", "takerFeeRate", "float", "Taker fee rate"),
            Out("getMakerFeeRate", "makerFeeRate", "float", "Maker fee rate"),
            Out("getBaseCoin", "baseCoin", "str", "Option only: base coin"),
        ),
        doc="One symbol's rates: an item of result.list in the answer of /v5/account/fee-rate.",
    ),
    rules=rules,
    category_from=("symbol",),
    categories=EnumCategory.ALL,
    default_category=EnumCategory.LINEAR,
)
