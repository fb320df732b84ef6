"""``OrderBook``: a spot order book (PHP: v3 ``quote/depth``; V5 ``/v5/market/orderbook``).

PHP sent ``limit=100`` unless set (V5's spot default is 1): the request still does.
"""

from __future__ import annotations

from carpenstar_bybit.Core import Params as p
from carpenstar_bybit.Core.Declarations import Declaration
from carpenstar_bybit.Spot import _fields as f
from carpenstar_bybit.Spot.MarketData import _book

DECLARATION = Declaration(
    name="OrderBook",
    package="Spot.MarketData",
    path="/v5/market/orderbook",
    method="GET",
    private=False,
    summary="The order book of a spot symbol: limit levels a side (100 unless set, as PHP).",
    params=(
        f.category(),
        p.symbol(required=True),
        _book.limit("Levels a side, 1 to 200 (v3's range); 100 when not set", 100),
    ),
    response=_book.book("OrderBookResponse", "The book: result is the single item."),
    endpoint_base=f.PUBLIC,
    php_interfaces=(("IOrderBookPriceResponseInterface", "IOrderBookPriceItemResponseInterface"),),
    categories=f.SPOT,
    default_category=f.DEFAULT,
)
