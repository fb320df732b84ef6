"""``flatten`` and the command-line rules a trader relies on, over real HTTP: every exit code."""

from __future__ import annotations

import io
import json
import os
import socket
import subprocess
import sys
from collections.abc import Iterator

import pytest

from carpenstar_bybit.cli import (
    EXIT_API_ERROR,
    EXIT_INCOMPLETE,
    EXIT_OK,
    EXIT_TRANSPORT,
    EXIT_UNKNOWN,
    EXIT_USAGE,
    main,
)
from carpenstar_bybit.sandbox import Sandbox

from .book import seed_book

KEY, SECRET = "flat-key-0042", "flat-secret"
HTX_KEY, HTX_SECRET = "flat-htx-access", "flat-htx-secret"
FIRST_LINE = "bybit {url} (local sandbox), key flat…42"


@pytest.fixture
def sandbox() -> Iterator[Sandbox]:
    with Sandbox(keys={KEY: SECRET, HTX_KEY: HTX_SECRET}, seed=5) as server:
        yield server


@pytest.fixture(autouse=True)
def keys(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BYBIT_API_KEY", KEY)
    monkeypatch.setenv("BYBIT_API_SECRET", SECRET)
    monkeypatch.setenv("HTX_ACCESS_KEY", HTX_KEY)
    monkeypatch.setenv("HTX_SECRET_KEY", HTX_SECRET)


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out, err)
    return code, out.getvalue(), err.getvalue()


def test_flatten_a_whole_book_exits_0_and_says_how_it_knows(sandbox: Sandbox) -> None:
    total = seed_book(sandbox, KEY)
    code, out, err = run("flatten", "--host", sandbox.base_url)
    assert code == EXIT_OK, out + err
    assert err.splitlines()[0] == FIRST_LINE.format(url=sandbox.base_url) + (
        "; cancels every order"
    )
    assert SECRET not in out + err
    assert sandbox.open_count(KEY) == 0
    assert "linear USDT: verified flat by the open-orders list (1 call)" in out
    assert "inverse: verified flat by the open-orders list (2 calls)" in out
    assert out.splitlines()[-1].startswith(f"FLAT: {total} orders cancelled and verified, ")


def test_flatten_json(sandbox: Sandbox) -> None:
    sandbox.seed_orders(KEY, "linear", "BTCUSDT", count=3)
    code, out, _ = run("flatten", "--host", sandbox.base_url, "--json", "--category", "linear")
    assert code == EXIT_OK
    report = json.loads(out)
    assert report["outcome"] == "flat"
    assert report["cancelled"] == 3
    assert report["account"] == "'flat…42'"
    assert [(v["category"], v["coin"], v["flat"]) for v in report["verification"]] == [
        ("linear", "USDT", True),
        ("linear", "USDC", True),
    ]
    assert {"attempts", "uncertain", "calls", "seconds"} <= set(report["lanes"][0])


def test_dry_run_lists_and_cancels_nothing(sandbox: Sandbox) -> None:
    sandbox.seed_orders(KEY, "linear", "ETHUSDT", count=4)
    sandbox.seed_orders(KEY, "spot", "BTCUSDT", count=2)
    code, out, err = run("flatten", "--host", sandbox.base_url, "--dry-run")
    assert code == EXIT_OK
    assert "dry run: lists, cancels nothing" in err.splitlines()[0]
    assert sandbox.open_count(KEY) == 6
    assert "/v5/order/cancel-all" not in sandbox.stats()["by_path"]
    assert "linear USDT: 4 open orders" in out
    assert "spot: 2 open orders" in out
    assert "option: 0 open orders" in out
    assert out.splitlines()[-1].startswith("DRY RUN: 6 open orders listed, nothing cancelled")


def test_a_refused_category_exits_1_and_the_rest_is_flat(sandbox: Sandbox) -> None:
    seed_book(sandbox, KEY)
    sandbox.set_categories(KEY, ["linear", "inverse", "spot"])
    code, out, err = run("flatten", "--host", sandbox.base_url)
    assert code == EXIT_API_ERROR
    assert "refused" in out
    assert "10005" in out
    assert "check the key's permissions" in err
    assert sandbox.open_count(KEY) == sandbox.open_count(KEY, "option") == 18


