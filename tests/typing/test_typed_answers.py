"""mypy knows what both PHP lines' calls return and refuses another endpoint's request."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent


def _mypy(path: Path, cache: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603  # our own interpreter, fixed arguments
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--no-error-summary",
            *extra,
            "--cache-dir",
            str(cache),
            "--config-file",
            str(ROOT / "pyproject.toml"),
            str(path),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
        timeout=300,
    )


def test_the_answers_are_typed() -> None:
    # typed_calls.py sets disallow-any-expr for itself: an answer typed Any (what rest() was)
    # would pass every assignment.
    done = _mypy(HERE / "typed_calls.py", ROOT / ".mypy_cache")
    assert done.returncode == 0, done.stdout + done.stderr


def test_a_request_of_another_endpoint_is_a_type_error() -> None:
    done = _mypy(HERE / "wrong_request.py", ROOT / ".mypy_cache")
    lines = [line for line in done.stdout.splitlines() if ": error:" in line]
    wanted = [
        n
        for n, text in enumerate((HERE / "wrong_request.py").read_text().splitlines(), 1)
        if "# E:" in text
    ]
    assert [int(line.split(":")[1]) for line in lines] == wanted, done.stdout
    # mypy cannot find one request type for both arguments: the request class is not the
    # endpoint's (its wording: "Cannot infer value of type parameter "Q"").
    assert all('type parameter "Q"' in line or "CancelOrderRequest" in line for line in lines)
