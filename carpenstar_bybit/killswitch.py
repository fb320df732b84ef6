"""The kill switch: cancel every open order of an account, then prove it with the open-orders list.

``flatten(api)`` (or ``api.flatten()``) runs the categories side by side: linear per settle coin
(USDT, USDC), inverse (by the symbols the open-orders list shows, since Bybit refuses an inverse
cancel-all without a symbol or coin), option and spot. A category's cancel-all calls are paced by
the rate-limit headers of its answers (Bybit's per-category table until the first answer comes
back); linear and inverse loop while answers come back at the 500 cap, each wave sending twice as
many calls at once (up to the target's share of the window), and stop at the first answer under
the cap. Each category is then
listed through the open-orders endpoint, every page. Orders the list still shows are cancelled by
symbol in a further round, up to ``max_rounds``. HTX runs beside it when an ``HtxAPI`` is given:
v5 cancel-all (HTX's own "1051 No orders to cancel" on a second call is its proof), and the swap
lane: HTX's open-orders list over every contract, a cancel-all per contract that has orders
(``htx_contracts`` narrows which), the list again.

The proof rule: "flat" only when every list, on every contract of every exchange, was read to an
explicit empty end (a page that names no next page). An empty page that names one is read on; an
answer with no list is a failure of that list, never "empty". Whatever the exchange answers ends
in the report, never as an exception. ``time_limit`` bounds every call of the run, retries and
clock syncs included (``Core.Retry.within``).

The result is a ``FlattenReport``: per category and coin the orders cancelled, calls, seconds,
attempts and whether an outcome is uncertain; per category what the final list showed.
"""

from __future__ import annotations

import contextvars
import importlib
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from functools import partial
from typing import TYPE_CHECKING, Any, TypeVar

import attrs

from carpenstar_bybit.Core.Auth import mask_key, refuse_clear_text
from carpenstar_bybit.Core.Enums import EnumCategory, EnumOutputMode
from carpenstar_bybit.Core.Exceptions import (
    ApiException,
    CarpenstarException,
    SDKException,
    TransportException,
    safe_excerpt,
)
from carpenstar_bybit.Core.Names import short
from carpenstar_bybit.Core.Registry import ENDPOINTS
from carpenstar_bybit.Core.Response import refused_exchange_value
from carpenstar_bybit.Core.Retry import within
from carpenstar_bybit.Derivatives.Contract.Order.CancelAllOrder import CancelAllOrder
from carpenstar_bybit.Derivatives.Contract.Order.CancelAllOrder.Request import (
    CancelAllOrderRequest,
)
from carpenstar_bybit.Derivatives.Contract.Order.GetOpenOrders import GetOpenOrders
from carpenstar_bybit.Derivatives.Contract.Order.GetOpenOrders.Request import GetOpenOrdersRequest

if TYPE_CHECKING:
    from carpenstar_bybit._bybit_api import BybitAPI
    from carpenstar_bybit.Htx import HtxAPI

T = TypeVar("T")

CAP = 500  # Bybit's futures cancel-all cancels at most this many per call
CAPPED = frozenset({EnumCategory.LINEAR, EnumCategory.INVERSE})
ALL_CATEGORIES = (
    EnumCategory.LINEAR,
    EnumCategory.INVERSE,
    EnumCategory.OPTION,
    EnumCategory.SPOT,
)
SETTLE_COINS = ("USDT", "USDC")
# Bybit's cancel-all limit per UID per second, by category: used until an answer's headers say.
CANCEL_ALL_LIMITS = {
    EnumCategory.LINEAR: 10,
    EnumCategory.INVERSE: 10,
    EnumCategory.OPTION: 1,
    EnumCategory.SPOT: 20,
}
# Spot's cancel-all takes one kind of order a call (plain orders when no filter is sent): a call
# for each kind, side by side.
SPOT_FILTERS = (None, "tpslOrder", "StopOrder", "OcoOrder", "BidirectionalTpslOrder")
LIST_PAGE = 50
MY_POSITION = "Derivatives.Contract.Position.MyPosition"  # full names: Spot has a PlaceOrder too
PLACE_ORDER = "Derivatives.Contract.Order.PlaceOrder"
MAX_LANE_CALLS = 40  # one target's cancel-all calls in a round: 20,000 orders at the cap
MAX_LIST_PAGES = 40  # 2,000 orders listed per category and coin; more is reported as incomplete
HTX_SWAP_CONTRACTS = ("BTC-USD", "ETH-USD")  # cancelled blind when HTX's list cannot be read
HTX_LIST_PAGE = 50
HTX_NO_ORDERS = 1051


# -- the report ---------------------------------------------------------------------------------


