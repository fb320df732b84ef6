"""Exchange state of the sandbox: orders per API key and category, the V5 order rules, fills.

Trading against the market's price (``market.py``): a limit order that does not cross it rests; one
that crosses takes at the market price; a Market order takes at once; PostOnly, IOC and FOK behave
as on Bybit. A taker finds ``max_qty / 10`` of the instrument at the price (more is left resting,
or cancelled for Market and IOC); a resting order the price moves through fills in full at its own
price as a maker. Every fill is announced (``Market.announce``); closed orders go to the history.
"""

from __future__ import annotations

import base64
import binascii
import random
import re
import threading
import time
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_DOWN, Decimal, InvalidOperation

from .market import Fill, Instrument, Market, figures

CATEGORIES = ("linear", "inverse", "spot", "option")
FUTURES = frozenset({"linear", "inverse"})
CANCEL_ALL_CAP = 500  # Bybit futures cancel at most 500 per call, picked at random

# orderFilter values Bybit accepts on cancel-all, per category.
CANCEL_ALL_FILTERS: dict[str, frozenset[str]] = {
    "spot": frozenset({"Order", "tpslOrder", "StopOrder", "OcoOrder", "BidirectionalTpslOrder"}),
    "linear": frozenset({"Order", "StopOrder", "OpenOrder"}),
    "inverse": frozenset({"Order", "StopOrder", "OpenOrder"}),
    "option": frozenset({"Order", "StopOrder"}),
}
CANCEL_FILTERS = frozenset({"Order", "tpslOrder", "StopOrder"})  # /v5/order/cancel, spot only
# Sandbox orders are all plain active orders: only these filters can select them.
_PLAIN_ORDER_FILTERS = frozenset({"Order", "OpenOrder"})

ERR_PARAMS = 10001
ERR_ORDER_NOT_EXISTS = 110001
ERR_PRICE_RANGE = 110003
ERR_QTY_ZERO = 110017
ERR_LINK_ID_DUPLICATE = 110072
ERR_HISTORY_STATUS = 181017
# Spot's own codes for the same checks.
ERR_SPOT_PRICE_HIGH = 170132
ERR_SPOT_PRICE_LOW = 170133
ERR_SPOT_PRICE_DECIMALS = 170134
ERR_SPOT_QTY_LARGE = 170135
ERR_SPOT_QTY_SMALL = 170136
ERR_SPOT_QTY_DECIMALS = 170137
ERR_SPOT_VALUE_SMALL = 170140
ERR_SPOT_LINK_ID_DUPLICATE = 170141

OPEN_STATUSES = ("New", "PartiallyFilled")
FINAL_STATUSES = (
    "Rejected",
    "PartiallyFilledCanceled",
    "Filled",
    "Cancelled",
    "Triggered",
    "Deactivated",
)
TIME_IN_FORCE = ("GTC", "IOC", "FOK", "PostOnly")
TRIGGER_BY = ("LastPrice", "IndexPrice", "MarkPrice")
# orderFilter values of /v5/order/realtime and /v5/order/history, per category.
LIST_FILTERS: dict[str, frozenset[str]] = {
    "spot": frozenset({"Order", "StopOrder", "tpslOrder", "OcoOrder", "BidirectionalTpslOrder"}),
    "linear": frozenset({"Order", "StopOrder"}),
    "inverse": frozenset({"Order", "StopOrder"}),
    "option": frozenset({"Order"}),
}
PRICE_BAND = Decimal("0.1")  # a limit price may cross the market by at most 10 %
DEPTH_SHARE = 10  # a taker finds max_qty / 10 at the market price
SPOT_MIN_VALUE = Decimal("1")  # quote coin
RECENT_CLOSED = 500  # openOnly=1 lists at most this many closed orders
WEEK_MS = 7 * 24 * 60 * 60 * 1000
FEE_RATES: dict[str, tuple[Decimal, Decimal]] = {  # (taker, maker), Bybit's default tier
    "linear": (Decimal("0.00055"), Decimal("0.0002")),
    "inverse": (Decimal("0.00055"), Decimal("0.0002")),
    "spot": (Decimal("0.001"), Decimal("0.001")),
    "option": (Decimal("0.0003"), Decimal("0.0003")),
}
_ZERO = Decimal(0)
_PLACES = Decimal("0.00000001")

_SYMBOL = re.compile(r"[A-Z0-9]+(?:-[A-Z0-9]+)*")
_COIN = re.compile(r"[A-Z0-9]{1,20}")
_LINK_ID = re.compile(r"[A-Za-z0-9_-]{1,36}")
_DECIMAL = re.compile(r"\d{1,20}(?:\.\d{1,18})?")
_INVERSE_SYMBOL = re.compile(r"([A-Z0-9]+?)USD(?:[FGHJKMNQUVXZ]\d\d)?")  # BTCUSD, BTCUSDZ24
_LINEAR_QUOTES = (("USDT", "USDT"), ("USDC", "USDC"), ("PERP", "USDC"))


class ApiError(Exception):
    """A request Bybit would answer with HTTP 200 and a non-zero retCode."""

    def __init__(self, code: int, message: str) -> None:
        super().__init__(f"{code} {message}")
        self.code = code
        self.message = message


def params_error(message: str) -> ApiError:
    return ApiError(ERR_PARAMS, f"params error: {message}")


