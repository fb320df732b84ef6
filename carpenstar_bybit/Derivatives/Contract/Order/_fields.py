"""What the order endpoints share: the fields of one order as V5 lists it, and the filters.

``/v5/order/realtime`` and ``/v5/order/history`` answer with the same order item; PHP read it
through two classes whose getters differ in one type (``getLastPriceOnCreated``: string in
GetOpenOrders, float in GetOrderList), so each endpoint builds its own list from here.
"""

from __future__ import annotations

from typing import Any

from carpenstar_bybit.Core.Declarations import Choice, Number, Out, Text
from carpenstar_bybit.Core.Enums import EnumCategory, EnumOrderFilter, EnumOrderType

F = EnumOrderFilter
# orderFilter values each category takes on /v5/order/realtime and /v5/order/history.
LIST_ORDER_FILTERS: dict[str, tuple[str, ...]] = {
    EnumCategory.SPOT: (
        F.ORDER,
        F.STOP_ORDER,
        F.TPSL_ORDER,
        F.OCO_ORDER,
        F.BIDIRECTIONAL_TPSL_ORDER,
    ),
    EnumCategory.LINEAR: (F.ORDER, F.STOP_ORDER),
    EnumCategory.INVERSE: (F.ORDER, F.STOP_ORDER),
    EnumCategory.OPTION: (F.ORDER,),
}
ALL_LIST_ORDER_FILTERS = LIST_ORDER_FILTERS[EnumCategory.SPOT]
OPTION_SETTLE_COINS = ("USDT", "USDC")

_FEE_NOTE = "; linear and spot: deprecated by Bybit, the fee is in cumFeeDetail (toArray())"


def order_fields(last_price_type: str) -> tuple[Out, ...]:
    """The PHP getters of an order item, then the V5 fields PHP did not read (additive)."""
    return (
        Out("getSymbol", "symbol", "str", "Symbol name"),
        Out("getOrderId", "orderId", "str", "Order ID"),
        Out("getOrderLinkId", "orderLinkId", "str", "User-defined order ID"),
        Out("getSide", "side", "str", "Buy or Sell"),
        Out("getOrderType", "orderType", "str", "Market or Limit (after the trigger for TP/SL)"),
        Out("getPrice", "price", "float", "Order price"),
        Out("getQty", "qty", "float", "Order quantity"),
        Out("getTimeInForce", "timeInForce", "str", "GTC, IOC, FOK, PostOnly or RPI"),
        Out("getOrderStatus", "orderStatus", "str", "Order status (New, Filled, Cancelled, …)"),
        Out("getPositionIdx", "positionIdx", "int", "0 one-way, 1 hedge buy side, 2 sell side"),
        Out(
            "getLastPriceOnCreated",
            "lastPriceOnCreated",
            last_price_type,
            "Last price when the order was created (not for spot)",
        ),
        Out("getCreatedTime", "createdTime", "datetime", "Created, UTC, with milliseconds"),
        Out("getUpdatedTime", "updatedTime", "datetime", "Updated, UTC, with milliseconds"),
        Out("getCancelType", "cancelType", "str", "Why the order was cancelled"),
        Out("getRejectReason", "rejectReason", "str", "Why the order was rejected"),
        Out("getStopOrderType", "stopOrderType", "str", "Stop order type"),
        Out("getTriggerDirection", "triggerDirection", "int", "1 rise, 2 fall (0: none)"),
        Out("getTriggerBy", "triggerBy", "str", "Price type of the trigger"),
        Out("getTriggerPrice", "triggerPrice", "float", "Trigger price"),
        Out("getCumExecValue", "cumExecValue", "float", "Executed value so far"),
        Out("getCumExecFee", "cumExecFee", "float", "Fee paid so far" + _FEE_NOTE),
        Out("getCumExecQty", "cumExecQty", "float", "Executed quantity so far"),
        Out("getLeavesValue", "leavesValue", "float", "Value not executed yet"),
        Out("getLeavesQty", "leavesQty", "float", "Quantity not executed yet"),
        Out("getTakeProfit", "takeProfit", "float", "Take profit price"),
        Out("getStopLoss", "stopLoss", "float", "Stop loss price"),
        Out("getTpslMode", "tpslMode", "str", "Full or Partial"),
        Out("getTpLimitPrice", "tpLimitPrice", "float", "Limit price when take profit triggers"),
        Out("getSlLimitPrice", "slLimitPrice", "float", "Limit price when stop loss triggers"),
        Out("getTpTriggerBy", "tpTriggerBy", "str", "Price type that triggers take profit"),
        Out("getSlTriggerBy", "slTriggerBy", "str", "Price type that triggers stop loss"),
        Out("isReduceOnly", "reduceOnly", "bool", "True: reduces the position only"),
        Out("isCloseOnTrigger", "closeOnTrigger", "bool", "True: closes the position on trigger"),
        Out("getBlockTradeId", "blockTradeId", "str", "Block trade ID"),
        Out("getSmpType", "smpType", "str", "SMP execution type"),
        Out("getSmpGroup", "smpGroup", "int", "SMP group ID (0: none)"),
        Out("getSmpOrderId", "smpOrderId", "str", "Counterparty order ID of the SMP execution"),
        # V5 fields PHP did not read.
        Out("getAvgPrice", "avgPrice", "float", "Average fill price (None when nothing filled)"),
        Out("getIsLeverage", "isLeverage", "str", "Spot margin: 1 with leverage, 0 without"),
        Out("getCreateType", "createType", "str", "How the order was created"),
        Out("getOrderIv", "orderIv", "str", "Implied volatility (options; v3 'iv')"),
        Out("getPlaceType", "placeType", "str", "Options: placed by iv or price"),
        Out("getMarketUnit", "marketUnit", "str", "Spot market orders: baseCoin or quoteCoin"),
        Out("getParentOrderLinkId", "parentOrderLinkId", "str", "Parent of an attached TP/SL"),
        Out("getOcoTriggerBy", "ocoTriggerBy", "str", "Spot OCO: which side triggered"),
        Out("getBasePrice", "basePrice", "float", "Spot: price when the order was placed"),
        Out(
            "getCumFeeDetail",
            "cumFeeDetail",
            "map",
            "Linear and spot: fee paid so far per coin ({coin: amount}, strings as sent)",
        ),
        # Sent on trailing-stop orders; the docs' response table does not list them yet.
        Out("getTrailingValue", "trailingValue", "float", "Trailing stop: distance from the price"),
        Out(
            "getTrailingPercentage",
            "trailingPercentage",
            "float",
            "Trailing stop: distance as a percentage",
        ),
        Out("getActivationPrice", "activationPrice", "float", "Trailing stop: activation price"),
    )


