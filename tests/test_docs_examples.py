"""Every ```python block of README.md and docs_ru/*.md runs, against an embedded sandbox.

Each block is one test (ids like ``README.md:2`` or ``docs_ru/retry.md:4``, counted from 1). It is
executed in a fresh namespace, in a temporary working directory, in a worker thread with a time
limit, against its own ``Sandbox``:

- the exchange hosts in the block text (``https://api-testnet.bybit.com``,
  ``https://api.bybit.com``) and the ``TESTNET`` / ``MAINNET`` constants are pointed at the
  sandbox, so a reader sees the real host and no example needs a real key or the network;
- the sandbox knows the keys the examples use (``apiKey`` / ``secret`` and a few more) and holds
  open linear BTCUSDT and ETHUSDT orders, some with the link ids ``my-order-0`` ... ``my-order-4``
  (and, when it serves HTX, open BTC-USDT and BTC-USD orders of ``accessKey``);
- the sandbox cannot open an order with a given ``orderId``, so the one literal id the examples
  cancel (``KNOWN_ORDER_ID``, from Bybit's own documentation) is replaced by the id of an open
  sandbox order;
- any name lookup of a host that is not loopback fails the test, even when the block catches the
  resulting error;
- connections the block leaves open are closed afterwards.

- logging set up by a block (``logging.basicConfig``) is undone afterwards.

Blocks that use ``HtxAPI`` are skipped while the sandbox does not serve HTX (its cancel-all path is
HTTP 404 there); once it does, the HTX hosts (``https://api.hbdm.com``, ``https://api.hbdm.vn``) and
the ``HBDM`` / ``HBDM_AWS`` constants are pointed at the sandbox too, and the examples' access key
``accessKey`` / ``secretKey`` is registered. A block that is not meant to run must not be marked
```python (use ```text or ```pycon).
"""

from __future__ import annotations

import http.client
import importlib
import ipaddress
import logging
import re
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

import carpenstar_bybit
import carpenstar_bybit._bybit_api
from carpenstar_bybit.Core.Connection import Connection
from carpenstar_bybit.sandbox import Sandbox

ROOT = Path(__file__).resolve().parent.parent
DOC_FILES = [ROOT / "README.md", *sorted((ROOT / "docs_ru").glob("*.md"))]

BYBIT_HOSTS = ("https://api-testnet.bybit.com", "https://api.bybit.com")
HTX_HOSTS = ("https://api.hbdm.com", "https://api.hbdm.vn")
HTX_PATH = "/v5/trade/cancel_all_orders"
KEYS = {
    "apiKey": "secret",
    "accessKey": "secretKey",
    "mainAccountKey": "secret-1",
    "hedgeAccountKey": "secret-2",
}
KNOWN_ORDER_ID = "c6f055d9-7f21-4079-913d-e6523a9cfffa"
TIME_LIMIT_S = 30.0

_FENCE = re.compile(r"^(`{3,}|~{3,})\s*([\w+-]*)")


@dataclass(frozen=True)
class Block:
    file: Path
    index: int  # 1-based among the file's python blocks
    line: int  # 1-based line of the first code line in the file
    code: str

    @property
    def name(self) -> str:
        return f"{self.file.relative_to(ROOT).as_posix()}:{self.index}"


def python_blocks(path: Path) -> list[Block]:
    """The ```python blocks of a Markdown file, in order."""
    blocks: list[Block] = []
    lines = path.read_text(encoding="utf-8").splitlines()
    fence: str | None = None
    language = ""
    start = 0
    body: list[str] = []
    for number, line in enumerate(lines, start=1):
        if fence is None:
            match = _FENCE.match(line)
            if match:
                fence, language, start, body = match[1], match[2].lower(), number + 1, []
        elif line.strip() == fence or (line.startswith(fence) and not line.strip(fence[0])):
            if language == "python":
                blocks.append(Block(path, len(blocks) + 1, start, "\n".join(body) + "\n"))
            fence = None
        else:
            body.append(line)
    if fence is not None:
        raise AssertionError(f"{path.name}: a code fence opened on line {start - 1} never closes")
    return blocks


ALL_BLOCKS = [block for path in DOC_FILES for block in python_blocks(path)]


def test_blocks_are_found() -> None:
    """Guards the extractor: a broken one would let every example pass by finding none."""
    counts = {path.relative_to(ROOT).as_posix(): len(python_blocks(path)) for path in DOC_FILES}
    assert counts["README.md"] >= 3, counts
    docs_ru = sum(n for name, n in counts.items() if name.startswith("docs_ru/"))
    assert docs_ru >= 10, counts
    for name in (
        "docs_ru/README.md",
        "docs_ru/bybit-cancel-order.md",
        "docs_ru/bybit-cancel-all-order.md",
        "docs_ru/migration-php.md",
        "docs_ru/retry.md",
        "docs_ru/sandbox.md",
    ):
        assert counts.get(name, 0) >= 2, counts