def coins_of(category: str, symbol: str) -> tuple[str, str] | None:
    """(baseCoin, settleCoin) of a symbol, or None when the name does not fit the category.

    Spot pairs give their base coin (BTCUSDT -> BTC) and no settle coin, which spot lacks.
    """
    if category == "spot":
        if not _SYMBOL.fullmatch(symbol):
            return None
        for quote in ("USDT", "USDC", "BTC", "ETH", "EUR"):
            if symbol.endswith(quote) and len(symbol) > len(quote):
                return symbol[: -len(quote)], ""
        return symbol, ""
    if category == "option":
        parts = symbol.split("-")
        if len(parts) < 2 or not _COIN.fullmatch(parts[0]):
            return None
        return parts[0], ("USDT" if parts[-1] == "USDT" else "USDC")
    if category == "inverse":
        match = _INVERSE_SYMBOL.fullmatch(symbol)
        return (match[1], match[1]) if match else None
    if category == "linear":
        if "-" in symbol:  # dated futures: BTC-27DEC24 (USDC) or BTCUSDT-27DEC24 (USDT)
            head = symbol.split("-", 1)[0]
            if head.endswith("USDT") and len(head) > 4:
                return head[:-4], "USDT"
            return (head, "USDC") if head else None
        for suffix, settle in _LINEAR_QUOTES:
            if symbol.endswith(suffix) and len(symbol) > len(suffix):
                return symbol[: -len(suffix)], settle
        return None
    return None


def _text(value: Decimal) -> str:
    """A decimal as V5 writes it: plain digits, at most 8 decimals, no exponent."""
    if value == 0:
        return "0"
    rounded = value.quantize(_PLACES) if value.as_tuple().exponent < -8 else value  # type: ignore[operator]
    return format(rounded.normalize(), "f")


def _on_step(value: Decimal, step: Decimal) -> str:
    """A quantity with the decimals of the instrument's step (``0.000`` for a 0.001 step)."""
    exponent = step.normalize().as_tuple().exponent
    if isinstance(exponent, int) and exponent < 0:
        return format(value.quantize(Decimal(1).scaleb(exponent)), "f")
    return format(value.quantize(Decimal(1)), "f")


@dataclass(slots=True)
class Order:
    seq: int
    order_id: str
    order_link_id: str
    category: str
    symbol: str
    side: str
    order_type: str
    price: str
    qty: str
    created_ms: int
    base_coin: str
    settle_coin: str
    api_key: str = ""
    time_in_force: str = "GTC"
    status: str = "New"
    updated_ms: int = 0
    cum_qty: Decimal = _ZERO
    cum_value: Decimal = _ZERO  # in the settle (inverse: base) or quote coin
    cum_price_qty: Decimal = _ZERO  # sum of price * qty, for the average price
    cum_fee: Decimal = _ZERO
    reduce_only: bool = False
    close_on_trigger: bool = False
    position_idx: int = 0
    take_profit: str = ""
    stop_loss: str = ""
    tp_trigger_by: str = ""
    sl_trigger_by: str = ""
    trigger_price: str = ""
    trigger_by: str = ""
    tp_limit_price: str = ""
    sl_limit_price: str = ""
    tpsl_mode: str = ""
    order_iv: str = ""
    market_unit: str = ""
    last_price_on_created: str = ""
    reject_reason: str = "EC_NoError"
    cancel_type: str = "UNKNOWN"
    step: Decimal = Decimal("0.001")

    def wire(self) -> dict[str, object]:
        """The order as /v5/order/realtime and /v5/order/history list it."""
        qty = Decimal(self.qty)
        leaves = qty - self.cum_qty if self.status in OPEN_STATUSES else _ZERO
        price = Decimal(self.price)
        inverse = self.category == "inverse"
        leaves_value = _ZERO if price == 0 else (leaves / price if inverse else leaves * price)
        avg = "" if self.cum_qty == 0 else _text(self.cum_price_qty / self.cum_qty)
        item: dict[str, object] = {
            "orderId": self.order_id,
            "orderLinkId": self.order_link_id,
            "blockTradeId": "",
            "symbol": self.symbol,
            "price": self.price,
            "qty": self.qty,
            "side": self.side,
            "isLeverage": "0" if self.category == "spot" else "",
            "positionIdx": self.position_idx,
            "orderStatus": self.status,
            "createType": "CreateByUser",
            "cancelType": self.cancel_type,
            "rejectReason": self.reject_reason,
            "avgPrice": avg,
            "leavesQty": _on_step(leaves, self.step),
            "leavesValue": _text(leaves_value),
            "cumExecQty": _on_step(self.cum_qty, self.step),
            "cumExecValue": _text(self.cum_value),
            "cumExecFee": _text(self.cum_fee),
            "timeInForce": self.time_in_force,
            "orderType": self.order_type,
            "stopOrderType": "",
            "orderIv": self.order_iv,
            "marketUnit": self.market_unit,
            "triggerPrice": self.trigger_price,
            "takeProfit": self.take_profit,
            "stopLoss": self.stop_loss,
            "tpTriggerBy": self.tp_trigger_by,
            "slTriggerBy": self.sl_trigger_by,
            "tpLimitPrice": self.tp_limit_price,
            "slLimitPrice": self.sl_limit_price,
            "triggerDirection": 0,
            "triggerBy": self.trigger_by,
            "lastPriceOnCreated": self.last_price_on_created,
            "reduceOnly": self.reduce_only,
            "closeOnTrigger": self.close_on_trigger,
            "smpType": "None",
            "smpGroup": 0,
            "smpOrderId": "",
            "tpslMode": self.tpsl_mode,
            "placeType": "",
            "createdTime": str(self.created_ms),
            "updatedTime": str(self.updated_ms or self.created_ms),
        }
        if self.category in ("linear", "spot"):
            coin = self.settle_coin or _quote_of(self.symbol, self.base_coin)
            item["cumFeeDetail"] = {coin: _text(self.cum_fee)} if self.cum_fee else {}
        return item

    def ids(self) -> dict[str, str]:
        return {"orderId": self.order_id, "orderLinkId": self.order_link_id}


