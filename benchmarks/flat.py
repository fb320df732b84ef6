"""Time to flat, cold start and warm-up: the ``flat``, ``coldstart`` and ``warmup`` sections.

flat       a 5,000-order book (``book_sandbox.BOOK``: 20 linear symbols, 2 inverse, 4 options) on
           the sandbox in its own process, with Bybit's rate limits per endpoint and category and
           20 ms added to every answer. Each round seeds the book afresh (rate windows cleared) and
           times one client until it returns: the kill switch (``flatten(api)`` on a warmed-up
           ``BybitAPI``: cancel, then verify), a pybit script that cancels per symbol (the book's
           symbols given to it, each looped until an answer is under the 500 cap), and the
           per-settle-coin loop a trader scripts with today's command line (one process per call:
           ``cancel-all --settle-coin USDT --until-empty``, USDC, inverse BTC and ETH, option). The
           least time Bybit's limits allow is computed from the book: per category the cancel-all
           calls it needs (one per 500 orders of a settle coin or inverse symbol, plus the one
           that comes back under the cap; one for options), whole seconds of windows when they
           exceed the category's limit (10/s linear and inverse, 1/s option), then one cancel and
           one list round trip (inverse: one more list, to learn its symbols, since Bybit refuses
           an inverse cancel-all without one). A round trip is the median of empty open-orders
           calls on the same sandbox.
coldstart  a new interpreter each time: ``python -c "import requests"``, ``carpenstar-bybit
           --help``, and the imports a ``flatten`` run makes.
warmup     the first call of a new ``BybitAPI`` over HTTPS (the TLS sandbox), with and without
           ``warm_up()`` before it (not timed).
"""

from __future__ import annotations

import math
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from carpenstar_bybit import BybitAPI, flatten
from carpenstar_bybit.Core.Enums import EnumOutputMode
from carpenstar_bybit.Derivatives.Contract.Order.GetOpenOrders import GetOpenOrders
from carpenstar_bybit.Derivatives.Contract.Order.GetOpenOrders.Request import GetOpenOrdersRequest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from book_sandbox import BOOK  # noqa: E402  # the benchmark's own script, next to this one

KEY, SECRET = "bench-key", "bench-secret"  # as run.py signs (make_pybit)
CAP = 500
LIMITS = {"linear": 10, "inverse": 10, "option": 1, "spot": 20}
DELAY_MS = 20
FLAT_TARGET = 1.2
KILL = "kill switch"
PYBIT = "pybit per symbol"
CLI = "CLI per settle coin"
FLATTEN_IMPORTS = "flatten's imports"


