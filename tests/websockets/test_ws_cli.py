"""``carpenstar-bybit stream``: a live stream on the command line, against the sandbox."""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
from collections.abc import Iterator

import pytest

from carpenstar_bybit.cli import EXIT_OK, EXIT_USAGE, main
from carpenstar_bybit.sandbox import Sandbox

KEY, SECRET = "cli-stream-key", "cli-stream-secret"


@pytest.fixture
def sandbox() -> Iterator[Sandbox]:
    with Sandbox(keys={KEY: SECRET}, rate_limit=None, seed=3) as sb:
        sb.set_price("BTCUSDT", "60000")
        yield sb


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out, err)
    return code, out.getvalue(), err.getvalue()


def test_stream_prints_the_top_of_the_kept_book(sandbox: Sandbox) -> None:
    code, out, err = run(
        "stream", "orderbook", "btcusdt", "--host", sandbox.base_url, "--count", "1"
    )
    assert code == EXIT_OK, err
    (line,) = out.splitlines()
    assert line.startswith("BTCUSDT  bid 59999.9 x ")
    assert "  ask 60000.1 x " in line
    assert err.splitlines()[0].startswith(
        f"bybit {sandbox.base_url} (local sandbox), no key (public calls only); stream "
        f"{sandbox.base_url.replace('http', 'ws')}/v5/public/linear (orderbook.50.BTCUSDT)"
    )


def test_stream_of_a_private_kind_needs_keys_and_no_symbol(
    sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("BYBIT_API_KEY", raising=False)
    code, _, err = run("stream", "order", "--host", sandbox.base_url, "--count", "1")
    assert code == EXIT_USAGE
    assert "BYBIT_API_KEY" in err
    code, _, err = run("stream", "order", "BTCUSDT", "--host", sandbox.base_url)
    assert code == EXIT_USAGE
    assert "takes no symbol" in err


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (("stream", "orderbook"), "needs a symbol"),
        (("stream", "orderbook", "BTCUSDT", "--depth", "7"), "no linear book of depth 7"),
        (("stream", "kline", "BTCUSDT", "--interval", "2h30"), "no V5 kline interval"),
        (("stream", "liquidation", "BTCUSDT", "--category", "spot"), "not streamed for"),
    ],
)
def test_stream_usage_errors_before_any_connection(argv: tuple[str, ...], says: str) -> None:
    code, _, err = run(*argv, "--host", "http://127.0.0.1:9")
    assert code == EXIT_USAGE
    assert says in err


def test_ctrl_c_ends_the_stream_with_exit_0(sandbox: Sandbox) -> None:
    process = subprocess.Popen(  # noqa: S603  # this interpreter, fixed arguments
        [sys.executable, "-m", "carpenstar_bybit", "stream", "tickers", "BTCUSDT", "--host",
         sandbox.base_url],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )  # fmt: skip
    try:
        assert process.stdout is not None
        first = process.stdout.readline()
        assert first.startswith("BTCUSDT  last 60000")
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=10)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == 0, err
    assert "Traceback" not in err
    assert err.splitlines()[-1] == "stopped"
