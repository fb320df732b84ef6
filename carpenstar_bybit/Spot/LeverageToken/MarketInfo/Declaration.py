"""``MarketInfo``: a leverage token's market (PHP: v3 ``reference``; V5 ``…/reference``).

Public, as PHP's (the v3 path said private). Retired by Bybit (4 July 2025).
"""

from __future__ import annotations

from carpenstar_bybit.Core.Declarations import Declaration, Out, Shape
from carpenstar_bybit.Spot import _fields as f
from carpenstar_bybit.Spot.LeverageToken import _retired as r

DECLARATION = Declaration(
    name="MarketInfo",
    package="Spot.LeverageToken",
    path="/v5/spot-lever-token/reference",
    method="GET",
    private=False,
    summary=r.summary("A leverage token's net value, basket and leverage"),
    params=(r.lt_code(required=True),),
    response=Shape(
        "MarketInfoResponse",
        (
            Out("getLtCode", "ltCoin", "str", "Leverage token"),
            Out("getNav", "nav", "float", "Net asset value"),
            Out("getNavTime", "navTime", "datetime", "When it was valued, UTC"),
            Out("getCirculation", "circulation", "float", "Tokens in circulation"),
            Out("getBasket", "basket", "float", "Basket"),
            Out("getLeverage", "leverage", "float", "Real leverage"),
        ),
        root=None,
        doc="The token's market: result is the single item.",
    ),
    deprecated=r.RETIRED,
    refusal_hints=r.HINTS,
    endpoint_base=f.PUBLIC,
)
