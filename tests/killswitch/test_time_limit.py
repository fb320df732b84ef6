"""``time_limit`` is a hard bound: against a slow exchange the run is back within it plus 0.5 s,
retries and clock syncs included, and says honestly that it could not verify."""

from __future__ import annotations

import io
import time
from collections.abc import Iterator

import pytest

from carpenstar_bybit import BybitAPI
from carpenstar_bybit.cli import EXIT_OK, EXIT_USAGE, main
from carpenstar_bybit.Core.Connection import system_clock_ms
from carpenstar_bybit.killswitch import FlattenReport
from carpenstar_bybit.sandbox import Sandbox

KEY, SECRET = "slow-key-0003", "slow-secret"
LIST = "/v5/order/realtime"
CANCEL_ALL = "/v5/order/cancel-all"
LIMIT = 0.8
SLACK = 0.5


@pytest.fixture
def sandbox() -> Iterator[Sandbox]:
    with Sandbox(keys={KEY: SECRET}, seed=8) as server:
        server.seed_orders(KEY, "linear", "BTCUSDT", count=20)
        yield server


def _timed(api: BybitAPI) -> tuple[float, FlattenReport]:
    started = time.monotonic()
    report = api.flatten(categories=["linear"], settle_coins=["USDT"], time_limit=LIMIT)
    return time.monotonic() - started, report


def test_a_slow_cancel_all_is_cut_at_the_limit(sandbox: Sandbox) -> None:
    sandbox.set_fault("delay", path=CANCEL_ALL, seconds=4)
    with BybitAPI(sandbox.base_url, KEY, SECRET) as api:
        elapsed, report = _timed(api)
    assert elapsed < LIMIT + SLACK
    assert report.outcome == "unknown"  # the cancel may have acted; nothing was verified
    assert not report.checks[0].complete


@pytest.mark.parametrize("seconds", [3, 6])
def test_a_slow_list_is_not_verified_and_ends_in_time(sandbox: Sandbox, seconds: float) -> None:
    sandbox.set_fault("delay", path=LIST, seconds=seconds)
    with BybitAPI(sandbox.base_url, KEY, SECRET) as api:
        elapsed, report = _timed(api)
    assert elapsed < LIMIT + SLACK
    assert report.cancelled == 20
    assert not report.flat
    assert report.outcome == "unknown"
    assert report.checks[0].failure is not None


def test_a_clock_sync_and_a_retry_inside_one_call_stay_within_the_limit(
    sandbox: Sandbox,
) -> None:
    # Signed a minute behind: the first list answers 10002 after 6 s, the call syncs the clock
    # and lists again, slow again; all of it inside one rest().
    sandbox.set_fault("delay", path=LIST, seconds=6)
    with BybitAPI(sandbox.base_url, KEY, SECRET, clock=lambda: system_clock_ms() - 60_000) as api:
        elapsed, report = _timed(api)
    assert elapsed < LIMIT + SLACK
    assert not report.flat


def test_cli_time_limit_is_the_same_bound(
    sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BYBIT_API_KEY", KEY)
    monkeypatch.setenv("BYBIT_API_SECRET", SECRET)
    sandbox.set_fault("delay", path=LIST, seconds=6)
    out, err = io.StringIO(), io.StringIO()
    started = time.monotonic()
    code = main(
        ["flatten", "--host", sandbox.base_url, "--category", "linear", "--time-limit", str(LIMIT)],
        out,
        err,
    )
    assert time.monotonic() - started < LIMIT + SLACK
    assert code not in (EXIT_OK, EXIT_USAGE)
    assert "NOT VERIFIED" in out.getvalue()


def test_cli_time_limit_counts_from_the_commands_start(
    sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The command's imports and start-up are part of what a trader waits for: a run that began
    # 0.5 s before flatten itself starts has that much less time.
    from carpenstar_bybit.cli import build_parser
    from carpenstar_bybit.cli.flatten import run_flatten

    monkeypatch.setenv("BYBIT_API_KEY", KEY)
    monkeypatch.setenv("BYBIT_API_SECRET", SECRET)
    sandbox.set_fault("delay", path=LIST, seconds=6)
    args = build_parser(only="flatten").parse_args(
        ["flatten", "--host", sandbox.base_url, "--category", "linear", "--time-limit", "1.5"]
    )
    args.begun = time.monotonic() - 0.5
    started = time.monotonic()
    code = run_flatten(args, io.StringIO(), io.StringIO())
    assert time.monotonic() - started < 1.0 + SLACK / 2
    assert code not in (EXIT_OK, EXIT_USAGE)
