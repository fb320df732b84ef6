"""``PlaceOrder``: place a spot order (PHP: spot v3 ``/spot/v3/private/order``; V5 create).

V5's rules for spot (docs ``v5/order/create-order``): a Market order's ``qty`` is in the quote
coin for a Buy and the base coin for a Sell unless ``marketUnit`` says; ``orderFilter`` tpslOrder
or StopOrder with ``triggerPrice`` makes a TP/SL or conditional order; ``takeProfit`` /
``stopLoss`` with ``tpOrderType`` / ``slOrderType`` (Limit needs ``tpLimitPrice`` /
``slLimitPrice``) attach TP/SL. The derivatives-only fields are not offered here.
"""

from __future__ import annotations

from typing import Any

from carpenstar_bybit.Core import Params as p
from carpenstar_bybit.Core.Declarations import Declaration, Integer, Number, Out, Param, Shape
from carpenstar_bybit.Core.Enums import EnumOrderFilter, EnumOrderType
from carpenstar_bybit.Derivatives.Contract.Order import _fields as orders
from carpenstar_bybit.Derivatives.Contract.Order.PlaceOrder.Declaration import (
    KEYED_CREATE,
    slippage,
)
from carpenstar_bybit.Spot import _fields as f


def rules(request: Any, category: str | None) -> None:
    order_type = request.getOrderType()  # Market when not set, as PHP sent
    if order_type == EnumOrderType.LIMIT and request.price is None:
        raise request.fail("price", "is required for orderType 'Limit'")
    if request.market_unit is not None and order_type != EnumOrderType.MARKET:
        raise request.fail("marketUnit", "is for orderType 'Market' only")
    kind = request.order_filter
    if kind in (EnumOrderFilter.OCO_ORDER, EnumOrderFilter.BIDIRECTIONAL_TPSL_ORDER):
        raise request.fail("orderFilter", "must be Order, tpslOrder or StopOrder when placing")
    conditional = kind in (EnumOrderFilter.TPSL_ORDER, EnumOrderFilter.STOP_ORDER)
    if conditional and request.trigger_price is None:
        raise request.fail("triggerPrice", f"is required for orderFilter {kind!r}")
    if request.trigger_price is not None and not conditional:
        raise request.fail("triggerPrice", "needs orderFilter 'tpslOrder' or 'StopOrder' on spot")
    orders.limit_price_rules(request, category)
    for side, trigger in (("tp", "takeProfit"), ("sl", "stopLoss")):
        if request._value(f"{side}OrderType") is not None and request._value(trigger) is None:
            raise request.fail(f"{side}OrderType", f"needs {trigger}")
        # V5 docs: "Spot Limit order supports take profit, stop loss … when creating an order"
        if request._value(trigger) is not None and order_type != EnumOrderType.LIMIT:
            raise request.fail(trigger, "is for orderType 'Limit' only on spot")
    slippage(request, order_type)  # Market orders only: the same V5 fields as derivatives
    if request.slippage_tolerance_type is not None and (
        conditional or request.take_profit is not None or request.stop_loss is not None
    ):
        raise request.fail(
            "slippageToleranceType", "is not for TP/SL or conditional orders (V5 docs)"
        )


