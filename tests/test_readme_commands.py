"""The README's two commands are the ones CI runs, word for word, and need only ``python3``."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Two commands", 1)[1]
    block = re.search(r"```bash\n(.*?)```", section, re.S)
    assert block is not None
    return [line for line in block[1].splitlines() if line.strip()]


def test_two_commands_that_ci_runs_as_they_stand() -> None:
    commands = readme_commands()
    assert len(commands) == 2
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    for command in commands:
        assert any(line.strip().startswith(command) for line in ci), command


def test_they_need_python3_only_and_no_pip_outside_a_venv() -> None:
    setup, tests = readme_commands()
    assert re.search(r"(^|[\s;{&|])python\s", f" {setup} {tests}") is None  # no bare `python`
    assert "python3 -m venv .venv" in setup
    assert "--without-pip --system-site-packages" in setup  # no python3-venv package needed
    assert "python3 -m pip" not in setup  # PEP 668 refuses it outside a venv
    assert setup.endswith(".venv/bin/python -m carpenstar_bybit demo")
    assert tests == ".venv/bin/python -m pytest -q"
