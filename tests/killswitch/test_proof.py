""" "Flat" only at an explicit empty end, whatever a hostile exchange answers: over real HTTP on
the sandbox, its ``bend`` fault playing the exchange that says "done" and does nothing."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

import pytest

from carpenstar_bybit import BybitAPI, flatten
from carpenstar_bybit.cli import EXIT_INCOMPLETE, EXIT_OK, EXIT_USAGE, main
from carpenstar_bybit.Core.Enums import EnumOutputMode
from carpenstar_bybit.Core.Exceptions import ApiException
from carpenstar_bybit.Derivatives.Contract.Order.GetOpenOrders import GetOpenOrders
from carpenstar_bybit.Derivatives.Contract.Order.GetOpenOrders.Request import (
    GetOpenOrdersRequest,
)
from carpenstar_bybit.Derivatives.Contract.Order.PlaceOrder import PlaceOrder
from carpenstar_bybit.Derivatives.Contract.Order.PlaceOrder.Request import PlaceOrderRequest
from carpenstar_bybit.Htx import HtxAPI
from carpenstar_bybit.sandbox import Sandbox

KEY, SECRET = "proof-key-0007", "proof-secret"
LIST = "/v5/order/realtime"
CANCEL_ALL = "/v5/order/cancel-all"
# A cancel-all that says it worked and cancels nothing.
IDLE_CANCEL = {"retCode": 0, "retMsg": "OK", "result": {"list": [], "success": "1"}}


@pytest.fixture
def sandbox() -> Iterator[Sandbox]:
    with Sandbox(keys={KEY: SECRET}, seed=3) as server:
        yield server


@pytest.fixture
def api(sandbox: Sandbox) -> Iterator[BybitAPI]:
    with BybitAPI(sandbox.base_url, KEY, SECRET) as bybit:
        yield bybit


def _linear(api: BybitAPI) -> Any:
    return api.flatten(categories=["linear"], settle_coins=["USDT"], max_rounds=1)


def _emptied(answer: dict[str, Any]) -> dict[str, Any]:
    """The real page, its orders taken out and its cursor left in."""
    answer["result"]["list"] = []
    return answer


def test_an_empty_page_that_names_a_next_page_is_read_on(sandbox: Sandbox, api: BybitAPI) -> None:
    sandbox.seed_orders(KEY, "linear", "BTCUSDT", count=70)  # two pages of 50
    sandbox.set_fault("bend", path=CANCEL_ALL, body=IDLE_CANCEL)
    sandbox.set_fault("bend", path=LIST, times=1, edit=_emptied)
    report = _linear(api)
    assert not report.flat
    assert report.outcome == "may_remain"
    assert len(report.remaining) == 20  # the second page was read: it is the proof's end
    assert sandbox.open_count(KEY) == 70


@pytest.mark.parametrize(
    "result",
    [
        pytest.param({"nextPageCursor": ""}, id="no-list"),
        pytest.param(None, id="null-result"),
        pytest.param({"list": None, "nextPageCursor": ""}, id="null-list"),
    ],
)
def test_an_answer_with_no_list_is_never_empty(
    sandbox: Sandbox, api: BybitAPI, result: dict[str, Any] | None
) -> None:
    sandbox.seed_orders(KEY, "linear", "BTCUSDT", count=5)
    sandbox.set_fault("bend", path=CANCEL_ALL, body=IDLE_CANCEL)
    sandbox.set_fault("bend", path=LIST, body={"retCode": 0, "retMsg": "OK", "result": result})
    report = _linear(api)
    assert not report.flat
    assert report.outcome == "unknown"
    (check,) = report.checks
    assert check.failure is not None
    assert check.failure.kind == "unexpected"
    assert LIST in check.failure.message
    assert "list endpoint" in check.failure.message


def test_pages_reads_on_past_an_empty_page_and_refuses_a_missing_list(
    sandbox: Sandbox, api: BybitAPI
) -> None:
    sandbox.seed_orders(KEY, "linear", "BTCUSDT", count=70)
    request = GetOpenOrdersRequest().setCategory("linear").setSettleCoin("USDT").setLimit(50)
    sandbox.set_fault("bend", path=LIST, times=1, edit=_emptied)
    pages = list(api.pages(GetOpenOrders, request, EnumOutputMode.MODE_ARRAY))
    assert [page.getBody().count() for page in pages] == [0, 20]
    sandbox.set_fault("bend", path=LIST, times=1, body={"retCode": 0, "result": {}})
    with pytest.raises(ApiException, match=r"result\.list is null or missing on a list endpoint"):
        list(api.pages(GetOpenOrders, request))


def test_pages_calls_a_cursor_the_sdk_refuses_an_unexpected_answer(
    sandbox: Sandbox, api: BybitAPI
) -> None:
    request = GetOpenOrdersRequest().setCategory("linear").setSettleCoin("USDT")
    bent = {"retCode": 0, "result": {"list": [], "nextPageCursor": "a b"}}
    sandbox.set_fault("bend", path=LIST, times=1, body=bent)
    with pytest.raises(ApiException, match="nextPageCursor 'a b'"):
        list(api.pages(GetOpenOrders, request))


# -- exchange data the SDK's own rules refuse: the lane's outcome, never an exception -----------


def _spaced_cursor(answer: dict[str, Any]) -> dict[str, Any]:
    if answer["result"]["nextPageCursor"]:
        answer["result"]["nextPageCursor"] = "has a space"
    return answer


def test_a_cursor_with_a_space_ends_the_list_not_the_run(sandbox: Sandbox, api: BybitAPI) -> None:
    sandbox.seed_orders(KEY, "linear", "BTCUSDT", count=70)
    sandbox.set_fault("bend", path=CANCEL_ALL, body=IDLE_CANCEL)
    sandbox.set_fault("bend", path=LIST, edit=_spaced_cursor)
    report = _linear(api)
    assert report.outcome == "may_remain"
    check = report.checks[0]
    assert check.failure is not None
    assert "'has a space'" in check.failure.message


def _lowercase_symbols(answer: dict[str, Any]) -> dict[str, Any]:
    for row in answer["result"]["list"]:
        row["symbol"] = row["symbol"].lower()
    return answer


def test_a_lowercase_symbol_in_the_list_keeps_the_cancels_already_sent(
    sandbox: Sandbox, api: BybitAPI
) -> None:
    sandbox.seed_orders(KEY, "inverse", "BTCUSD", count=30)
    sandbox.seed_orders(KEY, "linear", "BTCUSDT", count=12)
    sandbox.set_fault("bend", path=LIST, edit=_lowercase_symbols)
    report = api.flatten(categories=["linear", "inverse"], settle_coins=["USDT"])
    assert report.cancelled == 12  # linear's cancel-all went out and counts
    failures = [lane.failure for lane in report.lanes if lane.category == "inverse"]
    assert failures
    assert all(f is not None and f.kind == "unexpected" for f in failures)
    assert "symbol 'btcusd'" in str(failures[0])
    assert not report.flat


def test_a_position_row_with_a_bent_index_is_that_lanes_outcome(
    sandbox: Sandbox, api: BybitAPI
) -> None:
    sandbox.seed_orders(KEY, "linear", "BTCUSDT", count=3)
    order = PlaceOrderRequest().setSymbol("BTCUSDT").setSide("Buy").setOrderType("Market")
    api.rest(PlaceOrder, order.setQty("0.5"))

    def bent(answer: dict[str, Any]) -> dict[str, Any]:
        for row in answer["result"]["list"]:
            row["positionIdx"] = "x"
        return answer

    sandbox.set_fault("bend", path="/v5/position/list", edit=bent)
    report = api.flatten(categories=["linear"], settle_coins=["USDT"], close_positions=True)
    assert report.cancelled == 3
    linear = [p for p in report.positions if p.category == "linear"]
    assert linear[0].failure is not None
    assert "positionIdx" in linear[0].failure.message
    assert not report.flat


def test_a_server_time_no_float_holds_is_that_lanes_outcome(sandbox: Sandbox) -> None:
    sandbox.seed_orders(KEY, "linear", "BTCUSDT", count=4)
    # Signed 10 minutes off the server clock: 10002, then the clock sync reads 1e999.
    with BybitAPI(sandbox.base_url, KEY, SECRET, clock=lambda: 1_000_000) as api:
        sandbox.set_fault("bend", path="/v5/market/time", body=b'{"retCode":0,"time":1e999}')
        report = api.flatten(categories=["linear"], settle_coins=["USDT"])
    assert not report.flat
    assert report.failures()
    assert sandbox.open_count(KEY) == 4


# -- the command line ----------------------------------------------------------------------------


def test_cli_never_says_usage_error_after_cancels_went_out(
    sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BYBIT_API_KEY", KEY)
    monkeypatch.setenv("BYBIT_API_SECRET", SECRET)
    sandbox.seed_orders(KEY, "inverse", "BTCUSD", count=30)
    sandbox.seed_orders(KEY, "linear", "BTCUSDT", count=48)
    sandbox.set_fault("bend", path=LIST, edit=_lowercase_symbols)
    out, err = io.StringIO(), io.StringIO()
    code = main(
        ["flatten", "--host", sandbox.base_url, "--category", "linear", "--category", "inverse"],
        out,
        err,
    )
    text = out.getvalue() + err.getvalue()
    assert code not in (EXIT_OK, EXIT_USAGE), text
    assert "usage error" not in text
    assert "Traceback" not in text
    assert "48 orders cancelled" in text


# -- HTX: every contract the account has orders on ------------------------------------------------

HTX_KEY, HTX_SECRET = "proof-htx-access", "proof-htx-secret"
HTX_LIST = "/swap-api/v1/swap_openorders"


@pytest.fixture
def htx_sandbox() -> Iterator[Sandbox]:
    with Sandbox(keys={HTX_KEY: HTX_SECRET}, seed=4) as server:
        yield server


def _htx_flatten(sandbox: Sandbox, **options: Any) -> Any:
    with HtxAPI(sandbox.base_url, HTX_KEY, HTX_SECRET) as htx:
        return flatten(None, htx=htx, **options)


def test_htx_orders_on_a_contract_outside_any_default_list_are_found_and_cancelled(
    htx_sandbox: Sandbox,
) -> None:
    htx_sandbox.seed_htx_orders(HTX_KEY, "swap", "SOL-USD", count=7)
    htx_sandbox.seed_htx_orders(HTX_KEY, "swap", "BTC-USD", count=2)
    report = _htx_flatten(htx_sandbox)
    assert report.flat, report.to_dict()
    assert htx_sandbox.open_htx_count(HTX_KEY) == 0
    swap = {lane.coin: lane.cancelled for lane in report.lanes if lane.category == "swap"}
    assert swap == {"SOL-USD": 7, "BTC-USD": 2}
    (check,) = [c for c in report.checks if c.category == "swap"]
    assert (check.complete, check.calls) == (True, 2)  # listed, cancelled, listed empty


def test_htx_contracts_filter_what_is_cancelled_never_what_is_proven(
    htx_sandbox: Sandbox,
) -> None:
    htx_sandbox.seed_htx_orders(HTX_KEY, "swap", "SOL-USD", count=3)
    htx_sandbox.seed_htx_orders(HTX_KEY, "swap", "BTC-USD", count=2)
    report = _htx_flatten(htx_sandbox, htx_contracts=["btc-usd"])
    assert not report.flat
    assert report.outcome == "may_remain"
    assert {row["symbol"] for row in report.remaining} == {"SOL-USD"}
    assert htx_sandbox.open_htx_count(HTX_KEY) == 3


def test_an_htx_page_that_is_empty_but_not_the_last_is_read_on(htx_sandbox: Sandbox) -> None:
    htx_sandbox.seed_htx_orders(HTX_KEY, "swap", "SOL-USD", count=60)

    def emptied(answer: dict[str, Any]) -> dict[str, Any]:
        answer["data"]["orders"] = []
        return answer

    htx_sandbox.set_fault("bend", path=HTX_LIST, times=1, edit=emptied)
    report = _htx_flatten(htx_sandbox)
    assert report.flat, report.to_dict()
    assert htx_sandbox.open_htx_count(HTX_KEY) == 0


@pytest.mark.parametrize(
    "data",
    [
        pytest.param({"total_page": 0, "current_page": 1, "total_size": 0}, id="no-orders"),
        pytest.param(None, id="null-data"),
    ],
)
def test_an_htx_list_with_no_orders_is_never_flat(
    htx_sandbox: Sandbox, data: dict[str, int] | None
) -> None:
    htx_sandbox.seed_htx_orders(HTX_KEY, "swap", "SOL-USD", count=2)
    htx_sandbox.set_fault("bend", path=HTX_LIST, body={"status": "ok", "data": data, "ts": 1})
    report = _htx_flatten(htx_sandbox)
    assert not report.flat
    assert report.outcome == "unknown"
    (check,) = [c for c in report.checks if c.category == "swap"]
    assert check.failure is not None
    assert check.failure.kind == "unexpected"
    # The contracts it can name are still cancelled, blind, while the proof stays open.
    assert {lane.coin for lane in report.lanes if lane.category == "swap"} == {"BTC-USD", "ETH-USD"}


def test_an_htx_dry_run_lists_every_swap_contract(htx_sandbox: Sandbox) -> None:
    htx_sandbox.seed_htx_orders(HTX_KEY, "swap", "SOL-USD", count=2)
    report = _htx_flatten(htx_sandbox, dry_run=True)
    assert report.outcome == "listed"
    assert [row["symbol"] for row in report.remaining] == ["SOL-USD", "SOL-USD"]
    assert htx_sandbox.open_htx_count(HTX_KEY) == 2


def test_cli_never_exits_0_over_a_bent_empty_page(
    sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BYBIT_API_KEY", KEY)
    monkeypatch.setenv("BYBIT_API_SECRET", SECRET)
    sandbox.seed_orders(KEY, "linear", "BTCUSDT", count=70)
    sandbox.set_fault("bend", path=CANCEL_ALL, body=IDLE_CANCEL)
    sandbox.set_fault("bend", path=LIST, times=1, edit=_emptied)
    out, err = io.StringIO(), io.StringIO()
    argv = ["flatten", "--host", sandbox.base_url, "--category", "linear", "--max-rounds", "1"]
    code = main(argv, out, err)
    assert code == EXIT_INCOMPLETE, out.getvalue() + err.getvalue()
    assert "FLAT:" not in out.getvalue()
    assert "NOT FLAT (may remain)" in out.getvalue()
