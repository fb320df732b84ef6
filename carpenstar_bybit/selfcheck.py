"""``python -m carpenstar_bybit selfcheck``: faults, bad input and load against an embedded sandbox.

Each part is bounded in count and time and talks to loopback only. The report gives the figures;
the exit code is 0 only when every check held.
"""

from __future__ import annotations

import contextlib
import gzip
import json
import logging
import random
import socket
import string
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, TextIO

from carpenstar_bybit._bybit_api import BybitAPI
from carpenstar_bybit.Core.Enums import EnumOutputMode
from carpenstar_bybit.Core.Exceptions import (
    ApiException,
    CarpenstarException,
    FailureKind,
    SDKException,
    TimeoutException,
    TransportException,
)
from carpenstar_bybit.Core.Response import CurlResponseHandler
from carpenstar_bybit.Core.Retry import RetryPolicy
from carpenstar_bybit.Derivatives.Contract.Order.CancelAllOrder import CancelAllOrder
from carpenstar_bybit.Derivatives.Contract.Order.CancelAllOrder.Overrides import (
    TestCancelAllOrder,
)
from carpenstar_bybit.Derivatives.Contract.Order.CancelAllOrder.Request import (
    CancelAllOrderRequest,
)
from carpenstar_bybit.Derivatives.Contract.Order.CancelAllOrder.Response import (
    CancelAllOrderResponse,
)
from carpenstar_bybit.Derivatives.Contract.Order.CancelOrder import CancelOrder
from carpenstar_bybit.Derivatives.Contract.Order.CancelOrder.Overrides import TestCancelOrder
from carpenstar_bybit.Derivatives.Contract.Order.CancelOrder.Request import CancelOrderRequest
from carpenstar_bybit.Derivatives.Contract.Order.CancelOrder.Response import CancelOrderResponse
from carpenstar_bybit.sandbox import Sandbox

KEY = "selfcheck-key"
SYMBOL = "BTCUSDT"
# A delayed request still runs on the server after the client gave up on it; the hung-server check
# and the load check use symbols of their own, so such a late cancel-all cannot touch their orders.
HUNG_SYMBOL = "ETHUSDT"
LOAD_SYMBOL = "SOLUSDT"

# -- faults -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FaultScenario:
    """One fault injected into the sandbox, and how the call must end."""

    name: str
    kind: str
    params: dict[str, Any]
    times: int | None
    path: str
    expect: type[BaseException] | None  # None: the call succeeds after retries
    code: int | None = None  # the exception's getCode(), when it matters
    uncertain: bool = False
    max_seconds: float = 10.0
    read_timeout: float = 5.0  # generous, so a loaded machine does not turn a retry into a timeout
    symbol: str = SYMBOL


CANCEL = "/v5/order/cancel"
CANCEL_ALL = "/v5/order/cancel-all"

FAULT_SCENARIOS: tuple[FaultScenario, ...] = (
    FaultScenario(
        "hung server",
        "delay",
        {"seconds": 3},
        None,
        CANCEL_ALL,
        TimeoutException,
        read_timeout=1.0,
        symbol=HUNG_SYMBOL,
    ),
    FaultScenario("one dropped connection", "drop", {}, 1, CANCEL_ALL, None),
    FaultScenario("every connection dropped", "drop", {}, None, CANCEL_ALL, TransportException),
    FaultScenario(
        "cancelled, then the answer was lost",
        "drop",
        {"process": True},
        1,
        CANCEL,
        ApiException,
        code=110001,
        uncertain=True,
    ),
    FaultScenario("one 502 HTML page", "http_502", {}, 1, CANCEL_ALL, None),
    FaultScenario("two 503 HTML pages", "http_503", {}, 2, CANCEL_ALL, None),
    FaultScenario("504 for good", "http_504", {}, None, CANCEL_ALL, ApiException, code=504),
    FaultScenario("403 ban page", "http_403", {}, None, CANCEL_ALL, ApiException, code=403),
    FaultScenario("truncated JSON", "truncated_json", {}, 1, CANCEL_ALL, ApiException, code=200),
    FaultScenario("HTTP 429", "http_429", {"reset_ms": 150}, 1, CANCEL_ALL, None),
    FaultScenario("clock 30 s ahead", "clock_offset", {"ms": 30_000}, None, CANCEL_ALL, None),
    FaultScenario("clock 30 s behind", "clock_offset", {"ms": -30_000}, None, CANCEL_ALL, None),
    FaultScenario("redirect", "redirect", {}, None, CANCEL_ALL, ApiException, code=302),
)


