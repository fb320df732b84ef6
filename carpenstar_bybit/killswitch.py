"""The kill switch: cancel every open order of an account, then prove it with the open-orders list.

``flatten(api)`` (or ``api.flatten()``) runs the categories side by side: linear per settle coin
(USDT, USDC), inverse (by the symbols the open-orders list shows, since Bybit refuses an inverse
cancel-all without a symbol or coin), option and spot. A category's cancel-all calls are paced by
the rate-limit headers of its answers (Bybit's per-category table until the first answer comes
back); linear and inverse loop while answers come back at the 500 cap, each wave sending twice as
many calls at once (up to the target's share of the window), and stop at the first answer under
the cap. Each category is then
listed through the open-orders endpoint, every page: only an empty list makes it "flat". Orders the
list still shows are cancelled by symbol in a further round, up to ``max_rounds`` and
``time_limit``. HTX runs beside it when an ``HtxAPI`` is given: v5 cancel-all, and swap cancel-all
per contract; HTX's own "1051 No orders to cancel" on a second call is its proof.

The result is a ``FlattenReport``: per category and coin the orders cancelled, calls, seconds,
attempts and whether an outcome is uncertain; per category what the final list showed.
"""

from __future__ import annotations

import importlib
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from functools import partial
from typing import TYPE_CHECKING, Any, TypeVar

import attrs

from carpenstar_bybit.Core.Auth import mask_key
from carpenstar_bybit.Core.Enums import EnumCategory, EnumOutputMode
from carpenstar_bybit.Core.Exceptions import (
    ApiException,
    CarpenstarException,
    SDKException,
    TransportException,
)
from carpenstar_bybit.Core.Names import short
from carpenstar_bybit.Core.Registry import ENDPOINTS
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
HTX_SWAP_CONTRACTS = ("BTC-USD", "ETH-USD")
HTX_NO_ORDERS = 1051


# -- the report ---------------------------------------------------------------------------------


@attrs.frozen
class Failure:
    """Why a lane or a list stopped: the exchange refused, or the call did not complete."""

    kind: str  # "refused" (the exchange said no) or "transport"
    message: str
    code: int = 0
    uncertain: bool = False  # the request may have reached the exchange and acted
    never_sent: bool = False  # no try can have reached the exchange

    @classmethod
    def of(cls, exc: CarpenstarException) -> Failure:
        if isinstance(exc, ApiException):
            return cls("refused", str(exc), exc.code, bool(getattr(exc, "uncertain", False)))
        uncertain = bool(getattr(exc, "uncertain", True))
        return cls("transport", str(exc), exc.code, uncertain, not uncertain)


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
        transport = [f for f in failures if f.kind == "transport"]
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

    threads = [threading.Thread(target=work, args=(i,), daemon=True) for i in range(1, len(calls))]
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
    try:
        answer = call()
    except (ApiException, TransportException) as exc:
        failure = Failure.of(exc)
        return _Outcome(
            failure=failure,
            attempts=int(getattr(exc, "attempts", 1)),
            uncertain=failure.uncertain,
        )
    attempts, uncertain = _attempts(answer)
    items = list(answer.getBody().all())
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
        request = CancelAllOrderRequest().setCategory(category)
        if symbol is not None:
            request.setSymbol(symbol)
        elif coin is not None:
            request.setSettleCoin(coin)
        if order_filter is not None:
            request.setOrderFilter(order_filter)
        with self._slots:
            outcome = _guard(
                lambda: self.api.rest(CancelAllOrder, request, EnumOutputMode.MODE_ARRAY)
            )
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
        request = GetOpenOrdersRequest().setCategory(category).setLimit(LIST_PAGE)
        if coin is not None:
            request.setSettleCoin(coin)
        if cursor:
            request.setCursor(cursor)
        with self._slots:
            return _guard(lambda: self.api.rest(GetOpenOrders, request, EnumOutputMode.MODE_ARRAY))

    def check(self, category: str, coin: str | None, pages: int = MAX_LIST_PAGES) -> CheckReport:
        """Every page (up to ``pages``) of the open-orders list of one category (and coin)."""
        rows: list[dict[str, str]] = []
        calls = 0
        cursor: str | None = None
        for _ in range(pages):
            outcome = self.list_page(category, coin, cursor)
            calls += 1
            if outcome.failure is not None:
                return CheckReport(
                    "bybit", category, coin, False, tuple(rows), calls, outcome.failure
                )
            rows.extend(_row(item) for item in outcome.items)
            cursor = outcome.answer.getNextPageCursor()
            if not cursor or not outcome.items:
                return CheckReport("bybit", category, coin, True, tuple(rows), calls)
        return CheckReport("bybit", category, coin, False, tuple(rows), calls)


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


