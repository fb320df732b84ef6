"""The ``ws`` section of run.py: an order-book stream, three clients, one local feed.

The feed (``stream_feed.py``) runs in its own process on loopback and sends V5
``orderbook.50.BTCUSDT`` messages: a snapshot, then deltas. On the same feed, in turn:

    floor     the ``websockets`` sync client doing only ``recv()`` + ``json.loads``
    library   ``BybitAPI.stream(OrderBookChannel, ...)``: the book kept, a DTO of the whole book
              handed to the handler for every message (MODE_ENTITY)
    pybit     pybit's ``WebSocket(channel_type="linear").orderbook_stream(50, ...)`` (it keeps the
              book too, and deep-copies it for the callback)

Throughput: N messages as fast as the feed and the client go; messages per second from the first
to the last delivered to the handler, and the client process's CPU time a message (all its
threads), best of the rounds, clients interleaved. Latency: 1,000 messages a second, paced by the
feed; each message's ``cts`` (the feed's monotonic clock when it sent it) against the monotonic
clock when the handler got it; p50 and p99 per round, clients interleaved, the median of the
rounds reported. Memory: the library's
resident set after 10 % and after all of 1,000,000 messages (200,000 in a quick run).
"""

from __future__ import annotations

import gc
import json
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from websockets.sync.client import connect

from carpenstar_bybit import BybitAPI
from carpenstar_bybit.WebSockets.Channels.Derivatives.PublicChannels.OrderBook import (
    OrderBookChannel,
)
from carpenstar_bybit.WebSockets.Channels.Derivatives.PublicChannels.OrderBook.Argument import (
    OrderBookArgument,
)

HERE = Path(__file__).resolve().parent
FLOOR, LIB, PYBIT = "floor (recv + json.loads)", "library (kept book, DTOs)", "pybit"
TOPIC = "orderbook.50.BTCUSDT"
PYBIT_TARGET, FLOOR_TARGET, P99_TARGET = 3.0, 2.0, 1.5


