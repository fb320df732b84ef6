"""The sandbox's market: instruments (tick size, qty step, limits) and a price per symbol.

Order validation, fills, positions and every market-data answer read the same figures from here,
so they agree with one another. Fills are announced to listeners (positions, recent trades).
Symbols not in the table (any well-formed name, as the cancel tests seed) get default figures.
"""

from __future__ import annotations

import random
import threading
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Instrument:
    symbol: str
    category: str
    base_coin: str
    quote_coin: str
    settle_coin: str
    tick_size: Decimal
    qty_step: Decimal
    min_qty: Decimal
    max_qty: Decimal
    min_leverage: Decimal
    max_leverage: Decimal
    leverage_step: Decimal
    start_price: Decimal


def _i(
    symbol: str,
    category: str,
    base: str,
    quote: str,
    settle: str,
    tick: str,
    step: str,
    min_qty: str,
    max_qty: str,
    max_leverage: str,
    price: str,
) -> Instrument:
    return Instrument(
        symbol,
        category,
        base,
        quote,
        settle,
        Decimal(tick),
        Decimal(step),
        Decimal(min_qty),
        Decimal(max_qty),
        Decimal("1"),
        Decimal(max_leverage),
        Decimal("0.01"),
        Decimal(price),
    )


# Figures of the shape Bybit's instruments-info gives (rounded, not live).
INSTRUMENTS: tuple[Instrument, ...] = (
    _i("BTCUSDT", "linear", "BTC", "USDT", "USDT", "0.1", "0.001", "0.001", "1190", "100", "60000"),
    _i("ETHUSDT", "linear", "ETH", "USDT", "USDT", "0.01", "0.01", "0.01", "7240", "100", "3000"),
    _i("SOLUSDT", "linear", "SOL", "USDT", "USDT", "0.010", "0.1", "0.1", "79770", "75", "150"),
    _i("XRPUSDT", "linear", "XRP", "USDT", "USDT", "0.0001", "1", "1", "6400000", "75", "0.6"),
    _i("BTCPERP", "linear", "BTC", "USD", "USDC", "0.5", "0.001", "0.001", "100", "100", "60000"),
    _i("ETHPERP", "linear", "ETH", "USD", "USDC", "0.05", "0.01", "0.01", "1500", "100", "3000"),
    _i("BTCUSD", "inverse", "BTC", "USD", "BTC", "0.50", "1", "1", "1000000", "100", "60000"),
    _i("ETHUSD", "inverse", "ETH", "USD", "ETH", "0.05", "1", "1", "1000000", "50", "3000"),
    _i("BTCUSDT", "spot", "BTC", "USDT", "", "0.01", "0.000001", "0.000048", "71", "1", "60000"),
    _i("ETHUSDT", "spot", "ETH", "USDT", "", "0.01", "0.00001", "0.00062", "1229", "1", "3000"),
)
_DEFAULT_PRICE = Decimal("100")


def instrument(category: str, symbol: str) -> Instrument | None:
    """The table's instrument, or None for a symbol the table does not list."""
    return _BY_KEY.get((category, symbol))


def figures(category: str, symbol: str) -> Instrument:
    """The instrument, or default figures for a well-formed symbol the table does not list."""
    found = _BY_KEY.get((category, symbol))
    if found is not None:
        return found
    return Instrument(
        symbol, category, "", "", "", Decimal("0.01"), Decimal("0.001"), Decimal("0.001"),
        Decimal("1000000"), Decimal("1"), Decimal("100"), Decimal("0.01"), _DEFAULT_PRICE,
    )  # fmt: skip


_BY_KEY = {(i.category, i.symbol): i for i in INSTRUMENTS}


@dataclass(frozen=True)
class Fill:
    """One execution of a sandbox order, as the order engine announces it."""

    api_key: str
    category: str
    symbol: str
    side: str
    price: Decimal
    qty: Decimal
    order_id: str
    order_link_id: str
    exec_id: str
    is_maker: bool
    order_type: str
    reduce_only: bool
    position_idx: int
    time_ms: int


FillListener = Callable[[Fill], None]


class Market:
    """Prices per (category, symbol), moved by ``set_price`` and by a seeded walk."""

    def __init__(self, seed: int | None) -> None:
        self._lock = threading.Lock()
        self._seed = seed
        self._rng = random.Random(seed)  # noqa: S311  # a market simulation, not security
        self._prices: dict[str, Decimal] = {}
        self._listeners: list[FillListener] = []

    def clear(self) -> None:
        with self._lock:
            self._prices.clear()
            self._rng.seed(self._seed)

    def set_price(self, symbol: str, price: Decimal) -> None:
        if price <= 0:
            raise ValueError("price must be positive")
        with self._lock:
            self._prices[symbol] = price

    def price(self, symbol: str, category: str = "linear") -> Decimal:
        with self._lock:
            found = self._prices.get(symbol)
        if found is not None:
            return found
        return figures(category, symbol).start_price

    def listen(self, listener: FillListener) -> None:
        self._listeners.append(listener)

    def announce(self, fill: Fill) -> None:
        for listener in list(self._listeners):
            listener(fill)


__all__ = ["INSTRUMENTS", "Fill", "FillListener", "Instrument", "Market", "figures", "instrument"]
