"""``MergedOrderBook``: a spot book merged by price precision (PHP: v3 ``quote/depth/merged``).

V5 has no merged book: the call reads ``/v5/market/orderbook`` (200 levels a side) and merges the
levels on the client: each price is cut to ``scale`` decimals (bids down, asks up) and the sizes
at one merged price are added; then ``limit`` levels a side are kept.
"""

from __future__ import annotations

from carpenstar_bybit.Core import Params as p
from carpenstar_bybit.Core.Declarations import Declaration, Integer, Param
from carpenstar_bybit.Spot import _fields as f
from carpenstar_bybit.Spot.MarketData import _book

DECLARATION = Declaration(
    name="MergedOrderBook",
    package="Spot.MarketData",
    path="/v5/market/orderbook",
    method="GET",
    private=False,
    summary=(
        "The order book of a spot symbol with levels merged to `scale` decimals on the client "
        "(V5 has no merged book)."
    ),
    params=(
        f.category(),
        p.symbol(required=True),
        Param(
            "Scale",
            "scale",
            Integer(low=0, high=18),
            "Decimals of the merged prices (1 when not set, as PHP); merged here, not sent",
            default=1,
            sent=False,
        ),
        _book.limit("Merged levels a side, 1 to 200; 100 when not set", 100),
    ),
    response=_book.book("MergedOrderBookResponse", "The merged book: one item."),
    hook=f"{f.HOOKS}:merged_order_book",
    endpoint_base=f.PUBLIC,
    # PHP's classes for the levels (its answer used the OrderBook package's item class)
    php_interfaces=(
        ("IMergedOrderBookPriceResponseInterface", "IOrderBookPriceItemResponseInterface"),
    ),
    php_classes=(("MergedOrderBookPriceItemResponse", "OrderBookPriceItemResponse"),),
    categories=f.SPOT,
    default_category=f.DEFAULT,
)