@attrs.frozen
class Failure:
    """Why a lane or a list stopped: the exchange refused, the call did not complete, or the
    exchange answered something that makes no sense (a list with no list, a cursor or a symbol
    the SDK's own rules refuse)."""

    kind: str  # "refused" (the exchange said no), "transport" or "unexpected"
    message: str
    code: int = 0
    uncertain: bool = False  # the request may have reached the exchange and acted
    never_sent: bool = False  # no try can have reached the exchange

    @classmethod
    def of(cls, exc: BaseException) -> Failure:
        """The failure an exception stands for; never raises, whatever ``exc`` is."""
        if isinstance(exc, ApiException):
            uncertain = bool(getattr(exc, "uncertain", False))
            status = exc.http_status
            if exc.ret_code is None and (status is None or 200 <= status < 300):
                # A 2xx answer that did not parse: nobody refused anything.
                return cls("unexpected", str(exc), exc.code, uncertain)
            return cls("refused", str(exc), exc.code, uncertain)
        if isinstance(exc, TransportException):
            uncertain = bool(getattr(exc, "uncertain", True))
            return cls("transport", str(exc), exc.code, uncertain, not uncertain)
        if isinstance(exc, CarpenstarException):
            # Exchange data the SDK's own rules refuse, found before the next call was sent.
            return cls("unexpected", str(exc), exc.code, False, True)
        # Nothing else should get here; if it does, the run still ends with its report.
        text = safe_excerpt(f"{type(exc).__name__}: {exc}")
        return cls("unexpected", f"unexpected error: {text}", 0, True)


@attrs.frozen
class LaneReport:
    """The cancel calls of one category and coin (or HTX product and contract)."""

    exchange: str
    category: str
    coin: str | None  # settle coin (linear), symbol (a later round), HTX contract; None: all
    cancelled: int
    calls: int
    seconds: float
    attempts: int
    uncertain: bool
    failure: Failure | None = None
    stopped: str | None = None  # "max_calls" / "time_limit" when a capped loop was cut short
    failed_orders: tuple[dict[str, Any], ...] = ()  # HTX: orders it named and did not cancel
    order_filter: str | None = None  # spot: the kind of order this lane cancelled


@attrs.frozen
class CheckReport:
    """What the open-orders list showed at the end, for one category (and settle coin)."""

    exchange: str
    category: str
    coin: str | None
    complete: bool  # every page was read
    remaining: tuple[dict[str, str], ...]
    calls: int  # lists read (inverse: with the first one, which named the symbols to cancel)
    failure: Failure | None = None

    @property
    def flat(self) -> bool:
        return self.complete and self.failure is None and not self.remaining


@attrs.frozen
class PositionReport:
    """Positions closed with reduce-only market orders, and what the position list shows after."""

    category: str
    coin: str | None
    closed: tuple[dict[str, str], ...]
    remaining: tuple[dict[str, str], ...]
    calls: int
    failure: Failure | None = None


OUTCOMES = ("flat", "refused", "may_remain", "unknown", "unreached", "listed")