def test_orders_left_open_exit_4_and_are_listed(sandbox: Sandbox) -> None:
    sandbox.seed_orders(KEY, "spot", "SOLUSDT", count=2)
    sandbox.set_fault("http_503", path="/v5/order/cancel-all")
    code, out, err = run("flatten", "--host", sandbox.base_url, "--category", "spot")
    assert code == EXIT_INCOMPLETE
    assert "spot: 2 orders still open" in out
    assert out.count("  SOLUSDT  Buy  30000  0.01  ") == 2
    assert "run flatten again" in err


def test_lost_answers_and_no_list_exit_5(sandbox: Sandbox) -> None:
    sandbox.seed_orders(KEY, "spot", "SOLUSDT", count=2)
    sandbox.set_fault("drop", path="/v5/order/cancel-all", process=True)
    sandbox.set_fault("drop", path="/v5/order/realtime")
    code, out, err = run("flatten", "--host", sandbox.base_url, "--category", "spot")
    assert code == EXIT_UNKNOWN
    assert "NOT FLAT (unknown)" in out
    assert "may have acted" in err


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_nothing_reached_exits_3() -> None:
    url = f"http://127.0.0.1:{free_port()}"
    code, _, err = run("flatten", "--host", url, "--category", "spot", "--timeout", "2")
    assert code == EXIT_TRANSPORT
    assert "nothing reached the exchange" in err
    assert err.splitlines()[0] == f"bybit {url} (local sandbox), key flat…42; cancels every order"


def test_flatten_bybit_and_htx_together(sandbox: Sandbox) -> None:
    sandbox.seed_orders(KEY, "inverse", "ETHUSD", count=7)
    sandbox.seed_htx_orders(HTX_KEY, "v5", "BTC-USDT", count=5)
    sandbox.seed_htx_orders(HTX_KEY, "swap", "XRP-USD", count=2)
    code, out, err = run(
        "flatten",
        "--exchange",
        "all",
        "--host",
        sandbox.base_url,
        "--htx-host",
        sandbox.base_url,
        "--contract-code",
        "xrp-usd",
    )
    assert code == EXIT_OK, out + err
    first, second = err.splitlines()[:2]
    assert first.startswith("bybit ")
    assert second.startswith(f"htx {sandbox.base_url}")
    assert "htx swap: verified flat by HTX's open-orders list, every contract (2 calls)" in out
    assert sandbox.open_count(KEY) == sandbox.open_htx_count(HTX_KEY) == 0


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (("--max-rounds", "0"), "--max-rounds: must be a whole number >= 1"),
        (("--max-rounds", "-1"), "--max-rounds: must be a whole number >= 1"),
        (("--close-positions",), "add --yes-close-positions"),
        (("--yes-close-positions",), "confirms --close-positions"),
        (("--category", "futures"), "invalid choice"),
        (("--category", "spot", "--exclude", "spot"), "name the same category"),
        (("--no-such-flag",), "usage: carpenstar-bybit flatten"),
        (("--time-limit", "0"), "--time-limit"),
    ],
)
def test_usage_errors_exit_2_and_send_nothing(
    sandbox: Sandbox, capsys: pytest.CaptureFixture[str], argv: tuple[str, ...], says: str
) -> None:
    code, _, err = run("flatten", "--host", sandbox.base_url, *argv)
    assert code == EXIT_USAGE
    assert says in err + capsys.readouterr().err  # argparse writes to sys.stderr itself
    assert sandbox.stats()["requests"] == 0


