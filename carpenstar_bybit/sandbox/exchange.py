"""Exchange state of the sandbox: open orders per API key and category, and the V5 order rules."""

from __future__ import annotations

import base64
import binascii
import random
import re
import threading
import uuid
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from .market import Market

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
ERR_LINK_ID_DUPLICATE = 110072

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

    def wire(self) -> dict[str, str]:
        """The order as /v5/order/realtime lists it."""
        return {
            "orderId": self.order_id,
            "orderLinkId": self.order_link_id,
            "symbol": self.symbol,
            "side": self.side,
            "orderType": self.order_type,
            "price": self.price,
            "qty": self.qty,
            "orderStatus": "New",
            "createdTime": str(self.created_ms),
        }

    def ids(self) -> dict[str, str]:
        return {"orderId": self.order_id, "orderLinkId": self.order_link_id}


@dataclass(slots=True)
class _Book:
    """Open orders of one API key in one category, oldest first."""

    orders: dict[str, Order] = field(default_factory=dict)
    links: dict[str, str] = field(default_factory=dict)  # orderLinkId -> orderId

    def add(self, order: Order) -> None:
        self.orders[order.order_id] = order
        if order.order_link_id:
            self.links[order.order_link_id] = order.order_id

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


class Exchange:
    """All open orders of the sandbox; public methods take the lock (the server is threaded)."""

    def __init__(self, seed: int | None) -> None:
        self._lock = threading.Lock()
        self._seed = seed
        # Not for security: only picks which orders a capped cancel-all removes.
        self._rng = random.Random(seed)  # noqa: S311
        self._seq = 0
        self._books: dict[tuple[str, str], _Book] = {}
        self.market = Market(seed)

    def clear(self) -> None:
        self.market.clear()
        with self._lock:
            self._books.clear()
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
        qty = _positive_decimal(params, "qty")
        price = _positive_decimal(params, "price") if order_type == "Limit" else "0"
        link = _link_id(params)
        coins = coins_of(category, symbol)
        if coins is None:
            raise params_error(f"symbol {symbol} is not a {category} symbol")
        with self._lock:
            book = self._books.setdefault((api_key, category), _Book())
            if link and link in book.links:
                raise ApiError(ERR_LINK_ID_DUPLICATE, "OrderLinkedID is duplicate")
            order = self._new_order(
                category, symbol, side, order_type, price, qty, link, now_ms, coins
            )
            if order_type == "Limit":  # a Market order fills at once and never rests
                book.add(order)
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
            book.remove(order)
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
            for order in victims:
                book.remove(order)
        return {"list": [o.ids() for o in victims], "success": "1"}

    def realtime(self, api_key: str, params: Mapping[str, object]) -> dict[str, object]:
        category = _category(params)
        symbol = _opt_symbol(params)
        base_coin = _coin(params, "baseCoin")
        settle_coin = _coin(params, "settleCoin")
        if category == "spot" and settle_coin is not None:
            raise params_error("settleCoin is not supported for category spot")
        order_id = _opt_str(params, "orderId")
        link = _opt_str(params, "orderLinkId")
        raw_limit = _opt_str(params, "limit")
        limit = 20
        if raw_limit is not None:
            if not raw_limit.isdigit() or not 1 <= int(raw_limit) <= 50:
                raise params_error("limit must be an integer from 1 to 50")
            limit = int(raw_limit)
        raw_cursor = _opt_str(params, "cursor")
        before = _decode_cursor(raw_cursor) if raw_cursor is not None else None
        page: list[Order] = []
        more = False
        with self._lock:
            book = self._books.get((api_key, category))
            newest_first: Iterable[Order] = reversed(book.orders.values()) if book else ()
            for order in newest_first:
                if (
                    (before is not None and order.seq >= before)
                    or (symbol is not None and order.symbol != symbol)
                    or (base_coin is not None and order.base_coin != base_coin)
                    or (settle_coin is not None and order.settle_coin != settle_coin)
                    or (order_id is not None and order.order_id != order_id)
                    or (link is not None and order.order_link_id != link)
                ):
                    continue
                if len(page) == limit:
                    more = True
                    break
                page.append(order)
            listed = [o.wire() for o in page]
        # The cursor is the seq of the last order listed: stable while orders come and go.
        cursor = _encode_cursor(page[-1].seq) if more else ""
        return {"category": category, "list": listed, "nextPageCursor": cursor}

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
                self._new_order(category, symbol, side, "Limit", price, qty, link, now_ms, coins)
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


def _helper_view(order: Order) -> dict[str, str]:
    view = order.wire()
    view["category"] = order.category
    return view
