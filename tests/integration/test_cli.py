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
from websockets.sync.client import connect

from carpenstar_bybit.cli import (
    EXIT_API_ERROR,
    EXIT_OK,
    EXIT_TRANSPORT,
    EXIT_USAGE,
    UsageError,
    build_parser,
    htx_product,
    main,
    resolve_host,
)
from carpenstar_bybit.sandbox import Sandbox

KEY, SECRET = "cli-key", "cli-secret"
HTX_KEY, HTX_SECRET = "cli-htx-access", "cli-htx-secret"


@pytest.fixture
def sandbox() -> Iterator[Sandbox]:
    with Sandbox(keys={KEY: SECRET, HTX_KEY: HTX_SECRET}, rate_limit=None) as server:
        yield server


@pytest.fixture
def keys(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BYBIT_API_KEY", KEY)
    monkeypatch.setenv("BYBIT_API_SECRET", SECRET)


@pytest.fixture
def htx_keys(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HTX_ACCESS_KEY", HTX_KEY)
    monkeypatch.setenv("HTX_SECRET_KEY", HTX_SECRET)


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
    assert result["rounds"] == 3  # the third answer is under the cap: no call for an empty one
    assert result["mayRemain"] is False
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
    for name in ("BYBIT_API_KEY", "BYBIT_API_SECRET", "HTX_ACCESS_KEY", "HTX_SECRET_KEY"):
        env.pop(name, None)
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
    assert len(rounds) == 3  # 500, 500, 201: the answer under the cap ends the loop
    assert rounds[0].split()[-2:] == ["500", "701"]
    assert rounds[2].split()[-2:] == ["201", "0"]
    # HTX after Bybit, on the same sandbox: (cancelled, open) per row.
    htx = {line[6:32].strip(): line.split()[-2:] for line in lines if "  HTX " in line}
    assert htx == {
        "HTX seed": ["-", "70"],
        "HTX SwapCancelAll": ["40", "30"],
        "HTX CancelAllOrders (v5)": ["30", "0"],
        "HTX SwapCancelAll again": ["0", "0"],
    }
    assert "OK: all 70 HTX orders cancelled in 3 calls" in lines
    assert any(line.startswith("OK: all 1203 orders cancelled in 5 calls") for line in lines)
    # It ends with the kill switch: every category, coin and HTX, verified.
    verified = "verified empty: linear USDT, linear USDC, inverse, option, spot, v5, swap"
    assert verified in lines
    assert lines[-1].startswith("OK: flat: all 1151 orders cancelled and verified in ")


def test_sandbox_command_serves_in_the_foreground(tmp_path: Path) -> None:
    import socket
    import time

    import requests

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(  # noqa: S603
        [
            *(sys.executable, "-m", "carpenstar_bybit", "sandbox", "--port", str(port)),
            *("--key", "k:s", "--stream-tick-s", "0.05"),
        ],
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
        # Its streams move on their own with --stream-tick-s: a delta comes without any call.
        with connect(f"ws://127.0.0.1:{port}/v5/public/linear", open_timeout=5) as ws:
            ws.send('{"op":"subscribe","args":["orderbook.50.BTCUSDT"]}')
            kinds = [json.loads(ws.recv(timeout=5)).get("type") for _ in range(3)]
        assert kinds == [None, "snapshot", "delta"]  # the ack, the book, a tick's delta
    finally:
        server.terminate()
        server.wait(timeout=10)
        if server.stdout is not None:
            server.stdout.close()


# --- HTX ----------------------------------------------------------------------------------------


@pytest.mark.usefixtures("htx_keys")
def test_htx_swap_cancel_all_prints_a_table(sandbox: Sandbox) -> None:
    seeded = sandbox.seed_htx_orders(HTX_KEY, "swap", "BTC-USD", count=3)
    sandbox.seed_htx_orders(HTX_KEY, "v5", count=2)
    code, out, err = run(
        "cancel-all", "--exchange", "htx", "--host", sandbox.base_url, "--contract-code", "btc-usd"
    )
    assert code == EXIT_OK, err
    assert all(order["order_id"] in out for order in seeded)
    assert "3 cancelled" in out
    assert "done in" in err
    assert (sandbox.open_htx_count(HTX_KEY, "swap"), sandbox.open_htx_count(HTX_KEY, "v5")) == (
        0,
        2,
    )
    assert sandbox.stats()["by_path"] == {"/swap-api/v1/swap_cancelall": 1}


@pytest.mark.usefixtures("htx_keys")
def test_htx_v5_cancel_all_as_json(sandbox: Sandbox) -> None:
    wanted = sandbox.seed_htx_orders(
        HTX_KEY, "v5", "BTC-USDT", count=2, side="sell", position_side="short",
        client_order_prefix="bot-",
    )  # fmt: skip
    sandbox.seed_htx_orders(HTX_KEY, "v5", "BTC-USDT", count=1, side="buy")
    code, out, err = run(
        "cancel-all",
        "--exchange",
        "htx",
        "--host",
        sandbox.base_url,
        "--json",
        "--contract-code",
        "BTC-USDT",
        "--side",
        "sell",
        "--position-side",
        "short",
    )
    assert code == EXIT_OK, err
    assert err == f"htx {sandbox.base_url} (local sandbox), key cli-…ss\n"  # the first line only
    result = json.loads(out)
    assert result["exchange"] == "htx"
    assert result["product"] == "v5"
    assert (result["code"], result["message"]) == (200, "Success")
    assert result["cancelled"] == [
        {"order_id": o["order_id"], "client_order_id": f"bot-{i}"} for i, o in enumerate(wanted)
    ]
    assert (result["count"], result["failed"], result["rounds"]) == (2, [], 1)
    assert result["rateLimit"]["limit"] == 72
    assert result["rateLimit"]["interval"] == 3000
    assert result["rateLimit"]["remaining"] == 71
    assert sandbox.open_htx_count(HTX_KEY) == 1


@pytest.mark.usefixtures("htx_keys")
def test_htx_nothing_to_cancel_exits_0(sandbox: Sandbox) -> None:
    code, out, _ = run(
        "cancel-all", "--exchange", "htx", "--host", sandbox.base_url, "--contract-code", "ETH-USD"
    )
    assert code == EXIT_OK
    assert "no orders cancelled (1051 No orders to cancel.)" in out
    code, out, _ = run("cancel-all", "--exchange", "htx", "--host", sandbox.base_url, "--json")
    assert code == EXIT_OK
    result = json.loads(out)
    assert (result["product"], result["code"], result["count"]) == ("v5", 1051, 0)


@pytest.mark.usefixtures("htx_keys")
def test_htx_failed_orders_are_listed(sandbox: Sandbox) -> None:
    sandbox.seed_htx_orders(HTX_KEY, "swap", count=1)
    (filled,) = sandbox.seed_htx_orders(HTX_KEY, "swap", count=1, fill_on_cancel=True)
    code, out, _ = run(
        "cancel-all", "--exchange", "htx", "--host", sandbox.base_url, "--contract-code", "BTC-USD"
    )
    assert code == EXIT_OK
    assert "1 cancelled" in out
    assert f"not cancelled: {filled['order_id']} [1061] This order doesn't exist." in out


@pytest.mark.usefixtures("htx_keys")
def test_htx_until_empty_stops_at_1051(sandbox: Sandbox) -> None:
    sandbox.seed_htx_orders(HTX_KEY, "swap", "ETH-USD", count=7, direction="sell")
    code, out, err = run(
        "cancel-all",
        "--exchange",
        "htx",
        "--host",
        sandbox.base_url,
        "--direction",
        "sell",
        "--contract-code",
        "ETH-USD",
        "--until-empty",
        "--json",
    )
    assert code == EXIT_OK
    result = json.loads(out)
    assert (result["product"], result["count"], result["rounds"], result["code"]) == (
        "swap",
        7,
        2,
        1051,
    )
    assert "round 1: 7 cancelled, 7 in all" in err
    assert "round 2: 0 cancelled, 7 in all" in err


@pytest.mark.usefixtures("htx_keys")
def test_htx_default_host_is_the_local_sandbox(sandbox: Sandbox) -> None:
    sandbox.seed_htx_orders(HTX_KEY, "v5", count=2)
    code, out, _ = run(
        "cancel-all", "--exchange", "htx", "--sandbox-port", str(sandbox.port), "--json"
    )
    assert code == EXIT_OK
    assert json.loads(out)["count"] == 2


@pytest.mark.parametrize(
    ("argv", "product"),
    [
        ((), "v5"),
        (("--contract-code", "BTC-USD"), "swap"),
        (("--contract-code", "eth-usd"), "swap"),
        (("--contract-code", "BTC-USDT"), "v5"),
        (("--contract-code", "BTC-USDT-241115"), "v5"),
        (("--contract-code", "BTC-USD", "--side", "buy"), "v5"),
        (("--contract-code", "BTC-USDT", "--direction", "buy"), "swap"),
        (("--offset", "close"), "swap"),
        (("--position-side", "long"), "v5"),
        (("--product", "swap"), "swap"),
        (("--product", "v5", "--contract-code", "BTC-USD"), "v5"),
    ],
)
def test_htx_product_choice(argv: tuple[str, ...], product: str) -> None:
    args = build_parser().parse_args(["cancel-all", "--exchange", "htx", *argv])
    assert htx_product(args) == product


@pytest.mark.usefixtures("keys", "htx_keys")
@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (("cancel", "--exchange", "htx", "--order-id", "1"), "no single-order cancel"),
        (("cancel-all", "--exchange", "htx", "--host", "testnet"), "HTX has no testnet"),
        (("cancel-all", "--host", "aws", "--settle-coin", "USDT"), "not a bybit host"),
        (("cancel-all", "--exchange", "htx", "--symbol", "BTCUSDT"), "--symbol: Bybit flags"),
        (("cancel-all", "--exchange", "htx", "--settle-coin", "USDT"), "Bybit flags"),
        (("cancel-all", "--side", "buy", "--settle-coin", "USDT"), "--side: HTX flags"),
        (("cancel-all", "--contract-code", "BTC-USD"), "add --exchange htx"),
        (("cancel-all", "--exchange", "htx", "--side", "buy", "--offset", "open"), "do not mix"),
        (("cancel-all", "--exchange", "htx", "--product", "swap", "--side", "buy"), "not a swap"),
        (("cancel-all", "--exchange", "htx", "--product", "v5", "--offset", "open"), "not a v5"),
        (("cancel-all", "--exchange", "htx", "--product", "swap"), "--contract-code: is required"),
        (("cancel-all", "--exchange", "htx", "--direction", "sell"), "--contract-code: is"),
        (("cancel-all", "--exchange", "htx", "--side", "long"), "side"),
        (("cancel-all", "--exchange", "htx", "--contract-code", "BTC_USDT"), "contract code"),
        (("cancel-all", "--exchange", "okx"), "invalid choice"),
        (("cancel-all", "--exchange", "htx", "--product", "spot"), "invalid choice"),
    ],
)
def test_htx_usage_errors(
    sandbox: Sandbox, capsys: pytest.CaptureFixture[str], argv: tuple[str, ...], says: str
) -> None:
    host = () if "--host" in argv else ("--host", sandbox.base_url)
    code, _, err = run(*argv, *host)
    assert code == EXIT_USAGE
    assert says in err + capsys.readouterr().err  # argparse writes to sys.stderr itself
    assert sandbox.stats()["requests"] == 0


def test_htx_keys_come_from_their_own_variables(
    sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BYBIT_API_KEY", HTX_KEY)
    monkeypatch.setenv("BYBIT_API_SECRET", HTX_SECRET)
    monkeypatch.delenv("HTX_ACCESS_KEY", raising=False)
    monkeypatch.setenv("HTX_SECRET_KEY", HTX_SECRET)
    code, _, err = run("cancel-all", "--exchange", "htx", "--host", sandbox.base_url)
    assert code == EXIT_USAGE
    assert "HTX_ACCESS_KEY and HTX_SECRET_KEY" in err
    assert sandbox.stats()["requests"] == 0


@pytest.mark.parametrize(
    ("access", "secret", "says"),
    [
        ("nobody", HTX_SECRET, "API error: [403] Incorrect Access key"),
        (HTX_KEY, "wrong", "API error: [1253] Signature verification failed."),
    ],
)
def test_htx_api_error_exit_code(
    sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch, access: str, secret: str, says: str
) -> None:
    monkeypatch.setenv("HTX_ACCESS_KEY", access)
    monkeypatch.setenv("HTX_SECRET_KEY", secret)
    code, out, err = run("cancel-all", "--exchange", "htx", "--host", sandbox.base_url, "--json")
    assert code == EXIT_API_ERROR
    assert out == ""
    assert says in err
    assert secret not in err


@pytest.mark.usefixtures("htx_keys")
def test_htx_unreachable_host_exit_code() -> None:
    with Sandbox(keys={HTX_KEY: HTX_SECRET}) as gone:
        url = gone.base_url
    code, _, err = run("cancel-all", "--exchange", "htx", "--host", url, "--timeout", "2")
    assert code == EXIT_TRANSPORT
    assert "network error" in err


def test_htx_host_names() -> None:
    assert resolve_host("mainnet", 1, "htx") == "https://api.hbdm.com"
    assert resolve_host("aws", 1, "htx") == "https://api.hbdm.vn"
    assert resolve_host("sandbox", 8181, "htx") == "http://127.0.0.1:8181"
    assert resolve_host("https://example.test", 1, "htx") == "https://example.test"
    with pytest.raises(UsageError, match="no testnet"):
        resolve_host("testnet", 1, "htx")
    with pytest.raises(UsageError, match="not a bybit host"):
        resolve_host("aws", 1)


def test_sandbox_command_seeds_htx_orders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(  # noqa: S603
        [
            sys.executable, "-m", "carpenstar_bybit", "sandbox", "--port", str(port),
            "--key", f"{HTX_KEY}:{HTX_SECRET}", "--htx-seed", "5",
        ],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        text=True,
        env=_python_env(),
    )  # fmt: skip
    try:
        assert server.stdout is not None
        assert "sandbox listening" in server.stdout.readline()
        monkeypatch.setenv("HTX_ACCESS_KEY", HTX_KEY)
        monkeypatch.setenv("HTX_SECRET_KEY", HTX_SECRET)
        common = ("cancel-all", "--exchange", "htx", "--sandbox-port", str(port), "--json")
        code, out, _ = run(*common, "--contract-code", "BTC-USD")
        assert code == EXIT_OK
        assert json.loads(out)["count"] == 5
        code, out, _ = run(*common, "--product", "v5")
        assert code == EXIT_OK
        assert json.loads(out)["count"] == 5
    finally:
        server.terminate()
        server.wait(timeout=10)
        if server.stdout is not None:
            server.stdout.close()


@pytest.mark.usefixtures("keys")
def test_until_empty_that_hits_max_rounds_says_so(sandbox: Sandbox) -> None:
    from carpenstar_bybit.cli import EXIT_INCOMPLETE

    sandbox.seed_orders(KEY, "linear", "BTCUSDT", count=1200)
    code, out, err = run(
        "cancel-all",
        "--host",
        sandbox.base_url,
        "--symbol",
        "BTCUSDT",
        "--until-empty",
        "--max-rounds",
        "2",
        "--json",
    )
    assert code == EXIT_INCOMPLETE
    assert json.loads(out)["count"] == 1000
    assert "stopped after 2 rounds (--max-rounds); orders may remain open" in err
    assert sandbox.open_count(KEY) == 200


@pytest.mark.parametrize("bind", ["0.0.0.0", "192.168.1.10"])  # noqa: S104  # refused, not bound
def test_sandbox_refuses_a_non_loopback_bind(bind: str) -> None:
    code, _, err = run("sandbox", "--bind", bind, "--key", "k:s", "--port", "0")
    assert code == EXIT_USAGE
    assert "cannot start the sandbox" in err


@pytest.mark.usefixtures("keys")
def test_a_read_timeout_exits_unknown_with_attempts_in_json() -> None:
    """The exchange may have cancelled everything before the answer was lost: not exit 3."""
    from carpenstar_bybit.cli import EXIT_UNKNOWN

    with Sandbox(keys={KEY: SECRET}, rate_limit=None) as slow:
        slow.set_fault("delay", seconds=1.5)
        code, out, err = run(
            "cancel-all",
            "--host",
            slow.base_url,
            "--settle-coin",
            "USDT",
            "--timeout",
            "0.4",
            "--json",
        )
    assert (code, EXIT_UNKNOWN) == (5, 5)
    assert "network error: read timeout calling POST /v5/order/cancel-all" in err
    assert json.loads(out) == {
        "error": "read_timeout",
        "message": "read timeout calling POST /v5/order/cancel-all",
        "attempts": 1,
        "uncertain": True,
        "exitCode": 5,
    }


@pytest.mark.usefixtures("keys")
def test_json_says_a_success_came_after_a_lost_try(sandbox: Sandbox) -> None:
    sandbox.reset()
    sandbox.set_fault("drop", times=1)
    code, out, err = run(
        "cancel-all", "--host", sandbox.base_url, "--settle-coin", "USDT", "--json"
    )
    assert code == EXIT_OK, err
    result = json.loads(out)
    assert (result["attempts"], result["uncertain"]) == (2, True)


@pytest.mark.usefixtures("keys")
def test_a_plain_success_says_one_attempt(sandbox: Sandbox) -> None:
    sandbox.reset()
    code, out, err = run(
        "cancel-all", "--host", sandbox.base_url, "--settle-coin", "USDT", "--json"
    )
    assert code == EXIT_OK, err
    result = json.loads(out)
    assert (result["attempts"], result["uncertain"]) == (1, False)