@attrs.frozen
class FlattenReport:
    """The whole run: ``flat`` only when every category's final list was read and was empty."""

    host: str
    account: str  # the API key, masked
    dry_run: bool
    seconds: float
    lanes: tuple[LaneReport, ...]
    checks: tuple[CheckReport, ...]
    positions: tuple[PositionReport, ...] = ()
    rounds: int = 0
    skipped: tuple[str, ...] = ()  # what was not covered, and why

    @property
    def flat(self) -> bool:
        """Every category's final list was read to the end and was empty (a lost answer on the
        way does not matter: the list is the proof)."""
        positions_ok = all(p.failure is None and not p.remaining for p in self.positions)
        return (
            not self.dry_run
            and bool(self.checks)
            and all(check.flat for check in self.checks)
            and positions_ok
        )

    @property
    def cancelled(self) -> int:
        return sum(lane.cancelled for lane in self.lanes)

    @property
    def calls(self) -> int:
        return (
            sum(lane.calls for lane in self.lanes)
            + sum(check.calls for check in self.checks)
            + sum(p.calls for p in self.positions)
        )

    @property
    def uncertain(self) -> bool:
        return any(lane.uncertain for lane in self.lanes)

    @property
    def remaining(self) -> list[dict[str, str]]:
        found: list[dict[str, str]] = []
        for check in self.checks:
            found.extend(
                {"exchange": check.exchange, "category": check.category, **row}
                for row in check.remaining
            )
        return found

    def failures(self) -> list[Failure]:
        found = [lane.failure for lane in self.lanes if lane.failure is not None]
        found += [c.failure for c in self.checks if c.failure is not None]
        found += [p.failure for p in self.positions if p.failure is not None]
        return found

    @property
    def outcome(self) -> str:
        """``flat``; ``listed`` (a dry run); ``may_remain`` (the list shows orders, or a loop was
        cut short); ``refused`` (the exchange said no somewhere); ``unknown`` (a call may have
        acted and the list could not be read); ``unreached`` (nothing reached the exchange)."""
        if self.dry_run:
            failures = self.failures()
            if not failures:
                return "listed"
        elif self.flat:
            return "flat"
        failures = self.failures()
        if any(check.remaining for check in self.checks) or any(
            lane.stopped for lane in self.lanes
        ):
            return "may_remain"
        if any(p.remaining for p in self.positions):
            return "may_remain"
        if any(f.kind == "refused" for f in failures):
            return "refused"
        transport = [f for f in failures if f.kind in ("transport", "unexpected")]
        if transport and all(f.never_sent for f in transport) and self.cancelled == 0:
            return "unreached"
        if transport:
            return "unknown"
        return "may_remain"

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON."""

        def failure(f: Failure | None) -> dict[str, Any] | None:
            return attrs.asdict(f) if f is not None else None

        return {
            "outcome": self.outcome,
            "flat": self.flat,
            "host": self.host,
            "account": self.account,
            "dryRun": self.dry_run,
            "seconds": round(self.seconds, 4),
            "cancelled": self.cancelled,
            "calls": self.calls,
            "rounds": self.rounds,
            "uncertain": self.uncertain,
            "lanes": [
                {
                    "exchange": lane.exchange,
                    "category": lane.category,
                    "coin": lane.coin,
                    "cancelled": lane.cancelled,
                    "calls": lane.calls,
                    "seconds": round(lane.seconds, 4),
                    "attempts": lane.attempts,
                    "uncertain": lane.uncertain,
                    "stopped": lane.stopped,
                    "orderFilter": lane.order_filter,
                    "failure": failure(lane.failure),
                    "failedOrders": list(lane.failed_orders),
                }
                for lane in self.lanes
            ],
            "verification": [
                {
                    "exchange": check.exchange,
                    "category": check.category,
                    "coin": check.coin,
                    "flat": check.flat,
                    "complete": check.complete,
                    "remaining": list(check.remaining),
                    "calls": check.calls,
                    "failure": failure(check.failure),
                }
                for check in self.checks
            ],
            "positions": [
                {
                    "category": p.category,
                    "coin": p.coin,
                    "closed": list(p.closed),
                    "remaining": list(p.remaining),
                    "calls": p.calls,
                    "failure": failure(p.failure),
                }
                for p in self.positions
            ],
            "skipped": list(self.skipped),
        }


# -- pacing -------------------------------------------------------------------------------------


class _Window:
    """Cancel-all calls left in one category's rate window, as the exchange's headers tell it."""

    def __init__(self, limit: int, now_ms: Callable[[], int]) -> None:
        self.limit = limit
        self._left = limit
        self._reset_ms: int | None = None
        self._now_ms = now_ms
        self._lock = threading.Lock()

    def take(self, want: int, deadline: float) -> int:
        """Up to ``want`` calls (at least 1), waiting for the window's reset when none is left."""
        while True:
            with self._lock:
                now = self._now_ms()
                if self._reset_ms is not None and now >= self._reset_ms:
                    self._left, self._reset_ms = self.limit, None
                if self._left > 0 or self._reset_ms is None:
                    granted = max(1, min(want, self._left))
                    self._left -= granted
                    return granted
                wait = (self._reset_ms - now) / 1000
            wait = min(wait, deadline - time.monotonic())
            if wait <= 0:
                return 1  # out of time: one call, and the exchange decides
            time.sleep(wait)

    def observe(self, answer: Any) -> None:
        try:
            left, reset, limit = (
                answer.getRateLimitStatus(),
                answer.getRateLimitResetTimestamp(),
                answer.getRateLimit(),
            )
        except AttributeError:
            return
        if left is None or reset is None:
            return
        with self._lock:
            if limit is not None and 0 < limit < 1_000_000:
                self.limit = limit
            if self._reset_ms is None or reset > self._reset_ms:
                self._reset_ms, self._left = reset, left
            elif reset == self._reset_ms:
                self._left = min(self._left, left)


def _parallel(calls: Sequence[Callable[[], T]]) -> list[T]:
    """Run the calls at once (one in this thread, the rest in threads); results in order."""
    if len(calls) == 1:
        return [calls[0]()]
    results: list[Any] = [None] * len(calls)
    errors: list[BaseException] = []

    def work(index: int) -> None:
        try:
            results[index] = calls[index]()
        except BaseException as exc:  # noqa: BLE001  # raised again in the caller's thread
            errors.append(exc)

    # Each thread runs in a copy of this context: the run's deadline (``within``) goes along.
    threads = [
        threading.Thread(target=contextvars.copy_context().run, args=(work, i), daemon=True)
        for i in range(1, len(calls))
    ]
    for thread in threads:
        thread.start()
    work(0)
    for thread in threads:
        thread.join()
    if errors:
        raise errors[0]
    return results


def _attempts(answer: Any) -> tuple[int, bool]:
    getter = getattr(answer, "getAttempts", None)
    attempts = int(getter()) if callable(getter) else 1
    uncertain_getter = getattr(answer, "isUncertain", None)
    return attempts, bool(uncertain_getter()) if callable(uncertain_getter) else False


def _endpoint(key: str) -> Any:
    """A declared endpoint class by full name, or None when this build does not declare it."""
    module = ENDPOINTS.get(key)
    if module is None:
        return None
    return getattr(importlib.import_module(module), short(key))


# -- one call, as the lanes use it --------------------------------------------------------------


@attrs.define
class _Outcome:
    items: list[dict[str, Any]] = attrs.field(factory=list)
    answer: Any = None
    failure: Failure | None = None
    attempts: int = 1
    uncertain: bool = False