@dataclass
class FaultOutcome:
    scenario: FaultScenario
    ok: bool
    seconds: float
    detail: str


def _client(sandbox: Sandbox, secret: str, read_timeout: float) -> BybitAPI:
    policy = RetryPolicy(max_attempts=3, total_time=8.0, backoff_base=0.05, backoff_max=0.2)
    return BybitAPI(sandbox.base_url, KEY, secret, retry=policy, timeout=(2.0, read_timeout))


def run_fault(sandbox: Sandbox, secret: str, scenario: FaultScenario) -> FaultOutcome:
    """Inject the fault, make one call, and say whether it ended as the scenario expects."""
    sandbox.reset()
    symbol = scenario.symbol
    order = sandbox.seed_orders(KEY, "linear", symbol, count=3)[0]
    if scenario.kind == "clock_offset":
        sandbox.clock_offset_ms = int(scenario.params["ms"])
    else:
        sandbox.set_fault(
            scenario.kind, times=scenario.times, path=scenario.path, **scenario.params
        )
    started = time.monotonic()
    raised: BaseException | None = None
    try:
        with _client(sandbox, secret, scenario.read_timeout) as api:
            if scenario.path == CANCEL:
                request = CancelOrderRequest().setSymbol(symbol).setOrderId(order["orderId"])
                api.rest(CancelOrder, request)
            else:
                api.rest(CancelAllOrder, CancelAllOrderRequest().setSymbol(symbol))
    except Exception as exc:  # noqa: BLE001  # judged below: only library exceptions may end a call
        raised = exc
    finally:
        sandbox.clear_faults()
        sandbox.clock_offset_ms = 0
    seconds = time.monotonic() - started
    ok, detail = _judge(scenario, raised)
    if seconds > scenario.max_seconds:
        ok, detail = False, f"took {seconds:.1f} s"
    return FaultOutcome(scenario, ok, seconds, detail)


def _judge(scenario: FaultScenario, raised: BaseException | None) -> tuple[bool, str]:
    if raised is None:
        if scenario.expect is None:
            return True, "succeeded after retry"
        return False, f"expected {scenario.expect.__name__}, the call succeeded"
    name = type(raised).__name__
    if scenario.expect is None:
        return False, f"expected success, got {name}: {raised}"
    if not isinstance(raised, scenario.expect):
        return False, f"expected {scenario.expect.__name__}, got {name}: {raised}"
    code = raised.getCode() if isinstance(raised, CarpenstarException) else None
    if scenario.code is not None and code != scenario.code:
        return False, f"expected code {scenario.code}, got {code}"
    if scenario.uncertain and not getattr(raised, "uncertain", False):
        return False, "the error does not say an earlier attempt may have cancelled"
    return True, f"{name} {getattr(raised, 'code', '')}".strip()


# -- fuzz ---------------------------------------------------------------------------------------

_ALPHABET = string.ascii_letters + string.digits + "-_ /.:\x00\x1f\x7fé€"


def _random_value(rng: random.Random) -> Any:
    pick = rng.randrange(9)
    if pick == 0:
        return rng.choice(["BTCUSDT", "ETHUSD", "BTC-27DEC24", "USDT", "BTC", "linear", "spot"])
    if pick == 1:
        return rng.choice(["option", "inverse", "Order", "StopOrder", "tpslOrder", "Stop", "USDC"])
    if pick == 2:
        return "".join(rng.choice(_ALPHABET) for _ in range(rng.randrange(0, 70)))
    if pick == 3:
        return "".join(rng.choice(string.ascii_uppercase) for _ in range(rng.randrange(1, 12)))
    if pick == 4:
        return rng.randrange(-(10**20), 10**20)
    if pick == 5:
        return rng.choice([None, True, 1.5, [], {}, b"BTC"])
    if pick == 6:
        return "".join(rng.choice(string.ascii_lowercase) for _ in range(rng.randrange(1, 10)))
    if pick == 7:
        return rng.choice(["", " ", "\n", "BTCUSDT\r\n", "A" * 40])
    return str(rng.randrange(10**12))


