"""Closing positions after the orders (off by default), and the ``positions`` view."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator

import pytest

from carpenstar_bybit import BybitAPI
from carpenstar_bybit.cli import EXIT_OK, EXIT_USAGE, main
from carpenstar_bybit.Derivatives.Contract.Order.PlaceOrder import PlaceOrder
from carpenstar_bybit.Derivatives.Contract.Order.PlaceOrder.Request import PlaceOrderRequest
from carpenstar_bybit.sandbox import Sandbox

KEY, SECRET = "pos-key-0099", "pos-secret"


@pytest.fixture
def sandbox() -> Iterator[Sandbox]:
    with Sandbox(keys={KEY: SECRET}, seed=2) as server:
        yield server


@pytest.fixture
def api(sandbox: Sandbox) -> Iterator[BybitAPI]:
    with BybitAPI(sandbox.base_url, KEY, SECRET) as bybit:
        for symbol, side, qty in (("BTCUSDT", "Buy", "0.02"), ("ETHUSDT", "Sell", "0.5")):
            request = PlaceOrderRequest().setSymbol(symbol).setSide(side)
            bybit.rest(PlaceOrder, request.setOrderType("Market").setQty(qty))
        bybit.rest(
            PlaceOrder,
            PlaceOrderRequest().setSymbol("BTCUSD").setSide("Buy").setOrderType("Market").setQty(5),
        )
        yield bybit


@pytest.fixture(autouse=True)
def keys(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BYBIT_API_KEY", KEY)
    monkeypatch.setenv("BYBIT_API_SECRET", SECRET)


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out, err)
    return code, out.getvalue(), err.getvalue()


def test_positions_stay_open_unless_asked(sandbox: Sandbox, api: BybitAPI) -> None:
    report = api.flatten()
    assert report.flat
    assert report.positions == ()
    assert sandbox.stats()["by_path"]["/v5/order/create"] == 3  # the fixture's three only


def test_close_positions_with_reduce_only_market_orders(sandbox: Sandbox, api: BybitAPI) -> None:
    sandbox.seed_orders(KEY, "linear", "BTCUSDT", count=4, price="1000")
    report = api.flatten(close_positions=True)
    assert report.flat, report.to_dict()
    closed = {(p.category, p.coin): p for p in report.positions}
    assert [(r["symbol"], r["side"], r["size"]) for r in closed[("linear", "USDT")].closed] == [
        ("BTCUSDT", "Buy", "0.02"),
        ("ETHUSDT", "Sell", "0.5"),
    ]
    assert [r["symbol"] for r in closed[("inverse", None)].closed] == ["BTCUSD"]
    assert all(p.remaining == () for p in report.positions)
    assert sandbox.open_count(KEY) == 0
    # and the list after says so
    code, out, _ = run("positions", "--host", sandbox.base_url)
    assert code == EXIT_OK
    assert out == "no open positions\n"


def test_positions_view_prints_a_table(sandbox: Sandbox, api: BybitAPI) -> None:
    code, out, err = run("positions", "--host", sandbox.base_url)
    assert code == EXIT_OK, err
    assert err.splitlines()[0].endswith("key pos-…99; GET /v5/position/list")
    lines = out.splitlines()
    assert lines[0].split() == [
        "category", "symbol", "side", "size", "avgPrice", "markPrice", "unrealisedPnl",
        "leverage", "positionIdx",
    ]  # fmt: skip
    assert [line.split()[:4] for line in lines[1:4]] == [
        ["linear", "BTCUSDT", "Buy", "0.02"],
        ["linear", "ETHUSDT", "Sell", "0.5"],
        ["inverse", "BTCUSD", "Buy", "5"],
    ]
    assert lines[-1] == "3 open positions"
    code, out, _ = run("positions", "--host", sandbox.base_url, "--symbol", "ethusdt", "--json")
    assert code == EXIT_OK
    assert [p["symbol"] for p in json.loads(out)["positions"]] == ["ETHUSDT"]


def test_flatten_close_positions_on_the_command_line_needs_its_confirmation(
    sandbox: Sandbox, api: BybitAPI
) -> None:
    code, _, err = run("flatten", "--host", sandbox.base_url, "--close-positions")
    assert code == EXIT_USAGE
    assert "--yes-close-positions" in err
    code, out, err = run(
        "flatten", "--host", sandbox.base_url, "--close-positions", "--yes-close-positions"
    )
    assert code == EXIT_OK, out + err
    assert "positions linear USDT: 2 positions closed, 0 open after" in out
    assert "positions inverse: 1 position closed, 0 open after" in out


def test_call_reaches_the_position_endpoints(sandbox: Sandbox, api: BybitAPI) -> None:
    code, out, err = run(
        "call", "MyPosition", "--category", "linear", "--settle-coin", "usdt",
        "--host", sandbox.base_url,
    )  # fmt: skip
    assert code == EXIT_OK, err
    header = out.splitlines()[0].split()
    assert header[:3] == ["positionIdx", "riskId", "riskLimitValue"] or "symbol" in header
    assert out.splitlines()[-1] == "2 items"
    code, out, err = run(
        "call", "SetLeverage", "--symbol", "BTCUSDT", "--buy-leverage", "5",
        "--sell-leverage", "5", "--host", sandbox.base_url, "--json",
    )  # fmt: skip
    assert code == EXIT_OK, err
    assert json.loads(out)["retCode"] == 0
