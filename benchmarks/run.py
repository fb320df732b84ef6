"""How much time carpenstar_bybit adds to a kill switch's cancels, measured against a sandbox.

    python benchmarks/run.py [--quick] [--no-fail] [--only SECTION,...] [--json PATH]

The sandbox exchange runs in its own process (``python -m carpenstar_bybit sandbox`` for HTTP,
``benchmarks/tls_sandbox.py`` for HTTPS with a certificate made here), on 127.0.0.1, so client and
server never share an interpreter. Sections (see benchmarks/README.md):

    keepalive  POST /v5/order/cancel over one kept-alive connection: the library's
               ``api.rest(CancelOrder, ...)`` against a hand-written ``requests.Session().post``
               (the floor) and pybit's ``cancel_order``; each call cancels a seeded order
    errors     the same three on an unknown order (retCode 110001)
    newconn    a new connection per call (a fresh BybitAPI / Session / pybit HTTP each call),
               as the PHP original does, next to the kept-alive calls of the same run
    tls        kept-alive and new-connection calls over HTTPS
    threads    1, 2, 4 and 8 threads sharing one BybitAPI
    parse      CurlResponseHandler(CancelAllOrderResponse).handle(text, mode) on cancel-all
               answers of 10, 500 and 5,000 items, per output mode, against json.loads alone
    market     the same for market data: klines of 500, 1,000 and 5,000 rows, order books of
               500 and 5,000 levels a side, instruments-info lists of 500 and 5,000 items
    flat       time to flat for a 5,000-order book with Bybit's limits and a 20 ms round trip:
               the kill switch, a pybit script per symbol, the CLI per settle coin (flat.py)
    coldstart  a new interpreter: carpenstar-bybit against python -c "import requests"
    warmup     a new BybitAPI's first call over HTTPS, with and without warm_up()
    ws         an order-book stream from a local feed: messages/s to the handler as DTOs with the
               book kept, against pybit and the floor (recv + json.loads); latency p50/p99 at
               1,000 messages/s; memory over 1,000,000 messages (stream_bench.py)

Calls are interleaved (A, B, C, then B, C, A, ...), each timed on its own; the tables show
medians and the 10th/90th percentiles, and ratios come from the same run. It prints PASS/FAIL per
target and exits 1 when one fails (unless --no-fail); results go to benchmarks/results/latest.json.
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import hmac
import importlib.metadata
import itertools
import json
import os
import platform
import random
import re
import selectors
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import flat  # benchmarks/flat.py: the kill switch's sections
import requests
import stream_bench  # benchmarks/stream_bench.py: the ws section

from carpenstar_bybit import BybitAPI
from carpenstar_bybit.Core.Enums import EnumOutputMode
from carpenstar_bybit.Core.Exceptions import ApiException
from carpenstar_bybit.Core.Response import CurlResponseHandler
from carpenstar_bybit.Derivatives.Contract.Order.CancelAllOrder.Response import (
    CancelAllOrderResponse,
)
from carpenstar_bybit.Derivatives.Contract.Order.CancelOrder import CancelOrder
from carpenstar_bybit.Derivatives.Contract.Order.CancelOrder.Request import CancelOrderRequest

HERE = Path(__file__).resolve().parent
DEFAULT_JSON = HERE / "results" / "latest.json"
KEY = "bench-key"
SECRET = "bench-secret"
SYMBOL = "BTCUSDT"
CATEGORY = "linear"
RECV_WINDOW = "5000"
ORDER_NOT_EXISTS = 110001
BANNER = re.compile(r"listening on (https?://127\.0\.0\.1:\d+)")
SECTIONS = (
    "keepalive", "errors", "newconn", "tls", "threads", "parse", "market",
    "flat", "coldstart", "warmup", "ws",
)  # fmt: skip
THREAD_COUNTS = (1, 2, 4, 8)
PARSE_SIZES = (10, 500, 5000)

Call = Callable[[], None]


class BenchError(RuntimeError):
    """The benchmark itself went wrong (a server that does not start, a wrong answer)."""


# --- settings -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Plan:
    """How many calls each section makes, and the wall-clock cap of each loop (seconds)."""

    warmup: int
    keepalive_rounds: int
    error_rounds: int
    newconn_rounds: int
    tls_rounds: int
    thread_calls: int
    parse_rounds: int
    parse_items_per_timing: int
    loop_budget_s: float

    @classmethod
    def default(cls) -> Plan:
        return cls(
            warmup=100,
            keepalive_rounds=6000,
            error_rounds=1500,
            newconn_rounds=800,
            tls_rounds=300,
            thread_calls=3000,
            parse_rounds=11,
            parse_items_per_timing=200_000,
            loop_budget_s=25.0,
        )

    @classmethod
    def quick(cls) -> Plan:
        return cls(
            warmup=30,
            keepalive_rounds=1200,
            error_rounds=300,
            newconn_rounds=120,
            tls_rounds=40,
            thread_calls=600,
            parse_rounds=3,
            parse_items_per_timing=200_000,
            loop_budget_s=4.0,
        )

    def orders_needed(self) -> int:
        """Seeded orders the HTTP sandbox must hold: every successful cancel uses one up."""
        keepalive = (self.keepalive_rounds + self.warmup) * 3
        newconn = (self.newconn_rounds + self.warmup) * 6
        threads = self.thread_calls * len(THREAD_COUNTS) + self.warmup
        profile = min(self.keepalive_rounds, 3000) + self.warmup
        return keepalive + newconn + threads + profile + 1000

    def tls_orders_needed(self) -> int:
        return (self.tls_rounds + self.warmup) * 6 + 1000


# --- statistics -----------------------------------------------------------------------------


@dataclass
class Samples:
    """Per-call wall-clock and client-CPU times, in microseconds."""

    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)

    def add(self, wall_us: float, cpu_us: float) -> None:
        self.wall.append(wall_us)
        self.cpu.append(cpu_us)

    def summary(self) -> dict[str, float | int]:
        return {"calls": len(self.wall), **spread(self.wall, "wall"), **spread(self.cpu, "cpu")}


def spread(values: Sequence[float], prefix: str) -> dict[str, float]:
    if not values:
        return {}
    if len(values) < 2:
        only = float(values[0])
        return {f"{prefix}_{k}": only for k in ("median", "p10", "p25", "p75", "p90")}
    deciles = statistics.quantiles(values, n=10, method="inclusive")
    quartiles = statistics.quantiles(values, n=4, method="inclusive")
    return {
        f"{prefix}_median": statistics.median(values),
        f"{prefix}_p10": deciles[0],
        f"{prefix}_p25": quartiles[0],
        f"{prefix}_p75": quartiles[2],
        f"{prefix}_p90": deciles[8],
    }


def timed(call: Call) -> tuple[float, float]:
    """(wall µs, CPU µs of this thread) of one call."""
    cpu0 = time.thread_time_ns()
    wall0 = time.perf_counter_ns()
    call()
    wall1 = time.perf_counter_ns()
    cpu1 = time.thread_time_ns()
    return (wall1 - wall0) / 1000, (cpu1 - cpu0) / 1000


@dataclass
class Interleaved:
    samples: dict[str, Samples]
    rounds: int
    truncated: bool
    seconds: float

    def paired_ratio(self, a: str, b: str) -> float:
        """Median of the per-round ratios a/b (both timed in the same round)."""
        pairs = zip(self.samples[a].wall, self.samples[b].wall, strict=True)
        return statistics.median(x / y for x, y in pairs)

    def ratio(self, a: str, b: str) -> float:
        """median(a) / median(b), wall clock."""
        return statistics.median(self.samples[a].wall) / statistics.median(self.samples[b].wall)

    def as_json(self) -> dict[str, Any]:
        return {
            "rounds": self.rounds,
            "truncated": self.truncated,
            "seconds": round(self.seconds, 3),
            "clients": {name: s.summary() for name, s in self.samples.items()},
        }


def interleave(clients: dict[str, Call], rounds: int, warmup: int, budget_s: float) -> Interleaved:
    """Each round calls every client once, in an order rotated by one each round."""
    names = list(clients)
    for name in names:
        for _ in range(warmup):
            clients[name]()
    gc.collect()
    samples = {name: Samples() for name in names}
    started = time.monotonic()
    deadline = started + budget_s
    done = 0
    truncated = False
    while done < rounds:
        if time.monotonic() > deadline:
            truncated = True
            break
        shift = done % len(names)
        for name in names[shift:] + names[:shift]:
            samples[name].add(*timed(clients[name]))
        done += 1
    return Interleaved(samples, done, truncated, time.monotonic() - started)


# --- the sandbox in its own process ---------------------------------------------------------


@dataclass
class Server:
    process: subprocess.Popen[str]
    base_url: str


@contextmanager
def sandbox_process(argv: list[str], timeout_s: float = 15.0) -> Iterator[Server]:
    """Start a sandbox process, wait for its banner line, and always stop it."""
    process = subprocess.Popen(  # noqa: S603  # our own interpreter and scripts, no shell
        argv,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        text=True,
    )
    try:
        yield Server(process, _wait_for_banner(process, timeout_s))
    finally:
        _stop(process)


def _wait_for_banner(process: subprocess.Popen[str], timeout_s: float) -> str:
    assert process.stdout is not None
    deadline = time.monotonic() + timeout_s
    with selectors.DefaultSelector() as selector:
        selector.register(process.stdout, selectors.EVENT_READ)
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise BenchError(f"no banner from the sandbox within {timeout_s} s")
            if not selector.select(left):
                continue
            line = process.stdout.readline()
            if not line:
                err = process.stderr.read() if process.stderr else ""
                raise BenchError(f"the sandbox exited (code {process.poll()}): {err.strip()}")
            match = BANNER.search(line)
            if match:
                return match.group(1)


def _stop(process: subprocess.Popen[str]) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)
    for stream in (process.stdout, process.stderr):
        if stream is not None:
            stream.close()


def http_sandbox(orders: int) -> list[str]:
    return [
        sys.executable,
        "-m",
        "carpenstar_bybit",
        "sandbox",
        "--port",
        "0",
        "--key",
        f"{KEY}:{SECRET}",
        "--rate-limit",
        "0",
        "--seed",
        str(orders),
    ]


def tls_sandbox(cert: Path, keyfile: Path, orders: int) -> list[str]:
    return [
        sys.executable,
        str(HERE / "tls_sandbox.py"),
        "--cert",
        str(cert),
        "--keyfile",
        str(keyfile),
        "--key",
        f"{KEY}:{SECRET}",
        "--seed",
        str(orders),
    ]


def make_certificate(folder: Path) -> tuple[Path, Path] | None:
    """A self-signed certificate for IP 127.0.0.1 (openssl, else the cryptography package)."""
    cert, key = folder / "cert.pem", folder / "key.pem"
    openssl = shutil.which("openssl")
    if openssl:
        done = subprocess.run(  # noqa: S603  # a fixed argument list, no shell
            [
                openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                "-keyout", str(key), "-out", str(cert),
            ],
            capture_output=True,
            timeout=60,
            check=False,
        )  # fmt: skip
        if done.returncode == 0:
            return cert, key
    return _certificate_with_cryptography(cert, key)


def ca_bundle(cert: Path, folder: Path) -> Path:
    """certifi's CA bundle with the local certificate added: what ``verify`` costs in production.

    Loading the ~140 certificates of the bundle is part of every new TLS connection for requests
    and pybit (urllib3 loads it per connection), so the new-connection figures include it.
    """
    import certifi

    bundle = folder / "bundle.pem"
    text = Path(certifi.where()).read_text(encoding="ascii")
    bundle.write_text(text.rstrip("\n") + "\n" + cert.read_text(encoding="ascii"), "ascii")
    return bundle


def _certificate_with_cryptography(cert: Path, key: Path) -> tuple[Path, Path] | None:
    try:
        import datetime
        import ipaddress

        from cryptography import x509  # type: ignore[import-not-found, unused-ignore]
        from cryptography.hazmat.primitives import (  # type: ignore[import-not-found, unused-ignore]
            hashes,
            serialization,
        )
        from cryptography.hazmat.primitives.asymmetric import (  # type: ignore[import-not-found, unused-ignore]
            rsa,
        )
        from cryptography.x509.oid import NameOID  # type: ignore[import-not-found, unused-ignore]
    except ImportError:
        return None
    private = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(private.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=2))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(private, hashes.SHA256())
    )
    key.write_bytes(
        private.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    cert.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    return cert, key


# --- the clients ----------------------------------------------------------------------------


class Links:
    """orderLinkIds of the seeded orders (seed-0, seed-1, ...), each handed out once."""

    def __init__(self, prefix: str = "seed-") -> None:
        self._prefix = prefix
        self._counter = itertools.count()

    def next(self) -> str:
        return f"{self._prefix}{next(self._counter)}"


def library_cancel(api: BybitAPI, links: Links) -> Call:
    def call() -> None:
        request = CancelOrderRequest().setSymbol(SYMBOL).setOrderLinkId(links.next())
        if api.rest(CancelOrder, request).getReturnCode() != 0:
            raise BenchError("the library's cancel failed")

    return call


def library_cancel_unknown(api: BybitAPI, links: Links) -> Call:
    def call() -> None:
        request = CancelOrderRequest().setSymbol(SYMBOL).setOrderLinkId(links.next())
        try:
            api.rest(CancelOrder, request)
        except ApiException as exc:
            if exc.code != ORDER_NOT_EXISTS:
                raise
        else:
            raise BenchError("an unknown order was cancelled")

    return call


def library_cancel_new_connection(base_url: str, links: Links, verify: bool | str = True) -> Call:
    def call() -> None:
        with BybitAPI(base_url, KEY, SECRET, verify=verify) as api:
            request = CancelOrderRequest().setSymbol(SYMBOL).setOrderLinkId(links.next())
            if api.rest(CancelOrder, request).getReturnCode() != 0:
                raise BenchError("the library's cancel failed")

    return call


class Floor:
    """The hand-written floor: sign the body and ``requests.Session().post`` it."""

    def __init__(self, base_url: str, verify: bool | str = True) -> None:
        self.url = f"{base_url}/v5/order/cancel"
        self.verify = verify
        self.secret = SECRET.encode()

    def post(self, session: requests.Session, link: str) -> dict[str, Any]:
        body = json.dumps(
            {"category": CATEGORY, "symbol": SYMBOL, "orderLinkId": link}, separators=(",", ":")
        ).encode()
        timestamp = str(time.time_ns() // 1_000_000)
        signed = f"{timestamp}{KEY}{RECV_WINDOW}".encode() + body
        headers = {
            "Content-Type": "application/json",
            "Accept": "application/json",
            "X-BAPI-API-KEY": KEY,
            "X-BAPI-SIGN": hmac.new(self.secret, signed, hashlib.sha256).hexdigest(),
            "X-BAPI-SIGN-TYPE": "2",
            "X-BAPI-TIMESTAMP": timestamp,
            "X-BAPI-RECV-WINDOW": RECV_WINDOW,
        }
        answer = session.post(
            self.url, data=body, headers=headers, timeout=(5, 10), verify=self.verify
        )
        payload: dict[str, Any] = answer.json()
        return payload

    def kept_alive(
        self, links: Links, expect: int = 0, trust_env: bool = True
    ) -> tuple[Call, requests.Session]:
        session = requests.Session()
        # trust_env=False: no proxy and CA-bundle lookups in the environment on every call.
        session.trust_env = trust_env

        def call() -> None:
            if self.post(session, links.next())["retCode"] != expect:
                raise BenchError("the floor's cancel got an unexpected retCode")

        return call, session

    def new_connection(self, links: Links) -> Call:
        def call() -> None:
            with requests.Session() as session:
                if self.post(session, links.next())["retCode"] != 0:
                    raise BenchError("the floor's cancel failed")

        return call


def pybit_version() -> str | None:
    try:
        return importlib.metadata.version("pybit")
    except importlib.metadata.PackageNotFoundError:
        return None


def make_pybit(base_url: str, verify: bool | str = True) -> Any:
    """pybit's unified_trading.HTTP aimed at the sandbox (its ``endpoint`` is the base URL)."""
    from pybit.unified_trading import HTTP  # type: ignore[import-untyped, unused-ignore]

    client = HTTP(testnet=False, api_key=KEY, api_secret=SECRET, recv_window=int(RECV_WINDOW))
    client.endpoint = base_url
    client.client.verify = verify  # the requests.Session pybit sends through
    return client


