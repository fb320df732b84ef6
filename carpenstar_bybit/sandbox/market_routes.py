"""The public ``/v5/market/*`` endpoints of the sandbox: query checks as V5 makes them, answers
from ``Market``. No signature is needed; each raises ``ApiError`` (retCode 10001) on bad input."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from .exchange import ApiError, params_error
from .market import INSTRUMENTS, KLINE_INTERVALS, OPEN_INTEREST_MS, Market

Params = Mapping[str, object]
MarketAction = Callable[[str, Params, int], object]

_SYMBOL = re.compile(r"[A-Z0-9]{2,30}(?:-[A-Z0-9.]+)*")
_COIN = re.compile(r"[A-Z0-9]{1,20}")
_CURSOR = re.compile(r"o(\d{1,9})")
ALL = ("spot", "linear", "inverse", "option")
FUTURES = ("linear", "inverse")


def _text(params: Params, name: str) -> str | None:
    value = params.get(name)
    if value is None or value == "":
        return None
    return str(value)


def _category(params: Params, allowed: tuple[str, ...], default: str | None = None) -> str:
    category = _text(params, "category") or default
    if category is None:
        raise params_error("category is required")
    if category not in allowed:
        raise params_error(f"category must be one of {', '.join(allowed)}")
    return category


def _symbol(params: Params, required: bool = True) -> str | None:
    symbol = _text(params, "symbol")
    if symbol is None:
        if required:
            raise params_error("symbol is required")
        return None
    if not _SYMBOL.fullmatch(symbol):
        raise params_error("symbol invalid: uppercase letters, digits and dashes only")
    return symbol


def _int(params: Params, name: str, low: int, high: int, default: int | None) -> int | None:
    text = _text(params, name)
    if text is None:
        return default
    if not re.fullmatch(r"\d{1,15}", text):
        raise params_error(f"{name} must be a whole number")
    value = int(text)
    if not low <= value <= high:
        raise params_error(f"{name} must be from {low} to {high}")
    return value


def _limit(params: Params, high: int, default: int) -> int:
    value = _int(params, "limit", 1, high, default)
    return default if value is None else value


def _time(params: Params, name: str) -> int | None:
    return _int(params, name, 0, 10**14, None)


def _window(params: Params, start_name: str, end_name: str) -> tuple[int | None, int | None]:
    start, end = _time(params, start_name), _time(params, end_name)
    if start is not None and end is not None and start > end:
        raise params_error(f"{start_name} must not be after {end_name}")
    return start, end


def _offset(params: Params) -> int:
    cursor = _text(params, "cursor")
    if cursor is None:
        return 0
    found = _CURSOR.fullmatch(cursor)
    if found is None:
        raise params_error("cursor is invalid")
    return int(found.group(1))


def _cursor(offset: int | None) -> str:
    return "" if offset is None else f"o{offset}"


class MarketRoutes:
    """The answers of the ten public market-data endpoints, by path."""

    def __init__(self, market: Market) -> None:
        self.market = market

    def routes(self) -> dict[str, MarketAction]:
        return {
            "/v5/market/kline": self.kline,
            "/v5/market/mark-price-kline": self.mark_kline,
            "/v5/market/index-price-kline": self.index_kline,
            "/v5/market/funding/history": self.funding_history,
            "/v5/market/instruments-info": self.instruments,
            "/v5/market/open-interest": self.open_interest,
            "/v5/market/orderbook": self.orderbook,
            "/v5/market/recent-trade": self.recent_trade,
            "/v5/market/risk-limit": self.risk_limit,
            "/v5/market/tickers": self.tickers,
        }

    def _klines(
        self, params: Params, now_ms: int, allowed: tuple[str, ...], kind: str
    ) -> dict[str, object]:
        category = _category(params, allowed, "linear")
        symbol = _symbol(params)
        assert symbol is not None  # noqa: S101  # required above
        interval = _text(params, "interval")
        if interval is None:
            raise params_error("interval is required")
        if interval not in KLINE_INTERVALS:
            raise params_error(f"interval must be one of {', '.join(KLINE_INTERVALS)}")
        start, end = _window(params, "start", "end")
        limit = _limit(params, 500 if category == "option" else 1000, 200)
        rows = self.market.klines(category, symbol, interval, start, end, limit, now_ms, kind)
        return {"symbol": symbol, "category": category, "list": rows}

    def kline(self, _: str, params: Params, now_ms: int) -> dict[str, object]:
        return self._klines(params, now_ms, ("spot", "linear", "inverse"), "last")

    def mark_kline(self, _: str, params: Params, now_ms: int) -> dict[str, object]:
        return self._klines(params, now_ms, ("linear", "inverse", "option"), "mark")

    def index_kline(self, _: str, params: Params, now_ms: int) -> dict[str, object]:
        return self._klines(params, now_ms, FUTURES, "index")

    def funding_history(self, _: str, params: Params, now_ms: int) -> dict[str, object]:
        category = _category(params, FUTURES)
        symbol = _symbol(params)
        assert symbol is not None  # noqa: S101
        start, end = _window(params, "startTime", "endTime")
        if start is not None and end is None:
            raise params_error("endTime is required when startTime is given")
        limit = _limit(params, 200, 200)
        return {
            "category": category,
            "list": self.market.funding_history(symbol, start, end, limit, now_ms),
        }

    def instruments(self, _: str, params: Params, now_ms: int) -> dict[str, object]:
        category = _category(params, ALL)
        symbol = _symbol(params, required=False)
        status = _text(params, "status")
        if status not in (None, "PreLaunch", "Trading", "Delivering", "Closed"):
            raise params_error("status must be PreLaunch, Trading, Delivering or Closed")
        base = _text(params, "baseCoin")
        if base is not None and (category == "spot" or not _COIN.fullmatch(base)):
            raise params_error("baseCoin is invalid for this category")
        limit = _limit(params, 1000, 500)
        offset = _offset(params)
        listed = [
            i
            for i in INSTRUMENTS
            if i.category == category
            and (symbol is None or i.symbol == symbol)
            and (base is None or i.base_coin == base)
            and status in (None, "Trading")
        ]
        page = listed[offset : offset + limit]
        more = offset + limit < len(listed)
        return {
            "category": category,
            "list": [self.market.instrument_item(i) for i in page],
            "nextPageCursor": _cursor(offset + limit if more else None),
        }

    def open_interest(self, _: str, params: Params, now_ms: int) -> dict[str, object]:
        category = _category(params, FUTURES)
        symbol = _symbol(params)
        assert symbol is not None  # noqa: S101
        interval = _text(params, "intervalTime")
        if interval not in OPEN_INTEREST_MS:
            raise params_error(f"intervalTime must be one of {', '.join(OPEN_INTEREST_MS)}")
        start, end = _window(params, "startTime", "endTime")
        limit = _limit(params, 200, 50)
        points, following = self.market.open_interest(
            category, symbol, interval, start, end, limit, _offset(params), now_ms
        )
        return {
            "symbol": symbol,
            "category": category,
            "list": points,
            "nextPageCursor": _cursor(following),
        }

    def orderbook(self, _: str, params: Params, now_ms: int) -> dict[str, object]:
        category = _category(params, ALL)
        symbol = _symbol(params)
        assert symbol is not None  # noqa: S101
        default = 25 if category in FUTURES else 1
        depth = _limit(params, 25 if category == "option" else 1000, default)
        return self.market.book(category, symbol, depth, now_ms)

    def recent_trade(self, _: str, params: Params, now_ms: int) -> dict[str, object]:
        category = _category(params, ALL)
        symbol = _symbol(params, required=category != "option")
        limit = _limit(params, 60, 60) if category == "spot" else _limit(params, 1000, 500)
        trades = (
            [] if symbol is None else self.market.recent_trades(category, symbol, limit, now_ms)
        )
        return {"category": category, "list": trades}

    def risk_limit(self, _: str, params: Params, now_ms: int) -> dict[str, object]:
        category = _category(params, FUTURES)
        symbol = _symbol(params, required=False)
        _offset(params)  # one page holds every tier of the sandbox's symbols
        symbols = [symbol] if symbol else [i.symbol for i in INSTRUMENTS if i.category == category]
        tiers = [tier for name in symbols for tier in self.market.risk_tiers(category, name)]
        return {"category": category, "list": tiers, "nextPageCursor": ""}

    def tickers(self, _: str, params: Params, now_ms: int) -> dict[str, object]:
        category = _category(params, ALL)
        symbol = _symbol(params, required=False)
        base = _text(params, "baseCoin")
        if category == "option" and symbol is None and base is None:
            raise params_error("symbol or baseCoin is required for category option")
        if symbol is not None:
            symbols = [symbol]
        elif category == "option":
            symbols = []  # the sandbox lists no options
        else:
            symbols = [i.symbol for i in INSTRUMENTS if i.category == category]
        return {
            "category": category,
            "list": [self.market.ticker(category, name, now_ms) for name in symbols],
        }


__all__ = ["ApiError", "MarketRoutes"]