def _quote_of(symbol: str, base: str) -> str:
    return symbol[len(base) :] if base and symbol.startswith(base) else ""


@dataclass(slots=True)
class _Book:
    """Open orders of one API key in one category, oldest first."""

    orders: dict[str, Order] = field(default_factory=dict)
    links: dict[str, str] = field(default_factory=dict)  # orderLinkId -> orderId, open orders
    # Every orderLinkId ever placed: V5 keeps it unique, also after the order filled or was
    # cancelled (v3 let it be reused), so a create sent again is refused, not placed twice.
    used_links: set[str] = field(default_factory=set)

    def add(self, order: Order) -> None:
        self.orders[order.order_id] = order
        if order.order_link_id:
            self.links[order.order_link_id] = order.order_id
            self.used_links.add(order.order_link_id)

    def remove(self, order: Order) -> None:
        del self.orders[order.order_id]
        if order.order_link_id:
            self.links.pop(order.order_link_id, None)


# --- parameter reading ---------------------------------------------------------------------------


def _opt_str(params: Mapping[str, object], name: str) -> str | None:
    # null and "" mean "not given": Bybit's own examples send "symbol": null.
    value = params.get(name)
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise params_error(f"{name} must be a string")
    return value


def _req_str(params: Mapping[str, object], name: str) -> str:
    value = _opt_str(params, name)
    if value is None:
        raise params_error(f"{name} is required")
    return value


def _category(params: Mapping[str, object]) -> str:
    category = _req_str(params, "category")
    if category not in CATEGORIES:
        raise params_error(f"category must be one of {', '.join(CATEGORIES)}")
    return category


def _opt_symbol(params: Mapping[str, object]) -> str | None:
    symbol = _opt_str(params, "symbol")
    if symbol is not None and not _SYMBOL.fullmatch(symbol):
        raise params_error("symbol must be uppercase letters and digits")
    return symbol


def _req_symbol(params: Mapping[str, object]) -> str:
    symbol = _opt_symbol(params)
    if symbol is None:
        raise params_error("symbol is required")
    return symbol


def _coin(params: Mapping[str, object], name: str) -> str | None:
    coin = _opt_str(params, name)
    if coin is not None and not _COIN.fullmatch(coin):
        raise params_error(f"{name} must be uppercase letters and digits")
    return coin


def _positive_decimal(params: Mapping[str, object], name: str) -> str:
    value = _req_str(params, name)
    try:
        ok = _DECIMAL.fullmatch(value) is not None and Decimal(value) > 0
    except InvalidOperation:
        ok = False
    if not ok:
        raise params_error(f"{name} must be a positive decimal string")
    return value


def _link_id(params: Mapping[str, object]) -> str:
    link = _opt_str(params, "orderLinkId")
    if link is None:
        return ""
    if not _LINK_ID.fullmatch(link):
        raise params_error("orderLinkId must be 1-36 letters, digits, '-' or '_'")
    return link


def _encode_cursor(seq: int) -> str:
    return base64.urlsafe_b64encode(f"seq:{seq}".encode()).decode().rstrip("=")


def _decode_cursor(cursor: str) -> int:
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        tag, _, number = text.partition(":")
        if tag != "seq" or not number.isdigit():
            raise ValueError(cursor)
        return int(number)
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise params_error("cursor is invalid") from None


# --- the exchange --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class OrderEvent:
    """An order as it stood right after a change, for the private ``order`` stream."""

    api_key: str
    category: str
    symbol: str
    item: dict[str, object]  # the order as /v5/order/realtime lists it


OrderListener = Callable[[list[OrderEvent]], None]


def _event(order: Order) -> OrderEvent:
    return OrderEvent(order.api_key, order.category, order.symbol, order.wire())