# Read from the declarations, so a new request field is fuzzed without being listed here.
CANCEL_SETTERS = tuple(p.setter for p in CancelOrder.DECLARATION.params)
CANCEL_ALL_SETTERS = tuple(p.setter for p in CancelAllOrder.DECLARATION.params)


@dataclass
class FuzzReport:
    requests_tried: int = 0
    refused: int = 0  # SDKException (or SDKTypeError) before any I/O
    sent: int = 0
    bad_signatures: int = 0
    bodies_tried: int = 0
    escaped: list[str] = field(default_factory=list)


# Plausible values per setter, so that many random requests pass validation and reach the wire.
PLAUSIBLE: dict[str, tuple[Any, ...]] = {
    "setCategory": ("linear", "inverse", "spot", "option"),
    "setSymbol": ("BTCUSDT", "ETHUSD", "BTC-27DEC24", "SOLUSDC", "BTCUSDZ24", "XRPPERP"),
    "setOrderId": ("1616024329462743808", "c6f055d9-7f21-4079-913d-e6523a9cfffa", 12345),
    "setOrderLinkId": ("link-1", "bot_7", 99),
    "setOrderFilter": ("Order", "StopOrder", "tpslOrder", "OpenOrder"),
    "setBaseCoin": ("BTC", "ETH"),
    "setSettleCoin": ("USDT", "USDC", "BTC"),
    "setStopOrderType": ("Stop",),
}


def random_request(rng: random.Random) -> CancelOrderRequest | CancelAllOrderRequest:
    """A request built from random values; raises SDKException when a setter refuses one."""
    cancel = rng.random() < 0.5
    request: CancelOrderRequest | CancelAllOrderRequest = (
        CancelOrderRequest() if cancel else CancelAllOrderRequest()
    )
    setters = CANCEL_SETTERS if cancel else CANCEL_ALL_SETTERS
    for name in rng.sample(setters, rng.randrange(0, len(setters) + 1)):
        plausible = rng.random() < 0.8
        value = rng.choice(PLAUSIBLE[name]) if plausible else _random_value(rng)
        getattr(request, name)(value)
    return request


def random_body(rng: random.Random) -> bytes:
    """A response body that may be anything: JSON of odd shapes, truncated, or noise."""
    pick = rng.randrange(7)
    values: list[Any] = [None, True, 0, -1, 1.5, "x", [], {}, [{}], {"orderId": []}]
    if pick == 0:
        return bytes(rng.randrange(256) for _ in range(rng.randrange(0, 200)))
    if pick == 1:
        return json.dumps(rng.choice(values)).encode()
    envelope: dict[str, Any] = {
        "retCode": rng.choice([0, 0, 0, 10001, "0", None, True, 1.0]),
        "retMsg": rng.choice(["OK", None, 5]),
        "result": rng.choice(
            [
                {"list": [rng.choice(values) for _ in range(rng.randrange(0, 5))]},
                {"list": rng.choice(values)},
                {"orderId": rng.choice(values), "orderLinkId": rng.choice(values)},
                rng.choice(values),
            ]
        ),
        "time": rng.choice([1707381118116, "x", None, -5, 10**30]),
        "retExtInfo": rng.choice(values),
    }
    text = json.dumps(envelope).encode()
    if pick == 2:
        return text[: rng.randrange(0, len(text) + 1)]
    if pick == 3:
        big = {"retCode": 0, "result": {"list": [{"orderId": str(i)} for i in range(20_000)]}}
        return json.dumps(big).encode()
    if pick == 4:
        return b"[" * 50_000 + b"]" * 50_000
    return text


def parse_everywhere(body: bytes) -> list[Exception]:
    """Parse a body with every response DTO, output mode and Overrides endpoint; return what
    escaped other than the library's own exceptions."""
    escaped: list[Exception] = []
    for dto, override in (
        (CancelOrderResponse, TestCancelOrder),
        (CancelAllOrderResponse, TestCancelAllOrder),
    ):
        for mode in EnumOutputMode.ALL:
            try:
                CurlResponseHandler(dto).handle(body, mode).getTime()
            except CarpenstarException:
                pass
            except Exception as exc:  # noqa: BLE001  # anything else is a finding
                escaped.append(exc)
            try:
                override().execute(mode, body).getTime()
            except CarpenstarException:
                pass
            except Exception as exc:  # noqa: BLE001  # anything else is a finding
                escaped.append(exc)
    return escaped


