"""``BatchCancelOrder``: cancel up to 20 orders in one call (V5 ``/v5/order/cancel-batch``).

Beyond the PHP derivatives package: V5's batch cancel, each item a ``CancelOrderRequest``.
"""

from __future__ import annotations

from carpenstar_bybit.Core import Params as p
from carpenstar_bybit.Core.Declarations import Batch, Declaration, Shape
from carpenstar_bybit.Core.Enums import EnumCategory
from carpenstar_bybit.Core.Retry import IDEMPOTENT
from carpenstar_bybit.Derivatives.Contract.Order import _fields as f
from carpenstar_bybit.Derivatives.Contract.Order.CancelOrder.Declaration import (
    DECLARATION as ITEM,
)

DECLARATION = Declaration(
    name="BatchCancelOrder",
    package="Derivatives.Contract.Order",
    path="/v5/order/cancel-batch",
    method="POST",
    private=True,
    summary=(
        "Cancel several open orders in one call; each item of the answer says whether Bybit "
        "took it (getCode, isSuccess), the answer's getSuccess() only when it took every one."
    ),
    params=(p.category(),),
    response=Shape(
        "BatchCancelOrderResponse",
        f.batch_fields(),
        doc="One order of the batch: result.list[i] with its outcome retExtInfo.list[i].",
    ),
    categories=EnumCategory.ALL,
    batch=Batch(ITEM, f.BATCH_LIMITS, refused=("orderFilter",)),  # cancel-batch has no filter
    request_base="carpenstar_bybit.Core.Batch:BatchParameters",
    response_base="carpenstar_bybit.Core.Batch:BatchItemResponse",
    replay=IDEMPOTENT,
)