class Exchange:
    """All open orders of the sandbox; public methods take the lock (the server is threaded)."""

    def __init__(self, seed: int | None) -> None:
        self._lock = threading.Lock()
        self._seed = seed
        # Not for security: only picks which orders a capped cancel-all removes.
        self._rng = random.Random(seed)  # noqa: S311
        self._seq = 0
        self._books: dict[tuple[str, str], _Book] = {}
        # Closed orders per key and category, oldest first.
        self._history: dict[tuple[str, str], list[Order]] = {}
        self._exec_seq = 0
        self.market: Market = _TradingMarket(seed, self._price_moved)
        # Told of every order a call created, amended, filled or cancelled (the private streams).
        self._order_listeners: list[OrderListener] = []

    def clear(self) -> None:
        self.market.clear()
        with self._lock:
            self._books.clear()
            self._history.clear()
            self._rng.seed(self._seed)

    # HTTP endpoints; each raises ApiError on a bad request.

    def create(self, api_key: str, params: Mapping[str, object], now_ms: int) -> dict[str, str]:
        category = _category(params)
        symbol = _req_symbol(params)
        side = _req_str(params, "side")
        if side not in ("Buy", "Sell"):
            raise params_error("side must be Buy or Sell")
        order_type = _req_str(params, "orderType")
        if order_type not in ("Limit", "Market"):
            raise params_error("orderType must be Limit or Market")
        qty_text = _positive_decimal(params, "qty")
        price_text = _positive_decimal(params, "price") if order_type == "Limit" else "0"
        link = _link_id(params)
        coins = coins_of(category, symbol)
        if coins is None:
            raise params_error(f"symbol {symbol} is not a {category} symbol")
        if category == "option" and not link:
            raise params_error("orderLinkId is required for category option")
        tif = _opt_str(params, "timeInForce") or "GTC"
        if tif not in TIME_IN_FORCE:
            raise params_error(f"timeInForce must be one of {', '.join(TIME_IN_FORCE)}")
        if order_type == "Market":
            tif = "IOC"  # Bybit: a Market order is always IOC
        extras = _order_extras(params, category)
        info = figures(category, symbol)
        market_price = self.market.price(symbol, category)
        qty = Decimal(qty_text)
        if category == "spot" and order_type == "Market" and side == "Buy":
            unit = extras["market_unit"] or "quoteCoin"  # spot Market Buy: qty is value
            extras["market_unit"] = unit
            if unit == "quoteCoin":
                qty = (qty / market_price).quantize(info.qty_step, rounding="ROUND_DOWN")
        qty = _check_qty(category, info, qty)
        if order_type == "Limit":
            _check_price(category, info, side, Decimal(price_text), market_price)
        if category == "spot":
            value = qty * (Decimal(price_text) if order_type == "Limit" else market_price)
            if value < SPOT_MIN_VALUE:
                raise ApiError(ERR_SPOT_VALUE_SMALL, "Transaction amount lower than the minimum.")
        fills: list[Fill] = []
        with self._lock:
            market_price = self.market.price(symbol, category)  # as matched, not as checked
            book = self._books.setdefault((api_key, category), _Book())
            if link and link in book.used_links:
                if category == "spot":
                    raise ApiError(ERR_SPOT_LINK_ID_DUPLICATE, "Duplicate clientOrderId")
                raise ApiError(ERR_LINK_ID_DUPLICATE, "OrderLinkedID is duplicate")
            order = self._new_order(
                api_key, category, symbol, side, order_type, price_text, qty_text, link, now_ms,
                coins,
            )  # fmt: skip
            if link:  # taken also when the order fills at once and never rests
                book.used_links.add(link)
            order.time_in_force = tif
            order.qty = qty_text if qty == Decimal(qty_text) else format(qty, "f")
            order.last_price_on_created = format(market_price, "f")
            for name, extra in extras.items():
                setattr(order, name, extra)
            self._enter(order, info, market_price, now_ms, fills)
            events = [_event(order)]
        self._announce(fills, events)
        return order.ids()

    def amend(self, api_key: str, params: Mapping[str, object], now_ms: int) -> dict[str, str]:
        category = _category(params)
        symbol = _req_symbol(params)
        order_id = _opt_str(params, "orderId")
        link = _opt_str(params, "orderLinkId")
        if order_id is None and link is None:
            raise params_error("orderId or orderLinkId is required")
        changes = {name: _opt_str(params, name) for name in _AMENDABLE}
        if all(v is None for v in changes.values()):
            raise params_error("nothing to amend: qty, price, triggerPrice, takeProfit, ...")
        new_qty = _positive_decimal(params, "qty") if changes["qty"] is not None else None
        new_price = _positive_decimal(params, "price") if changes["price"] is not None else None
        for name in ("takeProfit", "stopLoss", "triggerPrice", "tpLimitPrice", "slLimitPrice"):
            if changes[name] is not None:
                _decimal(params, name)
        for name in ("tpTriggerBy", "slTriggerBy", "triggerBy"):
            if changes[name] is not None and changes[name] not in TRIGGER_BY:
                raise params_error(f"{name} must be one of {', '.join(TRIGGER_BY)}")
        if changes["tpslMode"] is not None and changes["tpslMode"] not in ("Full", "Partial"):
            raise params_error("tpslMode must be Full or Partial")
        info = figures(category, symbol)
        market_price = self.market.price(symbol, category)
        fills: list[Fill] = []
        with self._lock:
            market_price = self.market.price(symbol, category)
            book = self._books.get((api_key, category))
            order: Order | None = None
            if book is not None:
                wanted = order_id if order_id is not None else book.links.get(link or "")
                order = book.orders.get(wanted or "")
            if book is None or order is None or order.symbol != symbol:
                raise ApiError(ERR_ORDER_NOT_EXISTS, "order not exists or too late to replace")
            if new_qty is not None:
                qty = _check_qty(category, info, Decimal(new_qty))
                if qty <= order.cum_qty:
                    raise params_error("qty must be greater than the filled qty")
                order.qty = format(qty, "f") if qty != Decimal(new_qty) else new_qty
            if new_price is not None:
                if order.order_type != "Limit":
                    raise params_error("price can be amended on a Limit order only")
                _check_price(category, info, order.side, Decimal(new_price), market_price)
                order.price = new_price
            for name, attr in _AMENDABLE.items():
                value = changes[name]
                if attr and value is not None:
                    cleared = name in _ZERO_CLEARS and Decimal(value) == 0
                    setattr(order, attr, "" if cleared else value)
            order.updated_ms = now_ms
            self._enter(order, info, market_price, now_ms, fills)
            events = [_event(order)]
        self._announce(fills, events)
        return order.ids()

    def cancel(self, api_key: str, params: Mapping[str, object]) -> dict[str, str]:
        category = _category(params)
        symbol = _req_symbol(params)
        order_id = _opt_str(params, "orderId")
        link = _opt_str(params, "orderLinkId")
        if order_id is None and link is None:
            raise params_error("orderId or orderLinkId is required")
        order_filter = _opt_str(params, "orderFilter")
        if order_filter is not None:
            if category != "spot":
                raise params_error("orderFilter is only supported for category spot")
            if order_filter not in CANCEL_FILTERS:
                raise params_error(
                    f"orderFilter must be one of {', '.join(sorted(CANCEL_FILTERS))}"
                )
        with self._lock:
            book = self._books.get((api_key, category))
            order: Order | None = None
            if book is not None:
                # orderId wins when both are given.
                wanted = order_id if order_id is not None else book.links.get(link or "")
                order = book.orders.get(wanted or "")
            if (
                book is None
                or order is None
                or order.symbol != symbol
                or (order_filter is not None and order_filter not in _PLAIN_ORDER_FILTERS)
            ):
                raise ApiError(ERR_ORDER_NOT_EXISTS, "order not exists or too late to cancel")
            order.cancel_type = "CancelByUser"
            self._close(order, _cancelled(order), _real_ms())
            events = [_event(order)]
        self._announce([], events)
        return order.ids()

    def cancel_all(self, api_key: str, params: Mapping[str, object]) -> dict[str, object]:
        category = _category(params)
        symbol = _opt_symbol(params)
        base_coin = _coin(params, "baseCoin")
        settle_coin = _coin(params, "settleCoin")
        order_filter = _opt_str(params, "orderFilter")
        stop_type = _opt_str(params, "stopOrderType")
        if category in FUTURES and symbol is None and base_coin is None and settle_coin is None:
            raise params_error(
                f"symbol, baseCoin or settleCoin is required for category {category}"
            )
        if category == "spot" and settle_coin is not None:
            raise params_error("settleCoin is not supported for category spot")
        if category == "option" and settle_coin not in (None, "USDT", "USDC"):
            raise params_error("settleCoin must be USDT or USDC for category option")
        allowed = CANCEL_ALL_FILTERS[category]
        if order_filter is not None and order_filter not in allowed:
            raise params_error(
                f"orderFilter must be one of {', '.join(sorted(allowed))} for category {category}"
            )
        if stop_type is not None:
            if stop_type != "Stop":
                raise params_error("stopOrderType must be Stop")
            if category not in FUTURES or order_filter != "StopOrder":
                raise params_error(
                    "stopOrderType is only allowed with category linear or inverse "
                    "and orderFilter StopOrder"
                )
        with self._lock:
            book = self._books.get((api_key, category))
            if book is None or (
                order_filter is not None and order_filter not in _PLAIN_ORDER_FILTERS
            ):
                return {"list": [], "success": "1"}
            # Only the highest-priority selector counts: symbol > baseCoin > settleCoin.
            victims: list[Order]
            if symbol is not None:
                victims = [o for o in book.orders.values() if o.symbol == symbol]
            elif base_coin is not None:
                victims = [o for o in book.orders.values() if o.base_coin == base_coin]
            elif settle_coin is not None:
                victims = [o for o in book.orders.values() if o.settle_coin == settle_coin]
            else:
                victims = list(book.orders.values())
            if category in FUTURES and len(victims) > CANCEL_ALL_CAP:
                chosen = self._rng.sample(range(len(victims)), CANCEL_ALL_CAP)
                victims = [victims[i] for i in sorted(chosen)]
            now_ms = _real_ms()
            for order in victims:
                order.cancel_type = "CancelByUser"
                self._close(order, _cancelled(order), now_ms)
            events = [_event(order) for order in victims]
        self._announce([], events)
        return {"list": [o.ids() for o in victims], "success": "1"}

    def realtime(self, api_key: str, params: Mapping[str, object]) -> dict[str, object]:
        category = _category(params)
        select = _Selector.read(params, category)
        if category == "spot" and select.settle_coin is not None:
            raise params_error("settleCoin is not supported for category spot")
        open_only = _opt_str(params, "openOnly") or "0"
        if open_only not in ("0", "1", "2"):
            raise params_error("openOnly must be 0, 1 or 2")
        limit, before = _page(params)
        with self._lock:
            book = self._books.get((api_key, category))
            orders: list[Order] = list(book.orders.values()) if book else []
            by_id = select.order_id is not None or select.link is not None
            if by_id or open_only != "0":  # an id finds a closed order too, as V5's does
                closed = self._history.get((api_key, category), [])
                orders += closed if by_id else closed[-RECENT_CLOSED:]
            orders.sort(key=lambda o: o.seq, reverse=True)
            page, more = _one_page((o for o in orders if select.matches(o)), limit, before)
            listed = [o.wire() for o in page]
        # The cursor is the seq of the last order listed: stable while orders come and go.
        cursor = _encode_cursor(page[-1].seq) if more else ""
        return {"category": category, "list": listed, "nextPageCursor": cursor}

    def history(self, api_key: str, params: Mapping[str, object], now_ms: int) -> dict[str, object]:
        category = _category(params)
        select = _Selector.read(params, category)
        status = _opt_str(params, "orderStatus")
        if status is not None and status not in FINAL_STATUSES:
            raise ApiError(ERR_HISTORY_STATUS, "OrderStatus must be final status")
        start, end = _opt_ms(params, "startTime"), _opt_ms(params, "endTime")
        if start is not None and end is not None:
            if end < start or end - start > WEEK_MS:
                raise params_error("endTime must be within 7 days after startTime")
        elif start is not None:
            end = start + WEEK_MS
        elif end is not None:
            start = end - WEEK_MS
        else:
            start, end = now_ms - WEEK_MS, now_ms
        limit, before = _page(params)
        with self._lock:
            closed = list(reversed(self._history.get((api_key, category), [])))
            closed.sort(key=lambda o: o.seq, reverse=True)
            wanted = (
                o
                for o in closed
                if select.matches(o)
                and (status is None or o.status == status)
                and start <= o.created_ms <= end
            )
            page, more = _one_page(wanted, limit, before)
            listed = [o.wire() for o in page]
        cursor = _encode_cursor(page[-1].seq) if more else ""
        return {"category": category, "list": listed, "nextPageCursor": cursor}

    # Matching: callers hold the lock and announce the fills after releasing it.

    def _enter(
        self,
        order: Order,
        info: Instrument,
        market_price: Decimal,
        now_ms: int,
        fills: list[Fill],
    ) -> None:
        """Match a new or amended order at the market price; it then rests or is closed."""
        book = self._books.setdefault((order.api_key, order.category), _Book())
        tif = order.time_in_force
        leaves = Decimal(order.qty) - order.cum_qty
        crosses = order.order_type == "Market" or _crosses(
            order.side, Decimal(order.price), market_price
        )
        if crosses:
            depth = info.max_qty / DEPTH_SHARE
            if tif == "PostOnly":
                self._close(order, "Cancelled", now_ms, "EC_PostOnlyWillTakeLiquidity")
                return
            if tif == "FOK" and leaves > depth:
                self._close(order, "Cancelled", now_ms, "EC_NoEnoughQtyToFill")
                return
            take = min(leaves, depth)
            fills.append(self._execute(order, market_price, take, False, now_ms))
            leaves -= take
        if leaves == 0:
            self._close(order, "Filled", now_ms)
        elif order.order_type == "Market" or tif in ("IOC", "FOK"):
            reason = "EC_NoError" if order.cum_qty else "EC_NoImmediateQtyToFill"
            self._close(order, _cancelled(order), now_ms, reason)
        else:
            order.status = "PartiallyFilled" if order.cum_qty else "New"
            if order.order_id not in book.orders:
                book.add(order)

    def _execute(
        self, order: Order, price: Decimal, qty: Decimal, maker: bool, now_ms: int
    ) -> Fill:
        value = qty / price if order.category == "inverse" else qty * price
        taker_rate, maker_rate = FEE_RATES[order.category]
        order.cum_qty += qty
        order.cum_value += value
        order.cum_price_qty += price * qty
        order.cum_fee += value * (maker_rate if maker else taker_rate)
        order.updated_ms = now_ms
        return Fill(
            api_key=order.api_key,
            category=order.category,
            symbol=order.symbol,
            side=order.side,
            price=price,
            qty=qty,
            order_id=order.order_id,
            order_link_id=order.order_link_id,
            exec_id=str(uuid.uuid4()),
            is_maker=maker,
            order_type=order.order_type,
            reduce_only=order.reduce_only,
            position_idx=order.position_idx,
            time_ms=now_ms,
        )

    def _close(self, order: Order, status: str, now_ms: int, reason: str = "EC_NoError") -> None:
        book = self._books.get((order.api_key, order.category))
        if book is not None and order.order_id in book.orders:
            book.remove(order)
        order.status = status
        order.reject_reason = reason
        order.updated_ms = now_ms
        self._history.setdefault((order.api_key, order.category), []).append(order)

    def _price_moved(self, symbol: str) -> None:
        """Resting orders the new price moves through fill in full, at their price, as makers."""
        now_ms = time.time_ns() // 1_000_000
        fills: list[Fill] = []
        events: list[OrderEvent] = []
        with self._lock:
            for (_, category), book in list(self._books.items()):
                price = self.market.price(symbol, category)
                for order in list(book.orders.values()):
                    if order.symbol != symbol or order.order_type != "Limit":
                        continue
                    limit = Decimal(order.price)
                    if _crosses(order.side, limit, price):
                        leaves = Decimal(order.qty) - order.cum_qty
                        fills.append(self._execute(order, limit, leaves, True, now_ms))
                        self._close(order, "Filled", now_ms)
                        events.append(_event(order))
        self._announce(fills, events)

    def listen_orders(self, listener: OrderListener) -> None:
        """Call ``listener(events)`` after every call that changed orders (outside the lock)."""
        self._order_listeners.append(listener)

    def _announce(self, fills: list[Fill], events: list[OrderEvent]) -> None:
        # Fills first: positions and wallets have moved by the time the order news goes out.
        for fill in fills:
            self.market.announce(fill)
        if events:
            for listener in list(self._order_listeners):
                listener(events)

    # Direct helpers (no HTTP); they raise ValueError on bad input.

    def seed(
        self,
        api_key: str,
        category: str,
        symbol: str,
        count: int,
        side: str,
        price: str,
        qty: str,
        link_prefix: str | None,
        now_ms: int,
    ) -> list[dict[str, str]]:
        if category not in CATEGORIES:
            raise ValueError(f"category must be one of {', '.join(CATEGORIES)}")
        coins = coins_of(category, symbol)
        if coins is None:
            raise ValueError(f"symbol {symbol!r} is not a {category} symbol")
        if side not in ("Buy", "Sell"):
            raise ValueError("side must be Buy or Sell")
        for name, value in (("price", price), ("qty", qty)):
            if not _DECIMAL.fullmatch(value) or Decimal(value) <= 0:
                raise ValueError(f"{name} must be a positive decimal string")
        if count < 0:
            raise ValueError("count must not be negative")
        links = [f"{link_prefix}{i}" if link_prefix is not None else "" for i in range(count)]
        for link in links:
            if link and not _LINK_ID.fullmatch(link):
                raise ValueError(f"orderLinkId {link!r} is not valid")
        with self._lock:
            book = self._books.setdefault((api_key, category), _Book())
            clash = next((link for link in links if link and link in book.links), None)
            if clash is not None:
                raise ValueError(f"orderLinkId {clash!r} is already open")
            made = [
                self._new_order(
                    api_key, category, symbol, side, "Limit", price, qty, link, now_ms, coins
                )
                for link in links
            ]
            for order in made:
                book.add(order)
        return [_helper_view(o) for o in made]

    def open_orders(self, api_key: str, category: str | None) -> list[dict[str, str]]:
        with self._lock:
            return [_helper_view(o) for o in self._iter_open(api_key, category)]

    def open_count(self, api_key: str, category: str | None) -> int:
        with self._lock:
            return sum(1 for _ in self._iter_open(api_key, category))

    def _iter_open(self, api_key: str, category: str | None) -> Iterator[Order]:
        if category is not None and category not in CATEGORIES:
            raise ValueError(f"category must be one of {', '.join(CATEGORIES)}")
        for name in CATEGORIES if category is None else (category,):
            book = self._books.get((api_key, name))
            if book is not None:
                yield from book.orders.values()

    def _new_order(
        self,
        api_key: str,
        category: str,
        symbol: str,
        side: str,
        order_type: str,
        price: str,
        qty: str,
        link: str,
        now_ms: int,
        coins: tuple[str, str],
    ) -> Order:
        # Caller holds the lock: seq must grow in creation order for the realtime cursor.
        self._seq += 1
        return Order(
            seq=self._seq,
            order_id=str(uuid.uuid4()),
            order_link_id=link,
            api_key=api_key,
            step=figures(category, symbol).qty_step,
            category=category,
            symbol=symbol,
            side=side,
            order_type=order_type,
            price=price,
            qty=qty,
            created_ms=now_ms,
            base_coin=coins[0],
            settle_coin=coins[1],
        )