def run_fuzz(sandbox: Sandbox, secret: str, count: int, seed: int = 0) -> FuzzReport:
    rng = random.Random(seed)  # noqa: S311  # a repeatable fuzz run, not cryptography
    report = FuzzReport()
    with BybitAPI(sandbox.base_url, KEY, secret, retry=RetryPolicy.off()) as api:
        for _ in range(count):
            report.requests_tried += 1
            try:
                request = random_request(rng)
                try:
                    request.validate()
                except SDKException:
                    report.refused += 1
                    continue
                report.sent += 1
                if isinstance(request, CancelOrderRequest):
                    api.rest(CancelOrder, request)
                else:
                    api.rest(CancelAllOrder, request)
            except SDKException:
                report.refused += 1
            except ApiException as exc:
                if exc.getCode() == 10004:
                    report.bad_signatures += 1
            except Exception as exc:  # noqa: BLE001  # anything else is a finding
                report.escaped.append(f"request: {type(exc).__name__}: {exc}")
    for _ in range(max(1, count // 4)):
        report.bodies_tried += 1
        report.escaped.extend(
            f"body: {type(exc).__name__}: {exc}" for exc in parse_everywhere(random_body(rng))
        )
    return report


# -- load ---------------------------------------------------------------------------------------


@dataclass
class LoadReport:
    threads: int
    requests: int = 0
    matched: int = 0
    lost: int = 0
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0


def run_load(sandbox: Sandbox, secret: str, threads: int, per_thread: int) -> LoadReport:
    """Threads share one BybitAPI and cancel distinct orders; every answer must match its order."""
    sandbox.reset()
    orders = sandbox.seed_orders(KEY, "linear", LOAD_SYMBOL, count=threads * per_thread)
    report = LoadReport(threads=threads)
    lock = threading.Lock()

    def worker(offset: int, api: BybitAPI) -> None:
        for n in range(offset, len(orders), threads):
            wanted = orders[n]["orderId"]
            try:
                request = CancelOrderRequest().setSymbol(LOAD_SYMBOL).setOrderId(wanted)
                item = api.rest(CancelOrder, request).getBody().fetch()
                got = item.getOrderId() if isinstance(item, CancelOrderResponse) else None
                with lock:
                    report.requests += 1
                    report.matched += got == wanted
            except Exception as exc:  # noqa: BLE001  # counted and reported, not raised in a thread
                with lock:
                    report.requests += 1
                    report.errors.append(f"{type(exc).__name__}: {exc}")

    started = time.monotonic()
    with BybitAPI(sandbox.base_url, KEY, secret, pool_size=threads) as api:
        pool = [threading.Thread(target=worker, args=(i, api)) for i in range(threads)]
        for thread in pool:
            thread.start()
        for thread in pool:
            thread.join(timeout=60)
    report.seconds = time.monotonic() - started
    report.lost = sandbox.open_count(KEY)
    return report


# -- secrets ------------------------------------------------------------------------------------


class _Recorder(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))


@contextmanager
def recording_logs() -> Iterator[_Recorder]:
    logger = logging.getLogger("carpenstar_bybit")
    recorder = _Recorder()
    old_level = logger.level
    logger.addHandler(recorder)
    logger.setLevel(logging.DEBUG)
    try:
        yield recorder
    finally:
        logger.removeHandler(recorder)
        logger.setLevel(old_level)


# -- the report ---------------------------------------------------------------------------------


# -- a hostile wire: raw-socket servers that break HTTP itself -------------------------------------

_GOOD = b'{"retCode":0,"retMsg":"OK","result":{"list":[],"success":"1"},"time":1}'


def _raw_answer(body: bytes, *headers: str) -> bytes:
    head = ["HTTP/1.1 200 OK", "Content-Type: application/json", *headers]
    if not any(h.lower().startswith(("content-length", "transfer-encoding")) for h in headers):
        head.append(f"Content-Length: {len(body)}")
    return ("\r\n".join(head) + "\r\n\r\n").encode() + body


@dataclass(frozen=True)
class WireFault:
    """A server that answers its first connection with ``script``, later ones properly."""

    name: str
    script: Callable[[socket.socket], None]
    expect: FailureKind | None  # None: the call succeeds
    total_time: float = 5.0
    max_body: int = 16 * 1024 * 1024
    # The next call must come on a new connection. Not so for a bomb that arrived whole: its
    # connection is clean, and urllib3 may keep it.
    reconnect: bool = True


def _drip(data: bytes) -> Callable[[socket.socket], None]:
    def script(sock: socket.socket) -> None:
        for i in range(len(data)):
            sock.sendall(data[i : i + 1])
            time.sleep(0.5)

    return script


WIRE_FAULTS: tuple[WireFault, ...] = (
    WireFault(
        "two different Content-Length values",
        lambda s: s.sendall(
            _raw_answer(_GOOD[:10], "Content-Length: 10", f"Content-Length: {len(_GOOD)}")
        ),
        FailureKind.MALFORMED,
    ),
    WireFault(
        "negative Content-Length",
        lambda s: s.sendall(_raw_answer(_GOOD, "Content-Length: -1")),
        FailureKind.MALFORMED,
    ),
    WireFault(
        "bad chunk size",
        lambda s: s.sendall(_raw_answer(b"-5\r\n" + _GOOD, "Transfer-Encoding: chunked")),
        FailureKind.MALFORMED,
    ),
    WireFault(
        "gzip bomb",
        lambda s: s.sendall(
            _raw_answer(gzip.compress(b"\0" * (4 * 1024 * 1024)), "Content-Encoding: gzip")
        ),
        FailureKind.TOO_LARGE,
        max_body=1024 * 1024,
        reconnect=False,
    ),
    WireFault(
        "multi-member gzip",
        lambda s: s.sendall(
            _raw_answer(
                gzip.compress(_GOOD[:9]) + gzip.compress(_GOOD[9:]), "Content-Encoding: gzip"
            )
        ),
        None,
    ),
    WireFault("slow-drip head", _drip(_raw_answer(_GOOD)), FailureKind.DEADLINE, total_time=1.0),
)


def run_wire_fault(fault: WireFault) -> FaultOutcome:
    """Serve the fault on a loopback socket for one call (and one more, to prove the bad
    connection was not reused); the server stops by itself."""
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0.05)
    url = f"http://127.0.0.1:{listener.getsockname()[1]}"
    stop = threading.Event()
    accepted: list[socket.socket] = []

    def handle(sock: socket.socket, first: bool) -> None:
        with contextlib.suppress(OSError), sock:
            sock.settimeout(10)
            while not stop.is_set():
                data = b""
                while b"\r\n\r\n" not in data:
                    chunk = sock.recv(65536)
                    if not chunk:
                        return
                    data += chunk
                if first:
                    fault.script(sock)
                else:
                    sock.sendall(_raw_answer(_GOOD))

    def serve() -> None:
        deadline = time.monotonic() + 15
        while not stop.is_set() and time.monotonic() < deadline:
            try:
                sock, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            accepted.append(sock)
            threading.Thread(target=handle, args=(sock, len(accepted) == 1), daemon=True).start()

    server = threading.Thread(target=serve, daemon=True)
    server.start()
    scenario = FaultScenario(fault.name, "wire", {}, 1, CANCEL_ALL, None)
    policy = RetryPolicy(max_attempts=1, total_time=fault.total_time)
    started = time.monotonic()
    detail = ""
    ok = False
    try:
        with BybitAPI(url, KEY, "wire-secret", retry=policy, max_body=fault.max_body) as api:
            request = CancelAllOrderRequest().setSettleCoin("USDT")
            try:
                api.rest(CancelAllOrder, request)
            except TransportException as exc:
                ok = exc.kind is fault.expect
                detail = f"{exc.kind.name}: {exc}"
            else:
                ok = fault.expect is None
                detail = "succeeded"
            took = time.monotonic() - started
            if ok and fault.expect is not None and fault.reconnect:
                api.rest(CancelAllOrder, request)  # must come on a new connection
                ok = len(accepted) == 2
                if not ok:
                    detail += "; the bad connection was reused"
            if took > fault.total_time + 1:
                ok = False
                detail += f"; took {took:.1f} s, over total_time + 1 s"
    except CarpenstarException as exc:
        ok, detail = False, f"unexpected {type(exc).__name__}: {exc}"
    finally:
        stop.set()
        listener.close()
        for sock in accepted:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
        server.join(timeout=2)
    if not ok and fault.expect is not None and "expected" not in detail:
        detail = f"expected {fault.expect.name}, got {detail}"
    return FaultOutcome(scenario, ok, time.monotonic() - started, detail)