def pybit_cancel(client: Any, links: Links) -> Call:
    def call() -> None:
        answer = client.cancel_order(category=CATEGORY, symbol=SYMBOL, orderLinkId=links.next())
        if answer["retCode"] != 0:
            raise BenchError("pybit's cancel failed")

    return call


def pybit_cancel_unknown(client: Any, links: Links) -> Call:
    from pybit.exceptions import InvalidRequestError  # type: ignore[import-untyped, unused-ignore]

    def call() -> None:
        try:
            client.cancel_order(category=CATEGORY, symbol=SYMBOL, orderLinkId=links.next())
        except InvalidRequestError as exc:
            if exc.status_code != ORDER_NOT_EXISTS:
                raise
        else:
            raise BenchError("an unknown order was cancelled")

    return call


def pybit_cancel_new_connection(base_url: str, links: Links, verify: bool | str = True) -> Call:
    def call() -> None:
        client = make_pybit(base_url, verify)
        try:
            answer = client.cancel_order(category=CATEGORY, symbol=SYMBOL, orderLinkId=links.next())
        finally:
            client.client.close()
        if answer["retCode"] != 0:
            raise BenchError("pybit's cancel failed")

    return call


# --- sections -------------------------------------------------------------------------------

LIB = "carpenstar_bybit"
FLOOR = "floor (requests)"
FLOOR_NO_ENV = "floor, trust_env=False"
PYBIT = "pybit"
# The kept-alive call must stay at most this fraction of the floor's and of pybit's.
KEEPALIVE_TARGET = 0.9


