"""The sandbox's positions, executions, closed PnL and wallet, moved by the market's fills.

Every ``Fill`` the order engine announces (``Market.announce``) opens, grows, reduces, closes or
flips a position; charges the maker or taker fee of the symbol; lists an execution; and, when it
closes size, lists a closed-PnL record and moves the wallet by the realised PnL. Positions are
kept per API key, category, symbol and ``positionIdx`` (0 one-way; 1/2 the Buy/Sell side in hedge
mode). The account is a unified account in isolated margin mode (account-wide), so per-symbol
cross/isolated switching is refused with 100028, as Bybit refuses it.

Figures: linear PnL is ``size * (exit - entry)``, inverse PnL ``size * (1/entry - 1/exit)`` in the
base coin; a fee is ``value * rate``. The wallet starts each key with ``START_BALANCES``.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from .exchange import FEE_RATES, ApiError, params_error
from .market import INSTRUMENTS, Fill, Market, figures

ERR_UNIFIED_FORBIDDEN = 100028  # "unified account is forbidden"
ERR_LEVERAGE_RISK_LIMIT = 110013  # leverage above the symbol's maximum
ERR_HAS_POSITION = 110024  # a position is open: the mode cannot switch
ERR_MODE_NOT_MODIFIED = 110025
ERR_HEDGE_NOT_SUPPORTED = 110029
ERR_LEVERAGE_NOT_MODIFIED = 110043
ERR_NOT_MODIFIED = 34040  # trading-stop: nothing changed

ONE_WAY, HEDGE = 0, 3
ISOLATED_MARGIN, REGULAR_MARGIN = "ISOLATED_MARGIN", "REGULAR_MARGIN"
DEFAULT_LEVERAGE = Decimal("10")
RISK_LIMIT_VALUE = "2000000"  # the one tier the sandbox has (riskId 1)
MM_RATE = Decimal("0.005")
START_BALANCES: Mapping[str, Decimal] = {
    "USDT": Decimal("100000"),
    "USDC": Decimal("100000"),
    "BTC": Decimal("1"),
    "ETH": Decimal("10"),
}
DAY_MS = 86_400_000
FUTURES = ("linear", "inverse")
_ZERO = Decimal(0)
_PLACES = Decimal("0.00000001")


def text(value: Decimal) -> str:
    """A decimal as Bybit writes it: fixed point, at most 8 places, no trailing zeros."""
    if value == 0:
        return "0"
    rounded = value.quantize(_PLACES).normalize()
    return "0" if rounded == 0 else format(rounded, "f")


@dataclass
class Position:
    category: str
    symbol: str
    idx: int
    leverage: Decimal
    side: str = ""
    size: Decimal = _ZERO
    avg_price: Decimal = _ZERO
    take_profit: Decimal = _ZERO
    stop_loss: Decimal = _ZERO
    trailing_stop: Decimal = _ZERO
    tpsl_mode: str = "Full"
    auto_add_margin: int = 0
    open_fee: Decimal = _ZERO  # entry fees of the size still open
    cur_realised: Decimal = _ZERO
    cum_realised: Decimal = _ZERO
    created_ms: int = 0
    updated_ms: int = 0
    open_ms: int = 0
    seq: int = 0


@dataclass
class Account:
    wallet: dict[str, Decimal] = field(default_factory=lambda: dict(START_BALANCES))
    realised: dict[str, Decimal] = field(default_factory=dict)
    positions: dict[tuple[str, str, int], Position] = field(default_factory=dict)
    modes: dict[tuple[str, str], int] = field(default_factory=dict)
    coin_modes: dict[str, int] = field(default_factory=dict)
    leverage: dict[tuple[str, str], tuple[Decimal, Decimal]] = field(default_factory=dict)
    tpsl_modes: dict[tuple[str, str], str] = field(default_factory=dict)
    executions: list[dict[str, Any]] = field(default_factory=list)
    closed: list[dict[str, Any]] = field(default_factory=list)
    margin_mode: str = ISOLATED_MARGIN


# --- parameter reading ----------------------------------------------------------------------------


def _opt(params: Mapping[str, object], name: str) -> str | None:
    value = params.get(name)
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise params_error(f"{name} must be a string")
    return str(value)


def _req(params: Mapping[str, object], name: str) -> str:
    value = _opt(params, name)
    if value is None:
        raise params_error(f"{name} is required")
    return value


def _category(params: Mapping[str, object], allowed: tuple[str, ...]) -> str:
    category = _req(params, "category")
    if category not in allowed:
        raise params_error(f"category must be one of {', '.join(allowed)}")
    return category


def _int(
    params: Mapping[str, object], name: str, allowed: tuple[int, ...] = (), required: bool = False
) -> int | None:
    value = params.get(name)
    if value is None or value == "":
        if required:
            raise params_error(f"{name} is required")
        return None
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise params_error(f"{name} must be an integer")
    try:
        number = int(value)
    except ValueError:
        raise params_error(f"{name} must be an integer") from None
    if allowed and number not in allowed:
        raise params_error(f"{name} must be one of {', '.join(map(str, allowed))}")
    return number


def _decimal(params: Mapping[str, object], name: str) -> Decimal | None:
    value = _opt(params, name)
    if value is None:
        return None
    try:
        number = Decimal(value)
    except InvalidOperation:
        number = Decimal(-1)
    if not number.is_finite() or number < 0 or "e" in value.lower():
        raise params_error(f"{name} must be a non-negative decimal string")
    return number


def _req_decimal(params: Mapping[str, object], name: str) -> Decimal:
    number = _decimal(params, name)
    if number is None:
        raise params_error(f"{name} is required")
    return number


def _limit(params: Mapping[str, object], default: int, high: int) -> int:
    limit = _int(params, "limit")
    if limit is None:
        return default
    if not 1 <= limit <= high:
        raise params_error(f"limit must be from 1 to {high}")
    return limit


def _offset(params: Mapping[str, object]) -> int:
    cursor = _opt(params, "cursor")
    if cursor is None:
        return 0
    tag, _, number = cursor.partition(":")
    if tag != "page" or not number.isdigit():
        raise params_error("cursor is invalid")
    return int(number)


Rows = list[dict[str, Any]]


def _page(rows: Rows, params: Mapping[str, object], default: int, high: int) -> tuple[Rows, str]:
    limit = _limit(params, default, high)
    start = _offset(params)
    end = start + limit
    return rows[start:end], (f"page:{end}" if end < len(rows) else "")


def _window(params: Mapping[str, object], now_ms: int) -> tuple[int, int]:
    """V5's window: the last 7 days, 7 days from one end, or both ends at most 7 days apart."""
    start, end = _int(params, "startTime"), _int(params, "endTime")
    if start is not None and end is not None:
        if end < start or end - start > 7 * DAY_MS:
            raise params_error("endTime must be from startTime to 7 days after it")
        return start, end
    if start is not None:
        return start, start + 7 * DAY_MS
    if end is not None:
        return end - 7 * DAY_MS, end
    return now_ms - 7 * DAY_MS, now_ms


