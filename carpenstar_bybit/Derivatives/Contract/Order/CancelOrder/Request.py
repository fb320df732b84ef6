"""The request of ``POST /v5/order/cancel``."""

from __future__ import annotations

from typing import Any, Self

import attrs

from carpenstar_bybit.Core import Validation as rules
from carpenstar_bybit.Core.Converter import register_request
from carpenstar_bybit.Core.Objects import AbstractParameters

# orderFilter on cancel is for spot only.
SPOT_ORDER_FILTERS = ("Order", "tpslOrder", "StopOrder")


@register_request
@attrs.define(slots=True)
class CancelOrderRequest(AbstractParameters):
    """Cancel one open order by ``orderId`` or ``orderLinkId`` (orderId wins when both are set).

    When no category is set it is told from the symbol (see ``resolveCategory``).
    """

    category: str | None = attrs.field(default=None, validator=rules.category)
    symbol: str | None = attrs.field(default=None, validator=rules.symbol)
    order_id: str | None = attrs.field(
        default=None,
        converter=rules.id_text,
        validator=rules.order_id,
        metadata={"wire": "orderId"},
    )
    order_link_id: str | None = attrs.field(
        default=None,
        converter=rules.id_text,
        validator=rules.order_link_id,
        metadata={"wire": "orderLinkId"},
    )
    order_filter: str | None = attrs.field(
        default=None,
        validator=rules.one_of(SPOT_ORDER_FILTERS),
        metadata={"wire": "orderFilter"},
    )

    def setCategory(self, category: str) -> Self:
        self.category = category
        return self

    def setSymbol(self, symbol: str) -> Self:
        self.symbol = symbol
        return self

    def setOrderId(self, orderId: str | int) -> Self:
        self.order_id = orderId  # type: ignore[assignment]  # the converter makes ints strings
        return self

    def setOrderLinkId(self, orderLinkId: str | int) -> Self:
        self.order_link_id = orderLinkId  # type: ignore[assignment]  # as above
        return self

    def setOrderFilter(self, orderFilter: str) -> Self:
        self.order_filter = orderFilter
        return self

    def getCategory(self) -> str | None:
        return self.category

    def getSymbol(self) -> str | None:
        return self.symbol

    def getOrderId(self) -> str | None:
        return self.order_id

    def getOrderLinkId(self) -> str | None:
        return self.order_link_id

    def getOrderFilter(self) -> str | None:
        return self.order_filter

    def resolveCategory(self) -> str:
        """The category to send: the one set, else the one the symbol tells."""
        if self.category is not None:
            return self.category
        if self.symbol is None:
            raise rules.fail(self, "symbol", "is required")
        told = rules.category_from_symbol(self.symbol)
        if told is None:
            raise rules.fail(
                self,
                "category",
                f"cannot be told from symbol {self.symbol!r}; call setCategory('linear'|"
                "'inverse'|'spot'|'option')",
            )
        return told

    def validate(self) -> None:
        attrs.validate(self)
        if self.symbol is None:
            raise rules.fail(self, "symbol", "is required")
        if self.order_id is None and self.order_link_id is None:
            raise rules.fail(self, "orderId", "one of orderId and orderLinkId is required")
        category = self.resolveCategory()
        if self.order_filter is not None and category != rules.SPOT:
            raise rules.fail(
                self, "orderFilter", f"is for category 'spot' only (category is {category!r})"
            )

    def wire(self) -> dict[str, Any]:
        wire = super().wire()
        if "category" not in wire:
            wire = {"category": self.resolveCategory(), **wire}
        return wire