_HELPER_KEYS = (
    "orderId",
    "orderLinkId",
    "symbol",
    "side",
    "orderType",
    "price",
    "qty",
    "orderStatus",
    "createdTime",
)


def _helper_view(order: Order) -> dict[str, str]:
    wire = order.wire()
    view = {key: str(wire[key]) for key in _HELPER_KEYS}
    view["category"] = order.category
    return view


def _real_ms() -> int:
    return time.time_ns() // 1_000_000


def _crosses(side: str, limit: Decimal, market_price: Decimal) -> bool:
    """A Buy at or above the market, or a Sell at or below it, trades at once."""
    return limit >= market_price if side == "Buy" else limit <= market_price


def _cancelled(order: Order) -> str:
    # V5 names a spot order cancelled after a partial fill apart; contracts say Cancelled.
    if order.category == "spot" and order.cum_qty > 0:
        return "PartiallyFilledCanceled"
    return "Cancelled"


class _TradingMarket(Market):
    """The market, telling the order engine when a price is set (resting orders may now fill)."""

    def __init__(self, seed: int | None, moved: Callable[[str], None]) -> None:
        super().__init__(seed)
        self._moved = moved

    def set_price(self, symbol: str, price: Decimal, now_ms: int | None = None) -> None:
        super().set_price(symbol, price, now_ms)
        self._moved(symbol)


