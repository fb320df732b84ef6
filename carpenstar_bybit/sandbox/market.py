"""The sandbox's market: instruments (tick size, qty step, limits) and a price path per symbol.

Order validation, fills, positions and every market-data answer read the same figures from here,
so they agree with one another. Fills are announced to listeners (positions, recent trades).
Symbols not in the table (any well-formed name, as the cancel tests seed) get default figures.

The price path: a symbol's price now is the one ``set_price`` gave (else the table's start
price); the price at an earlier time ``t`` is ``p * exp(f(t) - f(s))``, where ``(s, p)`` is the
setting in force at ``t`` (the last ``set_price`` at or before it, or the first read of the
symbol, which holds the start price and reaches back before it) and ``f`` is a sum of slow waves
whose phases come from the seed and the symbol, plus a per-minute wobble hashed from them. So
history is deterministic for a seed and never rewritten: ``set_price`` moves the price from then
on, and the candles before it keep theirs. The last candle of every interval closes at the price
set, and candles of different intervals agree where they overlap. Mark and index prices follow
the same path with a small seeded premium.
"""

from __future__ import annotations

import calendar
import math
import random
import threading
import time
import zlib
from bisect import bisect_right
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal


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
PriceListener = Callable[[str], None]  # called with the symbol whose price was set


