"""The kill switch over real HTTP on the sandbox: every category and coin, faults, refusals, HTX."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

from carpenstar_bybit import BybitAPI, flatten
from carpenstar_bybit.Core.Exceptions import SDKException
from carpenstar_bybit.Core.Retry import RetryPolicy
from carpenstar_bybit.Htx import HtxAPI
from carpenstar_bybit.killswitch import FlattenReport
from carpenstar_bybit.sandbox import Sandbox

from .book import BOOK, seed_book

KEY, SECRET = "ks-key-0001", "ks-secret"
HTX_KEY, HTX_SECRET = "ks-htx-access", "ks-htx-secret"


@pytest.fixture
def sandbox() -> Iterator[Sandbox]:
    # Bybit's own limits per endpoint and category, as the kill switch meets them.
    with Sandbox(keys={KEY: SECRET, HTX_KEY: HTX_SECRET}, seed=11) as server:
        yield server


@pytest.fixture
def api(sandbox: Sandbox) -> Iterator[BybitAPI]:
    with BybitAPI(sandbox.base_url, KEY, SECRET) as bybit:
        yield bybit


def lanes(report: FlattenReport) -> dict[tuple[str, str | None], tuple[int, int]]:
    """(category, coin) -> (cancelled, calls), added up over rounds."""
    found: dict[tuple[str, str | None], tuple[int, int]] = {}
    for lane in report.lanes:
        cancelled, calls = found.get((lane.category, lane.coin), (0, 0))
        found[(lane.category, lane.coin)] = (cancelled + lane.cancelled, calls + lane.calls)
    return found


def test_a_book_over_every_category_and_coin_is_flattened_and_verified(
    sandbox: Sandbox, api: BybitAPI
) -> None:
    total = seed_book(sandbox, KEY)
    report = api.flatten()
    assert report.flat, report.to_dict()
    assert report.outcome == "flat"
    assert sandbox.open_count(KEY) == 0
    assert report.cancelled == total
    assert report.host == sandbox.base_url
    assert report.account == "'ks-k…01'"
    found = lanes(report)
    # linear per settle coin: 1,120 USDT orders: one call (500 back: at the cap), then two at
    # once (500 and 120); the answer under the cap ends the loop, no call is spent after it
    assert found[("linear", "USDT")] == (1120, 3)
    assert found[("linear", "USDC")] == (30, 1)
    # inverse by the symbols its first list showed; 520 BTCUSD orders: 500, then 20 and 0 at once
    assert found[("inverse", "BTCUSD")] == (520, 3)
    assert found[("inverse", "ETHUSD")] == (15, 1)
    assert found[("option", None)] == (18, 1)
    # spot: one call per kind of order (plain, TP/SL, stop, OCO, bidirectional TP/SL) at once
    assert found[("spot", None)] == (25, 5)
    spot_filters = [lane.order_filter for lane in report.lanes if lane.category == "spot"]
    assert spot_filters == [None, "tpslOrder", "StopOrder", "OcoOrder", "BidirectionalTpslOrder"]
    # the proof: every category listed, each list empty, read in one call
    checked = {(c.category, c.coin): (c.flat, c.calls) for c in report.checks}
    assert checked == {
        ("linear", "USDT"): (True, 1),
        ("linear", "USDC"): (True, 1),
        ("inverse", None): (True, 2),  # the list that named the symbols, and the final one
        ("option", None): (True, 1),
        ("spot", None): (True, 1),
    }
    by_path = sandbox.stats()["by_path"]
    assert by_path["/v5/order/cancel-all"] == 14
    # inverse's symbols (one list) and the five final lists
    assert by_path["/v5/order/realtime"] == 6
    assert report.calls == 20
    assert not report.uncertain
    assert all(lane.attempts == lane.calls for lane in report.lanes)


def test_excluded_categories_are_left_alone(sandbox: Sandbox, api: BybitAPI) -> None:
    seed_book(sandbox, KEY)
    report = flatten(api, exclude=["spot"])
    assert report.flat
    assert sandbox.open_count(KEY, "spot") == 25
    assert sandbox.open_count(KEY) == 25
    assert {c.category for c in report.checks} == {"linear", "inverse", "option"}


def test_an_empty_account_costs_one_list_per_category_and_coin(
    sandbox: Sandbox, api: BybitAPI
) -> None:
    report = api.flatten(categories=["inverse"])
    assert report.flat
    assert report.calls == 1  # inverse: its first list is empty, so nothing to cancel
    assert sandbox.stats()["by_path"] == {"/v5/order/realtime": 1}


def test_a_dropped_answer_is_reported_uncertain_and_the_list_still_tells_the_truth(
    sandbox: Sandbox,
) -> None:
    sandbox.seed_orders(KEY, "linear", "BTCUSDT", count=700)
    # The exchange cancels, the answer is lost: the client cannot know what happened.
    sandbox.set_fault("drop", times=1, path="/v5/order/cancel-all", process=True)
    with BybitAPI(sandbox.base_url, KEY, SECRET, retry=RetryPolicy.off()) as api:
        report = api.flatten(categories=["linear"], settle_coins=["USDT"])
    assert report.uncertain
    first = report.lanes[0]
    assert first.failure is not None
    assert first.failure.kind == "transport"
    assert first.failure.uncertain
    # 500 went with the lost answer; the list showed the other 200, a second round took them
    assert sandbox.open_count(KEY) == 0
    assert report.rounds == 2
    assert report.flat
    assert report.outcome == "flat"
    assert [c.flat for c in report.checks] == [True]


def test_lost_answers_and_an_unreadable_list_are_an_unknown_outcome(sandbox: Sandbox) -> None:
    sandbox.seed_orders(KEY, "linear", "BTCUSDT", count=20)
    sandbox.set_fault("drop", path="/v5/order/cancel-all", process=True)
    sandbox.set_fault("drop", path="/v5/order/realtime")
    with BybitAPI(sandbox.base_url, KEY, SECRET, retry=RetryPolicy.off()) as api:
        report = api.flatten(categories=["linear"], settle_coins=["USDT"])
    assert not report.flat
    assert report.outcome == "unknown"
    assert sandbox.open_count(KEY) == 0  # it did act: only the list could have said so
    assert report.checks[0].failure is not None
    assert not report.checks[0].complete


def test_a_category_the_key_may_not_trade_is_refused_and_the_rest_is_flattened(
    sandbox: Sandbox, api: BybitAPI
) -> None:
    seed_book(sandbox, KEY)
    sandbox.set_categories(KEY, ["linear", "inverse", "spot"])
    report = api.flatten()
    assert report.outcome == "refused"
    assert not report.flat
    option = [lane for lane in report.lanes if lane.category == "option"]
    assert len(option) == 1
    assert option[0].failure is not None
    assert option[0].failure.kind == "refused"
    assert option[0].failure.code == 10005
    assert option[0].calls == 1
    assert sandbox.open_count(KEY, "option") == 18
    for category in ("linear", "inverse", "spot"):
        assert sandbox.open_count(KEY, category) == 0
    flat = {c.category for c in report.checks if c.flat}
    assert flat == {"linear", "inverse", "spot"}


def test_orders_the_list_still_shows_are_reported_one_by_one(sandbox: Sandbox) -> None:
    sandbox.seed_orders(KEY, "spot", "ETHUSDT", count=3)
    sandbox.set_fault("http_503", path="/v5/order/cancel-all")
    with BybitAPI(sandbox.base_url, KEY, SECRET, retry=RetryPolicy.off()) as api:
        report = api.flatten(categories=["spot"], max_rounds=2)
    assert report.outcome == "may_remain"
    assert len(report.remaining) == 3
    assert {row["symbol"] for row in report.remaining} == {"ETHUSDT"}
    assert {row["orderId"] for row in report.remaining} == {
        o["orderId"] for o in sandbox.open_orders(KEY)
    }


def test_htx_beside_bybit_in_one_report(sandbox: Sandbox, api: BybitAPI) -> None:
    sandbox.seed_orders(KEY, "linear", "BTCUSDT", count=40)
    sandbox.seed_htx_orders(HTX_KEY, "v5", "BTC-USDT", count=30)
    sandbox.seed_htx_orders(HTX_KEY, "swap", "BTC-USD", count=12)
    sandbox.seed_htx_orders(HTX_KEY, "swap", "ETH-USD", count=4)
    with HtxAPI(sandbox.base_url, HTX_KEY, HTX_SECRET) as htx:
        report = api.flatten(htx=htx, htx_contracts=["btc-usd", "ETH-USD"])
    assert report.flat, report.to_dict()
    assert sandbox.open_count(KEY) == 0
    assert sandbox.open_htx_count(HTX_KEY) == 0
    htx_lanes = {
        (lane.category, lane.coin): lane for lane in report.lanes if lane.exchange == "htx"
    }
    assert {k: (v.cancelled, v.calls) for k, v in htx_lanes.items()} == {
        ("v5", None): (30, 2),  # the second call answers 1051: HTX's word that none is left
        ("swap", "BTC-USD"): (12, 2),
        ("swap", "ETH-USD"): (4, 2),
    }
    assert report.cancelled == 40 + 30 + 16


def test_htx_alone() -> None:
    with Sandbox(keys={HTX_KEY: HTX_SECRET}) as sandbox:
        sandbox.seed_htx_orders(HTX_KEY, "v5", "ETH-USDT", count=3)
        with HtxAPI(sandbox.base_url, HTX_KEY, HTX_SECRET) as htx:
            report = flatten(None, htx=htx, htx_contracts=[])
        assert report.flat
        assert report.cancelled == 3
        assert report.account == "'ks-h…ss'"


def test_a_dry_run_lists_and_cancels_nothing(sandbox: Sandbox, api: BybitAPI) -> None:
    total = seed_book(sandbox, KEY, BOOK[-3:])
    report = api.flatten(dry_run=True)
    assert report.outcome == "listed"
    assert not report.flat
    assert sandbox.open_count(KEY) == total
    assert len(report.remaining) == total
    assert "/v5/order/cancel-all" not in sandbox.stats()["by_path"]


@pytest.mark.parametrize(
    ("options", "says"),
    [
        ({"categories": ["futures"]}, "categories: 'futures'"),
        ({"exclude": ["perp"]}, "categories: 'perp'"),
        ({"settle_coins": ["BTC"]}, "settle_coins"),
        ({"settle_coins": "USDT"}, "settle_coins"),
        ({"max_rounds": 0}, "max_rounds"),
        ({"max_rounds": True}, "max_rounds"),
        ({"time_limit": 0}, "time_limit"),
        ({"max_in_flight": 0}, "max_in_flight"),
        ({"categories": ["spot"], "exclude": ["spot"]}, "nothing to flatten"),
        ({"categories": []}, "nothing to flatten"),
    ],
)
def test_misuse_is_refused_before_any_io(
    sandbox: Sandbox, api: BybitAPI, options: dict[str, object], says: str
) -> None:
    with pytest.raises(SDKException, match=says):
        flatten(api, **options)  # type: ignore[arg-type]
    assert sandbox.stats()["requests"] == 0


def test_warm_up_opens_connections_and_syncs_the_clock(sandbox: Sandbox) -> None:
    sandbox.clock_offset_ms = 3_000
    sandbox.set_delay(50)  # the five are open at once
    with BybitAPI(sandbox.base_url, KEY, SECRET) as api:
        offset = api.warm_up(connections=5)  # spot's five kinds of order go at once
        sandbox.set_delay(0)
        assert 2_500 < offset < 3_500
        before = sandbox.stats()["connections"]
        assert before == 5
        sandbox.seed_orders(KEY, "spot", "BTCUSDT", count=1)
        assert api.flatten(categories=["spot"]).flat
        assert sandbox.stats()["connections"] == before  # the emergency opened none
        with pytest.raises(SDKException, match="connections"):
            api.warm_up(connections=0)


def test_a_retried_lost_answer_counts_its_attempts_and_is_uncertain(sandbox: Sandbox) -> None:
    sandbox.seed_orders(KEY, "linear", "BTCUSDT", count=8)
    sandbox.set_fault("drop", times=1, path="/v5/order/cancel-all", process=True)
    with BybitAPI(sandbox.base_url, KEY, SECRET) as api:  # the default retry policy
        report = api.flatten(categories=["linear"], settle_coins=["USDT"])
    (lane,) = report.lanes
    assert (lane.calls, lane.attempts, lane.uncertain) == (1, 2, True)
    assert lane.failure is None
    # the first try cancelled all 8 and its answer was lost; the retry found none: the report
    # cannot count them, the list proves them gone
    assert lane.cancelled == 0
    assert report.flat
    assert report.uncertain


def test_bounded_in_time(sandbox: Sandbox, api: BybitAPI) -> None:
    sandbox.seed_orders(KEY, "linear", "BTCUSDT", count=700)
    sandbox.set_delay(150)
    started = time.monotonic()
    report = api.flatten(categories=["linear"], settle_coins=["USDT"], time_limit=0.1)
    assert time.monotonic() - started < 0.1 + 0.5  # the answer came too late to wait for
    assert not report.flat
    assert report.outcome == "unknown"  # the cancel may have acted; nothing proves either way
    (check,) = report.checks
    assert check.failure is not None
    assert "time_limit" in check.failure.message
    assert report.rounds == 1


def test_paced_by_the_rate_limit_headers_not_refused(sandbox: Sandbox, api: BybitAPI) -> None:
    # 5,100 orders need 11 linear cancel-alls; Bybit allows 10 a second: one must wait.
    sandbox.seed_orders(KEY, "linear", "BTCUSDT", count=5100)
    started = time.monotonic()
    report = api.flatten(categories=["linear"])
    assert report.flat
    assert sandbox.open_count(KEY) == 0
    assert sandbox.stats()["rate_limited"] == 0  # never a 10006: it waited for the reset
    assert time.monotonic() - started >= 0.5


def test_never_more_calls_at_once_than_the_pool_keeps(sandbox: Sandbox) -> None:
    seed_book(sandbox, KEY)
    sandbox.set_delay(5)  # calls overlap
    with BybitAPI(sandbox.base_url, KEY, SECRET, pool_size=2) as api:
        report = api.flatten()
    assert report.flat
    assert sandbox.stats()["connections"] <= 2


@pytest.mark.parametrize("contracts", [["BTC_USD"], "BTC-USD", ["BTC-USDT"]])
def test_htx_contracts_are_checked_before_any_io(
    sandbox: Sandbox, api: BybitAPI, contracts: object
) -> None:
    with HtxAPI(sandbox.base_url, HTX_KEY, HTX_SECRET) as htx, pytest.raises(SDKException):
        api.flatten(htx=htx, htx_contracts=contracts)
    assert sandbox.stats()["requests"] == 0