def _guard(call: Callable[[], Any]) -> _Outcome:
    """One call, and whatever it raises as data: the kill switch never raises for an answer."""
    try:
        answer = call()
        attempts, uncertain = _attempts(answer)
        items = list(answer.getBody().all())
    except Exception as exc:  # noqa: BLE001  # every failure becomes part of the report
        failure = Failure.of(exc)
        attempts = getattr(exc, "attempts", 1)
        return _Outcome(
            failure=failure,
            attempts=attempts if isinstance(attempts, int) else 1,
            uncertain=failure.uncertain,
        )
    return _Outcome(items, answer, None, attempts, uncertain)


class _Run:
    """Shared state of one flatten run."""

    def __init__(
        self,
        api: BybitAPI,
        deadline: float,
        max_rounds: int,
        max_in_flight: int,
    ) -> None:
        self.api = api
        self.deadline = deadline
        self.max_rounds = max_rounds
        self.max_in_flight = max_in_flight
        connection = api.connection()
        # No more calls at once than the connection keeps sockets for: more would open sockets
        # only to throw them away.
        self._slots = threading.BoundedSemaphore(api.pool_size)
        self.windows = {
            category: _Window(limit, connection.now_ms)
            for category, limit in CANCEL_ALL_LIMITS.items()
        }

    def out_of_time(self) -> bool:
        return time.monotonic() >= self.deadline

    # cancel-all ---------------------------------------------------------------------------------

    def cancel_call(
        self, category: str, coin: str | None, symbol: str | None, order_filter: str | None
    ) -> _Outcome:

        def call() -> Any:
            # Built inside the guard: the symbol may come from the exchange's own list.
            request = CancelAllOrderRequest().setCategory(category)
            if symbol is not None:
                try:
                    request.setSymbol(symbol)
                except SDKException as exc:
                    raise _bent("symbol", symbol, exc) from None
            elif coin is not None:
                request.setSettleCoin(coin)
            if order_filter is not None:
                request.setOrderFilter(order_filter)
            return self.api.rest(CancelAllOrder, request, EnumOutputMode.MODE_ARRAY)

        with self._slots:
            outcome = _guard(call)
        if outcome.answer is not None:
            self.windows[category].observe(outcome.answer)
        return outcome

    def lane(
        self,
        category: str,
        coin: str | None = None,
        symbol: str | None = None,
        order_filter: str | None = None,
        share: int = 1,
    ) -> LaneReport:
        """Cancel-all for one target until an answer comes back under the cap (or no cap)."""
        started = time.perf_counter()
        window = self.windows[category]
        capped = category in CAPPED
        cancelled = calls = attempts = 0
        uncertain = False
        failure: Failure | None = None
        stopped: str | None = None
        # One call first: a small book costs one call. While answers come back at the cap, each
        # wave sends twice as many calls at once, up to this target's share of the window.
        wave = 1
        while True:
            if self.out_of_time():
                stopped = "time_limit"
                break
            if calls >= MAX_LANE_CALLS:
                stopped = "max_calls"
                break
            count = window.take(min(wave, MAX_LANE_CALLS - calls), self.deadline)
            outcomes = _parallel(
                [lambda: self.cancel_call(category, coin, symbol, order_filter)] * count
            )
            done = False
            for outcome in outcomes:
                calls += 1
                attempts += outcome.attempts
                uncertain = uncertain or outcome.uncertain
                cancelled += len(outcome.items)
                if outcome.failure is not None:
                    failure = failure or outcome.failure
                elif not capped or len(outcome.items) < CAP:
                    done = True
            if failure is not None or done:
                break
            # Doubling: a wave wastes at most half its calls on answers that find nothing.
            wave = max(1, min(wave * 2, self.max_in_flight, share))
        return LaneReport(
            "bybit",
            category,
            symbol or coin,
            cancelled,
            calls,
            time.perf_counter() - started,
            attempts,
            uncertain,
            failure,
            stopped,
            order_filter=order_filter,
        )

    # the open-orders list -----------------------------------------------------------------------

    def list_page(self, category: str, coin: str | None, cursor: str | None) -> _Outcome:
        def call() -> Any:
            request = GetOpenOrdersRequest().setCategory(category).setLimit(LIST_PAGE)
            if coin is not None:
                request.setSettleCoin(coin)
            if cursor:
                _follow(request, cursor)
            return self.api.rest(GetOpenOrders, request, EnumOutputMode.MODE_ARRAY)

        with self._slots:
            return _guard(call)

    def check(self, category: str, coin: str | None, pages: int = MAX_LIST_PAGES) -> CheckReport:
        """Every page (up to ``pages``) of the open-orders list of one category (and coin).

        Complete only at an explicit end: a page that names no next page. An empty page that
        still names one is read on; an answer with no list is a failure, never "empty".
        """
        rows: list[dict[str, str]] = []
        calls = 0
        cursor: str | None = None
        seen: set[str] = set()
        for _ in range(pages):
            if self.out_of_time():
                return CheckReport(
                    "bybit", category, coin, False, tuple(rows), calls, _time_ran_out()
                )
            outcome = self.list_page(category, coin, cursor)
            calls += 1
            if outcome.failure is not None:
                return CheckReport(
                    "bybit", category, coin, False, tuple(rows), calls, outcome.failure
                )
            rows.extend(_row(item) for item in outcome.items)
            cursor = outcome.answer.getNextPageCursor()
            if not cursor:
                return CheckReport("bybit", category, coin, True, tuple(rows), calls)
            if cursor in seen:
                failure = Failure(
                    "unexpected", f"the exchange named the page cursor {cursor[:40]!r} twice"
                )
                return CheckReport("bybit", category, coin, False, tuple(rows), calls, failure)
            seen.add(cursor)
        return CheckReport("bybit", category, coin, False, tuple(rows), calls)


