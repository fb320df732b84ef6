"""The README's two commands are the ones CI runs, word for word, and need only ``python3``."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

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


# -- what the README shows is what the library prints ---------------------------------------------


def _section(title: str) -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return text.split(title, 1)[1].split("\n## ", 1)[0]


def _blocks(text: str, language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", text, re.S)


def test_the_key_masking_example_is_what_repr_prints() -> None:
    import doctest

    from carpenstar_bybit import BybitAPI

    (block,) = _blocks(_section("### Secrets"), "pycon")
    test = doctest.DocTestParser().get_doctest(block, {"BybitAPI": BybitAPI}, "README", None, 0)
    assert len(test.examples) == 2
    runner = doctest.DocTestRunner(optionflags=doctest.REPORT_NDIFF)
    failed, attempted = runner.run(test)
    assert (failed, attempted) == (0, 2)


def test_the_first_line_example_is_what_the_command_prints(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import io
    import shlex

    from carpenstar_bybit.cli import main
    from carpenstar_bybit.sandbox import Sandbox

    (block,) = _blocks(_section("## The command line"), "console")
    command, shown = block.strip().splitlines()
    words = shlex.split(command.removeprefix("$ "))
    env = dict(word.split("=", 1) for word in words if "=" in word and not word.startswith("-"))
    program, *args = [word for word in words if word.split("=", 1)[0] not in env]
    assert program == ".venv/bin/carpenstar-bybit"
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    with Sandbox(keys={env["BYBIT_API_KEY"]: env["BYBIT_API_SECRET"]}) as sandbox:
        err = io.StringIO()
        code = main([*args, "--sandbox-port", str(sandbox.port)], io.StringIO(), err)
    assert code == 0
    assert err.getvalue().splitlines()[0] == shown.replace(":8181", f":{sandbox.port}")


def test_console_commands_name_the_venvs_programs() -> None:
    # Outside an activated venv a bare `carpenstar-bybit` or `python` is not this package's.
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    lines = [
        line.removeprefix("$ ").strip()
        for block in _blocks(text, "bash") + _blocks(text, "console")
        for line in block.splitlines()
        if line.strip() and not line.startswith(("export ", "#"))
    ]
    commands = [re.sub(r"^(\w+=\S+\s+)+", "", line) for line in lines]
    bare = [c for c in commands if re.match(r"(carpenstar-bybit|python3? -m carpenstar)", c)]
    assert bare == []
    assert any(c.startswith(".venv/bin/carpenstar-bybit ") for c in commands)
    after = text.split("## The sandbox", 1)[1]
    inline = re.findall(r"`((?:python|carpenstar-bybit) [^`]*)`", after)
    assert [c for c in inline if "selfcheck" in c or "sandbox --port" in c] == []


def test_the_script_is_where_the_readme_says() -> None:
    import sys

    if sys.prefix == sys.base_prefix:
        pytest.skip("the tests run outside a virtual environment")
    assert (Path(sys.executable).parent / "carpenstar-bybit").exists()


def test_the_quick_start_runs_offline_on_the_sandbox() -> None:
    # tests/test_docs_examples.py runs the block; here: it is the sandbox variant.
    (block,) = _blocks(_section("### First calls, offline"), "python")
    assert "from carpenstar_bybit.sandbox import Sandbox" in block
    assert "BybitAPI(sandbox.base_url" in block
    assert "https://" not in block


def test_both_intros_count_the_declared_endpoints() -> None:
    import importlib

    from carpenstar_bybit.Core.Registry import ENDPOINTS

    declared = [importlib.import_module(module).DECLARATION for module in ENDPOINTS.values()]
    # PHP's own endpoints: V5's batch calls are beyond the PHP package and are named apart.
    derivatives = [d for d in declared if d.package.startswith("Derivatives.") and d.batch is None]
    spot = [d for d in declared if d.package.startswith("Spot.")]
    english = (ROOT / "README.md").read_text(encoding="utf-8").split("\n## ", 1)[0]
    russian = (ROOT / "docs_ru" / "README.md").read_text(encoding="utf-8").split("\n## ", 1)[0]
    assert f"all {len(derivatives)} derivatives endpoints" in english
    assert f"все {len(derivatives)} деривативных эндпоинтов" in russian
    assert f"all {len(spot)} of its [spot package]" in english
    assert f"все {len(spot)} эндпоинта спотового пакета" in russian
    assert "для двух эндпоинтов" not in russian