# --- order checks --------------------------------------------------------------------------------

# amendable wire field -> Order attribute ("" for qty and price, checked apart)
_AMENDABLE: dict[str, str] = {
    "qty": "",
    "price": "",
    "triggerPrice": "trigger_price",
    "takeProfit": "take_profit",
    "stopLoss": "stop_loss",
    "tpTriggerBy": "tp_trigger_by",
    "slTriggerBy": "sl_trigger_by",
    "triggerBy": "trigger_by",
    "tpLimitPrice": "tp_limit_price",
    "slLimitPrice": "sl_limit_price",
    "tpslMode": "tpsl_mode",
    "orderIv": "order_iv",
}
_ZERO_CLEARS = frozenset({"takeProfit", "stopLoss"})  # "0" cancels the order's TP or SL


def _check_qty(category: str, info: Instrument, qty: Decimal) -> Decimal:
    """The quantity on the instrument's step (contracts truncate to it; spot refuses)."""
    step = info.qty_step
    if category == "spot":
        if qty % step:
            raise ApiError(ERR_SPOT_QTY_DECIMALS, "Order volume decimal too long")
        if qty < info.min_qty:
            raise ApiError(ERR_SPOT_QTY_SMALL, "Order quantity lower than the minimum.")
        if qty > info.max_qty:
            raise ApiError(ERR_SPOT_QTY_LARGE, "Order quantity too large.")
        return qty
    truncated = (qty / step).to_integral_value(rounding=ROUND_DOWN) * step
    if truncated == 0:
        raise ApiError(ERR_QTY_ZERO, "orderQty will be truncated to zero.")
    if truncated < info.min_qty:
        raise params_error(f"qty must be at least minOrderQty {info.min_qty}")
    if truncated > info.max_qty:
        raise params_error(f"qty must be at most maxOrderQty {info.max_qty}")
    return truncated.normalize() if truncated == truncated.to_integral() else truncated


