"""Every sandbox fault ends in the right library exception or a successful retry, in bounded time,
with no secret in any message or log line."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator

import pytest

from carpenstar_bybit.Core.Exceptions import TimeoutException
from carpenstar_bybit.sandbox import Sandbox
from carpenstar_bybit.selfcheck import (
    FAULT_SCENARIOS,
    KEY,
    KILL_SWITCH_CHECKS,
    WIRE_FAULTS,
    FaultScenario,
    KillSwitchCheck,
    WireFault,
    recording_logs,
    run_fault,
    run_load,
    run_selfcheck,
    run_wire_fault,
)

SECRET = "resilience-secret-0123456789"


@pytest.fixture(scope="module")
def sandbox() -> Iterator[Sandbox]:
    with Sandbox(keys={KEY: SECRET}, rate_limit=None) as server:
        yield server


@pytest.mark.parametrize("scenario", FAULT_SCENARIOS, ids=lambda s: s.name)
def test_fault_scenario(sandbox: Sandbox, scenario: FaultScenario) -> None:
    with recording_logs() as logs:
        outcome = run_fault(sandbox, SECRET, scenario)
    assert outcome.ok, outcome.detail
    assert outcome.seconds < scenario.max_seconds
    assert not any(SECRET in line for line in logs.lines)
    assert SECRET not in outcome.detail
    if scenario.expect is None:
        assert outcome.detail == "succeeded after retry"


def test_a_wrong_expectation_is_reported(sandbox: Sandbox) -> None:
    """The judge can fail: a drop that the policy heals is not a TimeoutException."""
    wrong = FaultScenario("wrong", "drop", {}, 1, "/v5/order/cancel-all", TimeoutException)
    outcome = run_fault(sandbox, SECRET, wrong)
    assert not outcome.ok
    assert "expected TimeoutException, the call succeeded" in outcome.detail


def test_retries_are_logged_at_info(sandbox: Sandbox) -> None:
    scenario = next(s for s in FAULT_SCENARIOS if s.name == "one 502 HTML page")
    with recording_logs() as logs:
        run_fault(sandbox, SECRET, scenario)
    assert any("/v5/order/cancel-all: backoff; retry 1 of 2" in line for line in logs.lines)


def test_load_threads_share_one_api(sandbox: Sandbox) -> None:
    report = run_load(sandbox, SECRET, threads=8, per_thread=50)
    assert report.errors == []
    assert report.requests == 400
    assert report.matched == 400
    assert report.lost == 0
    assert sandbox.stats()["signature_failures"] == 0


def test_selfcheck_report(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING)
    out = io.StringIO()
    code = run_selfcheck(out, fuzz_count=200, threads=4, per_thread=25)
    text = out.getvalue()
    assert code == 0, text
    assert (
        f"faults   {len(FAULT_SCENARIOS)} injected, {len(FAULT_SCENARIOS)} ended as expected"
        in text
    )
    assert (
        f"wire     {len(WIRE_FAULTS)} hostile answers, {len(WIRE_FAULTS)} ended as expected" in text
    )
    assert (
        f"flatten  {len(KILL_SWITCH_CHECKS)} hostile or slow exchanges, "
        f"{len(KILL_SWITCH_CHECKS)} reported honestly" in text
    )
    assert "fuzz     200 random requests" in text
    assert "0 escaped" in text
    assert "load     100 requests from 4 threads sharing one BybitAPI: 100 matched" in text
    assert "lost = 0" in text
    assert "secrets  0 leaks" in text
    assert text.rstrip().endswith("result   PASS")


def test_selfcheck_fails_when_a_check_fails() -> None:
    out = io.StringIO()
    wrong = FaultScenario("wrong", "drop", {}, 1, "/v5/order/cancel-all", TimeoutException)
    code = run_selfcheck(out, fuzz_count=10, threads=1, per_thread=2, scenarios=(wrong,))
    assert code == 1
    assert "FAIL     fault 'wrong'" in out.getvalue()


def test_selfcheck_fails_when_flatten_reports_wrongly() -> None:
    out = io.StringIO()
    # An idle cancel-all and an emptied first page: a kill switch that stopped there says flat.
    wrong = KillSwitchCheck("claims flat", KILL_SWITCH_CHECKS[0].bend, "flat")
    code = run_selfcheck(out, fuzz_count=10, threads=1, per_thread=2, kill_switch=(wrong,))
    assert code == 1
    assert "FAIL     flatten 'claims flat': expected flat, got may_remain" in out.getvalue()


def test_a_late_delayed_request_cannot_touch_the_load_orders(sandbox: Sandbox) -> None:
    """The hung-server check's cancel-all still runs on the server after the client gave up;
    it must not cancel the orders a later check works on."""
    import time

    from carpenstar_bybit.selfcheck import LOAD_SYMBOL

    hung = next(s for s in FAULT_SCENARIOS if s.name == "hung server")
    assert run_fault(sandbox, SECRET, hung).ok
    sandbox.seed_orders(KEY, "linear", LOAD_SYMBOL, count=5)
    time.sleep(3.5)  # past the 3 s delay: the late cancel-all has run by now
    assert len([o for o in sandbox.open_orders(KEY) if o["symbol"] == LOAD_SYMBOL]) == 5


@pytest.mark.filterwarnings("ignore::ResourceWarning")
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
@pytest.mark.parametrize("fault", WIRE_FAULTS, ids=lambda f: f.name)
def test_wire_fault(fault: WireFault) -> None:
    outcome = run_wire_fault(fault)
    assert outcome.ok, outcome.detail


def test_a_wrong_wire_expectation_is_reported() -> None:
    wrong = WireFault("wrong", WIRE_FAULTS[0].script, None)
    outcome = run_wire_fault(wrong)
    assert not outcome.ok
    assert outcome.detail.startswith("MALFORMED: malformed answer calling POST")
