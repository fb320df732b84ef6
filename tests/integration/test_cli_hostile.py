"""``call`` with hostile flag values on every declared field, over real HTTP to the sandbox.

Each run ends with an exit code the CLI documents (0, 1 the exchange said no, 2 usage error), no
traceback, a usage error that names the flag or the field, and a huge value never echoed whole.
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Iterator

import pytest

from carpenstar_bybit.cli import EXIT_API_ERROR, EXIT_OK, EXIT_USAGE, main
from carpenstar_bybit.cli.call import endpoint_class
from carpenstar_bybit.cli.common import kebab
from carpenstar_bybit.Core.Registry import ENDPOINTS
from carpenstar_bybit.sandbox import Sandbox

KEY, SECRET = "hostile-key", "hostile-secret"
HTX_KEY, HTX_SECRET = "hostile-htx-access", "hostile-htx-secret"

HOSTILE = {
    "5000 digits": "9" * 5000,  # int() refuses it; a Number or Millis must refuse it by name
    "10,000 letters": "A" * 10_000,
    "lone surrogate": "BTC\udcff",  # what Python makes of a non-UTF-8 byte in argv
    "superscripts": "\u00b2\u00b3",  # digits to str.isdigit, not to int()
}


@pytest.fixture(scope="module")
def sandbox() -> Iterator[Sandbox]:
    with Sandbox(keys={KEY: SECRET, HTX_KEY: HTX_SECRET}, rate_limit=None) as server:
        yield server


@pytest.fixture(autouse=True)
def keys(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BYBIT_API_KEY", KEY)
    monkeypatch.setenv("BYBIT_API_SECRET", SECRET)
    monkeypatch.setenv("HTX_ACCESS_KEY", HTX_KEY)
    monkeypatch.setenv("HTX_SECRET_KEY", HTX_SECRET)


@pytest.mark.parametrize("name", sorted(ENDPOINTS))
def test_every_call_flag_takes_hostile_values(sandbox: Sandbox, name: str) -> None:
    for param in endpoint_class(name).DECLARATION.params:
        flag = f"--{kebab(param.wire)}"
        for label, value in HOSTILE.items():
            out, err = io.StringIO(), io.StringIO()
            with contextlib.redirect_stderr(err):  # argparse writes its errors to sys.stderr
                code = main(["call", name, "--host", sandbox.base_url, f"{flag}={value}"], out, err)
            said = err.getvalue()
            where = f"{flag} {label}: {said[-300:]!r}"
            assert code in (EXIT_OK, EXIT_API_ERROR, EXIT_USAGE), where
            assert "Traceback" not in said, where
            assert value[:200] not in said or len(value) < 100, where
            if code == EXIT_USAGE and "is required" not in said:
                assert flag in said or f".{param.wire}:" in said, where


def test_a_long_millis_flag_is_refused_short() -> None:
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        code = main(["call", "Kline", "--start", "9" * 5000], io.StringIO(), err)
    assert code == EXIT_USAGE
    said = err.getvalue()
    assert "argument --start: ms since the epoch (got '99999999999999" in said
    assert len(said) < 3000