def _bent(field: str, value: str, exc: SDKException) -> ApiException:
    """Exchange data the SDK's own rules refuse: an unexpected answer, not the caller's misuse."""
    return refused_exchange_value(field, value, exc)


def _follow(request: Any, cursor: str) -> None:
    """The next page's request, from the cursor the exchange named."""
    try:
        request.setCursor(cursor)
    except SDKException as exc:
        raise _bent("nextPageCursor", cursor, exc) from None


def _time_ran_out() -> Failure:
    return Failure(
        "transport",
        "time_limit: the run's time ran out before the list was read to the end",
        never_sent=True,
    )


_ROW_FIELDS = ("symbol", "orderId", "orderLinkId", "side", "orderType", "price", "qty")


def _row(item: dict[str, Any]) -> dict[str, str]:
    return {name: str(item.get(name, "")) for name in _ROW_FIELDS}


# -- one category -------------------------------------------------------------------------------


def _category(run: _Run, category: str, settle_coins: Sequence[str]) -> tuple[list[Any], int]:
    """Cancel, list, and cancel what the list still shows, round by round."""
    lanes: list[LaneReport] = []
    coins: list[str | None] = list(settle_coins) if category == EnumCategory.LINEAR else [None]
    checks: list[CheckReport] = []
    rounds = 0
    # Each target: (settle coin, symbol). Inverse needs a symbol or coin: read them from the list.
    targets: list[tuple[str | None, str | None]]
    filters = SPOT_FILTERS if category == EnumCategory.SPOT else (None,)
    if category == EnumCategory.INVERSE:
        # The newest page names the symbols to cancel; any others show up in the final list.
        first = run.check(category, None, pages=1)
        checks = [first]
        targets = [(None, s) for s in _symbols(first)]
        if first.failure is not None or not targets:
            return [*lanes, *checks], rounds
    else:
        targets = [(coin, None) for coin in coins]
    while targets and rounds < run.max_rounds and not run.out_of_time():
        rounds += 1
        share = max(1, run.windows[category].limit // (len(targets) * len(filters)))
        lanes.extend(
            _parallel(
                [
                    partial(run.lane, category, coin, symbol, kind, share=share)
                    for coin, symbol in targets
                    for kind in filters
                ]
            )
        )
        if any(lane.failure is not None and lane.failure.kind == "refused" for lane in lanes):
            # A refused category is reported as it stands: listing it would be refused too.
            checks = _parallel([partial(run.check, category, coin) for coin in coins])
            break
        checks = _parallel([partial(run.check, category, coin) for coin in coins])
        left = [s for check in checks for s in _symbols(check)]
        if all(check.flat for check in checks) or any(c.failure for c in checks):
            break
        targets = [(None, s) for s in dict.fromkeys(left)]
    if category == EnumCategory.INVERSE and checks and checks[0] is not first:
        # The first list (it named the symbols) is counted with the final one.
        checks[0] = attrs.evolve(checks[0], calls=checks[0].calls + first.calls)
    return [*lanes, *checks], rounds


def _symbols(check: CheckReport) -> list[str]:
    return list(dict.fromkeys(row["symbol"] for row in check.remaining if row["symbol"]))


# -- HTX ----------------------------------------------------------------------------------------


def _htx(htx: HtxAPI, only: Sequence[str] | None, deadline: float, max_rounds: int) -> list[Any]:
    """HTX's v5 cancel-all (every USDT-margined contract at once) beside the swap lane."""
    v5, swap = _parallel(
        [partial(_htx_v5, htx, deadline), partial(_htx_swap, htx, only, deadline, max_rounds)]
    )
    return [*v5, *swap]


def _htx_cancel(htx: HtxAPI, product: str, contract: str | None, deadline: float) -> LaneReport:
    """Cancel-all for one HTX target until a call finds nothing left (1051, or none cancelled)."""
    from carpenstar_bybit.Htx.Swap.Trade.SwapCancelAll import SwapCancelAll
    from carpenstar_bybit.Htx.Swap.Trade.SwapCancelAll.Request import SwapCancelAllRequest
    from carpenstar_bybit.Htx.V5.Trade.CancelAllOrders import CancelAllOrders
    from carpenstar_bybit.Htx.V5.Trade.CancelAllOrders.Request import CancelAllOrdersRequest

    started = time.perf_counter()
    cancelled = calls = attempts = 0
    uncertain = False
    failed: list[dict[str, Any]] = []
    failure: Failure | None = None
    stopped: str | None = "max_rounds"
    # HTX cancels every match in one call; a second call answering 1051 says none is left.
    for _ in range(3):
        if time.monotonic() >= deadline:
            stopped = "time_limit"
            break
        calls += 1
        try:
            if product == "swap":
                try:
                    request: Any = SwapCancelAllRequest().setContractCode(contract or "")
                except SDKException as exc:
                    raise _bent("contract_code", contract or "", exc) from None
                answer = htx.rest(SwapCancelAll, request)
            else:
                answer = htx.rest(CancelAllOrders, CancelAllOrdersRequest())
            tries, unsure = _attempts(answer)
            done = len(answer.getCancelled())
            refused = [{"orderId": str(item.getOrderId())} for item in answer.getFailed()]
        except Exception as exc:  # noqa: BLE001  # the lane's outcome, never the run's
            failure = Failure.of(exc)
            tried = getattr(exc, "attempts", 1)
            attempts += tried if isinstance(tried, int) else 1
            uncertain = uncertain or failure.uncertain
            stopped = None
            break
        attempts += tries
        uncertain = uncertain or unsure
        cancelled += done
        failed += refused
        if answer.getReturnCode() == HTX_NO_ORDERS or (done == 0 and not refused):
            stopped = None
            break
    return LaneReport(
        "htx",
        product,
        contract,
        cancelled,
        calls,
        time.perf_counter() - started,
        attempts,
        uncertain,
        failure,
        stopped,
        tuple(failed),
    )


def _htx_v5(htx: HtxAPI, deadline: float) -> list[Any]:
    lane = _htx_cancel(htx, "v5", None, deadline)
    done = lane.failure is None and lane.stopped is None and not lane.failed_orders
    remaining = tuple({"orderId": f["orderId"], "symbol": ""} for f in lane.failed_orders)
    return [lane, CheckReport("htx", "v5", None, done, remaining, 0, lane.failure)]


def _htx_swap(
    htx: HtxAPI, only: Sequence[str] | None, deadline: float, max_rounds: int
) -> list[Any]:
    """List every swap contract's open orders, cancel each contract that has any, list again.

    ``only`` narrows what is cancelled, never what is listed: orders on other contracts stay
    in the report, so the lane is flat only when the whole list is empty.
    """
    lanes: list[LaneReport] = []
    check = _htx_swap_list(htx, deadline)
    calls = check.calls
    for rounds in range(max_rounds):
        named = list(dict.fromkeys(row["symbol"] for row in check.remaining))
        if rounds == 0 and check.failure is not None and not named:
            # The list could not be read: cancel what can be named, and say it is unverified.
            named = list(only if only is not None else HTX_SWAP_CONTRACTS)
        targets = [c for c in named if only is None or c in only]
        if not targets or time.monotonic() >= deadline:
            break
        lanes += _parallel([partial(_htx_cancel, htx, "swap", c, deadline) for c in targets])
        check = _htx_swap_list(htx, deadline)
        calls += check.calls
        if check.flat or check.failure is not None:
            break
    return [*lanes, attrs.evolve(check, calls=calls)]


def _htx_swap_list(htx: HtxAPI, deadline: float) -> CheckReport:
    """Every page of HTX's swap open orders, all contracts; complete only at the last page."""
    from carpenstar_bybit.Htx.Swap.Trade.SwapOpenOrders import SwapOpenOrders
    from carpenstar_bybit.Htx.Swap.Trade.SwapOpenOrders.Request import SwapOpenOrdersRequest

    rows: list[dict[str, str]] = []
    for index in range(1, MAX_LIST_PAGES + 1):
        if time.monotonic() >= deadline:
            return CheckReport("htx", "swap", None, False, tuple(rows), index - 1, _time_ran_out())
        request = SwapOpenOrdersRequest().setPageIndex(index).setPageSize(HTX_LIST_PAGE)
        outcome = _guard(partial(htx.rest, SwapOpenOrders, request, EnumOutputMode.MODE_ARRAY))
        if outcome.failure is not None:
            return CheckReport("htx", "swap", None, False, tuple(rows), index, outcome.failure)
        rows += [_htx_row(item) for item in outcome.items]
        total = outcome.answer.getTotalPage()
        if total is not None and index >= total:
            return CheckReport("htx", "swap", None, True, tuple(rows), index)
    return CheckReport("htx", "swap", None, False, tuple(rows), MAX_LIST_PAGES)


def _htx_row(item: dict[str, Any]) -> dict[str, str]:
    """An HTX swap order in the report's row form (the contract code as its symbol)."""
    client = item.get("client_order_id")
    return {
        "symbol": str(item.get("contract_code", "")).upper(),
        "orderId": str(item.get("order_id_str", "")),
        "orderLinkId": "" if client is None else str(client),
        "side": str(item.get("direction", "")),
        "orderType": str(item.get("order_price_type", "")),
        "price": str(item.get("price", "")),
        "qty": str(item.get("volume", "")),
    }


# -- positions ----------------------------------------------------------------------------------


def _close_positions(run: _Run, settle_coins: Sequence[str]) -> list[PositionReport]:
    positions, place = _endpoint(MY_POSITION), _endpoint(PLACE_ORDER)
    if positions is None or place is None:
        raise SDKException("close_positions: this build declares no MyPosition/PlaceOrder endpoint")
    targets: list[tuple[str, str | None]] = [(EnumCategory.LINEAR, c) for c in settle_coins]
    targets.append((EnumCategory.INVERSE, None))

    def listed(category: str, coin: str | None) -> tuple[list[dict[str, str]], int]:
        rows: list[dict[str, str]] = []
        cursor = ""
        calls = 0
        for _ in range(MAX_LIST_PAGES):
            request = positions.REQUEST_CLASS().setCategory(category)
            if coin is not None:
                request.setSettleCoin(coin)
            if cursor:
                _follow(request, cursor)
            answer = run.api.rest(positions, request, EnumOutputMode.MODE_ARRAY)
            calls += 1
            for item in answer.getBody().all():
                size = str(item.get("size", "0"))
                if size not in ("", "0") and item.get("side") in ("Buy", "Sell"):
                    rows.append(
                        {
                            "symbol": str(item.get("symbol", "")),
                            "side": str(item["side"]),
                            "size": size,
                            "positionIdx": str(item.get("positionIdx", 0)),
                        }
                    )
            cursor = answer.getNextPageCursor()
            if not cursor:
                break
        return rows, calls

    def close(category: str, coin: str | None) -> PositionReport:
        calls = 0
        closed: list[dict[str, str]] = []
        try:
            rows, calls = listed(category, coin)
            for row in rows:
                request = _closing_order(place, category, row)
                run.api.rest(place, request, EnumOutputMode.MODE_ARRAY)
                calls += 1
                closed.append(row)
            remaining, more = listed(category, coin)
            calls += more
        except Exception as exc:  # noqa: BLE001  # a bent answer ends this lane, not the run
            return PositionReport(category, coin, tuple(closed), (), calls, Failure.of(exc))
        return PositionReport(category, coin, tuple(closed), tuple(remaining), calls)

    return _parallel([partial(close, c, k) for c, k in targets])


def _closing_order(place: Any, category: str, row: dict[str, str]) -> Any:
    """The reduce-only market order that closes a listed position; the row is the exchange's."""
    try:
        return (
            place.REQUEST_CLASS()
            .setCategory(category)
            .setSymbol(row["symbol"])
            .setSide("Sell" if row["side"] == "Buy" else "Buy")
            .setOrderType("Market")
            .setQty(row["size"])
            .setReduceOnly(True)
            .setPositionIdx(_position_idx(row["positionIdx"]))
        )
    except SDKException as exc:
        raise _bent("a position", str(row), exc) from None


def _position_idx(text: str) -> int:
    if text not in ("0", "1", "2"):
        raise SDKException(f"positionIdx: must be 0, 1 or 2 (got {safe_excerpt(text, 20)!r})")
    return int(text)


# -- the kill switch ----------------------------------------------------------------------------


def flatten(
    api: BybitAPI | None,
    *,
    categories: Iterable[str] | None = None,
    exclude: Iterable[str] = (),
    settle_coins: Sequence[str] = SETTLE_COINS,
    htx: HtxAPI | None = None,
    htx_contracts: Sequence[str] | None = None,
    close_positions: bool = False,
    dry_run: bool = False,
    max_rounds: int = 5,
    time_limit: float = 30.0,
    max_in_flight: int = 5,
) -> FlattenReport:
    """Cancel every open order of the account (and of ``htx``'s when given), then verify.

    ``categories`` (default all four) less ``exclude`` are run side by side. ``dry_run`` only
    lists what is open. ``close_positions`` then closes every linear and inverse position with
    reduce-only market orders. ``htx_contracts``: only these HTX swap contracts are cancelled
    (default: every contract HTX lists orders on); every contract is verified all the same.
    ``max_rounds`` bounds the cancel-and-list rounds of a category, ``time_limit`` (seconds) the
    whole run, every request, retry and clock sync in it; ``max_in_flight`` the cancel-all calls
    one target sends at once. Never raises for what the exchange answers: refusals, lost answers
    and answers that make no sense are in the report; misuse raises ``SDKException`` before any
    I/O.
    """
    owner = api if api is not None else htx
    if owner is None:
        raise SDKException("flatten: give a BybitAPI, an HtxAPI (htx=...), or both")
    chosen = _check_arguments(categories, exclude, settle_coins, max_rounds, time_limit)
    if not isinstance(max_in_flight, int) or isinstance(max_in_flight, bool) or max_in_flight < 1:
        raise SDKException(f"max_in_flight: must be a whole number >= 1 (got {max_in_flight!r})")
    if close_positions and (_endpoint(MY_POSITION) is None or _endpoint(PLACE_ORDER) is None):
        raise SDKException("close_positions: this build declares no MyPosition/PlaceOrder endpoint")
    if not chosen and htx is None:
        raise SDKException("categories: every category is excluded; nothing to flatten")
    contracts = _check_contracts(htx_contracts) if htx is not None else None
    for client in (api, htx):
        if client is not None:  # every call of the run is signed
            refuse_clear_text(client.getCredentials().getHost())
    coins = tuple(coin.upper() for coin in settle_coins)
    started = time.perf_counter()
    deadline = time.monotonic() + time_limit
    credentials = owner.getCredentials()
    host, account = credentials.getHost(), mask_key(credentials.getApiKey())
    skipped: list[str] = []
    if api is None:
        chosen = []
        skipped.append("bybit: no BybitAPI given")
    run = _Run(api, deadline, max_rounds, max_in_flight) if api is not None else None

    # Every call of the run, its retries and clock syncs included, ends by the deadline.
    with within(deadline):
        if dry_run:
            listing: list[Callable[[], CheckReport]] = (
                []
                if run is None
                else [
                    partial(run.check, category, coin)
                    for category in chosen
                    for coin in (coins if category == EnumCategory.LINEAR else (None,))
                ]
            )
            if htx is not None:
                listing.append(partial(_htx_swap_list, htx, deadline))
                skipped.append("htx v5: not listed (only HTX's swap list is declared here)")
            listed = _parallel(listing) if listing else []
            return FlattenReport(
                host,
                account,
                True,
                time.perf_counter() - started,
                (),
                tuple(listed),
                skipped=tuple(skipped),
            )

        jobs: list[Callable[[], tuple[list[Any], int]]] = (
            []
            if run is None
            else [
                partial(_safe, "bybit", category, partial(_category, run, category, coins))
                for category in chosen
            ]
        )
        if htx is not None:
            jobs.append(
                partial(
                    _safe, "htx", "all", lambda: (_htx(htx, contracts, deadline, max_rounds), 0)
                )
            )
        found: list[Any] = []
        rounds = 0
        for parts, category_rounds in _parallel(jobs) if jobs else []:
            found.extend(parts)
            rounds = max(rounds, category_rounds)
        positions: list[PositionReport] = []
        if close_positions and run is not None:
            positions = _close_positions(run, coins)
        lanes = tuple(p for p in found if isinstance(p, LaneReport))
        checks = tuple(p for p in found if isinstance(p, CheckReport))
        return FlattenReport(
            host,
            account,
            False,
            time.perf_counter() - started,
            lanes,
            checks,
            tuple(positions),
            rounds,
            tuple(skipped),
        )


def _safe(
    exchange: str, category: str, job: Callable[[], tuple[list[Any], int]]
) -> tuple[list[Any], int]:
    """A job's reports; should it raise all the same, the failure is reported, not raised."""
    try:
        return job()
    except Exception as exc:  # noqa: BLE001  # the report is never lost
        return [CheckReport(exchange, category, None, False, (), 0, Failure.of(exc))], 0


def _check_contracts(contracts: Sequence[str] | None) -> list[str] | None:
    """HTX swap contract codes as the request takes them, checked before any I/O."""
    from carpenstar_bybit.Htx.Swap.Trade.SwapCancelAll.Request import SwapCancelAllRequest

    if contracts is None:
        return None
    if isinstance(contracts, str):
        raise SDKException(f"htx_contracts: must be a list of contract codes (got {contracts!r})")
    return [
        str(SwapCancelAllRequest().setContractCode(code).getContractCode()) for code in contracts
    ]


def _check_arguments(
    categories: Iterable[str] | None,
    exclude: Iterable[str],
    settle_coins: Sequence[str],
    max_rounds: int,
    time_limit: float,
) -> list[str]:
    chosen = list(ALL_CATEGORIES if categories is None else categories)
    excluded = list(exclude)
    for name in [*chosen, *excluded]:
        if name not in ALL_CATEGORIES:
            raise SDKException(f"categories: {name!r} is not one of {', '.join(ALL_CATEGORIES)}")
    if isinstance(settle_coins, str) or not all(
        isinstance(c, str) and c.upper() in SETTLE_COINS for c in settle_coins
    ):
        raise SDKException(f"settle_coins: must be a list of USDT, USDC (got {settle_coins!r})")
    if not isinstance(max_rounds, int) or isinstance(max_rounds, bool) or max_rounds < 1:
        raise SDKException(f"max_rounds: must be a whole number >= 1 (got {max_rounds!r})")
    if (
        isinstance(time_limit, bool)
        or not isinstance(time_limit, int | float)
        or not 0 < time_limit <= 600
    ):
        raise SDKException(f"time_limit: must be seconds from 0 to 600 (got {time_limit!r})")
    return [c for c in dict.fromkeys(chosen) if c not in excluded]


__all__ = [
    "OUTCOMES",
    "CheckReport",
    "Failure",
    "FlattenReport",
    "LaneReport",
    "PositionReport",
    "flatten",
]
