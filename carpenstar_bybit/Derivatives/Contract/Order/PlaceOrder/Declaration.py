"""``PlaceOrder``: place an order (PHP: the contract v3 create; V5 ``/v5/order/create``)."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from carpenstar_bybit.Core import Params as p
from carpenstar_bybit.Core.Declarations import (
    EXACT,
    Choice,
    Declaration,
    Flag,
    Integer,
    Number,
    Out,
    Param,
    Shape,
)
from carpenstar_bybit.Core.Enums import EnumCategory, EnumOrderType, EnumOutputMode
from carpenstar_bybit.Core.Retry import Replay
from carpenstar_bybit.Derivatives.Contract.Order import _fields as f

ALL = EnumCategory.ALL
SPOT = (EnumCategory.SPOT,)
OPTION = (EnumCategory.OPTION,)
FUTURES_OPTION = (*f.FUTURES, EnumCategory.OPTION)
TPSL = (*f.FUTURES, EnumCategory.SPOT)


def rules(request: Any, category: str | None) -> None:
    for wire, allowed in (
        ("isLeverage", SPOT),
        ("marketUnit", SPOT),
        ("orderFilter", SPOT),
        ("orderIv", OPTION),
        ("mmp", OPTION),
        ("triggerDirection", f.FUTURES),
        ("triggerBy", f.FUTURES),
        ("tpTriggerBy", f.FUTURES),
        ("slTriggerBy", f.FUTURES),
        ("reduceOnly", FUTURES_OPTION),
        ("closeOnTrigger", f.FUTURES),
        ("tpslMode", f.FUTURES),
        ("tpLimitPrice", TPSL),
        ("slLimitPrice", TPSL),
        ("tpOrderType", TPSL),
        ("slOrderType", TPSL),
        ("bboSideType", f.FUTURES),
        ("bboLevel", f.FUTURES),
    ):
        f.only_for(request, wire, category, allowed)
    bbo = (request.bbo_side_type, request.bbo_level)
    if (bbo[0] is None) != (bbo[1] is None):
        raise request.fail("bboSideType", "bboSideType and bboLevel go together")
    limit = request.order_type == EnumOrderType.LIMIT
    if limit and request.price is None and request.order_iv is None and bbo[0] is None:
        raise request.fail("price", "is required for orderType 'Limit'")
    if bbo[0] is not None and not limit:
        raise request.fail("bboSideType", "is for orderType 'Limit' only")
    if request.qty == "0" and not (
        category in f.FUTURES and request.reduce_only is True and request.close_on_trigger is True
    ):
        raise request.fail(
            "qty",
            "must be greater than 0 (0 closes the position only with reduceOnly and "
            "closeOnTrigger True, linear and inverse)",
        )
    if category == EnumCategory.OPTION and request.order_link_id is None:
        raise request.fail("orderLinkId", "is required for category 'option'")
    if request.reduce_only is True and (
        request.take_profit is not None or request.stop_loss is not None
    ):
        raise request.fail("reduceOnly", "a reduce-only order cannot set takeProfit or stopLoss")
    if request.market_unit is not None and request.order_type != EnumOrderType.MARKET:
        raise request.fail("marketUnit", "is for orderType 'Market' only")
    slippage(request)
    f.limit_price_rules(request, category)


def slippage(request: Any, order_type: str | None = None) -> None:
    """slippageTolerance[Type]: together, Market only, in range; ``order_type`` when the request
    sends a default for it (spot's Market)."""
    kind, value = request.slippage_tolerance_type, request.slippage_tolerance
    if (kind is None) != (value is None):
        raise request.fail(
            "slippageToleranceType", "slippageToleranceType and slippageTolerance go together"
        )
    if kind is None:
        return
    if (order_type or request.order_type) != EnumOrderType.MARKET:
        raise request.fail("slippageToleranceType", "is for orderType 'Market' only")
    number = Decimal(value)
    if kind == "TickSize" and not (number == number.to_integral() and 1 <= number <= 10000):
        raise request.fail(
            "slippageTolerance",
            f"must be a whole number from 1 to 10000 for TickSize (got {value})",
        )
    if kind == "Percent" and not (
        Decimal("0.01") <= number <= 10
        and number == number.quantize(Decimal("0.01"), context=EXACT)
    ):
        raise request.fail(
            "slippageTolerance",
            f"must be 0.01 to 10 with at most 2 decimals for Percent (got {value})",
        )


def placed_order(connection: Any, sent: Mapping[str, Any]) -> Mapping[str, Any] | None:
    """The order an earlier try placed under the ``orderLinkId`` sent, as the exchange lists it.

    ``/v5/order/realtime`` finds an open or recently closed order by its orderLinkId; older
    ones are in ``/v5/order/history``. None when neither lists it for the symbol and side sent
    (a key the caller reused for another order proves nothing about this one).
    """
    # Imported here: these endpoints' modules import the package this one is in.
    from carpenstar_bybit.Core.Builders import RestBuilder
    from carpenstar_bybit.Derivatives.Contract.Order.GetOpenOrders import GetOpenOrders
    from carpenstar_bybit.Derivatives.Contract.Order.GetOpenOrders.Request import (
        GetOpenOrdersRequest,
    )
    from carpenstar_bybit.Derivatives.Contract.Order.GetOrderList import GetOrderList
    from carpenstar_bybit.Derivatives.Contract.Order.GetOrderList.Request import (
        GetOrderListRequest,
    )

    category, symbol, link = sent["category"], sent["symbol"], sent["orderLinkId"]
    lookups = (
        (GetOpenOrders, GetOpenOrdersRequest().setCategory(category)),
        (GetOrderList, GetOrderListRequest().setCategory(category)),
    )
    for endpoint, request in lookups:
        request.setSymbol(symbol).setOrderLinkId(link)
        answer = RestBuilder.make(endpoint, request, connection).execute(EnumOutputMode.MODE_ARRAY)
        for item in answer.getBody().all():
            if (item.get("orderLinkId"), item.get("symbol"), item.get("side")) == (
                link,
                symbol,
                sent["side"],
            ):
                return dict(item)
    return None


# A create is not idempotent; its orderLinkId makes it so: generated when not set, and a retry
# refused as a duplicate of it (110072; spot 170141) is answered with that order.
KEYED_CREATE = Replay(
    idempotent=True,
    key="orderLinkId",
    duplicate_codes=frozenset({110072, 170141}),
    find=placed_order,
)

DECLARATION = Declaration(
    name="PlaceOrder",
    package="Derivatives.Contract.Order",
    path="/v5/order/create",
    method="POST",
    private=True,
    summary=(
        "Place a Market or Limit order (conditional with triggerPrice, with TP/SL); the answer "
        "acknowledges it, the order itself is asynchronous."
    ),
    params=(
        p.category(),
        p.symbol(required=True),
        Param("Side", "side", p.SIDE, "Buy or Sell", required=True),
        Param("OrderType", "orderType", p.ORDER_TYPE, "Market or Limit", required=True),
        Param(
            "Qty",
            "qty",
            Number(low="non-negative"),
            "Order quantity (0 with reduceOnly and closeOnTrigger closes the position)",
            required=True,
            arg="quantity",
        ),
        Param("TimeInForce", "timeInForce", p.TIME_IN_FORCE, "GTC (default), IOC, FOK, …"),
        Param("Price", "price", f.PRICE, "Limit price (required for Limit; Market ignores it)"),
        Param(
            "TriggerDirection",
            "triggerDirection",
            p.TRIGGER_DIRECTION,
            "Conditional: 1 triggers on a rise to triggerPrice, 2 on a fall",
        ),
        Param("TriggerPrice", "triggerPrice", f.PRICE_TEXT, "Conditional order: the trigger price"),
        Param("TriggerBy", "triggerBy", p.TRIGGER_BY, "Price type of the trigger"),
        Param("PositionIdx", "positionIdx", p.POSITION_IDX, "0 one-way, 1 hedge Buy, 2 hedge Sell"),
        Param(
            "OrderLinkId",
            "orderLinkId",
            p.ORDER_LINK_ID,
            "User-defined order ID, unique (required for option)",
        ),
        Param("TakeProfit", "takeProfit", f.PRICE, "Take profit price"),
        Param("StopLoss", "stopLoss", f.PRICE, "Stop loss price"),
        Param("TpTriggerBy", "tpTriggerBy", p.TRIGGER_BY, "Price type that triggers take profit"),
        Param("SlTriggerBy", "slTriggerBy", p.TRIGGER_BY, "Price type that triggers stop loss"),
        Param(
            "ReduceOnly",
            "reduceOnly",
            Flag(),
            "True: may only reduce the position (then no TP/SL)",
            getter="isReduceOnly",
        ),
        Param("SmpType", "smpType", f.SMP_TYPE, "SMP execution type"),
        Param(
            "CloseOnTrigger",
            "closeOnTrigger",
            Flag(),
            "True: a close-on-trigger order",
            getter="isCloseOnTrigger",
        ),
        Param("TpslMode", "tpslMode", p.TPSL_MODE, "Full or Partial (needed for limit TP/SL)"),
        Param(
            "TpLimitPrice",
            "tpLimitPrice",
            f.PRICE_TEXT,
            "Limit price when take profit triggers (tpslMode Partial, tpOrderType Limit)",
        ),
        Param(
            "SlLimitPrice",
            "slLimitPrice",
            f.PRICE_TEXT,
            "Limit price when stop loss triggers (tpslMode Partial, slOrderType Limit)",
        ),
        Param("TpOrderType", "tpOrderType", f.TPSL_ORDER_TYPE, "Take profit order: Market, Limit"),
        Param("SlOrderType", "slOrderType", f.TPSL_ORDER_TYPE, "Stop loss order: Market, Limit"),
        # V5 parameters PHP did not have.
        Param(
            "IsLeverage",
            "isLeverage",
            Integer(values=(0, 1)),
            "Spot: 0 spot trading, 1 margin",
            php=False,
        ),
        Param(
            "MarketUnit",
            "marketUnit",
            f.MARKET_UNIT,
            "Spot Market orders: qty in baseCoin or quoteCoin",
            php=False,
        ),
        Param(
            "OrderFilter",
            "orderFilter",
            Choice(f.CREATE_ORDER_FILTERS),
            "Spot: Order (default), tpslOrder or StopOrder",
            php=False,
        ),
        Param(
            "OrderIv",
            "orderIv",
            f.ORDER_IV,
            "Option: implied volatility (0.1 = 10%), wins over price",
            php=False,
        ),
        Param("Mmp", "mmp", Flag(), "Option: market maker protection", php=False),
        Param(
            "SlippageToleranceType",
            "slippageToleranceType",
            f.SLIPPAGE_TYPE,
            "Market orders: TickSize or Percent",
            php=False,
        ),
        Param(
            "SlippageTolerance",
            "slippageTolerance",
            f.PRICE,
            "TickSize: 1 to 10000; Percent: 0.01 to 10",
            php=False,
        ),
        Param(
            "RpiTakerAccess",
            "rpiTakerAccess",
            Flag(),
            "May match RPI quotes",
            php=False,
        ),
        Param(
            "BboSideType",
            "bboSideType",
            f.BBO_SIDE_TYPE,
            "BBO order: Queue or Counterparty (with bboLevel)",
            php=False,
        ),
        Param("BboLevel", "bboLevel", f.BBO_LEVEL, "BBO order: level 1 to 5", php=False),
    ),
    response=Shape(
        "PlaceOrderResponse",
        (
            Out("getOrderId", "orderId", "str", "Order ID"),
            Out("getOrderLinkId", "orderLinkId", "str", "User-defined order ID"),
        ),
        root=None,
        doc="The answer of /v5/order/create: result is the single item.",
    ),
    rules=rules,
    category_from=("symbol",),
    categories=ALL,
    replay=KEYED_CREATE,
)