@contextmanager
def feed_process() -> Iterator[str]:
    process = subprocess.Popen(  # noqa: S603  # this interpreter, the benchmark's own script
        [sys.executable, str(HERE / "stream_feed.py")],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        if not line.startswith("listening on "):
            raise RuntimeError(f"the feed did not start: {line!r}")
        yield line.split()[-1].replace("ws://", "http://")
    finally:
        if process.stdin is not None:
            process.stdin.close()
        try:
            process.wait(5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def plan(base_url: str, count: int, rate: float) -> None:
    with connect(base_url.replace("http://", "ws://") + "/control") as ws:
        ws.send(json.dumps({"count": count, "rate": rate}))
        ws.recv(timeout=5)


class Meter:
    """What a handler does in every client: count, and note when and how late each message is."""

    def __init__(self, count: int, latency: bool) -> None:
        self.count = count
        self.seen = 0
        self.first = self.last = 0.0
        self.cpu_first = self.cpu_last = 0.0
        self.latency = latency
        self.lags: list[float] = []
        self.done = threading.Event()

    def tick(self, cts: int | None) -> bool:
        """True once the last message has come."""
        now = time.perf_counter()
        if self.seen == 0:
            self.first = now
            self.cpu_first = time.process_time()
        self.seen += 1
        if self.latency and cts is not None and self.seen > 1:
            self.lags.append(time.monotonic_ns() / 1000 - cts)
        if self.seen >= self.count:
            self.last = now
            self.cpu_last = time.process_time()
            self.done.set()
            return True
        return False

    def rate(self) -> float:
        return (self.seen - 1) / (self.last - self.first) if self.last > self.first else 0.0

    def cpu_us(self) -> float:
        """CPU time of the client process (all its threads) per message, in µs."""
        return (self.cpu_last - self.cpu_first) * 1e6 / max(1, self.seen - 1)


def run_floor(base_url: str, meter: Meter) -> None:
    loads = json.loads
    with connect(
        base_url.replace("http://", "ws://") + "/v5/public/linear",
        ping_interval=None,
        compression=None,
    ) as ws:
        ws.send(json.dumps({"req_id": "1", "op": "subscribe", "args": [TOPIC]}))
        while True:
            message = loads(ws.recv(timeout=30))
            if "topic" not in message:
                continue
            if meter.tick(message.get("cts")):
                return


def run_library(base_url: str, meter: Meter) -> None:
    class Handler:
        def handle(self, book: Any) -> None:
            if meter.tick(book._raw["cts"]):
                stream.stop()  # the loop ends after this message

    api = BybitAPI(base_url)
    stream = api.stream(OrderBookChannel, OrderBookArgument("BTCUSDT", 50), Handler(), timeout=30)
    stream.run()
    api.close()


def run_pybit(base_url: str, meter: Meter) -> None:
    import pybit.unified_trading as unified

    unified.PUBLIC_WSS = base_url.replace("http://", "ws://") + "/v5/public/{CHANNEL_TYPE}"
    ws = unified.WebSocket(channel_type="linear", testnet=False)
    try:
        ws.orderbook_stream(50, "BTCUSDT", lambda message: meter.tick(message.get("cts")))
        seen = -1
        while not meter.done.wait(5):  # give up only when nothing came for 5 s
            if meter.seen == seen:
                raise RuntimeError(f"pybit stopped at {seen:,} of {meter.count:,} messages")
            seen = meter.seen
    finally:
        ws.exit()


def pybit_version() -> str | None:
    import importlib.metadata

    try:
        return importlib.metadata.version("pybit")
    except importlib.metadata.PackageNotFoundError:
        return None


Client = Callable[[str, Meter], None]


def rss_kib() -> int:
    with open("/proc/self/statm") as statm:
        pages = int(statm.read().split()[1])
    import resource

    return pages * resource.getpagesize() // 1024


def run_memory(base_url: str, count: int) -> dict[str, Any]:
    """The library's resident set at 10 % and at 100 % of ``count`` messages."""
    marks: dict[str, int] = {}
    plan(base_url, count, 0)

    class Handler:
        seen = 0

        def handle(self, book: Any, stream: Any) -> None:
            self.seen += 1
            if self.seen == count // 10:
                gc.collect()
                marks["at_10_percent_kib"] = rss_kib()
            if self.seen >= count:
                gc.collect()
                marks["at_end_kib"] = rss_kib()
                stream.stop()

    api = BybitAPI(base_url)
    started = time.perf_counter()
    api.websocket(OrderBookChannel, OrderBookArgument("BTCUSDT", 50), Handler(), timeout=60)
    api.close()
    return {
        "messages": count,
        "seconds": round(time.perf_counter() - started, 1),
        **marks,
        "growth_kib": marks["at_end_kib"] - marks["at_10_percent_kib"],
    }


def measure(base_url: str, client: Client, count: int, rate: float) -> Meter:
    """One client over one feed of ``count`` messages; a client that stalls is run once more
    (pybit now and then misses its connection's start under load) and then fails the run."""
    for attempt in (1, 2):
        plan(base_url, count, rate)
        meter = Meter(count, latency=rate > 0)
        try:
            client(base_url, meter)
            return meter
        except RuntimeError as exc:
            if attempt == 2:
                raise
            print(f"   ({exc}; once more)")
    raise AssertionError("unreachable")


def run_ws(quick: bool, with_pybit: bool) -> dict[str, Any]:
    clients: dict[str, Client] = {FLOOR: run_floor, LIB: run_library}
    if with_pybit:
        clients[PYBIT] = run_pybit
    burst = 20_000 if quick else 100_000
    rounds = 2 if quick else 3
    paced = 1000 if quick else 2000
    rates: dict[str, list[float]] = {name: [] for name in clients}
    cpu: dict[str, list[float]] = {name: [] for name in clients}
    lags: dict[str, list[list[float]]] = {}
    with feed_process() as base_url:
        for turn in range(rounds):
            order = list(clients)[turn % len(clients) :] + list(clients)[: turn % len(clients)]
            for name in order:
                meter = measure(base_url, clients[name], burst, 0)
                rates[name].append(meter.rate())
                cpu[name].append(meter.cpu_us())
        for turn in range(rounds):  # interleaved too: a noisy neighbour hits every client
            order = list(clients)[turn % len(clients) :] + list(clients)[: turn % len(clients)]
            for name in order:
                meter = measure(base_url, clients[name], paced, 1000)
                lags.setdefault(name, []).append(sorted(meter.lags))
        memory = run_memory(base_url, 200_000 if quick else 1_000_000)
    best = {name: max(values) for name, values in rates.items()}
    # Per round p50 and p99, then the median of the rounds' figures.
    latency = {
        name: {
            "p50_us": round(statistics.median(statistics.median(v) for v in runs), 1),
            "p99_us": round(statistics.median(v[int(len(v) * 0.99) - 1] for v in runs), 1),
            "p99_us_per_round": [round(v[int(len(v) * 0.99) - 1], 1) for v in runs],
        }
        for name, runs in lags.items()
    }
    return {
        "messages_per_round": burst,
        "rounds": rounds,
        "msgs_per_s": {name: round(value) for name, value in best.items()},
        "all_rounds_msgs_per_s": {
            name: [round(v) for v in values] for name, values in rates.items()
        },
        "us_per_message": {name: round(1e6 / value, 2) for name, value in best.items()},
        "cpu_us_per_message": {name: round(min(values), 2) for name, values in cpu.items()},
        "latency_at_1000_per_s": latency,
        "memory": memory,
        "pybit": pybit_version() if with_pybit else None,
    }


def print_ws(result: dict[str, Any]) -> None:
    print(
        f"\n== Order-book stream: {result['messages_per_round']:,} V5 deltas a round, best of "
        f"{result['rounds']} (loopback, feed in its own process) =="
    )
    floor = result["us_per_message"][FLOOR]
    floor_cpu = result["cpu_us_per_message"][FLOOR]
    for name, rate in result["msgs_per_s"].items():
        per = result["us_per_message"][name]
        cpu = result["cpu_us_per_message"][name]
        lag = result["latency_at_1000_per_s"][name]
        print(
            f"   {name:<27} {rate:>8,} msg/s {per:>7.2f} µs/msg wall ({per / floor:.2f}x floor), "
            f"{cpu:>6.2f} CPU ({cpu / floor_cpu:.2f}x); at 1,000/s p50 {lag['p50_us']:.0f} µs, "
            f"p99 {lag['p99_us']:.0f} µs"
        )
    memory = result["memory"]
    print(
        f"   memory over {memory['messages']:,} messages ({memory['seconds']} s): "
        f"{memory['at_10_percent_kib']:,} KiB at 10 %, {memory['at_end_kib']:,} KiB at the end "
        f"({memory['growth_kib']:+,} KiB)"
    )


def targets(results: dict[str, Any], make: Callable[[str, str, str], Any]) -> list[Any]:
    found = []
    ws = results.get("ws")
    if ws is None:
        for name in (
            "stream ≥ 3x pybit msg/s",
            "stream ≤ 2x floor µs/msg",
            "stream p99 ≤ 1.5x floor",
        ):
            found.append(make(name, "SKIP", "ws not run"))
        return found
    rates, per, lag = ws["msgs_per_s"], ws["us_per_message"], ws["latency_at_1000_per_s"]
    if PYBIT in rates:
        ratio = rates[LIB] / rates[PYBIT]
        found.append(
            make(
                f"stream ≥ {PYBIT_TARGET:g}x pybit msg/s",
                "PASS" if ratio >= PYBIT_TARGET else "FAIL",
                f"{rates[LIB]:,} against {rates[PYBIT]:,} msg/s: {ratio:.1f}x",
            )
        )
    else:
        found.append(make(f"stream ≥ {PYBIT_TARGET:g}x pybit msg/s", "SKIP", "pybit not installed"))
    # The client's CPU time a message: wall time on a shared 2-core machine also counts the
    # feed process and other tenants, and the floor's rate is bounded by the feed's.
    cpu = ws["cpu_us_per_message"]
    ratio = cpu[LIB] / cpu[FLOOR]
    found.append(
        make(
            f"stream ≤ {FLOOR_TARGET:g}x floor µs/msg",
            "PASS" if ratio <= FLOOR_TARGET else "FAIL",
            f"CPU {cpu[LIB]:.2f} against {cpu[FLOOR]:.2f} µs a message: {ratio:.2f}x (wall "
            f"{per[LIB] / per[FLOOR]:.2f}x)",
        )
    )
    ratio = lag[LIB]["p99_us"] / lag[FLOOR]["p99_us"]
    found.append(
        make(
            f"stream p99 ≤ {P99_TARGET:g}x floor",
            "PASS" if ratio <= P99_TARGET else "FAIL",
            f"p99 {lag[LIB]['p99_us']:.0f} against {lag[FLOOR]['p99_us']:.0f} µs at 1,000 msg/s: "
            f"{ratio:.2f}x",
        )
    )
    memory = ws["memory"]
    found.append(
        make(
            "stream memory flat",
            "PASS" if memory["growth_kib"] <= 4096 else "FAIL",
            f"{memory['growth_kib']:+,} KiB from 10 % to all of {memory['messages']:,} messages",
        )
    )
    return found
