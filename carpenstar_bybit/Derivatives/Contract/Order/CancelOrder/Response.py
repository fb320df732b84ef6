"""The answer of ``POST /v5/order/cancel``: ``result`` is the single item."""

from __future__ import annotations

from typing import ClassVar

import attrs

from carpenstar_bybit.Core.Converter import register_response
from carpenstar_bybit.Core.Objects import AbstractResponse


@register_response
@attrs.frozen(slots=True)
class CancelOrderResponse(AbstractResponse):
    rootDataKey: ClassVar[str | None] = None

    order_id: str = attrs.field(default="", metadata={"wire": "orderId"})
    order_link_id: str = attrs.field(default="", metadata={"wire": "orderLinkId"})

    def getOrderId(self) -> str:
        return self.order_id

    def getOrderLinkId(self) -> str:
        return self.order_link_id