DECLARATION = Declaration(
    name="PlaceOrder",
    package="Spot.Trade",
    path="/v5/order/create",
    method="POST",
    private=True,
    summary=(
        "Place a spot Market or Limit order (TP/SL or conditional with orderFilter and "
        "triggerPrice); the answer acknowledges it with its ids."
    ),
    params=(
        f.category(),
        f.symbol(required=True),
        Param("Side", "side", p.SIDE, "Buy or Sell", required=True),
        Param(
            "OrderType",
            "orderType",
            p.ORDER_TYPE,
            "Market (PHP's default) or Limit; v3 LIMIT_MAKER is Limit with timeInForce PostOnly",
            default=EnumOrderType.MARKET,
        ),
        Param(
            "OrderQty",
            "qty",
            Number(),
            "Quantity; a Market Buy's is in the quote coin unless marketUnit is baseCoin",
            required=True,
        ),
        Param("OrderPrice", "price", orders.PRICE, "Limit price (required for Limit)"),
        Param("TimeInForce", "timeInForce", p.TIME_IN_FORCE, "GTC (default), IOC, FOK, PostOnly"),
        Param("OrderLinkId", "orderLinkId", p.ORDER_LINK_ID, "User-defined order ID, unique"),
        f.order_category("v3 orderCategory 0/1 as V5 orderFilter: Order, tpslOrder, StopOrder"),
        Param(
            "TriggerPrice",
            "triggerPrice",
            orders.PRICE,
            "Trigger price of a tpslOrder or StopOrder",
        ),
        # V5 parameters PHP did not have.
        Param(
            "MarketUnit",
            "marketUnit",
            orders.MARKET_UNIT,
            "Market orders: qty in baseCoin or quoteCoin",
            php=False,
        ),
        Param("IsLeverage", "isLeverage", Integer(values=(0, 1)), "0 spot, 1 margin", php=False),
        Param("TakeProfit", "takeProfit", orders.PRICE, "Take profit price", php=False),
        Param("StopLoss", "stopLoss", orders.PRICE, "Stop loss price", php=False),
        Param("TpOrderType", "tpOrderType", orders.TPSL_ORDER_TYPE, "Market, or Limit", php=False),
        Param("SlOrderType", "slOrderType", orders.TPSL_ORDER_TYPE, "Market, or Limit", php=False),
        Param(
            "TpLimitPrice",
            "tpLimitPrice",
            orders.PRICE,
            "Limit price when take profit triggers (tpOrderType Limit)",
            php=False,
        ),
        Param(
            "SlLimitPrice",
            "slLimitPrice",
            orders.PRICE,
            "Limit price when stop loss triggers (slOrderType Limit)",
            php=False,
        ),
        Param("SmpType", "smpType", orders.SMP_TYPE, "SMP execution type", php=False),
        Param(
            "SlippageToleranceType",
            "slippageToleranceType",
            orders.SLIPPAGE_TYPE,
            "Market orders: TickSize or Percent",
            php=False,
        ),
        Param(
            "SlippageTolerance",
            "slippageTolerance",
            orders.PRICE,
            "TickSize: 1 to 10000; Percent: 0.01 to 10",
            php=False,
        ),
    ),
    response=Shape(
        "PlaceOrderResponse",
        (
            Out("getOrderId", "orderId", "str", "Order ID"),
            Out("getOrderLinkId", "orderLinkId", "str", "User-defined order ID"),
            Out("getSymbol", None, "str", "V5's answer has the ids only: see GetOrder"),
            Out("getCreateTime", None, "datetime", "V5's answer has the ids only: see GetOrder"),
            Out(
                "getOrderPrice",
                "~orderPrice",
                "float",
                "V5's answer has the ids only: see GetOrder",
            ),
            Out("getOrderQty", None, "float", "V5's answer has the ids only: see GetOrder"),
            Out(
                "getStatusgetOrderType",
                None,
                "str",
                "PHP's misnamed order-type getter; V5's answer has the ids only",
            ),
            Out("getOrderType", None, "str", "The current PHP line's name of the getter above"),
            Out("getSide", None, "str", "V5's answer has the ids only: see GetOrder"),
            Out("getStatus", None, "str", "V5's answer has the ids only: see GetOrder"),
            Out("getTimeInForce", None, "str", "V5's answer has the ids only: see GetOrder"),
            Out("getAccountId", None, "int", "V5 order objects have no account ID"),
            Out(
                "getOrderCategory",
                "~orderCategory",
                "int",
                "V5's answer has the ids only: see GetOrder",
            ),
            Out(
                "getTriggerPrice",
                "~triggerPrice",
                "float",
                "V5's answer has the ids only: see GetOrder",
            ),
        ),
        root=None,
        doc="The answer of /v5/order/create: result is the single item (the order's ids).",
        # PHP's public item setters (the fields V5's answer does not send)
        setters=("getOrderCategory", "getOrderPrice", "getTriggerPrice"),
    ),
    rules=rules,
    categories=f.SPOT,
    default_category=f.DEFAULT,
    # Keyed by orderLinkId as the derivatives create (spot's duplicate code is 170141).
    replay=KEYED_CREATE,
)