class BookServer:
    """``book_sandbox.py`` in its own process, driven over its stdin."""

    def __init__(self, delay_ms: int) -> None:
        self.process = subprocess.Popen(  # noqa: S603  # our interpreter and script, no shell
            [sys.executable, str(HERE / "book_sandbox.py"), "--key", f"{KEY}:{SECRET}",
             "--delay-ms", str(delay_ms)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )  # fmt: skip
        banner = self._line()
        self.base_url = banner.split("listening on ", 1)[1].split()[0]

    def _line(self) -> str:
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        if not line:
            raise RuntimeError(f"the book sandbox exited (code {self.process.poll()})")
        return line

    def ask(self, command: str) -> int:
        assert self.process.stdin is not None
        self.process.stdin.write(command + "\n")
        self.process.stdin.flush()
        return int(self._line().split()[-1])

    def close(self) -> None:
        if self.process.poll() is None:
            try:
                assert self.process.stdin is not None
                self.process.stdin.write("quit\n")
                self.process.stdin.close()
                self.process.wait(timeout=5)
            except (OSError, subprocess.TimeoutExpired):
                self.process.kill()
                self.process.wait(timeout=5)
        if self.process.stdout is not None:
            self.process.stdout.close()


@contextmanager
def book_server(delay_ms: int = DELAY_MS) -> Iterator[BookServer]:
    server = BookServer(delay_ms)
    try:
        yield server
    finally:
        server.close()


def least_time(rtt: float) -> tuple[float, dict[str, float]]:
    """The least time Bybit's limits allow for BOOK, per category (seconds)."""
    per_lane: dict[tuple[str, str], int] = {}
    for category, symbol, count in BOOK:
        lane = symbol if category == "inverse" else ("USDT" if symbol.endswith("USDT") else "")
        if category == "linear" and not symbol.endswith("USDT"):
            lane = "USDC"
        if category == "option":
            lane = ""
        per_lane[(category, lane)] = per_lane.get((category, lane), 0) + count
    calls: dict[str, int] = {}
    for (category, _), count in per_lane.items():
        needed = 1 if category == "option" else count // CAP + 1
        calls[category] = calls.get(category, 0) + needed
    bound: dict[str, float] = {}
    for category, needed in calls.items():
        windows = math.ceil(needed / LIMITS[category]) - 1
        trips = 3 if category == "inverse" else 2
        bound[category] = windows * 1.0 + trips * rtt
    return max(bound.values()), bound


def _round_trip(base_url: str, rounds: int = 15) -> float:
    with BybitAPI(base_url, KEY, SECRET) as api:
        api.warm_up()
        samples = []
        for _ in range(rounds):
            request = GetOpenOrdersRequest().setCategory("spot")
            started = time.perf_counter()
            api.rest(GetOpenOrders, request, EnumOutputMode.MODE_ARRAY)
            samples.append(time.perf_counter() - started)
            time.sleep(0.03)  # well inside the 50/s limit
    return statistics.median(samples)


def _kill_switch(base_url: str) -> Callable[[], Any]:
    api = BybitAPI(base_url, KEY, SECRET)
    api.warm_up(connections=4)  # ready before it is needed

    def run() -> Any:
        try:
            report = flatten(api)
            if not report.flat:
                raise RuntimeError(f"the kill switch did not flatten: {report.outcome}")
            return report
        finally:
            api.close()

    return run


def _pybit(base_url: str, make_pybit: Callable[[str], Any]) -> Callable[[], Any]:
    client = make_pybit(base_url)
    client.max_retries = 10  # rate-limit waits: pybit sleeps to the reset and tries again

    def run() -> Any:
        try:
            for category, symbol, _ in BOOK:
                while True:
                    answer = client.cancel_all_orders(category=category, symbol=symbol)
                    if len(answer["result"]["list"]) < CAP:
                        break
        finally:
            client.client.close()

    return run


def _cli(base_url: str) -> Callable[[], Any]:
    env = {**os.environ, "BYBIT_API_KEY": KEY, "BYBIT_API_SECRET": SECRET}
    base = [sys.executable, "-m", "carpenstar_bybit", "cancel-all", "--host", base_url]
    loops = (
        ("--settle-coin", "USDT"),
        ("--settle-coin", "USDC"),
        ("--category", "inverse", "--settle-coin", "BTC"),
        ("--category", "inverse", "--settle-coin", "ETH"),
        ("--category", "option"),
    )

    def run() -> Any:
        for flags in loops:
            done = subprocess.run(  # noqa: S603  # our interpreter, fixed arguments
                [*base, *flags, "--until-empty"],
                env=env,
                capture_output=True,
                text=True,
                timeout=60,
                check=False,
            )
            if done.returncode != 0:
                raise RuntimeError(f"cancel-all {' '.join(flags)} exited {done.returncode}")

    return run


def run_flat(quick: bool, make_pybit: Callable[[str], Any] | None) -> dict[str, Any]:
    """Rounds of each client on a freshly seeded book, interleaved; medians and the bound."""
    rounds = 2 if quick else 5
    samples: dict[str, list[float]] = {KILL: [], CLI: []}
    if make_pybit is not None:
        samples[PYBIT] = []
    detail: dict[str, Any] = {}
    with book_server() as server:
        rtt = _round_trip(server.base_url)
        bound, per_category = least_time(rtt)
        order = list(samples)
        for index in range(rounds):
            for name in order[index % len(order) :] + order[: index % len(order)]:
                if server.ask("seed") != sum(c for _, _, c in BOOK):
                    raise RuntimeError("the book was not seeded")
                if name == KILL:
                    client = _kill_switch(server.base_url)
                elif name == PYBIT:
                    assert make_pybit is not None
                    client = _pybit(server.base_url, make_pybit)
                else:
                    client = _cli(server.base_url)
                started = time.perf_counter()
                result = client()
                samples[name].append(time.perf_counter() - started)
                left = server.ask("count")
                if left:
                    raise RuntimeError(f"{name} left {left} orders open")
                if name == KILL:
                    detail["kill_switch_calls"] = result.calls
    medians = {name: statistics.median(values) for name, values in samples.items()}
    return {
        "round_trip_ms": rtt * 1000,
        "least_time_s": bound,
        "least_time_by_category_s": per_category,
        "median_s": medians,
        "samples_s": samples,
        "x_least_time": {name: value / bound for name, value in medians.items()},
        **detail,
    }


def print_flat(result: dict[str, Any]) -> None:
    print(
        f"\nTime to flat: 5,000 orders (20 linear symbols, 2 inverse, 4 options), Bybit's limits, "
        f"{DELAY_MS} ms added per answer (a round trip measures "
        f"{result['round_trip_ms']:.1f} ms)"
    )
    by_category = result["least_time_by_category_s"].items()
    print(
        f"   least time the limits allow: {result['least_time_s'] * 1000:.0f} ms ("
        + ", ".join(f"{k} {v * 1000:.0f}" for k, v in by_category)
        + ")"
    )
    for name, median in result["median_s"].items():
        spread = result["samples_s"][name]
        print(
            f"   {name:<22} median {median * 1000:8.0f} ms  (min {min(spread) * 1000:.0f}, max "
            f"{max(spread) * 1000:.0f})  {result['x_least_time'][name]:.2f}x the least time"
        )


def run_coldstart(quick: bool) -> dict[str, Any]:
    rounds = 5 if quick else 15
    commands = {
        'python -c "import requests"': [sys.executable, "-c", "import requests"],
        "carpenstar-bybit --help": [sys.executable, "-m", "carpenstar_bybit", "--help"],
        FLATTEN_IMPORTS: [
            sys.executable,
            "-c",
            "import carpenstar_bybit.cli.flatten, carpenstar_bybit.killswitch, "
            "carpenstar_bybit._bybit_api",
        ],
    }
    samples: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(rounds):
        for name, argv in commands.items():
            started = time.perf_counter()
            subprocess.run(argv, capture_output=True, timeout=60, check=True)  # noqa: S603
            samples[name].append(time.perf_counter() - started)
    medians = {name: statistics.median(values) for name, values in samples.items()}
    reference = medians['python -c "import requests"']
    return {
        "median_ms": {name: value * 1000 for name, value in medians.items()},
        "x_import_requests": {name: value / reference for name, value in medians.items()},
    }


def print_coldstart(result: dict[str, Any]) -> None:
    print("\nCold start (a new interpreter each time)")
    for name, median in result["median_ms"].items():
        ratio = result["x_import_requests"][name]
        print(f"   {name:<30} median {median:6.0f} ms  {ratio:.2f}x import requests")


def run_warmup(base_url: str, verify: str, quick: bool) -> dict[str, Any]:
    rounds = 8 if quick else 25
    samples: dict[str, list[float]] = {"first call, cold": [], "first call, warmed up": []}
    for index in range(rounds):
        for warm in (index % 2 == 0, index % 2 == 1):
            with BybitAPI(base_url, "bench-key", "bench-secret", verify=verify) as api:
                if warm:
                    api.warm_up()
                request = GetOpenOrdersRequest().setCategory("spot")
                started = time.perf_counter()
                api.rest(GetOpenOrders, request, EnumOutputMode.MODE_ARRAY)
                elapsed = time.perf_counter() - started
            samples["first call, warmed up" if warm else "first call, cold"].append(elapsed)
    medians = {name: statistics.median(values) * 1000 for name, values in samples.items()}
    return {"median_ms": medians}


def print_warmup(result: dict[str, Any]) -> None:
    print("\nFirst call of a new BybitAPI over HTTPS (GET /v5/order/realtime)")
    for name, median in result["median_ms"].items():
        print(f"   {name:<24} median {median:7.2f} ms")


def targets(results: dict[str, Any], make: Callable[[str, str, str], Any]) -> list[Any]:
    found = []
    flat = results.get("flat")
    if flat is None:
        found.append(make(f"kill switch ≤ {FLAT_TARGET}x least time", "SKIP", "flat not run"))
    else:
        ratio = flat["x_least_time"][KILL]
        found.append(
            make(
                f"kill switch ≤ {FLAT_TARGET}x least time",
                "PASS" if ratio <= FLAT_TARGET else "FAIL",
                f"median {flat['median_s'][KILL] * 1000:.0f} ms, {ratio:.2f}x the "
                f"{flat['least_time_s'] * 1000:.0f} ms Bybit's limits allow",
            )
        )
    cold = results.get("coldstart")
    if cold is None:
        found.append(make("cold --help ≤ import requests", "SKIP", "coldstart not run"))
    else:
        ratio = cold["x_import_requests"]["carpenstar-bybit --help"]
        found.append(
            make(
                "cold --help ≤ import requests",
                "PASS" if ratio <= 1.0 else "FAIL",
                f"{ratio:.2f}x (nothing but the command line loads); a flatten run's imports "
                f"{cold['x_import_requests'][FLATTEN_IMPORTS]:.2f}x",
            )
        )
    warm = results.get("warmup")
    if warm is None:
        found.append(make("warmed-up first call ≥ 2x faster", "SKIP", "warmup not run"))
    else:
        cold_ms = warm["median_ms"]["first call, cold"]
        warm_ms = warm["median_ms"]["first call, warmed up"]
        found.append(
            make(
                "warmed-up first call ≥ 2x faster",
                "PASS" if cold_ms >= 2 * warm_ms else "FAIL",
                f"{cold_ms:.2f} ms cold, {warm_ms:.2f} ms after warm_up()",
            )
        )
    return found