class Market:
    """Prices per symbol, moved by ``set_price``; the market-data answers built from them.

    Every answer method takes validated arguments (see ``market_routes``) and ``now_ms``.
    """

    def __init__(self, seed: int | None) -> None:
        self._lock = threading.Lock()
        self._seed = seed
        self._rng = random.Random(seed)  # noqa: S311  # a market simulation, not security
        self._prices: dict[str, Decimal] = {}
        self._listeners: list[FillListener] = []
        self._price_listeners: list[PriceListener] = []
        self._trades: dict[tuple[str, str], deque[dict[str, object]]] = {}
        self._paths: dict[str, _Path] = {}
        # Per symbol, when its price was set and to what (None: the instrument's start price),
        # in time order: the price at t follows the path from the last setting at or before t,
        # so setting a price moves what comes after it and never the candles before it.
        self._settings: dict[str, tuple[tuple[int, ...], tuple[Decimal | None, ...]]] = {}
        self._update_id = 0
        self.listen(self._record_fill)

    def clear(self) -> None:
        with self._lock:
            self._prices.clear()
            self._settings.clear()
            self._trades.clear()
            self._update_id = 0
            self._rng.seed(self._seed)

    def set_price(self, symbol: str, price: Decimal, now_ms: int | None = None) -> None:
        """The price from ``now_ms`` (the sandbox's clock; now when None) on."""
        if price <= 0:
            raise ValueError("price must be positive")
        at = time.time_ns() // 1_000_000 if now_ms is None else now_ms
        with self._lock:
            times, prices = self._settings.get(symbol, ((at,), (None,)))
            if at < times[-1]:  # a clock set back: the setting holds from the last one on
                at = times[-1]
            self._settings[symbol] = ((*times, at), (*prices, price))
            self._prices[symbol] = price
        for listener in list(self._price_listeners):
            listener(symbol)

    def _setting(self, symbol: str, t_ms: int, now_ms: int) -> tuple[int, Decimal | None]:
        """(when, price) of the setting in force at ``t_ms``; the first read of a symbol sets
        its start price at ``now_ms``, so its history stays what that read showed."""
        with self._lock:
            found = self._settings.get(symbol)
            if found is None:
                found = self._settings[symbol] = ((now_ms,), (None,))
        times, prices = found
        index = max(0, bisect_right(times, t_ms) - 1)
        return times[index], prices[index]

    def price(self, symbol: str, category: str = "linear") -> Decimal:
        with self._lock:
            found = self._prices.get(symbol)
        if found is not None:
            return found
        return figures(category, symbol).start_price

    def listen(self, listener: FillListener) -> None:
        self._listeners.append(listener)

    def listen_prices(self, listener: PriceListener) -> None:
        """Call ``listener(symbol)`` after every ``set_price`` (the streams push book changes)."""
        self._price_listeners.append(listener)

    def announce(self, fill: Fill) -> None:
        for listener in list(self._listeners):
            listener(fill)

    # -- the path --------------------------------------------------------------------------

    def _path(self, symbol: str) -> _Path:
        with self._lock:
            path = self._paths.get(symbol)
            if path is None:
                path = self._paths[symbol] = _Path(self._seed or 0, symbol)
            return path

    def price_at(
        self, category: str, symbol: str, t_ms: int, now_ms: int, kind: str = "last"
    ) -> Decimal:
        """The price of ``kind`` (last, mark, index) at ``t_ms``, on the instrument's tick."""
        figs = figures(category, symbol)
        path = self._path(symbol)
        if t_ms >= now_ms:  # the current price; mark and index stray from it by their premium
            now_price = self.price(symbol, category)
            if kind == "last":
                return now_price
            return _on_tick(path.factor(now_ms, now_ms, kind) * float(now_price), figs.tick_size)
        since, price = self._setting(symbol, t_ms, now_ms)
        base = figs.start_price if price is None else price
        return _on_tick(path.factor(t_ms, since, kind) * float(base), figs.tick_size)

    # -- answers -----------------------------------------------------------------------------

    def klines(
        self,
        category: str,
        symbol: str,
        interval: str,
        start: int | None,
        end: int | None,
        limit: int,
        now_ms: int,
        kind: str = "last",
    ) -> list[list[str]]:
        """Candles newest first: [start, open, high, low, close(, volume, turnover)]."""
        figs = figures(category, symbol)
        path = self._path(symbol)
        last = end if end is not None and end < now_ms else now_ms
        rows: list[list[str]] = []
        for begin, finish in _candles(interval, last):
            if start is not None and finish <= start:
                break
            if begin > last:
                continue
            close_at = min(finish, now_ms)
            points = [
                self.price_at(category, symbol, t, now_ms, kind) for t in _samples(begin, close_at)
            ]
            row = [str(begin), str(points[0]), str(max(points)), str(min(points)), str(points[-1])]
            if kind == "last":
                volume = _on_step(
                    path.volume(begin, finish, float(points[-1]), category), figs.qty_step
                )
                turnover = volume / points[-1] if category == "inverse" else volume * points[-1]
                row += [str(volume), _plain(turnover.quantize(Decimal("0.0001")))]
            rows.append(row)
            if len(rows) >= limit:
                break
        return rows

    @staticmethod
    def candle_bounds(interval: str, t_ms: int) -> tuple[int, int]:
        """(start, end) in ms of the ``interval`` candle holding ``t_ms`` (end exclusive)."""
        return next(_candles(interval, t_ms))

    def book(self, category: str, symbol: str, depth: int, now_ms: int) -> dict[str, object]:
        """``depth`` levels a side around the price: best bid below it, best ask above it."""
        bids, asks = self.levels(category, symbol, depth)
        with self._lock:
            self._update_id += 1
            update_id = self._update_id
        return {
            "s": symbol,
            "b": bids,
            "a": asks,
            "ts": now_ms,
            "u": update_id,
            "seq": update_id + 1_000_000,
            "cts": now_ms - 1,
        }

    def levels(
        self, category: str, symbol: str, depth: int
    ) -> tuple[list[list[str]], list[list[str]]]:
        """(bids, asks): ``depth`` [price, size] levels a side, best first; the REST book and
        the streamed books both read them, so they agree at every price."""
        figs = figures(category, symbol)
        bid1, ask1 = self.touch(category, symbol)
        path = self._path(symbol)
        tick = figs.tick_size
        bids = [
            [str(bid1 - tick * i), str(self._level_size(path, figs, "b", i))] for i in range(depth)
        ]
        asks = [
            [str(ask1 + tick * i), str(self._level_size(path, figs, "a", i))] for i in range(depth)
        ]
        return [level for level in bids if Decimal(level[0]) > 0], asks

    def touch(self, category: str, symbol: str) -> tuple[Decimal, Decimal]:
        """(best bid, best ask): the ticks just below and just above the price."""
        tick = figures(category, symbol).tick_size
        price = self.price(symbol, category)
        bid = (price / tick).to_integral_value(ROUND_CEILING) * tick - tick
        ask = (price / tick).to_integral_value(ROUND_FLOOR) * tick + tick
        return _norm(bid), _norm(ask)

    @staticmethod
    def _level_size(path: _Path, figs: Instrument, side: str, level: int) -> Decimal:
        units = 1 + int(path.noise(("book", side, level)) * 50)
        return _norm(figs.min_qty * units)

    def ticker(self, category: str, symbol: str, now_ms: int) -> dict[str, str]:
        """Last, mark, index, best bid and ask, the 24 h figures and funding of a symbol."""
        figs = figures(category, symbol)
        price = self.price(symbol, category)
        bid1, ask1 = self.touch(category, symbol)
        path = self._path(symbol)
        day = self.klines(category, symbol, "60", now_ms - 24 * _HOUR + 1, None, 24, now_ms)
        high = max(Decimal(row[2]) for row in day)
        low = min(Decimal(row[3]) for row in day)
        volume = sum((Decimal(row[5]) for row in day), Decimal(0))
        turnover = sum((Decimal(row[6]) for row in day), Decimal(0))
        prev24 = self.price_at(category, symbol, now_ms - 24 * _HOUR, now_ms)
        prev1 = self.price_at(category, symbol, now_ms - _HOUR, now_ms)
        change = ((price - prev24) / prev24).quantize(Decimal("0.000001"))
        item = {
            "symbol": symbol,
            "bid1Price": str(bid1),
            "bid1Size": str(self._level_size(path, figs, "b", 0)),
            "ask1Price": str(ask1),
            "ask1Size": str(self._level_size(path, figs, "a", 0)),
            "lastPrice": str(price),
            "prevPrice24h": str(prev24),
            "price24hPcnt": _plain(change),
            "highPrice24h": str(max(high, price)),
            "lowPrice24h": str(min(low, price)),
            "turnover24h": _plain(turnover),
            "volume24h": _plain(volume),
        }
        if category == "spot":
            item["usdIndexPrice"] = str(self.price_at(category, symbol, now_ms, now_ms, "index"))
            return item
        mark = self.price_at(category, symbol, now_ms, now_ms, "mark")
        oi = self.open_interest_at(category, symbol, now_ms)
        value = oi / mark if category == "inverse" else oi * mark
        next_funding = _next_funding(now_ms)
        item.update(
            {
                "prevPrice1h": str(prev1),
                "markPrice": str(mark),
                "indexPrice": str(self.price_at(category, symbol, now_ms, now_ms, "index")),
                "openInterest": str(oi),
                "openInterestValue": _plain(value.quantize(Decimal("0.01"))),
                "fundingRate": self.funding_rate(symbol, next_funding),
                "nextFundingTime": str(next_funding),
                "predictedDeliveryPrice": "",
                "basisRate": "",
                "deliveryFeeRate": "",
                "deliveryTime": "0",
                "basis": "",
                "preOpenPrice": "",
                "preQty": "",
                "curPreListingPhase": "",
                "fundingIntervalHour": str(FUNDING_INTERVAL_MIN // 60),
                "fundingCap": "0.005",
                "basisRateYear": "",
            }
        )
        return item

    def funding_rate(self, symbol: str, settle_ms: int) -> str:
        """The funding rate settled (or to settle) at ``settle_ms``: -0.0002 … 0.0004."""
        noise = self._path(symbol).noise(("funding", settle_ms))
        return _plain(
            (Decimal("0.0001") + Decimal(str(round(noise - 0.5, 6))) * Decimal("0.0006")).quantize(
                Decimal("0.00000001")
            )
        )

    def funding_history(
        self, symbol: str, start: int | None, end: int | None, limit: int, now_ms: int
    ) -> list[dict[str, str]]:
        """Settled rates newest first, one every funding interval up to ``end`` (or now)."""
        step = FUNDING_INTERVAL_MIN * 60_000
        last = min(end if end is not None else now_ms, now_ms)
        settle = last - last % step
        found: list[dict[str, str]] = []
        while len(found) < limit and (start is None or settle >= start) and settle > 0:
            found.append(
                {
                    "symbol": symbol,
                    "fundingRate": self.funding_rate(symbol, settle),
                    "fundingRateTimestamp": str(settle),
                }
            )
            settle -= step
        return found

    def open_interest_at(self, category: str, symbol: str, t_ms: int) -> Decimal:
        """Open interest at a 5-minute mark: linear in base coin, inverse in USD."""
        figs = figures(category, symbol)
        mark = t_ms - t_ms % (5 * 60_000)
        path = self._path(symbol)
        base = (
            Decimal(3_000_000_000) / figs.start_price
            if category == "linear"
            else Decimal(5 * 10**8)
        )
        wave = (
            1 + 0.1 * math.sin(mark / (6 * _HOUR) + path.phase(7)) + 0.02 * path.noise(("oi", mark))
        )
        return _on_step(float(base) * wave, figs.qty_step)

    def open_interest(
        self,
        category: str,
        symbol: str,
        interval: str,
        start: int | None,
        end: int | None,
        limit: int,
        offset: int,
        now_ms: int,
    ) -> tuple[list[dict[str, str]], int | None]:
        """Points newest first from ``offset``; the offset of the next page, or None."""
        step = OPEN_INTEREST_MS[interval]
        last = min(end if end is not None else now_ms, now_ms)
        point = last - last % step - offset * step
        found: list[dict[str, str]] = []
        while len(found) < limit and (start is None or point >= start) and point > 0:
            oi = self.open_interest_at(category, symbol, point)
            found.append(
                {
                    "openInterest": f"{oi:.8f}",
                    "singleOpenInterest": str(
                        (oi / 2).quantize(figures(category, symbol).qty_step)
                    ),
                    "timestamp": str(point),
                }
            )
            point -= step
        more = point > 0 and (start is None or point >= start) and len(found) == limit
        return found, offset + len(found) if more else None

    def recent_trades(
        self, category: str, symbol: str, limit: int, now_ms: int
    ) -> list[dict[str, object]]:
        """Newest first: the sandbox's own fills, then trades along the path up to now."""
        with self._lock:
            own = list(self._trades.get((category, symbol), ()))
        trades = own[:limit]
        path = self._path(symbol)
        figs = figures(category, symbol)
        t = now_ms if not trades else min(int(str(trade["time"])) for trade in trades) - 1
        index = 0
        while len(trades) < limit:
            when = t - index * 1_000
            noise = path.noise(("trade", when))
            trades.append(
                {
                    "execId": f"{zlib.crc32(f'{symbol}|{when}'.encode()):08x}-{when}",
                    "symbol": symbol,
                    "price": str(self.price_at(category, symbol, when, now_ms)),
                    "size": str(_norm(figs.min_qty * (1 + int(noise * 20)))),
                    "side": "Buy" if noise >= 0.5 else "Sell",
                    "time": str(when),
                    "isBlockTrade": False,
                    "isRPITrade": False,
                    "seq": str(when),
                }
            )
            index += 1
        return trades

    def _record_fill(self, fill: Fill) -> None:
        taker_side = fill.side if not fill.is_maker else ("Sell" if fill.side == "Buy" else "Buy")
        trade: dict[str, object] = {
            "execId": fill.exec_id,
            "symbol": fill.symbol,
            "price": str(fill.price),
            "size": str(fill.qty),
            "side": taker_side,
            "time": str(fill.time_ms),
            "isBlockTrade": False,
            "isRPITrade": False,
            "seq": str(fill.time_ms),
        }
        with self._lock:
            trades = self._trades.setdefault((fill.category, fill.symbol), deque(maxlen=1000))
            trades.appendleft(trade)

    def risk_tiers(self, category: str, symbol: str) -> list[dict[str, object]]:
        """Five tiers: the first at the instrument's highest leverage, each next one halved."""
        figs = figures(category, symbol)
        base = Decimal(150) if category == "inverse" else Decimal(2_000_000)
        tiers: list[dict[str, object]] = []
        for index in range(RISK_TIERS):
            leverage = figs.max_leverage / (index + 1)
            initial = (1 / leverage).quantize(Decimal("0.0001"))
            maintenance = (initial / 2).quantize(Decimal("0.0001"))
            tiers.append(
                {
                    "id": index + 1,
                    "symbol": symbol,
                    "riskLimitValue": str(base * (index + 1)),
                    "maintenanceMargin": _plain(maintenance),
                    "initialMargin": _plain(initial),
                    "isLowestRisk": 1 if index == 0 else 0,
                    "maxLeverage": f"{leverage:.2f}",
                    "mmDeduction": "" if index == 0 else _plain(base * index * maintenance / 2),
                }
            )
        return tiers

    @staticmethod
    def instrument_item(figs: Instrument) -> dict[str, object]:
        """An instruments-info item: the same figures the order engine checks orders with."""
        if figs.category == "spot":
            return {
                "symbol": figs.symbol,
                "baseCoin": figs.base_coin,
                "quoteCoin": figs.quote_coin,
                "innovation": "0",
                "status": "Trading",
                "marginTrading": "none",
                "lotSizeFilter": {
                    "basePrecision": str(figs.qty_step),
                    "quotePrecision": "0.00000001",
                    "minOrderQty": str(figs.min_qty),
                    "maxOrderQty": str(figs.max_qty),
                    "minOrderAmt": "5",
                    "maxOrderAmt": "2000000",
                },
                "priceFilter": {"tickSize": str(figs.tick_size)},
            }
        perpetual = "LinearPerpetual" if figs.category == "linear" else "InversePerpetual"
        tick = figs.tick_size
        return {
            "symbol": figs.symbol,
            "contractType": perpetual,
            "status": "Trading",
            "baseCoin": figs.base_coin,
            "quoteCoin": figs.quote_coin,
            "launchTime": "1585526400000",
            "deliveryTime": "0",
            "deliveryFeeRate": "",
            "priceScale": str(_decimals(tick)),
            "leverageFilter": {
                "minLeverage": _plain(figs.min_leverage),
                "maxLeverage": f"{figs.max_leverage:.2f}",
                "leverageStep": str(figs.leverage_step),
            },
            "priceFilter": {
                "minPrice": str(tick),
                "maxPrice": str(tick * 19_999_998),
                "tickSize": str(tick),
            },
            "lotSizeFilter": {
                "maxOrderQty": str(figs.max_qty),
                "minOrderQty": str(figs.min_qty),
                "qtyStep": str(figs.qty_step),
                "postOnlyMaxOrderQty": str(figs.max_qty),
                "maxMktOrderQty": str(figs.max_qty),
                "minNotionalValue": "5",
            },
            "unifiedMarginTrade": True,
            "fundingInterval": FUNDING_INTERVAL_MIN,
            "settleCoin": figs.settle_coin,
            "copyTrading": "both",
            "upperFundingRate": "0.005",
            "lowerFundingRate": "-0.005",
            "isPreListing": False,
            "preListingInfo": None,
            "symbolType": "",
            "displayName": "",
        }


# -- the path and its helpers ---------------------------------------------------------------

_MINUTE = 60_000
_HOUR = 60 * _MINUTE
FUNDING_INTERVAL_MIN = 480  # every 8 hours, as Bybit's main perpetuals
RISK_TIERS = 5
KLINE_MS: dict[str, int] = {
    **{str(m): m * _MINUTE for m in (1, 3, 5, 15, 30, 60, 120, 240, 360, 720)},
    "D": 24 * _HOUR,
    "W": 7 * 24 * _HOUR,
}
KLINE_INTERVALS = (*KLINE_MS, "M")
OPEN_INTEREST_MS: dict[str, int] = {
    "5min": 5 * _MINUTE,
    "15min": 15 * _MINUTE,
    "30min": 30 * _MINUTE,
    "1h": _HOUR,
    "4h": 4 * _HOUR,
    "1d": 24 * _HOUR,
}
# Slow waves of the path: (period in hours, amplitude of the log price).
_WAVES = ((0.6, 0.0015), (5.3, 0.004), (64.0, 0.015), (550.0, 0.04), (4400.0, 0.12))
_WOBBLE = 0.0006  # the per-minute part
_PREMIUM = {"mark": 0.0003, "index": 0.0006}  # how far mark and index stray from the last price


class _Path:
    """The seeded shape of one symbol's price: ``factor(t, at)`` = price(t) / price(at)."""

    def __init__(self, seed: int, symbol: str) -> None:
        self._key = zlib.crc32(f"{seed}|{symbol}".encode()) | (seed & 0xFFFFFFFF) << 32
        rng = random.Random(f"{seed}|{symbol}")  # noqa: S311  # a simulation, not security
        self._phases = [rng.uniform(0, 2 * math.pi) for _ in range(len(_WAVES) + 8)]

    def phase(self, index: int) -> float:
        return self._phases[len(_WAVES) + index]

    def noise(self, what: object) -> float:
        """A number in [0, 1) fixed by the seed, the symbol and ``what``."""
        return _mix(self._key ^ zlib.crc32(repr(what).encode())) / 2**64

    def _log(self, t_ms: int, kind: str) -> float:
        hours = t_ms / _HOUR
        value = sum(
            amplitude * math.sin(2 * math.pi * hours / period + self._phases[i])
            for i, (period, amplitude) in enumerate(_WAVES)
        )
        minute = t_ms // _MINUTE
        value += _WOBBLE * (self.noise(minute) - 0.5)
        if kind != "last":
            index = 1 if kind == "mark" else 2
            value += _PREMIUM[kind] * math.sin(hours / 3 + self.phase(index))
        return value

    def factor(self, t_ms: int, at_ms: int, kind: str) -> float:
        """price(t) / price(at) along the path (of ``kind`` at t, of the last price at ``at``)."""
        return math.exp(self._log(t_ms, kind) - self._log(at_ms, "last"))

    def volume(self, begin: int, finish: int, price: float, category: str) -> float:
        """Traded volume of a candle: about 20,000 of quote a minute (inverse: contracts)."""
        minutes = max(1.0, (finish - begin) / _MINUTE)
        per_minute = 20_000.0 if category == "inverse" else 20_000.0 / price
        return per_minute * minutes * (0.5 + self.noise(("volume", begin, finish)))


def _mix(value: int) -> int:
    """splitmix64: spreads an integer's bits (fast, stdlib-free, the same on every machine)."""
    value = (value + 0x9E3779B97F4A7C15) & 0xFFFFFFFFFFFFFFFF
    value = ((value ^ (value >> 30)) * 0xBF58476D1CE4E5B9) & 0xFFFFFFFFFFFFFFFF
    value = ((value ^ (value >> 27)) * 0x94D049BB133111EB) & 0xFFFFFFFFFFFFFFFF
    return value ^ (value >> 31)


def _candles(interval: str, last_ms: int) -> Iterator[tuple[int, int]]:
    """(start, end) of candles from the one holding ``last_ms`` back in time."""
    if interval == "M":
        moment = datetime.fromtimestamp(last_ms / 1000, tz=UTC)
        year, month = moment.year, moment.month
        while year >= 1970:
            begin = calendar.timegm((year, month, 1, 0, 0, 0)) * 1000
            following = calendar.timegm((year + month // 12, month % 12 + 1, 1, 0, 0, 0)) * 1000
            yield begin, following
            year, month = (year, month - 1) if month > 1 else (year - 1, 12)
        return
    step = KLINE_MS[interval]
    # Weeks start on Monday 00:00 UTC; the epoch was a Thursday.
    shift = 4 * 24 * _HOUR if interval == "W" else 0
    begin = last_ms - (last_ms + shift) % step
    while begin >= 0:
        yield begin, begin + step
        begin -= step


def _samples(begin: int, end: int) -> list[int]:
    """Times a candle's open, high, low and close are taken from: its start, inside, its end."""
    span = max(0, end - begin)
    return [begin + span * k // 6 for k in range(7)]


def _next_funding(now_ms: int) -> int:
    step = FUNDING_INTERVAL_MIN * _MINUTE
    return now_ms - now_ms % step + step


def _decimals(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def _norm(value: Decimal) -> Decimal:
    """A Decimal without exponent form or stray precision."""
    return Decimal(_plain(value))


def _plain(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return text


def _on_tick(value: float, tick: Decimal) -> Decimal:
    ticks = max(1, round(value / float(tick)))
    return _norm(tick * ticks)


def _on_step(value: float, step: Decimal) -> Decimal:
    steps = max(1, round(value / float(step)))
    return _norm(step * steps)


__all__ = [
    "FUNDING_INTERVAL_MIN",
    "INSTRUMENTS",
    "KLINE_INTERVALS",
    "OPEN_INTEREST_MS",
    "Fill",
    "FillListener",
    "Instrument",
    "Market",
    "PriceListener",
    "figures",
    "instrument",
]
