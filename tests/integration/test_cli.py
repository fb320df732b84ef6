"""The command line against the sandbox over real HTTP: output and exit codes."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from carpenstar_bybit.cli import (
    EXIT_API_ERROR,
    EXIT_OK,
    EXIT_TRANSPORT,
    EXIT_USAGE,
    main,
    resolve_host,
)
from carpenstar_bybit.sandbox import Sandbox

KEY, SECRET = "cli-key", "cli-secret"


@pytest.fixture
def sandbox() -> Iterator[Sandbox]:
    with Sandbox(keys={KEY: SECRET}, rate_limit=None) as server:
        yield server


@pytest.fixture
def keys(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BYBIT_API_KEY", KEY)
    monkeypatch.setenv("BYBIT_API_SECRET", SECRET)


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out, err)
    return code, out.getvalue(), err.getvalue()


@pytest.mark.usefixtures("keys")
def test_cancel_by_order_id_prints_a_table(sandbox: Sandbox) -> None:
    order = sandbox.seed_orders(KEY, "linear", "BTCUSDT", count=2)[0]
    code, out, err = run(
        "cancel", "--host", sandbox.base_url, "--symbol", "BTCUSDT", "--order-id", order["orderId"]
    )
    assert code == EXIT_OK, err
    assert order["orderId"] in out
    assert "1 cancelled" in out
    assert sandbox.open_count(KEY) == 1


@pytest.mark.usefixtures("keys")
def test_cancel_by_link_id_as_json(sandbox: Sandbox) -> None:
    order = sandbox.seed_orders(KEY, "inverse", "BTCUSD", count=1, order_link_prefix="l-")[0]
    code, out, _ = run(
        "cancel",
        "--host",
        sandbox.base_url,
        "--json",
        "--category",
        "inverse",
        "--symbol",
        "BTCUSD",
        "--order-link-id",
        order["orderLinkId"],
    )
    assert code == EXIT_OK
    result = json.loads(out)
    assert result["cancelled"] == [{"orderId": order["orderId"], "orderLinkId": "l-0"}]
    assert result["retCode"] == 0


@pytest.mark.usefixtures("keys")
def test_cancel_all_until_empty_loops_past_500(sandbox: Sandbox) -> None:
    sandbox.seed_orders(KEY, "linear", "ETHUSDT", count=1100)
    code, out, err = run(
        "cancel-all", "--host", sandbox.base_url, "--settle-coin", "USDT", "--until-empty", "--json"
    )
    assert code == EXIT_OK
    result = json.loads(out)
    assert result["count"] == 1100
    assert result["rounds"] == 4
    assert "round 1: 500 cancelled, 500 in all" in err
    assert "round 3: 100 cancelled, 1100 in all" in err
    assert sandbox.open_count(KEY) == 0


@pytest.mark.usefixtures("keys")
def test_every_cancel_all_flag_reaches_the_wire(sandbox: Sandbox) -> None:
    code, out, _ = run(
        "cancel-all",
        "--host",
        sandbox.base_url,
        "--json",
        "--category",
        "linear",
        "--symbol",
        "BTCUSDT",
        "--base-coin",
        "BTC",
        "--settle-coin",
        "USDT",
        "--order-filter",
        "StopOrder",
        "--stop-order-type",
        "Stop",
    )
    assert code == EXIT_OK
    assert json.loads(out)["count"] == 0


@pytest.mark.usefixtures("keys")
def test_api_error_exit_code(sandbox: Sandbox) -> None:
    code, _, err = run(
        "cancel", "--host", sandbox.base_url, "--symbol", "BTCUSDT", "--order-id", "nope"
    )
    assert code == EXIT_API_ERROR
    assert "API error: [110001]" in err


@pytest.mark.usefixtures("keys")
@pytest.mark.parametrize(
    "argv",
    [
        ("cancel", "--symbol", "btcusdt", "--order-id", "1"),
        ("cancel", "--symbol", "BTCUSDT"),
        ("cancel-all", "--base-coin", "BTC"),
        ("cancel-all", "--category", "futures", "--symbol", "BTCUSDT"),
        ("cancel", "--not-a-flag"),
        ("sandbox", "--key", "no-secret"),
    ],
)
def test_usage_errors(sandbox: Sandbox, argv: tuple[str, ...]) -> None:
    code, _, _ = run(*argv, "--host", sandbox.base_url) if argv[0] != "sandbox" else run(*argv)
    assert code == EXIT_USAGE
    assert sandbox.stats()["requests"] == 0


def test_missing_keys_are_a_usage_error(sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BYBIT_API_KEY", raising=False)
    monkeypatch.delenv("BYBIT_API_SECRET", raising=False)
    code, _, err = run("cancel-all", "--host", sandbox.base_url, "--settle-coin", "USDT")
    assert code == EXIT_USAGE
    assert "BYBIT_API_KEY and BYBIT_API_SECRET" in err


@pytest.mark.usefixtures("keys")
def test_unreachable_host_exit_code() -> None:
    with Sandbox(keys={KEY: SECRET}) as gone:
        url = gone.base_url
    code, _, err = run("cancel-all", "--host", url, "--settle-coin", "USDT", "--timeout", "2")
    assert code == EXIT_TRANSPORT
    assert "network error" in err


def test_host_names() -> None:
    assert resolve_host("mainnet", 1) == "https://api.bybit.com"
    assert resolve_host("testnet", 1) == "https://api-testnet.bybit.com"
    assert resolve_host("sandbox", 8181) == "http://127.0.0.1:8181"
    assert resolve_host("https://example.test", 1) == "https://example.test"


@pytest.mark.usefixtures("keys")
def test_default_host_is_the_local_sandbox(sandbox: Sandbox) -> None:
    sandbox.seed_orders(KEY, "linear", "BTCUSDT", count=3)
    code, out, _ = run(
        "cancel-all", "--sandbox-port", str(sandbox.port), "--symbol", "BTCUSDT", "--json"
    )
    assert code == EXIT_OK
    assert json.loads(out)["count"] == 3


def test_no_flag_takes_a_key_or_secret() -> None:
    from carpenstar_bybit.cli import build_parser

    flags = {
        option
        for action in build_parser()._subparsers._group_actions[0].choices.values()  # type: ignore[union-attr]
        for sub in action._actions
        for option in sub.option_strings
    }
    assert not {f for f in flags if "secret" in f or "api-key" in f}


def _python_env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("BYBIT_API_KEY", None)
    env.pop("BYBIT_API_SECRET", None)
    return env


def test_demo_runs_from_any_directory(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "carpenstar_bybit", "demo"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        env=_python_env(),
        check=False,
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert any("CancelOrder" in line and "orderId=" in line for line in lines)
    assert any("CancelOrder" in line and "orderLinkId=demo-1" in line for line in lines)
    rounds = [line for line in lines if "CancelAllOrder, round" in line]
    assert len(rounds) == 4
    assert rounds[0].split()[-2:] == ["500", "701"]
    assert lines[-1].startswith("OK: all 1203 orders cancelled in 6 calls")


def test_sandbox_command_serves_in_the_foreground(tmp_path: Path) -> None:
    import socket
    import time

    import requests

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "carpenstar_bybit", "sandbox", "--port", str(port), "--key", "k:s"],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        text=True,
        env=_python_env(),
    )
    try:
        assert server.stdout is not None
        banner = server.stdout.readline()
        assert f"sandbox listening on http://127.0.0.1:{port}" in banner
        deadline = time.monotonic() + 10
        answer = requests.get(f"http://127.0.0.1:{port}/v5/market/time", timeout=5)
        assert time.monotonic() < deadline
        assert answer.json()["retCode"] == 0
    finally:
        server.terminate()
        server.wait(timeout=10)
        if server.stdout is not None:
            server.stdout.close()