def run_keepalive(base_url: str, plan: Plan, links: Links, with_pybit: bool) -> Interleaved:
    with BybitAPI(base_url, KEY, SECRET) as api:
        floor_call, floor_session = Floor(base_url).kept_alive(links)
        bare_call, bare_session = Floor(base_url).kept_alive(links, trust_env=False)
        clients = {LIB: library_cancel(api, links), FLOOR: floor_call, FLOOR_NO_ENV: bare_call}
        pybit = make_pybit(base_url) if with_pybit else None
        if pybit is not None:
            clients[PYBIT] = pybit_cancel(pybit, links)
        try:
            return interleave(clients, plan.keepalive_rounds, plan.warmup, plan.loop_budget_s)
        finally:
            floor_session.close()
            bare_session.close()
            if pybit is not None:
                pybit.client.close()


def run_errors(base_url: str, plan: Plan, with_pybit: bool) -> Interleaved:
    missing = Links("missing-")
    with BybitAPI(base_url, KEY, SECRET) as api:
        floor_call, floor_session = Floor(base_url).kept_alive(missing, expect=ORDER_NOT_EXISTS)
        clients = {LIB: library_cancel_unknown(api, missing), FLOOR: floor_call}
        pybit = make_pybit(base_url) if with_pybit else None
        if pybit is not None:
            clients[PYBIT] = pybit_cancel_unknown(pybit, missing)
        try:
            return interleave(clients, plan.error_rounds, plan.warmup, plan.loop_budget_s)
        finally:
            floor_session.close()
            if pybit is not None:
                pybit.client.close()