def run_selfcheck(
    out: TextIO,
    *,
    fuzz_count: int = 1500,
    threads: int = 8,
    per_thread: int = 150,
    scenarios: tuple[FaultScenario, ...] = FAULT_SCENARIOS,
    wire_faults: tuple[WireFault, ...] = WIRE_FAULTS,
) -> int:
    secret = "selfcheck-" + "".join(random.SystemRandom().choices(string.ascii_letters, k=24))
    failures: list[str] = []
    texts: list[str] = []
    with recording_logs() as logs, Sandbox(keys={KEY: secret}, rate_limit=None) as sandbox:
        out.write(f"carpenstar_bybit selfcheck against a sandbox on {sandbox.base_url}\n")

        started = time.monotonic()
        outcomes = [run_fault(sandbox, secret, s) for s in scenarios]
        survived = sum(o.ok for o in outcomes)
        slowest = max((o.seconds for o in outcomes), default=0.0)
        out.write(
            f"faults   {len(outcomes)} injected, {survived} ended as expected "
            f"(slowest {slowest:.2f} s, all in {time.monotonic() - started:.1f} s)\n"
        )
        for outcome in outcomes:
            if not outcome.ok:
                failures.append(f"fault '{outcome.scenario.name}': {outcome.detail}")
            texts.append(outcome.detail)

        started = time.monotonic()
        wire = [run_wire_fault(f) for f in wire_faults]
        out.write(
            f"wire     {len(wire)} hostile answers, {sum(o.ok for o in wire)} ended as expected "
            f"(all in {time.monotonic() - started:.1f} s)\n"
        )
        for outcome in wire:
            if not outcome.ok:
                failures.append(f"wire '{outcome.scenario.name}': {outcome.detail}")
            texts.append(outcome.detail)

        fuzz = run_fuzz(sandbox, secret, fuzz_count)
        out.write(
            f"fuzz     {fuzz.requests_tried} random requests: {fuzz.refused} refused before I/O, "
            f"{fuzz.sent} sent, {fuzz.bad_signatures} bad signatures; "
            f"{fuzz.bodies_tried} random bodies parsed; {len(fuzz.escaped)} escaped\n"
        )
        if fuzz.bad_signatures:
            failures.append(f"fuzz: {fuzz.bad_signatures} requests failed the signature check")
        failures.extend(f"fuzz: {e}" for e in fuzz.escaped[:5])
        texts.extend(fuzz.escaped)

        load = run_load(sandbox, secret, threads, per_thread)
        signature_failures = sandbox.stats().get("signature_failures", 0)
        rate = load.requests / load.seconds if load.seconds else 0.0
        out.write(
            f"load     {load.requests} requests from {load.threads} threads sharing one BybitAPI: "
            f"{load.matched} matched, {signature_failures} bad signatures, lost = {load.lost}, "
            f"{rate:.0f} req/s\n"
        )
        if load.matched != threads * per_thread or load.lost or signature_failures:
            failures.append(
                f"load: {load.matched} of {threads * per_thread} matched, lost {load.lost}, "
                f"{signature_failures} bad signatures, {len(load.errors)} errors"
            )
        texts.extend(load.errors)

    leaks = sum(secret in line for line in logs.lines + texts)
    out.write(f"secrets  {leaks} leaks in {len(logs.lines)} log lines and {len(texts)} messages\n")
    if leaks:
        failures.append(f"secrets: the secret appeared {leaks} times")
    for failure in failures:
        out.write(f"FAIL     {failure}\n")
    out.write("result   " + ("PASS\n" if not failures else f"FAIL ({len(failures)})\n"))
    return 0 if not failures else 1


__all__ = [
    "FAULT_SCENARIOS",
    "WIRE_FAULTS",
    "FaultScenario",
    "WireFault",
    "parse_everywhere",
    "random_body",
    "random_request",
    "run_fault",
    "run_fuzz",
    "run_load",
    "run_selfcheck",
    "run_wire_fault",
]
