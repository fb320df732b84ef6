"""The order book shape OrderBook and MergedOrderBook share (V5 ``/v5/market/orderbook``)."""

from __future__ import annotations

from carpenstar_bybit.Core.Declarations import Integer, Out, Param, Shape
from carpenstar_bybit.Derivatives.MarketData.OrderBook.Declaration import DECLARATION as V5
from carpenstar_bybit.Spot import _fields as f

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


def book(name: str, doc: str) -> Shape:
    return Shape(
        name,
        f.with_v5(
            (
                Out("getTime", "ts", "datetime", "When the snapshot was made (UTC, ms kept)"),
                Out("getBids", "b", "str", "Bids, best (highest) first", shape=LEVEL, many=True),
                Out("getAsks", "a", "str", "Asks, best (lowest) first", shape=LEVEL, many=True),
                Out("getSymbol", "s", "str", "Symbol name (V5)"),
                Out("getUpdateId", "u", "int", "Update ID (V5)"),
            ),
            V5.response,
        ),
        root=None,
        doc=doc,
    )


def limit(doc: str, default: int) -> Param:
    return Param("Limit", "limit", Integer(low=1, high=200), doc, default=default)