def run_connections(
    base_url: str,
    rounds: int,
    plan: Plan,
    links: Links,
    with_pybit: bool,
    verify: bool | str = True,
) -> Interleaved:
    """Kept-alive and new-connection calls of the three clients, interleaved in one run."""
    floor = Floor(base_url, verify)
    with BybitAPI(base_url, KEY, SECRET, verify=verify) as api:
        floor_call, floor_session = floor.kept_alive(links)
        clients = {
            f"{LIB} kept-alive": library_cancel(api, links),
            f"{LIB} new connection": library_cancel_new_connection(base_url, links, verify),
            f"{FLOOR} kept-alive": floor_call,
            f"{FLOOR} new connection": floor.new_connection(links),
        }
        pybit = make_pybit(base_url, verify) if with_pybit else None
        if pybit is not None:
            clients[f"{PYBIT} kept-alive"] = pybit_cancel(pybit, links)
            clients[f"{PYBIT} new connection"] = pybit_cancel_new_connection(
                base_url, links, verify
            )
        try:
            return interleave(clients, rounds, min(plan.warmup, 20), plan.loop_budget_s)
        finally:
            floor_session.close()
            if pybit is not None:
                pybit.client.close()


def profile_keepalive(base_url: str, plan: Plan, links: Links, target: Path) -> int:
    """pyinstrument's call tree of the library's kept-alive cancels, as text."""
    try:
        from pyinstrument import Profiler
    except ImportError:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("pyinstrument is not installed (pip install -e '.[bench]')\n")
        return 0
    calls = min(plan.keepalive_rounds, 3000)
    with BybitAPI(base_url, KEY, SECRET) as api:
        call = library_cancel(api, links)
        for _ in range(plan.warmup):
            call()
        profiler = Profiler(interval=0.0001)
        profiler.start()
        for _ in range(calls):
            call()
        profiler.stop()
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(profiler.output_text(unicode=True, color=False, show_all=True))
    return calls


def run_threads(base_url: str, plan: Plan, links: Links) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    with BybitAPI(base_url, KEY, SECRET) as api:
        call = library_cancel(api, links)
        for _ in range(plan.warmup):
            call()
        for count in THREAD_COUNTS:
            rows.append(_threaded(call, count, plan.thread_calls, plan.loop_budget_s))
    return rows


def _threaded(call: Call, threads: int, total_calls: int, budget_s: float) -> dict[str, Any]:
    per_thread = total_calls // threads
    latencies: list[list[float]] = [[] for _ in range(threads)]
    failures: list[BaseException] = []
    start = threading.Barrier(threads + 1)
    deadline = [0.0]

    def worker(index: int) -> None:
        start.wait()
        mine = latencies[index]
        try:
            for _ in range(per_thread):
                if time.monotonic() > deadline[0]:
                    break
                began = time.perf_counter_ns()
                call()
                mine.append((time.perf_counter_ns() - began) / 1000)
        except BaseException as exc:  # noqa: BLE001  # handed to the main thread, re-raised there
            failures.append(exc)

    workers = [threading.Thread(target=worker, args=(i,), daemon=True) for i in range(threads)]
    for thread in workers:
        thread.start()
    gc.collect()
    deadline[0] = time.monotonic() + budget_s
    cpu0 = time.process_time()
    start.wait()
    began = time.perf_counter()
    for thread in workers:
        thread.join(budget_s + 30)
    elapsed = time.perf_counter() - began
    cpu = time.process_time() - cpu0
    if failures:
        raise failures[0]
    every = [v for per in latencies for v in per]
    calls = len(every)
    return {
        "threads": threads,
        "calls": calls,
        "seconds": round(elapsed, 4),
        "calls_per_s": calls / elapsed if elapsed else 0.0,
        "client_cpu_us_per_call": cpu / calls * 1e6 if calls else 0.0,
        "truncated": calls < per_thread * threads,
        **spread(every, "wall"),
    }