def settle_coin(category: str, symbol: str) -> str:
    found = figures(category, symbol)
    if found.settle_coin:
        return found.settle_coin
    if category == "inverse":
        return symbol.split("USD")[0] or "BTC"
    return "USDC" if symbol.endswith(("USDC", "PERP")) else "USDT"


ExecutionListener = Callable[[str, dict[str, Any]], None]


def hedge_allowed(category: str, symbol: str) -> bool:
    """Hedge mode is for USDT perpetuals only (not futures, USDC or inverse contracts)."""
    return category == "linear" and "-" not in symbol and settle_coin(category, symbol) == "USDT"


class Positions:
    """Positions, executions, closed PnL and wallets of every key; thread-safe."""

    def __init__(self, market: Market) -> None:
        self._lock = threading.Lock()
        self._market = market
        self._accounts: dict[str, Account] = {}
        self._fees: dict[tuple[str, str], tuple[Decimal, Decimal]] = {}
        self._seq = 0
        self._execution_listeners: list[ExecutionListener] = []
        market.listen(self.on_fill)

    def clear(self) -> None:
        with self._lock:
            self._accounts.clear()
            self._fees.clear()

    # test helpers

    def set_fee_rates(self, category: str, symbol: str, taker: Decimal, maker: Decimal) -> None:
        with self._lock:
            self._fees[(category, symbol)] = (taker, maker)

    def set_margin_mode(self, api_key: str, mode: str) -> None:
        if mode not in (ISOLATED_MARGIN, REGULAR_MARGIN):
            raise ValueError(f"margin mode must be {ISOLATED_MARGIN} or {REGULAR_MARGIN}")
        with self._lock:
            self._account(api_key).margin_mode = mode

    def balance(self, api_key: str, coin: str) -> Decimal:
        with self._lock:
            return self._account(api_key).wallet.get(coin, _ZERO)

    # fills

    def on_fill(self, fill: Fill) -> None:
        with self._lock:
            if fill.category == "spot":
                self._spot(fill)
            elif fill.category in FUTURES:
                self._apply(fill)
            else:
                self._record(fill)
            row = _public(self._account(fill.api_key).executions[-1])
        row["category"] = fill.category
        for listener in list(self._execution_listeners):
            listener(fill.api_key, row)

    def listen_executions(self, listener: ExecutionListener) -> None:
        """Call ``listener(api_key, execution)`` after every fill (the private streams)."""
        self._execution_listeners.append(listener)

    def _spot(self, fill: Fill) -> None:
        """A spot fill moves coins: a Buy adds base and spends quote, a Sell the reverse; the
        fee is taken from what the fill brings in (base on a Buy, quote on a Sell), as Bybit's."""
        account = self._account(fill.api_key)
        info = figures("spot", fill.symbol)
        taker, maker = self._rates("spot", fill.symbol)
        rate = maker if fill.is_maker else taker
        value = fill.qty * fill.price
        buy = fill.side == "Buy"
        fee_coin = info.base_coin if buy else info.quote_coin
        fee = (fill.qty if buy else value) * rate
        gets, pays = (info.base_coin, info.quote_coin) if buy else (info.quote_coin, info.base_coin)
        account.wallet[gets] = account.wallet.get(gets, _ZERO) + (fill.qty if buy else value) - fee
        account.wallet[pays] = account.wallet.get(pays, _ZERO) - (value if buy else fill.qty)
        row = self._execution(fill, value, fee, rate, fee_coin, _ZERO, self._next_seq())
        account.executions.append({**row, "_settleCoin": "", "_baseCoin": info.base_coin})

    def _apply(self, fill: Fill) -> None:
        account = self._account(fill.api_key)
        category, symbol = fill.category, fill.symbol
        hedge = self._mode(account, category, symbol) == HEDGE
        idx = 0
        if hedge:
            idx = fill.position_idx if fill.position_idx in (1, 2) else 0
            if idx == 0:
                buy_side = (fill.side == "Buy") != fill.reduce_only
                idx = 1 if buy_side else 2
        position = self._position(account, category, symbol, idx, fill.time_ms)
        inverse = category == "inverse"
        price, qty = fill.price, fill.qty
        value = qty / price if inverse else qty * price
        taker, maker = self._rates(category, symbol)
        rate = maker if fill.is_maker else taker
        fee = value * rate
        coin = settle_coin(category, symbol)

        closed = _ZERO
        if position.size > 0 and position.side != fill.side:
            closed = min(qty, position.size)
            self._close(account, position, fill, closed, fee * closed / qty, coin)
        opened = qty - closed
        if fill.reduce_only or (hedge and closed > 0):
            # A reduce-only fill never opens, and a hedge side never flips: the rest is dropped.
            opened = _ZERO
        if opened > 0:
            open_fee = fee * opened / qty
            if position.size == 0:
                position.side = fill.side
                position.avg_price = price
                position.open_ms = fill.time_ms
            elif inverse:
                position.avg_price = (position.size + opened) / (
                    position.size / position.avg_price + opened / price
                )
            else:
                position.avg_price = (position.size * position.avg_price + opened * price) / (
                    position.size + opened
                )
            position.size += opened
            position.open_fee += open_fee
            position.cur_realised -= open_fee
            position.cum_realised -= open_fee
            self._move(account, coin, -open_fee)
        position.updated_ms = fill.time_ms
        position.seq = self._next_seq()
        row = self._execution(fill, value, fee, rate, coin, closed, position.seq)
        account.executions.append(
            {**row, "_settleCoin": coin, "_baseCoin": figures(category, symbol).base_coin}
        )

    def _record(self, fill: Fill) -> None:
        """An option fill: listed as an execution; no position, the wallet stays."""
        value = fill.qty * fill.price
        taker, maker = self._rates(fill.category, fill.symbol)
        rate = maker if fill.is_maker else taker
        coin = settle_coin(fill.category, fill.symbol)
        row = self._execution(fill, value, value * rate, rate, coin, _ZERO, self._next_seq())
        base = figures(fill.category, fill.symbol).base_coin
        self._account(fill.api_key).executions.append(
            {**row, "_settleCoin": coin, "_baseCoin": base}
        )

    def _execution(
        self,
        fill: Fill,
        value: Decimal,
        fee: Decimal,
        rate: Decimal,
        fee_coin: str,
        closed: Decimal,
        seq: int,
    ) -> dict[str, Any]:
        """One row of /v5/execution/list for a fill (the sandbox's own keys start with '_')."""
        symbol, category = fill.symbol, fill.category
        price, qty = fill.price, fill.qty
        return {
            "symbol": symbol,
            "orderId": fill.order_id,
            "orderLinkId": fill.order_link_id,
            "side": fill.side,
            "orderPrice": text(price),
            "orderQty": text(qty),
            "leavesQty": "0",
            "createType": "CreateByUser",
            "orderType": fill.order_type,
            "stopOrderType": "",
            "execFee": text(fee),
            "execId": fill.exec_id,
            "execPrice": text(price),
            "execQty": text(qty),
            "execType": "Trade",
            "execValue": text(value),
            "execTime": str(fill.time_ms),
            "feeCurrency": fee_coin,
            "isMaker": fill.is_maker,
            "feeRate": text(rate),
            "tradeIv": "",
            "markIv": "",
            "markPrice": text(self._market.price(symbol, category)),
            "indexPrice": "",
            "underlyingPrice": "",
            "blockTradeId": "",
            "closedSize": text(closed),
            "seq": seq,
            "extraFees": "",
            "_category": category,
        }

    def _close(
        self,
        account: Account,
        position: Position,
        fill: Fill,
        closed: Decimal,
        close_fee: Decimal,
        coin: str,
    ) -> None:
        entry, exit_price = position.avg_price, fill.price
        direction = 1 if position.side == "Buy" else -1
        if position.category == "inverse":
            gross = closed * (1 / entry - 1 / exit_price) * direction
            entry_value, exit_value = closed / entry, closed / exit_price
        else:
            gross = closed * (exit_price - entry) * direction
            entry_value, exit_value = closed * entry, closed * exit_price
        open_fee = position.open_fee * closed / position.size
        position.open_fee -= open_fee
        position.size -= closed
        position.cur_realised += gross - close_fee
        position.cum_realised += gross - close_fee
        self._move(account, coin, gross - close_fee)
        account.closed.append(
            {
                "symbol": position.symbol,
                "orderId": fill.order_id,
                "side": fill.side,
                "qty": text(fill.qty),
                "orderPrice": text(fill.price),
                "orderType": fill.order_type,
                "execType": "Trade",
                "closedSize": text(closed),
                "cumEntryValue": text(entry_value),
                "avgEntryPrice": text(entry),
                "cumExitValue": text(exit_value),
                "avgExitPrice": text(exit_price),
                "closedPnl": text(gross - open_fee - close_fee),
                "fillCount": "1",
                "leverage": text(position.leverage),
                "openFee": text(open_fee),
                "closeFee": text(close_fee),
                "createdTime": str(fill.time_ms),
                "updatedTime": str(fill.time_ms),
                "_category": position.category,
            }
        )
        if position.size == 0:
            # Bybit cancels a position's TP/SL when it closes.
            position.side, position.avg_price = "", _ZERO
            position.take_profit = position.stop_loss = position.trailing_stop = _ZERO
            position.cur_realised, position.open_fee, position.open_ms = _ZERO, _ZERO, 0

    # state

    def _account(self, api_key: str) -> Account:
        account = self._accounts.get(api_key)
        if account is None:
            account = self._accounts[api_key] = Account()
        return account

    def _mode(self, account: Account, category: str, symbol: str) -> int:
        found = account.modes.get((category, symbol))
        if found is not None:
            return found
        if category == "linear":
            return account.coin_modes.get(settle_coin(category, symbol), ONE_WAY)
        return ONE_WAY

    def _leverage(self, account: Account, category: str, symbol: str) -> tuple[Decimal, Decimal]:
        default = min(DEFAULT_LEVERAGE, figures(category, symbol).max_leverage)
        return account.leverage.get((category, symbol), (default, default))

    def _position(
        self, account: Account, category: str, symbol: str, idx: int, now_ms: int
    ) -> Position:
        key = (category, symbol, idx)
        position = account.positions.get(key)
        if position is None:
            buy, sell = self._leverage(account, category, symbol)
            position = Position(category, symbol, idx, sell if idx == 2 else buy)
            position.created_ms = position.updated_ms = now_ms
            account.positions[key] = position
        return position

    def _rates(self, category: str, symbol: str) -> tuple[Decimal, Decimal]:
        return self._fees.get((category, symbol), FEE_RATES[category])

    def _move(self, account: Account, coin: str, amount: Decimal) -> None:
        """Realised PnL and fees move the wallet; the coin's cumRealisedPnl sums them."""
        account.wallet[coin] = account.wallet.get(coin, _ZERO) + amount
        account.realised[coin] = account.realised.get(coin, _ZERO) + amount

    def _next_seq(self) -> int:
        self._seq += 1
        return self._seq

    def _idxs(self, account: Account, category: str, symbol: str) -> tuple[int, ...]:
        return (1, 2) if self._mode(account, category, symbol) == HEDGE else (0,)

    def _check_idx(self, account: Account, category: str, symbol: str, idx: int | None) -> int:
        allowed = self._idxs(account, category, symbol)
        if idx is None:
            if allowed == (0,):
                return 0
            raise params_error("positionIdx is required in hedge mode")
        if idx not in allowed:
            raise params_error("position idx not match position mode")
        return idx

    # --- endpoints ---------------------------------------------------------------------------

    def position_list(self, api_key: str, params: Mapping[str, object]) -> dict[str, object]:
        category = _category(params, ("linear", "inverse", "option"))
        symbol, settle = _opt(params, "symbol"), _opt(params, "settleCoin")
        if category == "linear" and symbol is None and settle is None:
            raise params_error("symbol or settleCoin is required for category linear")
        with self._lock:
            account = self._account(api_key)
            rows: list[Position] = []
            if category != "option":
                if symbol is not None:  # listed with or without a position
                    for idx in self._idxs(account, category, symbol):
                        rows.append(self._view(account, category, symbol, idx))
                else:
                    rows = [
                        p
                        for p in account.positions.values()
                        if p.category == category
                        and p.size > 0
                        and (settle is None or settle_coin(category, p.symbol) == settle)
                    ]
                    rows.sort(key=lambda p: (p.symbol, p.idx))
            items = [self._position_wire(p) for p in rows]
        page, cursor = _page(items, params, 20, 200)
        return {"list": page, "nextPageCursor": cursor, "category": category}

    def _view(self, account: Account, category: str, symbol: str, idx: int) -> Position:
        found = account.positions.get((category, symbol, idx))
        if found is not None:
            return found
        buy, sell = self._leverage(account, category, symbol)
        return Position(category, symbol, idx, sell if idx == 2 else buy)

    def _upl(self, p: Position) -> Decimal:
        if p.size == 0:
            return _ZERO
        mark = self._market.price(p.symbol, p.category)
        direction = 1 if p.side == "Buy" else -1
        if p.category == "inverse":
            return p.size * (1 / p.avg_price - 1 / mark) * direction
        return p.size * (mark - p.avg_price) * direction

    def _value(self, p: Position) -> Decimal:
        if p.size == 0:
            return _ZERO
        return p.size / p.avg_price if p.category == "inverse" else p.size * p.avg_price

    def _position_wire(self, p: Position) -> dict[str, object]:
        value = self._value(p)
        im = value / p.leverage
        mm = value * MM_RATE
        mark = self._market.price(p.symbol, p.category)
        return {
            "positionIdx": p.idx,
            "riskId": 1,
            "riskLimitValue": RISK_LIMIT_VALUE,
            "symbol": p.symbol,
            "side": p.side,
            "size": text(p.size),
            "avgPrice": text(p.avg_price),
            "positionValue": text(value),
            "tradeMode": 0,
            "positionStatus": "Normal",
            "autoAddMargin": p.auto_add_margin,
            "adlRankIndicator": 2 if p.size > 0 else 0,
            "leverage": text(p.leverage),
            "breakEvenPrice": text(p.avg_price),
            "positionBalance": text(im),
            "markPrice": text(mark),
            "liqPrice": "",
            "bustPrice": "",
            "positionMM": text(mm),
            "positionMMByMp": text(mm),
            "positionIM": text(im),
            "positionIMByMp": text(im),
            "tpslMode": "Full",
            "takeProfit": text(p.take_profit),
            "stopLoss": text(p.stop_loss),
            "trailingStop": text(p.trailing_stop),
            "unrealisedPnl": text(self._upl(p)),
            "curRealisedPnl": text(p.cur_realised),
            "cumRealisedPnl": text(p.cum_realised),
            "seq": p.seq,
            "isReduceOnly": False,
            "mmrSysUpdatedTime": "",
            "leverageSysUpdatedTime": "",
            "sessionAvgPrice": "",
            "createdTime": str(p.created_ms),
            "updatedTime": str(p.updated_ms),
            "openTime": p.open_ms,
        }

    def set_leverage(
        self, api_key: str, params: Mapping[str, object], now_ms: int
    ) -> dict[str, object]:
        category = _category(params, FUTURES)
        symbol = _req(params, "symbol")
        buy = _req_decimal(params, "buyLeverage")
        sell = _req_decimal(params, "sellLeverage")
        found = figures(category, symbol)
        for name, value in (("buyLeverage", buy), ("sellLeverage", sell)):
            if value < found.min_leverage:
                raise params_error(f"{name} must be at least {text(found.min_leverage)}")
            if value > found.max_leverage:
                raise ApiError(
                    ERR_LEVERAGE_RISK_LIMIT,
                    f"Cannot set leverage due to risk limit level: {symbol} allows at most "
                    f"{text(found.max_leverage)}",
                )
        with self._lock:
            account = self._account(api_key)
            if self._mode(account, category, symbol) == ONE_WAY and buy != sell:
                raise params_error("buyLeverage must equal sellLeverage in one-way mode")
            if account.margin_mode == REGULAR_MARGIN and buy != sell:
                raise params_error("buyLeverage must equal sellLeverage in cross margin mode")
            if self._leverage(account, category, symbol) == (buy, sell):
                raise ApiError(ERR_LEVERAGE_NOT_MODIFIED, "Set leverage has not been modified")
            account.leverage[(category, symbol)] = (buy, sell)
            for (cat, sym, idx), position in account.positions.items():
                if (cat, sym) == (category, symbol):
                    position.leverage = sell if idx == 2 else buy
                    position.updated_ms = now_ms
        return {}

    def set_risk_limit(self, api_key: str, params: Mapping[str, object]) -> dict[str, object]:
        # Automatic risk limits: accepted, and nothing changes.
        category = _category(params, FUTURES)
        _req(params, "symbol")
        risk_id = _int(params, "riskId", required=True)
        _int(params, "positionIdx", (0, 1, 2))
        return {"riskId": risk_id, "riskLimitValue": RISK_LIMIT_VALUE, "category": category}

    def trading_stop(
        self, api_key: str, params: Mapping[str, object], now_ms: int
    ) -> dict[str, object]:
        category = _category(params, ("linear", "inverse", "option"))
        symbol = _req(params, "symbol")
        mode = _req(params, "tpslMode")
        if mode not in ("Full", "Partial"):
            raise params_error("tpslMode must be Full or Partial")
        idx = _int(params, "positionIdx", (0, 1, 2), required=True)
        take_profit = _decimal(params, "takeProfit")
        stop_loss = _decimal(params, "stopLoss")
        trailing = _decimal(params, "trailingStop")
        for name in ("tpOrderType", "slOrderType"):
            if mode == "Full" and _opt(params, name) not in (None, "Market"):
                raise params_error(f"{name} only support Market when tpSlMode is Full")
        with self._lock:
            account = self._account(api_key)
            self._check_idx(account, category, symbol, idx)
            position = account.positions.get((category, symbol, idx or 0))
            if position is None or position.size == 0:
                raise params_error("can not set tp/sl/ts for zero position")
            mark = self._market.price(symbol, category)
            long = position.side == "Buy"
            if take_profit and ((take_profit <= mark) if long else (take_profit >= mark)):
                raise params_error(
                    f"TakeProfit:{text(take_profit)} set for {position.side} position should "
                    f"be {'higher' if long else 'lower'} than base_price:{text(mark)}"
                )
            if stop_loss and ((stop_loss >= mark) if long else (stop_loss <= mark)):
                raise params_error(
                    f"StopLoss:{text(stop_loss)} set for {position.side} position should be "
                    f"{'lower' if long else 'higher'} than base_price:{text(mark)}"
                )
            before = (position.take_profit, position.stop_loss, position.trailing_stop)
            if take_profit is not None:
                position.take_profit = take_profit
            if stop_loss is not None:
                position.stop_loss = stop_loss
            if trailing is not None:
                position.trailing_stop = trailing
            if (position.take_profit, position.stop_loss, position.trailing_stop) == before:
                raise ApiError(ERR_NOT_MODIFIED, "not modified")
            position.updated_ms = now_ms
        return {}

    def switch_isolated(self, api_key: str, params: Mapping[str, object]) -> dict[str, object]:
        _category(params, FUTURES)
        _req(params, "symbol")
        _int(params, "tradeMode", (0, 1), required=True)
        # The margin mode of a unified account is account-wide: Bybit refuses the per-symbol call.
        raise ApiError(ERR_UNIFIED_FORBIDDEN, "unified account is forbidden")

    def switch_mode(self, api_key: str, params: Mapping[str, object]) -> dict[str, object]:
        category = _category(params, ("linear",))
        symbol, coin = _opt(params, "symbol"), _opt(params, "coin")
        mode = _int(params, "mode", (ONE_WAY, HEDGE), required=True)
        if symbol is None and coin is None:
            raise params_error("symbol or coin is required")
        with self._lock:
            account = self._account(api_key)
            if symbol is not None:
                if mode == HEDGE and not hedge_allowed(category, symbol):
                    raise ApiError(
                        ERR_HEDGE_NOT_SUPPORTED, "Hedge mode is not supported for this symbol."
                    )
                if self._busy(account, category, symbol):
                    raise ApiError(
                        ERR_HAS_POSITION,
                        "You have an existing position, so the position mode cannot be switched",
                    )
                if self._mode(account, category, symbol) == mode:
                    raise ApiError(ERR_MODE_NOT_MODIFIED, "Position mode has not been modified")
                account.modes[(category, symbol)] = int(mode or 0)
                return {}
            coin = coin or ""
            if mode == HEDGE and coin != "USDT":
                raise ApiError(
                    ERR_HEDGE_NOT_SUPPORTED, "Hedge mode is not supported for this coin."
                )
            if account.coin_modes.get(coin, ONE_WAY) == mode:
                raise ApiError(ERR_MODE_NOT_MODIFIED, "Position mode has not been modified")
            account.coin_modes[coin] = int(mode or 0)
            # Symbols of the coin without positions follow it; those with positions keep theirs.
            for cat, sym in list(account.modes):
                same_coin = cat == category and settle_coin(cat, sym) == coin
                if same_coin and not self._busy(account, cat, sym):
                    del account.modes[(cat, sym)]
            for position in account.positions.values():
                if position.size > 0 and settle_coin(category, position.symbol) == coin:
                    account.modes.setdefault(
                        (category, position.symbol), HEDGE if position.idx else ONE_WAY
                    )
        return {}

    def _busy(self, account: Account, category: str, symbol: str) -> bool:
        return any(
            p.size > 0 for (c, s, _), p in account.positions.items() if (c, s) == (category, symbol)
        )

    def set_tpsl_mode(self, api_key: str, params: Mapping[str, object]) -> dict[str, object]:
        category = _category(params, FUTURES)
        symbol = _req(params, "symbol")
        mode = _req(params, "tpSlMode")
        if mode not in ("Full", "Partial"):
            raise params_error("tpSlMode must be Full or Partial")
        with self._lock:
            self._account(api_key).tpsl_modes[(category, symbol)] = mode
        return {"tpSlMode": mode}

    def auto_add_margin(
        self, api_key: str, params: Mapping[str, object], now_ms: int
    ) -> dict[str, object]:
        category = _category(params, ("linear",))
        symbol = _req(params, "symbol")
        value = _int(params, "autoAddMargin", (0, 1), required=True)
        idx = _int(params, "positionIdx", (0, 1, 2))
        with self._lock:
            account = self._account(api_key)
            idx = self._check_idx(account, category, symbol, idx)
            if account.margin_mode != ISOLATED_MARGIN:
                raise params_error("auto add margin is only for isolated margin positions")
            position = self._position(account, category, symbol, idx, now_ms)
            position.auto_add_margin = int(value or 0)
            position.updated_ms = now_ms
        return {}

    def closed_pnl(
        self, api_key: str, params: Mapping[str, object], now_ms: int
    ) -> dict[str, object]:
        category = _category(params, FUTURES)
        symbol = _opt(params, "symbol")
        start, end = _window(params, now_ms)
        with self._lock:
            rows = [
                r
                for r in self._account(api_key).closed
                if r["_category"] == category
                and (symbol is None or r["symbol"] == symbol)
                and start <= int(r["createdTime"]) <= end
            ]
        rows = [_public(r) for r in reversed(rows)]  # newest first
        page, cursor = _page(rows, params, 50, 100)
        return {"list": page, "nextPageCursor": cursor, "category": category}

    def execution_list(
        self, api_key: str, params: Mapping[str, object], now_ms: int
    ) -> dict[str, object]:
        category = _category(params, ("linear", "inverse", "spot", "option"))
        order_id, link = _opt(params, "orderId"), _opt(params, "orderLinkId")
        symbol, base = _opt(params, "symbol"), _opt(params, "baseCoin")
        settle, exec_type = _opt(params, "settleCoin"), _opt(params, "execType")
        start, end = _window(params, now_ms)
        # orderId > orderLinkId > symbol > baseCoin: an id overrides the other filters.
        match: Callable[[dict[str, Any]], bool]
        if order_id is not None:
            match = lambda r: r["orderId"] == order_id  # noqa: E731
        elif link is not None:
            match = lambda r: r["orderLinkId"] == link  # noqa: E731
        else:

            def match(r: dict[str, Any]) -> bool:
                return (
                    (symbol is None or r["symbol"] == symbol)
                    and (base is None or r["_baseCoin"] == base)
                    and (settle is None or r["_settleCoin"] == settle)
                    and (exec_type is None or r["execType"] == exec_type)
                    and start <= int(r["execTime"]) <= end
                )

        with self._lock:
            rows = [
                r
                for r in self._account(api_key).executions
                if r["_category"] == category and match(r)
            ]
        rows = [_public(r) for r in reversed(rows)]  # newest first
        page, cursor = _page(rows, params, 50, 100)
        return {"list": page, "nextPageCursor": cursor, "category": category}

    def wallet_balance(self, api_key: str, params: Mapping[str, object]) -> dict[str, object]:
        account_type = _req(params, "accountType")
        if account_type != "UNIFIED":
            raise params_error("accountType only support UNIFIED")
        wanted = _opt(params, "coin")
        coins = None if wanted is None else wanted.split(",")
        with self._lock:
            account = self._account(api_key)
            open_positions = [p for p in account.positions.values() if p.size > 0]
            names = sorted({*account.wallet, *account.realised})
            rows = []
            totals = dict.fromkeys(("equity", "wallet", "upl", "im", "mm"), _ZERO)
            for coin in names:
                mine = [p for p in open_positions if settle_coin(p.category, p.symbol) == coin]
                balance = account.wallet.get(coin, _ZERO)
                upl = sum((self._upl(p) for p in mine), _ZERO)
                im = sum((self._value(p) / p.leverage for p in mine), _ZERO)
                mm = sum((self._value(p) * MM_RATE for p in mine), _ZERO)
                usd = self._usd(coin)
                totals["equity"] += (balance + upl) * usd
                totals["wallet"] += balance * usd
                totals["upl"] += upl * usd
                totals["im"] += im * usd
                totals["mm"] += mm * usd
                if coins is None and balance == 0 and not mine:
                    continue
                if coins is not None and coin not in coins:
                    continue
                rows.append(self._coin_wire(account, coin, balance, upl, im, mm, usd))
        margin = totals["wallet"] + totals["upl"]
        return {
            "list": [
                {
                    "accountType": "UNIFIED",
                    "accountIMRate": text(totals["im"] / margin) if margin else "0",
                    "accountIMRateByMp": text(totals["im"] / margin) if margin else "0",
                    "accountMMRate": text(totals["mm"] / margin) if margin else "0",
                    "accountMMRateByMp": text(totals["mm"] / margin) if margin else "0",
                    "totalEquity": text(totals["equity"]),
                    "totalWalletBalance": text(totals["wallet"]),
                    "totalMarginBalance": text(margin),
                    "totalAvailableBalance": text(margin - totals["im"]),
                    "totalPerpUPL": text(totals["upl"]),
                    "totalInitialMargin": text(totals["im"]),
                    "totalInitialMarginByMp": text(totals["im"]),
                    "totalMaintenanceMargin": text(totals["mm"]),
                    "totalMaintenanceMarginByMp": text(totals["mm"]),
                    "accountLTV": "0",
                    "coin": rows,
                }
            ]
        }

    def _coin_wire(
        self,
        account: Account,
        coin: str,
        balance: Decimal,
        upl: Decimal,
        im: Decimal,
        mm: Decimal,
        usd: Decimal,
    ) -> dict[str, object]:
        return {
            "coin": coin,
            "equity": text(balance + upl),
            "usdValue": text((balance + upl) * usd),
            "walletBalance": text(balance),
            "locked": "0",
            "spotHedgingQty": "0",
            "borrowAmount": "0",
            "accruedInterest": "0",
            "totalOrderIM": "0",
            "totalPositionIM": text(im),
            "totalPositionMM": text(mm),
            "unrealisedPnl": text(upl),
            "cumRealisedPnl": text(account.realised.get(coin, _ZERO)),
            "bonus": "0",
            "spotBorrow": "0",
            "marginCollateral": True,
            "collateralSwitch": True,
            "availableToWithdraw": "",
            "availableToBorrow": "",
            "free": "",
        }

    def _usd(self, coin: str) -> Decimal:
        if coin in ("USDT", "USDC"):
            return Decimal(1)
        return self._market.price(f"{coin}USDT", "linear")

    def fee_rate(self, api_key: str, params: Mapping[str, object]) -> dict[str, object]:
        category = _category(params, ("linear", "inverse", "spot", "option"))
        symbol, base = _opt(params, "symbol"), _opt(params, "baseCoin")
        with self._lock:
            if category == "option":
                taker, maker = self._rates(category, "")
                bases = [base] if base is not None else ["BTC", "ETH"]
                rows = [
                    {"symbol": "", "baseCoin": b, "takerFeeRate": text(taker),
                     "makerFeeRate": text(maker)}
                    for b in bases
                ]  # fmt: skip
            else:
                names = (
                    [symbol]
                    if symbol is not None
                    else [i.symbol for i in INSTRUMENTS if i.category == category]
                )
                rows = []
                for name in names:
                    taker, maker = self._rates(category, name)
                    rows.append(
                        {"symbol": name, "takerFeeRate": text(taker), "makerFeeRate": text(maker)}
                    )
        result: dict[str, object] = {"list": rows}
        if category in ("spot", "option"):
            result["category"] = category  # derivatives have no such field
        return result


def _public(row: dict[str, Any]) -> dict[str, Any]:
    """A listed row without the sandbox's own filter keys (those starting with '_')."""
    return {k: v for k, v in row.items() if not k.startswith("_")}


__all__ = [
    "ERR_HAS_POSITION",
    "ERR_HEDGE_NOT_SUPPORTED",
    "ERR_LEVERAGE_NOT_MODIFIED",
    "ERR_LEVERAGE_RISK_LIMIT",
    "ERR_MODE_NOT_MODIFIED",
    "ERR_NOT_MODIFIED",
    "ERR_UNIFIED_FORBIDDEN",
    "START_BALANCES",
    "Positions",
    "settle_coin",
    "text",
]
