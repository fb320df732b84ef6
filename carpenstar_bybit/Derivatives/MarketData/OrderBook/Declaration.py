"""``OrderBook``: the order book's levels (V5 ``GET /v5/market/orderbook``).

``result`` is one object; its ``b`` (bids, price descending) and ``a`` (asks, price ascending)
are lists of ``[price, size]`` rows, each read by position.
"""

from __future__ import annotations

from typing import Any

from carpenstar_bybit.Core import Params as p
from carpenstar_bybit.Core.Declarations import Declaration, Integer, Out, Param, Shape
from carpenstar_bybit.Core.Enums import EnumCategory as C
from carpenstar_bybit.Derivatives.MarketData._shared import PUBLIC

OPTION_DEPTH = 25  # options: at most 25 levels a side; the others 1000


def rules(request: Any, category: str | None) -> None:
    if category == C.OPTION and request.limit is not None and request.limit > OPTION_DEPTH:
        raise request.fail(
            "limit", f"must be at most {OPTION_DEPTH} for category 'option' (got {request.limit})"
        )


LEVEL = Shape(
    "OrderBookPriceItemResponse",
    (
        Out("getPrice", 0, "float", "Price of the level"),
        Out("getQuantity", 1, "float", "Size resting at that price"),
    ),
    root=None,
    rows=True,
    doc="One level of the book: a [price, size] row.",
)

DECLARATION = Declaration(
    name="OrderBook",
    package="Derivatives.MarketData",
    path="/v5/market/orderbook",
    method="GET",
    private=False,
    summary="The order book of a symbol: `limit` levels a side around the price.",
    params=(
        p.category(),
        p.symbol(required=True),
        Param(
            "Limit",
            "limit",
            Integer(low=1, high=1000),
            "Levels a side, 1 to 1000 (option: 25); default 25 (spot, option: 1)",
        ),
    ),
    response=Shape(
        "OrderBookResponse",
        (
            Out("getSymbol", "s", "str", "Symbol name"),
            Out("getTimestamp", "ts", "datetime", "When the snapshot was made (UTC, ms kept)"),
            Out("getUpdateId", "u", "int", "Update ID"),
            Out("getBid", "b", "str", "Bids, best (highest) first", shape=LEVEL, many=True),
            Out("getAsk", "a", "str", "Asks, best (lowest) first", shape=LEVEL, many=True),
            Out("getSeq", "seq", "int", "Cross sequence (smaller is earlier)"),
            Out("getCts", "cts", "datetime", "Matching-engine time of the data (UTC)"),
        ),
        root=None,
        doc="The book: result is the single item.",
    ),
    rules=rules,
    category_from=("symbol",),
    categories=C.ALL,
    php_interfaces=(
        ("IOrderBookResponse", "IOrderBookResponseInterface"),
        ("IOrderBookPriceResponse", "IOrderBookPriceItemResponseInterface"),
        ("IOrderBookResponsePriceItemInterface", "IOrderBookPriceItemResponseInterface"),
    ),
    endpoint_base=PUBLIC,
)