def cancel_all_text(items: int, rng: random.Random) -> str:
    listed = [
        {
            "orderId": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
            "orderLinkId": f"kill-{i:06d}",
        }
        for i in range(items)
    ]
    envelope = {
        "retCode": 0,
        "retMsg": "OK",
        "result": {"list": listed, "success": "1"},
        "retExtInfo": {},
        "time": 1_700_000_000_000,
    }
    return json.dumps(envelope, separators=(",", ":"))


PARSE_VARIANTS = ("json.loads", "MODE_ENTITY", "MODE_ARRAY", "MODE_JSON")


def run_parse(plan: Plan) -> list[dict[str, Any]]:
    """µs per item of each variant: one block per answer size, the variants interleaved.

    A block stands for a bot that parses answers of that size again and again, so the cyclic
    GC's work set off by one size is charged to that size. A timing covers
    ``parse_items_per_timing`` items (many answers), so that the GC's full collections, which
    come every few 5,000-item answers, are spread over the timings as over a long run instead
    of landing in some timings and not in others.
    """
    rng = random.Random(20240521)
    rows: list[dict[str, Any]] = []
    for size in PARSE_SIZES:
        text = cancel_all_text(size, rng)
        variants: dict[str, Call] = {
            "json.loads": _loads(text),
            "MODE_ENTITY": _handler(text, EnumOutputMode.MODE_ENTITY),
            "MODE_ARRAY": _handler(text, EnumOutputMode.MODE_ARRAY),
            "MODE_JSON": _handler(text, EnumOutputMode.MODE_JSON),
        }
        for mode in (EnumOutputMode.MODE_ENTITY, EnumOutputMode.MODE_ARRAY):
            body = CurlResponseHandler(CancelAllOrderResponse).handle(text, mode).getBody()
            if body.count() != size:
                raise BenchError(f"parsed {body.count()} items of {size}")
        reps = max(1, plan.parse_items_per_timing // size)
        for warm in variants.values():
            for _ in range(max(1, reps // 4)):
                warm()
        gc.collect()
        per_item: dict[str, list[float]] = {name: [] for name in variants}
        names = list(variants)
        deadline = time.monotonic() + plan.loop_budget_s
        rounds = 0
        while rounds < plan.parse_rounds and (rounds == 0 or time.monotonic() < deadline):
            shift = rounds % len(names)
            for name in names[shift:] + names[:shift]:
                call = variants[name]
                began = time.perf_counter_ns()
                for _ in range(reps):
                    call()
                per_item[name].append((time.perf_counter_ns() - began) / 1000 / reps / size)
            rounds += 1
        loads = per_item["json.loads"]
        row: dict[str, Any] = {"items": size, "reps_per_timing": reps, "rounds": rounds}
        for name, values in per_item.items():
            summary = spread(values, "us_per_item")
            # Each round's timing against json.loads timed in the same round, then the median.
            summary["x_json_loads"] = statistics.median(
                v / b for v, b in zip(values, loads, strict=True)
            )
            summary["x_json_loads_of_medians"] = summary["us_per_item_median"] / (
                statistics.median(loads)
            )
            summary["us_per_call_median"] = summary["us_per_item_median"] * size
            row[name] = summary
        rows.append(row)
    return rows


def _loads(text: str) -> Call:
    def call() -> None:
        _discard(json.loads(text))

    return call


def _handler(text: str, mode: int) -> Call:
    def call() -> None:
        # What an endpoint does per answer: a handler for the DTO class, then handle().
        _discard(CurlResponseHandler(CancelAllOrderResponse).handle(text, mode))

    return call


def _discard(value: object) -> None:
    del value


# --- market data parsing -------------------------------------------------------------------

# (answer, DTO class, sizes): the ≤ 3x target is judged at the first size named in
# MARKET_TARGET_SIZES, linearity between the smallest and the largest size.
MARKET_TARGET_SIZES = {"kline": 1000, "orderbook": 500, "instruments": 500}
MARKET_NOW_MS = 1_767_225_600_000


def market_texts() -> dict[str, tuple[type[Any], dict[int, str]]]:
    """Answers shaped as the sandbox's market makes them (deterministic, seed 1)."""
    from carpenstar_bybit.Derivatives.MarketData.InstrumentInfo.Response import (
        InstrumentInfoResponse,
    )
    from carpenstar_bybit.Derivatives.MarketData.Kline.Response import KlineResponse
    from carpenstar_bybit.Derivatives.MarketData.OrderBook.Response import OrderBookResponse
    from carpenstar_bybit.sandbox.market import INSTRUMENTS, Market

    market = Market(1)
    now = MARKET_NOW_MS

    def answer(result: dict[str, Any]) -> str:
        envelope = {"retCode": 0, "retMsg": "OK", "result": result, "retExtInfo": {}, "time": now}
        return json.dumps(envelope, separators=(",", ":"))

    def kline(rows: int) -> str:
        listed = market.klines("linear", "BTCUSDT", "1", None, None, rows, now)
        return answer({"symbol": "BTCUSDT", "category": "linear", "list": listed})

    def book(levels: int) -> str:
        return answer(market.book("linear", "BTCUSDT", levels, now))

    def instruments(count: int) -> str:
        table = [market.instrument_item(i) for i in INSTRUMENTS if i.category == "linear"]
        listed = [
            {**table[k % len(table)], "symbol": f"S{k:05d}USDT", "symbolId": k}
            for k in range(count)
        ]
        return answer({"category": "linear", "list": listed, "nextPageCursor": ""})

    return {
        "kline": (KlineResponse, {n: kline(n) for n in (500, 1000, 5000)}),
        "orderbook": (OrderBookResponse, {n: book(n) for n in (500, 5000)}),
        "instruments": (InstrumentInfoResponse, {n: instruments(n) for n in (500, 5000)}),
    }


def run_market(plan: Plan) -> list[dict[str, Any]]:
    """µs per item (row, level a side, instrument) of json.loads, MODE_ENTITY and MODE_ARRAY.

    Timed as the parse section times cancel-all: one block per answer, the variants interleaved
    round by round, a timing covering many answers.
    """
    rows: list[dict[str, Any]] = []
    for name, (dto, texts) in market_texts().items():
        for size, text in texts.items():
            variants: dict[str, Call] = {
                "json.loads": _loads(text),
                "MODE_ENTITY": _market_handler(dto, text, EnumOutputMode.MODE_ENTITY),
                "MODE_ARRAY": _market_handler(dto, text, EnumOutputMode.MODE_ARRAY),
            }
            body = CurlResponseHandler(dto).handle(text, EnumOutputMode.MODE_ENTITY).getBody()
            if body.count() != (1 if name == "orderbook" else size):
                raise BenchError(f"{name}: parsed {body.count()} items of {size}")
            weight = 10 if name == "instruments" else 1  # an instrument is ~10 rows of JSON
            reps = max(1, plan.parse_items_per_timing // (size * weight))
            for warm in variants.values():
                for _ in range(max(1, reps // 4)):
                    warm()
            gc.collect()
            per_item: dict[str, list[float]] = {v: [] for v in variants}
            names = list(variants)
            deadline = time.monotonic() + plan.loop_budget_s
            rounds = 0
            while rounds < plan.parse_rounds and (rounds == 0 or time.monotonic() < deadline):
                shift = rounds % len(names)
                for variant in names[shift:] + names[:shift]:
                    call = variants[variant]
                    began = time.perf_counter_ns()
                    for _ in range(reps):
                        call()
                    per_item[variant].append((time.perf_counter_ns() - began) / 1000 / reps / size)
                rounds += 1
            loads = per_item["json.loads"]
            row: dict[str, Any] = {"answer": name, "items": size, "reps_per_timing": reps}
            row["rounds"] = rounds
            for variant, values in per_item.items():
                summary = spread(values, "us_per_item")
                summary["x_json_loads"] = statistics.median(
                    v / b for v, b in zip(values, loads, strict=True)
                )
                row[variant] = summary
            rows.append(row)
    return rows


def _market_handler(dto: type[Any], text: str, mode: int) -> Call:
    def call() -> None:
        _discard(CurlResponseHandler(dto).handle(text, mode))

    return call


def print_market(rows: list[dict[str, Any]]) -> None:
    print("\n== Parsing market data: µs per item (median [p10-p90], x json.loads) ==")
    variants = ("json.loads", "MODE_ENTITY", "MODE_ARRAY")
    print(f"   {'answer':<12}{'items':>6}" + "".join(f"{v:>26}" for v in variants))
    for row in rows:
        cells = []
        for variant in variants:
            s = row[variant]
            cells.append(
                f"{s['us_per_item_median']:.3f} [{s['us_per_item_p10']:.2f}-"
                f"{s['us_per_item_p90']:.2f}] {s['x_json_loads']:.2f}x"
            )
        print(f"   {row['answer']:<12}{row['items']:>6}" + "".join(f"{c:>26}" for c in cells))


def market_targets(rows: list[dict[str, Any]] | None) -> list[Target]:
    if rows is None:
        return [
            Target("market parse ≤ 3x json.loads", "SKIP", "market not run"),
            Target("market parse linear in items", "SKIP", "market not run"),
        ]
    by = {(r["answer"], r["items"]): r["MODE_ENTITY"] for r in rows}
    ratios = {name: by[(name, size)]["x_json_loads"] for name, size in MARKET_TARGET_SIZES.items()}
    detail = ", ".join(
        f"{name} {MARKET_TARGET_SIZES[name]}: {ratio:.2f}x" for name, ratio in ratios.items()
    )
    found = [
        Target(
            "market parse ≤ 3x json.loads",
            "PASS" if max(ratios.values()) <= 3.0 else "FAIL",
            detail,
        )
    ]
    growth = {}
    for name in MARKET_TARGET_SIZES:
        sizes = sorted(size for answer, size in by if answer == name)
        small, large = by[(name, sizes[0])], by[(name, sizes[-1])]
        growth[name] = large["us_per_item_median"] / small["us_per_item_median"]
    found.append(
        Target(
            "market parse linear in items",
            "PASS" if max(growth.values()) <= 1.3 else "FAIL",
            "µs/item at 5,000 over 500: "
            + ", ".join(f"{name} {g:.2f}x" for name, g in growth.items())
            + " (limit 1.3x)",
        )
    )
    return found


# --- report ---------------------------------------------------------------------------------


def machine() -> dict[str, Any]:
    model = ""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            for line in info:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    versions: dict[str, str | None] = {}
    for package in ("carpenstar_bybit", "requests", "urllib3", "cattrs", "attrs", "pybit"):
        try:
            versions[package] = importlib.metadata.version(package)
        except importlib.metadata.PackageNotFoundError:
            versions[package] = None
    return {
        "nproc": os.cpu_count(),
        "usable_cpus": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None,
        "cpu_model": model or platform.processor(),
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "versions": versions,
    }


def print_interleaved(title: str, result: Interleaved, reference: str | None = None) -> None:
    print(f"\n== {title} ==")
    note = " (stopped by the time cap)" if result.truncated else ""
    print(f"   {result.rounds} interleaved rounds in {result.seconds:.1f} s{note}")
    if reference:
        print(f"   ratio = median ÷ median of {reference}, same run")
    header = f"   {'client':<34}{'median µs':>10}{'p10':>8}{'p90':>8}{'CPU µs':>9}"
    print(header + ("   ratio" if reference else ""))
    for name, samples in result.samples.items():
        s = samples.summary()
        line = (
            f"   {name:<34}{s['wall_median']:>10.0f}{s['wall_p10']:>8.0f}{s['wall_p90']:>8.0f}"
            f"{s['cpu_median']:>9.0f}"
        )
        if reference:
            line += f"{result.ratio(name, reference):>8.2f}"
        print(line)


def print_threads(rows: list[dict[str, Any]]) -> None:
    print("\n== Threads sharing one BybitAPI (HTTP, kept-alive; cancels of seeded orders) ==")
    print(f"   {'threads':>7}{'calls':>7}{'calls/s':>10}{'median µs':>11}{'p90 µs':>9}"
          f"{'client CPU µs/call':>20}")  # fmt: skip
    for row in rows:
        print(
            f"   {row['threads']:>7}{row['calls']:>7}{row['calls_per_s']:>10.0f}"
            f"{row['wall_median']:>11.0f}{row['wall_p90']:>9.0f}"
            f"{row['client_cpu_us_per_call']:>20.0f}"
        )


def print_parse(rows: list[dict[str, Any]]) -> None:
    print("\n== Parsing cancel-all answers: µs per item (median [p10-p90], x json.loads) ==")
    print(f"   {'items':>6}" + "".join(f"{name:>26}" for name in PARSE_VARIANTS))
    for row in rows:
        cells = []
        for name in PARSE_VARIANTS:
            s = row[name]
            cells.append(
                f"{s['us_per_item_median']:.3f} [{s['us_per_item_p10']:.2f}-"
                f"{s['us_per_item_p90']:.2f}] {s['x_json_loads']:.2f}x"
            )
        print(f"   {row['items']:>6}" + "".join(f"{c:>26}" for c in cells))


@dataclass
class Target:
    name: str
    verdict: str  # PASS, FAIL or SKIP
    detail: str


def targets(results: dict[str, Any]) -> list[Target]:
    found: list[Target] = []
    keepalive: Interleaved | None = results.get("keepalive")
    if keepalive is None:
        found.append(Target("library ≤ floor (kept-alive)", "SKIP", "keepalive not run"))
        found.append(Target("library ≤ pybit (kept-alive)", "SKIP", "keepalive not run"))
    else:
        ratio = keepalive.ratio(LIB, FLOOR)
        found.append(
            Target(
                "library ≤ 0.9x floor (kept-alive)",
                "PASS" if ratio <= KEEPALIVE_TARGET else "FAIL",
                f"median {ratio:.2f}x the hand-written requests.Session().post",
            )
        )
        if PYBIT in keepalive.samples:
            ratio = keepalive.ratio(LIB, PYBIT)
            found.append(
                Target(
                    "library ≤ 0.9x pybit (kept-alive)",
                    "PASS" if ratio <= KEEPALIVE_TARGET else "FAIL",
                    f"median {ratio:.2f}x pybit's cancel_order",
                )
            )
        else:
            found.append(Target("library ≤ pybit (kept-alive)", "SKIP", "pybit not installed"))
    parse: list[dict[str, Any]] | None = results.get("parse")
    if parse is None:
        found.append(Target("entity parse ≤ 3x json.loads", "SKIP", "parse not run"))
        found.append(Target("entity parse linear in items", "SKIP", "parse not run"))
    else:
        worst = max(row["MODE_ENTITY"]["x_json_loads"] for row in parse)
        detail = ", ".join(f"{r['items']}: {r['MODE_ENTITY']['x_json_loads']:.2f}x" for r in parse)
        found.append(
            Target("entity parse ≤ 3x json.loads", "PASS" if worst <= 3.0 else "FAIL", detail)
        )
        per_item = {r["items"]: r["MODE_ENTITY"]["us_per_item_median"] for r in parse}
        growth = per_item[PARSE_SIZES[-1]] / per_item[PARSE_SIZES[-2]]
        found.append(
            Target(
                "entity parse linear in items",
                "PASS" if growth <= 1.5 else "FAIL",
                f"µs/item at {PARSE_SIZES[-1]} items is {growth:.2f}x that at "
                f"{PARSE_SIZES[-2]} (limit 1.5x)",
            )
        )
    found.extend(market_targets(results.get("market")))
    tls: Interleaved | None = results.get("tls")
    if tls is None:
        found.append(Target("TLS kept-alive ≥ 2x faster than new", "SKIP", results.get(
            "tls_skipped", "tls not run")))  # fmt: skip
    else:
        speedup = tls.ratio(f"{LIB} new connection", f"{LIB} kept-alive")
        found.append(
            Target(
                "TLS kept-alive ≥ 2x faster than new",
                "PASS" if speedup >= 2.0 else "FAIL",
                f"a new connection per call takes {speedup:.1f}x the kept-alive call",
            )
        )
    return found


# --- main -----------------------------------------------------------------------------------


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a short run (about 20 s)")
    parser.add_argument("--no-fail", action="store_true", help="exit 0 even when a target fails")
    parser.add_argument(
        "--only",
        default=",".join(SECTIONS),
        help=f"comma-separated sections to run (default: all of {','.join(SECTIONS)})",
    )
    parser.add_argument("--json", type=Path, default=DEFAULT_JSON, help="where to write results")
    parser.add_argument("--no-pybit", action="store_true", help="leave pybit out")
    parser.add_argument(
        "--profile",
        action="store_true",
        help="also profile the library's kept-alive cancels with pyinstrument "
        "(written next to the JSON as profile-keepalive.txt)",
    )
    args = parser.parse_args(argv)
    args.sections = [s.strip() for s in args.only.split(",") if s.strip()]
    unknown = set(args.sections) - set(SECTIONS)
    if unknown:
        parser.error(f"unknown sections: {', '.join(sorted(unknown))}")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    plan = Plan.quick() if args.quick else Plan.default()
    sections = set(args.sections)
    with_pybit = not args.no_pybit and pybit_version() is not None
    started = time.monotonic()
    info = machine()
    print(
        f"carpenstar_bybit benchmarks ({'quick' if args.quick else 'default'} run): "
        f"{info['nproc']} CPUs, {info['cpu_model']}, Python {info['python']}; "
        f"pybit {pybit_version() or 'not installed'}"
    )
    results: dict[str, Any] = {}
    report: dict[str, Any] = {
        "machine": info,
        "plan": plan.__dict__,
        "sections": sorted(sections),
        "gc_enabled": gc.isenabled(),
    }

    # Parsing first: its figures include CPython's cyclic GC, whose cost grows with the heap, so
    # they must not depend on which network sections ran before (see benchmarks/README.md).
    if "parse" in sections:
        results["parse"] = run_parse(plan)
        print_parse(results["parse"])
    if "market" in sections:
        results["market"] = run_market(plan)
        print_market(results["market"])

    network = sections & {"keepalive", "errors", "newconn", "threads"}
    if network or args.profile:
        with sandbox_process(http_sandbox(plan.orders_needed())) as server:
            print(f"HTTP sandbox (pid {server.process.pid}) at {server.base_url}")
            links = Links()
            if "keepalive" in sections:
                results["keepalive"] = run_keepalive(server.base_url, plan, links, with_pybit)
                print_interleaved(
                    "Cancel one order, kept-alive connection (HTTP loopback, success path)",
                    results["keepalive"],
                    FLOOR,
                )
            if "errors" in sections:
                results["errors"] = run_errors(server.base_url, plan, with_pybit)
                print_interleaved(
                    "Cancel an unknown order, kept-alive (retCode 110001, an exception in "
                    "the library and pybit)",
                    results["errors"],
                    FLOOR,
                )
            if "newconn" in sections:
                results["newconn"] = run_connections(
                    server.base_url, plan.newconn_rounds, plan, links, with_pybit
                )
                print_interleaved(
                    "Kept-alive against a new connection per call (HTTP loopback)",
                    results["newconn"],
                    f"{LIB} kept-alive",
                )
            if "threads" in sections:
                results["threads"] = run_threads(server.base_url, plan, links)
                print_threads(results["threads"])
            if args.profile:
                target = args.json.parent / "profile-keepalive.txt"
                calls = profile_keepalive(server.base_url, plan, links, target)
                print(f"\npyinstrument profile of {calls} kept-alive cancels: {target}")

    if "tls" in sections:
        with tempfile.TemporaryDirectory(prefix="carpenstar-bench-") as folder:
            made = make_certificate(Path(folder))
            if made is None:
                results["tls_skipped"] = "no openssl and no cryptography package"
                print("\n(TLS section skipped: no openssl and no cryptography package)")
            else:
                cert, keyfile = made
                bundle = ca_bundle(cert, Path(folder))
                argv_tls = tls_sandbox(cert, keyfile, plan.tls_orders_needed())
                with sandbox_process(argv_tls) as server:
                    print(f"\nHTTPS sandbox (pid {server.process.pid}) at {server.base_url}")
                    print(f"   verify = certifi's CA bundle plus the local certificate ({bundle})")
                    results["tls"] = run_connections(
                        server.base_url, plan.tls_rounds, plan, Links(), with_pybit, str(bundle)
                    )
                    print_interleaved(
                        "Kept-alive against a new connection per call (HTTPS loopback, "
                        "RSA-2048 certificate)",
                        results["tls"],
                        f"{LIB} kept-alive",
                    )

    if "flat" in sections:
        results["flat"] = flat.run_flat(args.quick, make_pybit if with_pybit else None)
        flat.print_flat(results["flat"])
    if "coldstart" in sections:
        results["coldstart"] = flat.run_coldstart(args.quick)
        flat.print_coldstart(results["coldstart"])
    if "warmup" in sections:
        with tempfile.TemporaryDirectory(prefix="carpenstar-bench-") as folder:
            made = make_certificate(Path(folder))
            if made is not None:
                cert, keyfile = made
                bundle = ca_bundle(cert, Path(folder))
                with sandbox_process(tls_sandbox(cert, keyfile, 0)) as server:
                    results["warmup"] = flat.run_warmup(server.base_url, str(bundle), args.quick)
                flat.print_warmup(results["warmup"])

    if "ws" in sections:
        results["ws"] = stream_bench.run_ws(args.quick, with_pybit)
        stream_bench.print_ws(results["ws"])

    verdicts = targets(results) + flat.targets(results, Target)
    verdicts += stream_bench.targets(results, Target)
    print("\n== Targets ==")
    for target in verdicts:
        print(f"   {target.verdict:<5} {target.name:<38} {target.detail}")

    for name in ("keepalive", "errors", "newconn", "tls"):
        if name in results:
            report[name] = results[name].as_json()
            if name in ("keepalive", "errors"):
                ratios: dict[str, float] = {}
                for other in (FLOOR, PYBIT):
                    if other in results[name].samples:
                        ratios[f"{LIB} / {other}"] = results[name].ratio(LIB, other)
                        ratios[f"{LIB} / {other} (paired)"] = results[name].paired_ratio(LIB, other)
                report[name]["ratios"] = ratios
            else:
                report[name]["new_over_kept_alive"] = {
                    client: results[name].ratio(f"{client} new connection", f"{client} kept-alive")
                    for client in (LIB, FLOOR, PYBIT)
                    if f"{client} kept-alive" in results[name].samples
                }
    for name in (
        "threads", "parse", "market", "tls_skipped", "flat", "coldstart", "warmup", "ws",
    ):  # fmt: skip
        if name in results:
            report[name] = results[name]
    report["targets"] = [t.__dict__ for t in verdicts]
    report["seconds"] = round(time.monotonic() - started, 1)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"\n{report['seconds']} s in all; results written to {args.json}")
    failed = [t for t in verdicts if t.verdict == "FAIL"]
    return 1 if failed and not args.no_fail else 0


if __name__ == "__main__":
    sys.exit(main())