def _check_price(
    category: str, info: Instrument, side: str, price: Decimal, market_price: Decimal
) -> None:
    if price % info.tick_size:
        if category == "spot":
            raise ApiError(ERR_SPOT_PRICE_DECIMALS, "Order price decimal too long.")
        raise params_error(f"price must be a multiple of tickSize {info.tick_size}")
    if side == "Buy" and price > market_price * (1 + PRICE_BAND):
        if category == "spot":
            raise ApiError(ERR_SPOT_PRICE_HIGH, "Order price too high.")
        raise ApiError(ERR_PRICE_RANGE, "Order price is out of permissible range")
    if side == "Sell" and price < market_price * (1 - PRICE_BAND):
        if category == "spot":
            raise ApiError(ERR_SPOT_PRICE_LOW, "Order price lower than the minimum.")
        raise ApiError(ERR_PRICE_RANGE, "Order price is out of permissible range")


def _decimal(params: Mapping[str, object], name: str) -> str | None:
    value = _opt_str(params, name)
    if value is None:
        return None
    if not _DECIMAL.fullmatch(value):
        raise params_error(f"{name} must be a non-negative decimal string")
    return value


def _flag(params: Mapping[str, object], name: str) -> bool:
    value = params.get(name)
    if value is None:
        return False
    if not isinstance(value, bool):
        raise params_error(f"{name} must be true or false")
    return value


