"""The ticker request shared by BestBidAskPrice, LastTradedPrice and Tickers: all three read
V5's ``/v5/market/tickers`` with ``category=spot`` (V5 has no book-ticker or price call)."""

from __future__ import annotations

from carpenstar_bybit.Core import Params as p
from carpenstar_bybit.Core.Declarations import Out, Param
from carpenstar_bybit.Spot import _fields as f

PATH = "/v5/market/tickers"
NO_TIME = "V5 tickers carry no time per item: the answer's getTime()"


def params(symbol_required: bool) -> tuple[Param, ...]:
    return (f.category(), p.symbol(required=symbol_required))


def time() -> Out:
    return Out("getTime", None, "datetime", NO_TIME)