# -- request kinds of create and amend ------------------------------------------------------------

PRICE = Number()
ZERO_CANCELS = Number(low="non-negative")  # amend: "0" cancels the order's TP or SL
PRICE_TEXT = Number(returns="str | None")  # PHP's getter gives the string it was set with
ORDER_IV = Number(low="non-negative", returns="str | None")
SMP_TYPE = Choice(("None", "CancelMaker", "CancelTaker", "CancelBoth"))
TPSL_ORDER_TYPE = Choice(EnumOrderType.ORDER_TYPE_LIST)
MARKET_UNIT = Choice(("baseCoin", "quoteCoin"))
SLIPPAGE_TYPE = Choice(("TickSize", "Percent"))
BBO_SIDE_TYPE = Choice(("Queue", "Counterparty"))
BBO_LEVEL = Text(
    pattern=r"[1-5]", rule="must be 1 to 5", ints=True, annotation="str | int", example="1"
)
CREATE_ORDER_FILTERS = (F.ORDER, F.TPSL_ORDER, F.STOP_ORDER)  # spot only
FUTURES = (EnumCategory.LINEAR, EnumCategory.INVERSE)


def only_for(request: Any, wire: str, category: str | None, allowed: tuple[str, ...]) -> None:
    """Refuse a set field the category does not take."""
    if request._value(wire) is not None and category not in allowed:
        names = ", ".join(repr(c) for c in allowed)
        raise request.fail(wire, f"is for category {names} only (category is {category!r})")


def limit_price_rules(request: Any, category: str | None) -> None:
    """tpLimitPrice/slLimitPrice and tp/slOrderType as V5 ties them together on create."""
    mode = request._value("tpslMode")
    for side, trigger in (("tp", "takeProfit"), ("sl", "stopLoss")):
        limit_wire, type_wire = f"{side}LimitPrice", f"{side}OrderType"
        limit = request._value(limit_wire)
        order_type = request._value(type_wire)
        if category in FUTURES:
            if order_type == EnumOrderType.LIMIT and mode == "Full":
                raise request.fail(type_wire, "must be Market with tpslMode 'Full'")
            if limit is not None and (mode != "Partial" or order_type != EnumOrderType.LIMIT):
                raise request.fail(limit_wire, f"needs tpslMode 'Partial' and {type_wire} 'Limit'")
        elif category == EnumCategory.SPOT:
            if order_type == EnumOrderType.LIMIT and (
                limit is None or request._value(trigger) is None
            ):
                raise request.fail(
                    type_wire, f"'Limit' needs {trigger} and {limit_wire} for category 'spot'"
                )
            if limit is not None and order_type != EnumOrderType.LIMIT:
                raise request.fail(limit_wire, f"needs {type_wire} 'Limit' for category 'spot'")


# -- batch calls (create-, amend-, cancel-batch) -----------------------------------------------

# Most items per batch call, by category (V5 docs: 20 option, inverse, linear; 10 spot).
BATCH_LIMITS = {
    EnumCategory.LINEAR: 20,
    EnumCategory.INVERSE: 20,
    EnumCategory.OPTION: 20,
    EnumCategory.SPOT: 10,
}


def batch_fields(when: str | None = None) -> tuple[Out, ...]:
    """One item of a batch answer (``result.list[i]``) and its outcome (``retExtInfo.list[i]``)."""
    stamp = () if when is None else (Out("getCreateAt", when, "datetime", "Created, UTC, with ms"),)
    return (
        Out("getCategory", "category", "str", "Product type"),
        Out("getSymbol", "symbol", "str", "Symbol name"),
        Out("getOrderId", "orderId", "str", "Order ID (empty when the item was refused)"),
        Out("getOrderLinkId", "orderLinkId", "str", "User-defined order ID"),
        *stamp,
        Out("getCode", "../code", "int", "This item's outcome: 0 taken, else Bybit's error code"),
        Out("getMessage", "../msg", "str", "This item's outcome message"),
    )