def _order_extras(params: Mapping[str, object], category: str) -> dict[str, object]:
    """The optional create fields the sandbox keeps and lists (Order attribute -> value)."""
    extras: dict[str, object] = {}
    raw_idx = params.get("positionIdx")
    if raw_idx is not None and raw_idx not in (0, 1, 2, "0", "1", "2"):
        raise params_error("positionIdx must be 0, 1 or 2")
    extras["position_idx"] = int(str(raw_idx)) if raw_idx is not None else 0
    extras["reduce_only"] = _flag(params, "reduceOnly")
    extras["close_on_trigger"] = _flag(params, "closeOnTrigger")
    if category == "spot" and extras["reduce_only"]:
        raise params_error("reduceOnly is not supported for category spot")
    for name, attr in (
        ("takeProfit", "take_profit"),
        ("stopLoss", "stop_loss"),
        ("triggerPrice", "trigger_price"),
        ("tpLimitPrice", "tp_limit_price"),
        ("slLimitPrice", "sl_limit_price"),
        ("orderIv", "order_iv"),
    ):
        extras[attr] = _decimal(params, name) or ""
    for name, attr in (
        ("tpTriggerBy", "tp_trigger_by"),
        ("slTriggerBy", "sl_trigger_by"),
        ("triggerBy", "trigger_by"),
    ):
        value = _opt_str(params, name)
        if value is not None and value not in TRIGGER_BY:
            raise params_error(f"{name} must be one of {', '.join(TRIGGER_BY)}")
        extras[attr] = value or ""
    mode = _opt_str(params, "tpslMode")
    if mode is not None and mode not in ("Full", "Partial"):
        raise params_error("tpslMode must be Full or Partial")
    extras["tpsl_mode"] = mode or ""
    unit = _opt_str(params, "marketUnit")
    if unit is not None and (unit not in ("baseCoin", "quoteCoin") or category != "spot"):
        raise params_error("marketUnit must be baseCoin or quoteCoin, for category spot")
    extras["market_unit"] = unit or ""
    return extras


# --- lists ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Selector:
    """The filters /v5/order/realtime and /v5/order/history share."""

    symbol: str | None
    base_coin: str | None
    settle_coin: str | None
    order_id: str | None
    link: str | None
    order_filter: str | None

    @classmethod
    def read(cls, params: Mapping[str, object], category: str) -> _Selector:
        order_filter = _opt_str(params, "orderFilter")
        allowed = LIST_FILTERS[category]
        if order_filter is not None and order_filter not in allowed:
            raise params_error(
                f"orderFilter must be one of {', '.join(sorted(allowed))} for category {category}"
            )
        return cls(
            symbol=_opt_symbol(params),
            base_coin=_coin(params, "baseCoin"),
            settle_coin=_coin(params, "settleCoin"),
            order_id=_opt_str(params, "orderId"),
            link=_opt_str(params, "orderLinkId"),
            order_filter=order_filter,
        )

    def matches(self, order: Order) -> bool:
        return not (
            (self.symbol is not None and order.symbol != self.symbol)
            or (self.base_coin is not None and order.base_coin != self.base_coin)
            or (self.settle_coin is not None and order.settle_coin != self.settle_coin)
            or (self.order_id is not None and order.order_id != self.order_id)
            or (self.link is not None and order.order_link_id != self.link)
            # Sandbox orders are all plain active orders.
            or (self.order_filter is not None and self.order_filter != "Order")
        )


def _page(params: Mapping[str, object]) -> tuple[int, int | None]:
    """(limit, seq the page starts below) from limit and cursor."""
    raw_limit = _opt_str(params, "limit")
    limit = 20
    if raw_limit is not None:
        if not raw_limit.isdigit() or not 1 <= int(raw_limit) <= 50:
            raise params_error("limit must be an integer from 1 to 50")
        limit = int(raw_limit)
    raw_cursor = _opt_str(params, "cursor")
    return limit, (_decode_cursor(raw_cursor) if raw_cursor is not None else None)


def _one_page(orders: Iterable[Order], limit: int, before: int | None) -> tuple[list[Order], bool]:
    page: list[Order] = []
    for order in orders:
        if before is not None and order.seq >= before:
            continue
        if len(page) == limit:
            return page, True
        page.append(order)
    return page, False


def _opt_ms(params: Mapping[str, object], name: str) -> int | None:
    value = _opt_str(params, name)
    if value is None:
        return None
    if not value.isdigit() or len(value) > 15:
        raise params_error(f"{name} must be ms since the epoch")
    return int(value)
