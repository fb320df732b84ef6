"""The request of ``POST /v5/order/cancel-all``."""

from __future__ import annotations

from typing import Any, Self

import attrs

from carpenstar_bybit.Core import Validation as rules
from carpenstar_bybit.Core.Converter import register_request
from carpenstar_bybit.Core.Objects import AbstractParameters

# orderFilter values each category takes (Bybit V5 cancel-all).
ORDER_FILTERS: dict[str, tuple[str, ...]] = {
    rules.SPOT: ("Order", "tpslOrder", "StopOrder", "OcoOrder", "BidirectionalTpslOrder"),
    rules.LINEAR: ("Order", "StopOrder", "OpenOrder"),
    rules.INVERSE: ("Order", "StopOrder", "OpenOrder"),
    rules.OPTION: ("Order", "StopOrder"),
}
ALL_ORDER_FILTERS = tuple(dict.fromkeys(v for values in ORDER_FILTERS.values() for v in values))
STOP_ORDER_TYPES = ("Stop",)
OPTION_SETTLE_COINS = ("USDT", "USDC")


@register_request
@attrs.define(slots=True)
class CancelAllOrderRequest(AbstractParameters):
    """Cancel every open order matching symbol, baseCoin or settleCoin (that priority).

    For linear and inverse one of the three is required. When no category is set it is told from
    the symbol, else from the settle coin; a baseCoin alone cannot tell it (call setCategory).
    """

    category: str | None = attrs.field(default=None, validator=rules.category)
    symbol: str | None = attrs.field(default=None, validator=rules.symbol)
    base_coin: str | None = attrs.field(
        default=None, validator=rules.coin, metadata={"wire": "baseCoin"}
    )
    settle_coin: str | None = attrs.field(
        default=None, validator=rules.coin, metadata={"wire": "settleCoin"}
    )
    order_filter: str | None = attrs.field(
        default=None, validator=rules.one_of(ALL_ORDER_FILTERS), metadata={"wire": "orderFilter"}
    )
    stop_order_type: str | None = attrs.field(
        default=None, validator=rules.one_of(STOP_ORDER_TYPES), metadata={"wire": "stopOrderType"}
    )

    def setCategory(self, category: str) -> Self:
        self.category = category
        return self

    def setSymbol(self, symbol: str) -> Self:
        self.symbol = symbol
        return self

    def setBaseCoin(self, baseCoin: str) -> Self:
        self.base_coin = baseCoin
        return self

    def setSettleCoin(self, settleCoin: str) -> Self:
        self.settle_coin = settleCoin
        return self

    def setOrderFilter(self, orderFilter: str) -> Self:
        self.order_filter = orderFilter
        return self

    def setStopOrderType(self, stopOrderType: str) -> Self:
        self.stop_order_type = stopOrderType
        return self

    def getCategory(self) -> str | None:
        return self.category

    def getSymbol(self) -> str | None:
        return self.symbol

    def getBaseCoin(self) -> str | None:
        return self.base_coin

    def getSettleCoin(self) -> str | None:
        return self.settle_coin

    def getOrderFilter(self) -> str | None:
        return self.order_filter

    def getStopOrderType(self) -> str | None:
        return self.stop_order_type

    def resolveCategory(self) -> str:
        """The category to send: the one set, else told from the symbol or the settle coin."""
        if self.category is not None:
            return self.category
        if self.symbol is not None:
            told = rules.category_from_symbol(self.symbol)
            if told is None:
                raise rules.fail(
                    self,
                    "category",
                    f"cannot be told from symbol {self.symbol!r}; call setCategory('linear'|"
                    "'inverse'|'spot'|'option')",
                )
            return told
        if self.settle_coin is not None:
            return rules.category_from_settle_coin(self.settle_coin)
        if self.base_coin is not None:
            raise rules.fail(
                self,
                "category",
                "cannot be told from baseCoin alone; call setCategory('linear'|'inverse')",
            )
        raise rules.fail(
            self,
            "symbol",
            "one of symbol, baseCoin and settleCoin is required (or setCategory('spot'|'option') "
            "to cancel the whole category)",
        )

    def validate(self) -> None:
        attrs.validate(self)
        category = self.resolveCategory()
        named = (self.symbol, self.base_coin, self.settle_coin)
        if category in (rules.LINEAR, rules.INVERSE) and all(v is None for v in named):
            raise rules.fail(
                self,
                "symbol",
                f"one of symbol, baseCoin and settleCoin is required for category {category!r}",
            )
        if category == rules.SPOT and self.settle_coin is not None:
            raise rules.fail(self, "settleCoin", "is not supported for category 'spot'")
        if category == rules.OPTION and self.settle_coin not in (None, *OPTION_SETTLE_COINS):
            raise rules.fail(
                self,
                "settleCoin",
                f"must be USDT or USDC for category 'option' (got {self.settle_coin!r})",
            )
        allowed = ORDER_FILTERS[category]
        if self.order_filter is not None and self.order_filter not in allowed:
            raise rules.fail(
                self,
                "orderFilter",
                f"must be one of {', '.join(allowed)} for category {category!r} "
                f"(got {self.order_filter!r})",
            )
        if self.stop_order_type is not None:
            if category not in (rules.LINEAR, rules.INVERSE):
                raise rules.fail(
                    self,
                    "stopOrderType",
                    f"is for categories 'linear' and 'inverse' only (category is {category!r})",
                )
            if self.order_filter != "StopOrder":
                raise rules.fail(self, "stopOrderType", "needs orderFilter 'StopOrder'")

    def wire(self) -> dict[str, Any]:
        wire = super().wire()
        if "category" not in wire:
            wire = {"category": self.resolveCategory(), **wire}
        return wire