def test_extractor_reads_fences(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text(
        "# t\n\n```python\nx = 1\n```\n\n```text\nnot python\n```\n\n"
        "````markdown\n```python\ninside = True\n```\n````\n\n```python\ny = 2\n\nz = 3\n```\n",
        encoding="utf-8",
    )
    blocks = python_blocks(page)
    assert [(b.index, b.line, b.code) for b in blocks] == [
        (1, 4, "x = 1\n"),
        (2, 18, "y = 2\n\nz = 3\n"),
    ]


def test_no_block_is_marked_network_only() -> None:
    """Every example runs against the sandbox; the old ``# requires: network`` mark is gone."""
    marked = [b.name for b in ALL_BLOCKS if "# requires: network" in b.code]
    assert marked == []


def uses_htx(block: Block) -> bool:
    return "HtxAPI" in block.code


@pytest.fixture
def sandbox() -> Iterator[Sandbox]:
    with Sandbox(keys=KEYS, rate_limit=None) as server:
        yield server


class _Guard:
    """Fails name lookups of hosts that are not loopback, and remembers them."""

    def __init__(self, real: Any) -> None:
        self.real = real
        self.refused: list[str] = []

    def __call__(self, host: Any, *args: Any, **kwargs: Any) -> Any:
        name = host.decode() if isinstance(host, bytes) else str(host)
        if name != "localhost":
            try:
                loopback = ipaddress.ip_address(name.strip("[]")).is_loopback
            except ValueError:
                loopback = False
            if not loopback:
                self.refused.append(name)
                raise socket.gaierror(f"docs example tried to reach {name}: use the sandbox")
        return self.real(host, *args, **kwargs)


def serves(sandbox: Sandbox, path: str) -> bool:
    """Whether the sandbox routes a path (an unknown path is HTTP 404)."""
    connection = http.client.HTTPConnection(sandbox.host, sandbox.port, timeout=5)
    try:
        connection.request("POST", path, body=b"{}", headers={"Content-Type": "application/json"})
        response = connection.getresponse()
        response.read()
        return response.status != 404
    finally:
        connection.close()


def prepare(block: Block, sandbox: Sandbox, htx: bool) -> str:
    """The block's text as it runs: hosts pointed at the sandbox, the known order id made real."""
    code = block.code
    for host in BYBIT_HOSTS + (HTX_HOSTS if htx else ()):
        code = code.replace(host, sandbox.base_url)
    for key in KEYS:
        sandbox.seed_orders(key, "linear", "ETHUSDT", count=3)
    sandbox.seed_orders("apiKey", "linear", "BTCUSDT", count=5, order_link_prefix="my-order-")
    known = sandbox.seed_orders("apiKey", "linear", "BTCUSDT", count=1)[0]
    if htx:
        sandbox.seed_htx_orders("accessKey", "v5", "BTC-USDT", count=2)
        sandbox.seed_htx_orders("accessKey", "swap", "BTC-USD", count=2)
    return code.replace(KNOWN_ORDER_ID, known["orderId"])


class Runner:
    """Executes blocks in this test's sandboxed surroundings (see the module docstring)."""

    def __init__(
        self, sandbox: Sandbox, guard: _Guard, opened: list[Connection], htx: bool
    ) -> None:
        self.sandbox = sandbox
        self.guard = guard
        self.opened = opened
        self.htx = htx  # the sandbox serves HTX too

    def run(self, block: Block, time_limit: float = TIME_LIMIT_S) -> None:
        code = prepare(block, self.sandbox, self.htx)
        # Line numbers in a traceback are the Markdown file's own.
        compiled = compile("\n" * (block.line - 1) + code, str(block.file), "exec")
        namespace: dict[str, Any] = {"__name__": "__docs_example__"}
        failure: list[BaseException] = []

        def target() -> None:
            try:
                exec(compiled, namespace)  # noqa: S102  # the documentation's own examples
            except BaseException as exc:  # noqa: BLE001  # re-raised in the test's thread
                failure.append(exc)

        # An example may set up logging (logging.basicConfig); that must not outlive it.
        root = logging.getLogger()
        handlers, level = list(root.handlers), root.level
        worker = threading.Thread(target=target, name=f"docs-example {block.name}", daemon=True)
        worker.start()
        worker.join(time_limit)
        try:
            assert not worker.is_alive(), f"{block.name} did not finish in {time_limit:g} s"
            if failure:
                raise failure[0]
            assert self.guard.refused == [], f"{block.name} tried to reach {self.guard.refused}"
        finally:
            for connection in self.opened:
                connection.close()
            for handler in list(root.handlers):
                if handler not in handlers:
                    root.removeHandler(handler)
                    handler.close()
            root.setLevel(level)


@pytest.fixture
def runner(sandbox: Sandbox, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Runner:
    url = sandbox.base_url
    for module in (carpenstar_bybit, carpenstar_bybit._bybit_api):
        monkeypatch.setattr(module, "TESTNET", url)
        monkeypatch.setattr(module, "MAINNET", url)
    htx = serves(sandbox, HTX_PATH)
    sandbox.reset()  # forget the probe
    if htx:
        for name in ("carpenstar_bybit.Htx", "carpenstar_bybit.Htx._htx_api"):
            module = importlib.import_module(name)
            monkeypatch.setattr(module, "HBDM", url)
            monkeypatch.setattr(module, "HBDM_AWS", url)
    for proxy in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"):
        monkeypatch.delenv(proxy, raising=False)
        monkeypatch.delenv(proxy.lower(), raising=False)
    monkeypatch.setenv("BYBIT_API_KEY", "apiKey")
    monkeypatch.setenv("BYBIT_API_SECRET", "secret")
    monkeypatch.chdir(tmp_path)
    guard = _Guard(socket.getaddrinfo)
    monkeypatch.setattr(socket, "getaddrinfo", guard)
    opened: list[Connection] = []
    real_init = Connection.__init__

    def tracked_init(self: Connection, *args: Any, **kwargs: Any) -> None:
        real_init(self, *args, **kwargs)
        opened.append(self)

    monkeypatch.setattr(Connection, "__init__", tracked_init)
    return Runner(sandbox, guard, opened, htx)


@pytest.mark.parametrize("block", ALL_BLOCKS, ids=[b.name for b in ALL_BLOCKS])
def test_example_runs(block: Block, runner: Runner) -> None:
    if uses_htx(block) and not runner.htx:
        pytest.skip(
            f"the sandbox does not serve HTX yet ({HTX_PATH} is HTTP 404 there): "
            "this block would call the real api.hbdm.com"
        )
    runner.run(block)


# The runner itself: it must not let a failing, hanging or escaping example pass.


def _block(code: str) -> Block:
    return Block(ROOT / "README.md", 1, 1, code)


CANCEL_ALL_IMPORTS = (
    "from carpenstar_bybit import TESTNET, BybitAPI\n"
    "from carpenstar_bybit.Core.Exceptions import CarpenstarException\n"
    "from carpenstar_bybit.Derivatives.Contract.Order.CancelAllOrder import CancelAllOrder\n"
    "from carpenstar_bybit.Derivatives.Contract.Order.CancelAllOrder.Request import "
    "CancelAllOrderRequest\n"
)


def test_runner_reports_an_error(runner: Runner) -> None:
    with pytest.raises(ValueError, match="boom"):
        runner.run(_block("raise ValueError('boom')\n"))


def test_runner_enforces_the_time_limit(runner: Runner) -> None:
    with pytest.raises(AssertionError, match="did not finish"):
        runner.run(_block("import time\ntime.sleep(1.0)\n"), time_limit=0.2)


def test_runner_sends_exchange_hosts_to_the_sandbox(runner: Runner) -> None:
    code = CANCEL_ALL_IMPORTS + (
        "from carpenstar_bybit.Derivatives.Contract.Order.CancelOrder import CancelOrder\n"
        "from carpenstar_bybit.Derivatives.Contract.Order.CancelOrder.Request import "
        "CancelOrderRequest\n"
        "request = CancelAllOrderRequest().setSymbol('ETHUSDT')\n"
        "with BybitAPI('https://api.bybit.com', 'apiKey', 'secret') as bybit:\n"
        "    assert bybit.rest(CancelAllOrder, request).getBody().count() == 3\n"
        f"request = CancelOrderRequest().setSymbol('BTCUSDT').setOrderId('{KNOWN_ORDER_ID}')\n"
        "with BybitAPI(TESTNET, 'apiKey', 'secret') as bybit:\n"
        "    assert bybit.rest(CancelOrder, request).getBody().count() == 1\n"
    )
    runner.run(_block(code))
    paths = runner.sandbox.stats()["by_path"]
    assert paths == {"/v5/order/cancel-all": 1, "/v5/order/cancel": 1}


def test_runner_refuses_other_hosts_even_when_the_error_is_caught(runner: Runner) -> None:
    code = CANCEL_ALL_IMPORTS + (
        "try:\n"
        "    with BybitAPI('https://api.example.com', 'apiKey', 'secret') as bybit:\n"
        "        bybit.rest(CancelAllOrder, CancelAllOrderRequest().setSymbol('ETHUSDT'))\n"
        "except CarpenstarException:\n"
        "    pass\n"
    )
    with pytest.raises(AssertionError, match=r"tried to reach \['api\.example\.com'"):
        runner.run(_block(code))
