"""``BatchPlaceOrder``: place up to 20 orders in one call (V5 ``/v5/order/create-batch``).

Beyond the PHP package: V5's batch create, each item a ``PlaceOrderRequest``.
"""

from __future__ import annotations

from carpenstar_bybit.Core import Params as p
from carpenstar_bybit.Core.Declarations import Batch, Declaration, Shape
from carpenstar_bybit.Core.Enums import EnumCategory
from carpenstar_bybit.Core.Retry import NOT_IDEMPOTENT
from carpenstar_bybit.Derivatives.Contract.Order import _fields as f
from carpenstar_bybit.Derivatives.Contract.Order.PlaceOrder.Declaration import DECLARATION as ITEM

DECLARATION = Declaration(
    name="BatchPlaceOrder",
    package="Derivatives.Contract.Order",
    path="/v5/order/create-batch",
    method="POST",
    private=True,
    summary=(
        "Place several orders in one call; each item of the answer says whether Bybit took it "
        "(getCode, isSuccess), the answer's getSuccess() only when it took every one."
    ),
    params=(p.category(),),
    response=Shape(
        "BatchPlaceOrderResponse",
        f.batch_fields(when="createAt"),
        doc="One order of the batch: result.list[i] with its outcome retExtInfo.list[i].",
    ),
    categories=EnumCategory.ALL,
    batch=Batch(
        ITEM,
        f.BATCH_LIMITS,
        # create takes these, create-batch does not
        refused=(
            "slippageToleranceType",
            "slippageTolerance",
            "rpiTakerAccess",
            "bboSideType",
            "bboLevel",
        ),
    ),
    request_base="carpenstar_bybit.Core.Batch:BatchParameters",
    response_base="carpenstar_bybit.Core.Batch:BatchItemResponse",
    # Each item would need its own key: never sent again after a try that may have acted.
    replay=NOT_IDEMPOTENT,
)