def _htx(htx: HtxAPI, contracts: Sequence[str], deadline: float) -> list[Any]:
    from carpenstar_bybit.Htx.Swap.Trade.SwapCancelAll import SwapCancelAll
    from carpenstar_bybit.Htx.Swap.Trade.SwapCancelAll.Request import SwapCancelAllRequest
    from carpenstar_bybit.Htx.V5.Trade.CancelAllOrders import CancelAllOrders
    from carpenstar_bybit.Htx.V5.Trade.CancelAllOrders.Request import CancelAllOrdersRequest

    def target(product: str, contract: str | None) -> tuple[LaneReport, CheckReport]:
        started = time.perf_counter()
        cancelled = calls = attempts = 0
        uncertain = False
        failed: list[dict[str, Any]] = []
        failure: Failure | None = None
        # HTX cancels every match in one call; a second call answering 1051 proves none is left.
        for _ in range(3):
            if time.monotonic() >= deadline:
                break
            request: Any
            if product == "swap":
                request = SwapCancelAllRequest().setContractCode(contract or "")
                endpoint: Any = SwapCancelAll
            else:
                request = CancelAllOrdersRequest()
                endpoint = CancelAllOrders
            calls += 1
            try:
                answer = htx.rest(endpoint, request)
            except (ApiException, TransportException) as exc:
                failure = Failure.of(exc)
                attempts += int(getattr(exc, "attempts", 1))
                uncertain = uncertain or failure.uncertain
                break
            tries, unsure = _attempts(answer)
            attempts += tries
            uncertain = uncertain or unsure
            done = len(answer.getCancelled())
            cancelled += done
            for item in answer.getFailed():
                failed.append({"orderId": str(item.getOrderId())})
            if answer.getReturnCode() == HTX_NO_ORDERS or (done == 0 and not failed):
                lane = LaneReport(
                    "htx",
                    product,
                    contract,
                    cancelled,
                    calls,
                    time.perf_counter() - started,
                    attempts,
                    uncertain,
                    None,
                    None,
                    tuple(failed),
                )
                return lane, CheckReport("htx", product, contract, True, (), 0)
        lane = LaneReport(
            "htx",
            product,
            contract,
            cancelled,
            calls,
            time.perf_counter() - started,
            attempts,
            uncertain,
            failure,
            None if failure else "max_rounds",
            tuple(failed),
        )
        remaining = tuple({"orderId": f["orderId"], "symbol": contract or ""} for f in failed)
        return lane, CheckReport("htx", product, contract, False, remaining, 0, failure)

    targets: list[tuple[str, str | None]] = [("v5", None)] + [("swap", c) for c in contracts]
    found: list[Any] = []
    for lane, check in _parallel([partial(target, p, c) for p, c in targets]):
        found += [lane, check]
    return found


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
                request.setCursor(cursor)
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
                request = (
                    place.REQUEST_CLASS()
                    .setCategory(category)
                    .setSymbol(row["symbol"])
                    .setSide("Sell" if row["side"] == "Buy" else "Buy")
                    .setOrderType("Market")
                    .setQty(row["size"])
                    .setReduceOnly(True)
                    .setPositionIdx(int(row["positionIdx"]))
                )
                run.api.rest(place, request, EnumOutputMode.MODE_ARRAY)
                calls += 1
                closed.append(row)
            remaining, more = listed(category, coin)
            calls += more
        except (ApiException, TransportException) as exc:
            return PositionReport(category, coin, tuple(closed), (), calls, Failure.of(exc))
        return PositionReport(category, coin, tuple(closed), tuple(remaining), calls)

    return _parallel([partial(close, c, k) for c, k in targets])


# -- the kill switch ----------------------------------------------------------------------------


def flatten(
    api: BybitAPI | None,
    *,
    categories: Iterable[str] | None = None,
    exclude: Iterable[str] = (),
    settle_coins: Sequence[str] = SETTLE_COINS,
    htx: HtxAPI | None = None,
    htx_contracts: Sequence[str] = HTX_SWAP_CONTRACTS,
    close_positions: bool = False,
    dry_run: bool = False,
    max_rounds: int = 5,
    time_limit: float = 30.0,
    max_in_flight: int = 5,
) -> FlattenReport:
    """Cancel every open order of the account (and of ``htx``'s when given), then verify.

    ``categories`` (default all four) less ``exclude`` are run side by side. ``dry_run`` only
    lists what is open. ``close_positions`` then closes every linear and inverse position with
    reduce-only market orders. ``max_rounds`` bounds the cancel-and-list rounds of a category,
    ``time_limit`` (seconds) the whole run; ``max_in_flight`` the cancel-all calls one target
    sends at once. Never raises for what the exchange answers: refusals and lost answers are in
    the report; misuse raises ``SDKException`` before any I/O.
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
    contracts = _check_contracts(htx_contracts) if htx is not None else []
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

    if dry_run:
        listing = (
            []
            if run is None
            else [
                partial(run.check, category, coin)
                for category in chosen
                for coin in (coins if category == EnumCategory.LINEAR else (None,))
            ]
        )
        listed = _parallel(listing) if listing else []
        if htx is not None:
            skipped.append("htx: HTX is not listed (a dry run sends no cancel)")
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
        [] if run is None else [partial(_category, run, category, coins) for category in chosen]
    )
    if htx is not None:
        jobs.append(lambda: (_htx(htx, contracts, deadline), 0))
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


def _check_contracts(contracts: Sequence[str]) -> list[str]:
    """HTX swap contract codes as the request takes them, checked before any I/O."""
    from carpenstar_bybit.Htx.Swap.Trade.SwapCancelAll.Request import SwapCancelAllRequest

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