def test_an_unknown_flag_shows_the_subcommands_usage(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, _ = run("cancel-all", "--settle-coin", "USDT", "--bogus")
    assert code == EXIT_USAGE
    said = capsys.readouterr().err
    assert said.startswith("usage: carpenstar-bybit cancel-all")
    assert "unrecognized arguments: --bogus" in said


def test_plain_cancel_all_at_the_cap_says_more_may_remain_and_exits_4(sandbox: Sandbox) -> None:
    sandbox.seed_orders(KEY, "linear", "BTCUSDT", count=703)
    code, out, err = run("cancel-all", "--host", sandbox.base_url, "--settle-coin", "usdt")
    assert code == EXIT_INCOMPLETE
    assert out.splitlines()[-1] == "500 cancelled"
    assert "more may remain open" in err
    assert sandbox.open_count(KEY) == 203
    code, out, _ = run("cancel-all", "--host", sandbox.base_url, "--symbol", "btcusdt", "--json")
    assert code == EXIT_OK  # 203: under the cap, so this call reached every match
    assert json.loads(out)["mayRemain"] is False


def test_one_call_is_one_call(sandbox: Sandbox) -> None:
    sandbox.seed_orders(KEY, "linear", "BTCUSDT", count=5)
    code, out, _ = run(
        "cancel-all", "--host", sandbox.base_url, "--settle-coin", "USDT", "--until-empty"
    )
    assert code == EXIT_OK
    assert out.splitlines()[-1] == "1 call"


def test_hints_name_flags_not_methods(sandbox: Sandbox) -> None:
    code, _, err = run("cancel-all", "--host", sandbox.base_url)
    assert code == EXIT_USAGE
    assert "--category spot|option" in err
    assert "--symbol:" in err
    assert "setCategory" not in err
    assert "Request." not in err


@pytest.mark.parametrize(
    "argv",
    [
        ("cancel", "--symbol", "BTCUSDT", "--order-id", "1"),
        ("cancel-all", "--settle-coin", "USDT"),
        ("flatten", "--category", "spot"),
        ("call", "CancelAllOrder", "--category", "spot"),
    ],
)
def test_every_command_names_host_and_account_first(
    sandbox: Sandbox, argv: tuple[str, ...]
) -> None:
    if argv[0] == "call":
        argv = (*argv, "--host", sandbox.base_url)
    else:
        argv = (argv[0], "--host", sandbox.base_url, *argv[1:])
    _, _, err = run(*argv)
    assert err.splitlines()[0].startswith(FIRST_LINE.format(url=sandbox.base_url))


def test_a_cold_start_imports_only_what_the_command_needs(sandbox: Sandbox) -> None:
    script = (
        "import sys\n"
        "from carpenstar_bybit.cli import main\n"
        "code = main(sys.argv[1:])\n"
        "heavy = ('carpenstar_bybit.sandbox', 'carpenstar_bybit.selfcheck', 'benchmarks',\n"
        "         'carpenstar_bybit.demo', 'carpenstar_bybit.Htx', 'carpenstar_bybit.cli.call')\n"
        "print(sorted(m for m in sys.modules if m.startswith(heavy)), code, file=sys.stderr)\n"
    )
    env = {**os.environ, "BYBIT_API_KEY": KEY, "BYBIT_API_SECRET": SECRET}
    done = subprocess.run(  # noqa: S603  # this interpreter, fixed arguments
        [sys.executable, "-c", script, "flatten", "--host", sandbox.base_url, "--category", "spot"],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        check=False,
    )
    assert done.stderr.splitlines()[-1] == "[] 0", done.stderr
    help_only = subprocess.run(  # noqa: S603  # this interpreter, fixed arguments
        [sys.executable, "-c", script.replace("'benchmarks',", "'benchmarks', 'requests',"), "-h"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert help_only.stderr.splitlines()[-1] == "[] 0", help_only.stderr


def test_flatten_htx_alone(sandbox: Sandbox) -> None:
    sandbox.seed_htx_orders(HTX_KEY, "v5", "ETH-USDT", count=3)
    code, out, err = run(
        "flatten", "--exchange", "htx", "--host", sandbox.base_url, "--contract-code", "BTC-USD"
    )
    assert code == EXIT_OK, out + err
    assert err.splitlines()[0].startswith(f"htx {sandbox.base_url} (local sandbox), key flat…ss")
    assert "htx v5: verified flat by HTX's 1051 answer" in out.splitlines()
    assert "not covered: bybit: no BybitAPI given" in out
    assert sandbox.open_htx_count(HTX_KEY) == 0


@pytest.mark.parametrize("rounds", ["0", "-1", "two"])
def test_cancel_all_max_rounds_must_be_at_least_one(
    sandbox: Sandbox, capsys: pytest.CaptureFixture[str], rounds: str
) -> None:
    code, _, _ = run(
        "cancel-all", "--host", sandbox.base_url, "--settle-coin", "USDT", "--until-empty",
        "--max-rounds", rounds,
    )  # fmt: skip
    assert code == EXIT_USAGE
    assert "--max-rounds: must be a whole number >= 1" in capsys.readouterr().err
    assert sandbox.stats()["requests"] == 0
