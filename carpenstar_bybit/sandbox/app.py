"""The sandbox application: turns one parsed HTTP request into one reply (no sockets here)."""

from __future__ import annotations

import json
import threading
import time
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs

from . import htx
from .auth import ERR_SIGN, ERR_TOO_MANY, RateLimiter, RateVerdict, authenticate
from .batch import WithOutcomes, batch
from .exchange import ERR_PARAMS, ApiError, Exchange
from .faults import HTML_KINDS, Fault, FaultBook
from .market_routes import MarketRoutes
from .positions import Positions
from .streams import StreamHub, StreamOptions

JSON_TYPE = "application/json"
HTML_TYPE = "text/html; charset=utf-8"

Header = tuple[str, str]

ERR_PERMISSION = 10005
# Bybit took the leverage-token service offline on 4 July 2025: its paths are no longer routed.
# The sandbox answers them as a path the gateway does not route (V5 error table: 10017 "Route
# not found", HTTP 404); what the live API answers there was not observed from here.
RETIRED_PATHS = frozenset(
    f"/v5/spot-lever-token/{name}"
    for name in ("info", "reference", "purchase", "redeem", "order-record")
)
ERR_ROUTE_NOT_FOUND = 10017
MSG_PERMISSION = "Permission denied, please check your API key permissions."

_SIGNATURE_CODES = frozenset({ERR_SIGN, htx.ERR_SIGNATURE})
_TOO_MANY_CODES = frozenset({ERR_TOO_MANY, htx.ERR_TOO_MANY})


@dataclass(slots=True)
class Reply:
    status: int
    body: bytes = b""
    content_type: str = JSON_TYPE
    headers: list[Header] = field(default_factory=list)
    ret_code: int | None = None
    drop: bool = False  # close the connection without answering
    close: bool = False  # answer, then close the connection


class Stats:
    """Counters for tests; every method is thread-safe."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.clear()

    def clear(self) -> None:
        with self._lock:
            self._requests = 0
            self._connections = 0
            self._signature_failures = 0
            self._rate_limited = 0
            self._paths: Counter[str] = Counter()
            self._ret_codes: Counter[int] = Counter()
            self._statuses: Counter[int] = Counter()
            self._faults: Counter[str] = Counter()

    def connection(self) -> None:
        with self._lock:
            self._connections += 1

    def request(self, path: str) -> None:
        with self._lock:
            self._requests += 1
            self._paths[path] += 1

    def reply(self, reply: Reply) -> None:
        with self._lock:
            if reply.drop:
                self._statuses[0] += 1  # 0: no answer at all
                return
            self._statuses[reply.status] += 1
            if reply.ret_code is not None:
                self._ret_codes[reply.ret_code] += 1
            if reply.ret_code in _SIGNATURE_CODES:
                self._signature_failures += 1
            elif reply.ret_code in _TOO_MANY_CODES:
                self._rate_limited += 1

    def fault(self, kind: str) -> None:
        with self._lock:
            self._faults[kind] += 1

    def snapshot(self) -> dict[str, Any]:
        with self._lock:
            return {
                "requests": self._requests,
                "connections": self._connections,
                "by_path": dict(self._paths),
                "by_ret_code": dict(self._ret_codes),
                "by_http_status": dict(self._statuses),
                "signature_failures": self._signature_failures,
                "rate_limited": self._rate_limited,
                "faults": dict(self._faults),
            }


Action = Callable[[str, Mapping[str, object], int], object]


@dataclass(frozen=True, slots=True)
class Route:
    method: str
    action: Action | None  # None: the public time endpoint
    public: bool = False  # /v5/market/*: no signature, no per-key limit


def _json(data: object) -> bytes:
    return json.dumps(data, separators=(",", ":")).encode()


def _html_page(status: int, title: str, text: str) -> bytes:
    # Shaped like the nginx/CloudFront pages a client meets in front of the real API.
    return (
        f"<html>\r\n<head><title>{status} {title}</title></head>\r\n<body>\r\n"
        f"<center><h1>{status} {title}</h1></center>\r\n<p>{text}</p>\r\n"
        "<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n"
    ).encode()


_HTML_PAGES: dict[int, tuple[str, str]] = {
    403: ("Forbidden", "Access denied: your IP has been banned for exceeding the request limit."),
    502: ("Bad Gateway", "The upstream server sent an invalid response."),
    503: ("Service Temporarily Unavailable", "The service is under maintenance."),
    504: ("Gateway Time-out", "The upstream server did not answer in time."),
}


class SandboxApp:
    """Shared state of one sandbox and the request pipeline:
    faults -> routing -> auth -> rate limit -> body parsing -> endpoint."""

    def __init__(
        self,
        keys: Mapping[str, str],
        rate_limit: int | str | None,
        seed: int | None,
        htx_rate_limit: int | None = htx.DEFAULT_RATE_LIMIT,
    ) -> None:
        self._keys_lock = threading.Lock()
        # Copy-on-write: request threads read the current dict without locking.
        # HTX access keys live here too: an access key is just a key.
        self._keys: dict[str, str] = dict(keys)
        self.exchange = Exchange(seed)
        self.positions = Positions(self.exchange.market)
        self.limiter = RateLimiter(rate_limit)
        self.htx = htx.HtxExchange()
        self.htx_limiter = RateLimiter(htx_rate_limit, window_ms=htx.WINDOW_MS)
        self.faults = FaultBook()
        self.stats = Stats()
        self.clock_offset_ms = 0
        self.delay_s = 0.0  # added to every answer: a round trip to a distant exchange
        # API key -> the categories it may trade (absent: all); others answer 10005.
        self._categories: dict[str, frozenset[str]] = {}
        self.stopping = threading.Event()  # set by stop(): cuts delays short
        self._routes: dict[str, Route] = {
            "/v5/market/time": Route("GET", None),
            "/v5/order/create": Route("POST", self.exchange.create),
            "/v5/order/amend": Route("POST", self.exchange.amend),
            "/v5/order/history": Route("GET", self.exchange.history),
            "/v5/order/cancel": Route("POST", lambda k, p, _: self.exchange.cancel(k, p)),
            "/v5/order/cancel-all": Route("POST", lambda k, p, _: self.exchange.cancel_all(k, p)),
            "/v5/order/realtime": Route("GET", lambda k, p, _: self.exchange.realtime(k, p)),
            "/v5/order/create-batch": Route("POST", batch(self.exchange.create, stamped=True)),
            "/v5/order/amend-batch": Route("POST", batch(self.exchange.amend, stamped=False)),
            "/v5/order/cancel-batch": Route(
                "POST", batch(lambda k, p, _: self.exchange.cancel(k, p), stamped=False)
            ),
            # positions and the account (sandbox/positions.py), fed by the market's fills
            "/v5/position/list": Route("GET", lambda k, p, _: self.positions.position_list(k, p)),
            "/v5/position/set-leverage": Route("POST", self.positions.set_leverage),
            "/v5/position/set-risk-limit": Route(
                "POST", lambda k, p, _: self.positions.set_risk_limit(k, p)
            ),
            "/v5/position/trading-stop": Route("POST", self.positions.trading_stop),
            "/v5/position/switch-isolated": Route(
                "POST", lambda k, p, _: self.positions.switch_isolated(k, p)
            ),
            "/v5/position/switch-mode": Route(
                "POST", lambda k, p, _: self.positions.switch_mode(k, p)
            ),
            "/v5/position/set-tpsl-mode": Route(
                "POST", lambda k, p, _: self.positions.set_tpsl_mode(k, p)
            ),
            "/v5/position/set-auto-add-margin": Route("POST", self.positions.auto_add_margin),
            "/v5/position/closed-pnl": Route("GET", self.positions.closed_pnl),
            "/v5/execution/list": Route("GET", self.positions.execution_list),
            "/v5/account/wallet-balance": Route(
                "GET", lambda k, p, _: self.positions.wallet_balance(k, p)
            ),
            "/v5/account/fee-rate": Route("GET", lambda k, p, _: self.positions.fee_rate(k, p)),
        }
        for market_path, action in MarketRoutes(self.exchange.market).routes().items():
            self._routes[market_path] = Route("GET", action, public=True)
        # The WebSocket streams read and follow the same state (sandbox/streams.py).
        self.streams = StreamHub(
            self.exchange.market,
            self.positions,
            lambda: self._keys,
            self.now_ms,
            StreamOptions(),
            self.execute,
        )
        self.exchange.market.listen_prices(self.streams.on_price)
        self.exchange.market.listen(self.streams.on_fill)
        self.exchange.listen_orders(self.streams.on_orders)
        self.positions.listen_executions(self.streams.on_execution)

    # keys and clocks

    def add_key(self, api_key: str, secret: str) -> None:
        with self._keys_lock:
            self._keys = {**self._keys, api_key: secret}

    def set_categories(self, api_key: str, categories: frozenset[str] | None) -> None:
        with self._keys_lock:
            updated = dict(self._categories)
            if categories is None:
                updated.pop(api_key, None)
            else:
                updated[api_key] = categories
            self._categories = updated

    def has_key(self, api_key: str) -> bool:
        return api_key in self._keys

    def now_ns(self) -> int:
        """The server clock, shifted by the clock_offset fault."""
        return time.time_ns() + self.clock_offset_ms * 1_000_000

    def now_ms(self) -> int:
        return self.now_ns() // 1_000_000

    # the pipeline

    def handle(self, method: str, target: str, headers: Mapping[str, str], body: bytes) -> Reply:
        """Answer one request. `headers` has lowercase names; `body` is the raw request body."""
        path, _, query = target.partition("?")
        self.stats.request(path)
        fault = self.faults.take(path)
        if fault is None:
            reply = self._route(method, path, query, headers, body)
        else:
            self.stats.fault(fault.kind)
            reply = self._faulty(fault, method, path, query, headers, body)
        self.stats.reply(reply)
        delay = self.delay_s
        if delay > 0 and not reply.drop:
            # The answer's trip back: the exchange has acted; the client waits for the news.
            self.stopping.wait(delay)
        return reply

    def upgrade_fault(self, path: str) -> Reply | None:
        """A WebSocket upgrade meets the faults of its path as a REST request would: the answer
        that replaces the 101 (an HTML 502, a 429...), a drop, or None to go on."""
        self.stats.request(path)
        fault = self.faults.take(path)
        if fault is None:
            return None
        self.stats.fault(fault.kind)
        if fault.kind == "delay":
            return Reply(0, drop=True) if self.stopping.wait(fault.seconds) else None
        if fault.kind == "truncated_json":
            return None  # nothing to cut: the handshake has no JSON body
        reply = self._faulty(fault, "GET", path, "", {}, b"")
        self.stats.reply(reply)
        return reply

    def error_reply(
        self, target: str, status: int, ret_code: int, message: str, *, close: bool = True
    ) -> Reply:
        """A JSON error for a request the handler could not take in (bad framing, huge body).

        `close`: close the connection after it (when the rest of the request was not read).
        """
        path = target.partition("?")[0]
        self.stats.request(path)
        product = htx.HTX_PATHS.get(path)
        if product is not None:
            peek = self.htx_limiter.peek("", path, self._real_ms())
            code = htx.ERR_INPUT if ret_code == ERR_PARAMS else ret_code
            reply = self._htx_reply(product, status, code, message, None, peek)
        else:
            peek = self.limiter.peek("", path, self._real_ms())
            reply = self._json_reply(status, ret_code, message, {}, peek)
        reply.close = close
        self.stats.reply(reply)
        return reply

    def _faulty(
        self,
        fault: Fault,
        method: str,
        path: str,
        query: str,
        headers: Mapping[str, str],
        body: bytes,
    ) -> Reply:
        kind = fault.kind
        if kind == "delay":
            if self.stopping.wait(fault.seconds):
                return Reply(0, drop=True)
            return self._route(method, path, query, headers, body)
        if kind == "drop":
            if fault.process:  # the exchange acts, the answer is lost
                self._route(method, path, query, headers, body)
            return Reply(0, drop=True)
        if kind == "truncated_json":
            reply = self._route(method, path, query, headers, body)
            reply.body = reply.body[: len(reply.body) // 2]
            return reply
        if kind == "bend":
            if fault.body is not None:
                return Reply(200, fault.body)
            reply = self._route(method, path, query, headers, body)
            try:
                answer = json.loads(reply.body)
            except ValueError:
                return reply
            reply.body = json.dumps(fault.edit(answer) if fault.edit else answer).encode("utf-8")
            return reply
        if kind == "redirect":
            target = path + ("?" + query if query else "")
            return Reply(302, b"", HTML_TYPE, [("Location", fault.location + target)])
        if kind == "http_429":
            product = htx.HTX_PATHS.get(path)
            if product is not None:
                limit = self.htx_limiter.limit
                verdict = RateVerdict(False, limit, 0, self._real_ms() + fault.reset_ms)
                return self._htx_reply(
                    product, 429, htx.ERR_TOO_MANY, htx.MSG_TOO_MANY, None, verdict
                )
            verdict = RateVerdict(False, self.limiter.limit, 0, self._real_ms() + fault.reset_ms)
            return self._json_reply(429, ERR_TOO_MANY, "Too many visits!", {}, verdict)
        status = HTML_KINDS[kind]
        title, text = _HTML_PAGES[status]
        return Reply(status, _html_page(status, title, text), HTML_TYPE)

    def _route(
        self, method: str, path: str, query: str, headers: Mapping[str, str], body: bytes
    ) -> Reply:
        product = htx.HTX_PATHS.get(path)
        if product is not None:
            return self._route_htx(product, method, path, query, headers, body)
        real_ms = self._real_ms()
        if path in RETIRED_PATHS:
            peek = self.limiter.peek("", path, real_ms)
            return self._json_reply(404, ERR_ROUTE_NOT_FOUND, "Route not found.", {}, peek)
        route = self._routes.get(path)
        if route is None:
            return self._json_reply(404, 404, "Not Found", {}, self.limiter.peek("", path, real_ms))
        if method != route.method:
            reply = self._json_reply(
                405, 405, "Method Not Allowed", {}, self.limiter.peek("", path, real_ms)
            )
            reply.headers.append(("Allow", route.method))
            return reply
        now_ms = real_ms + self.clock_offset_ms
        if route.action is None:
            ns = self.now_ns()
            result = {"timeSecond": str(ns // 1_000_000_000), "timeNano": str(ns)}
            return self._json_reply(
                200, 0, "OK", result, self.limiter.peek("", path, real_ms), ns // 1_000_000
            )
        if route.public:
            peek = self.limiter.peek("", path, real_ms)
            try:
                answer = route.action("", _parse_query(query), now_ms)
            except ApiError as exc:
                return self._json_reply(200, exc.code, exc.message, {}, peek)
            return self._json_reply(200, 0, "OK", answer, peek)
        payload = body if method == "POST" else query.encode("latin-1")
        keys = self._keys
        try:
            api_key = authenticate(headers, payload, keys, now_ms)
        except ApiError as exc:
            key = headers.get("x-bapi-api-key", "")
            peek = self.limiter.peek(key if key in keys else "", path, real_ms)
            return self._json_reply(200, exc.code, exc.message, {}, peek)
        try:
            params = _parse_body(body) if method == "POST" else _parse_query(query)
        except ApiError as exc:
            verdict = self.limiter.hit(api_key, path, real_ms)
            return self._json_reply(200, exc.code, exc.message, {}, verdict)
        code, message, answer, verdict = self.execute(api_key, path, params, now_ms)
        if isinstance(answer, WithOutcomes):  # a batch: each item's outcome in retExtInfo
            ext: dict[str, object] = {"list": answer.outcomes}
            return self._json_reply(200, code, message, answer.result, verdict, ext=ext)
        return self._json_reply(200, code, message, answer, verdict)

    def execute(
        self, api_key: str, path: str, params: Mapping[str, object], now_ms: int
    ) -> tuple[int, str, object, RateVerdict]:
        """An authenticated call's rate limit, category permission and endpoint: (retCode,
        retMsg, result, rate verdict). REST and the WebSocket trade stream share it, and so
        share the limits, as Bybit's do."""
        route = self._routes[path]
        assert route.action is not None  # noqa: S101  # only private routes come here
        raw_category = params.get("category")
        category = raw_category if isinstance(raw_category, str) else None
        verdict = self.limiter.hit(api_key, path, self._real_ms(), category)
        if not verdict.allowed:
            return ERR_TOO_MANY, "Too many visits!", {}, verdict
        allowed = self._categories.get(api_key)
        if allowed is not None and category is not None and category not in allowed:
            return ERR_PERMISSION, MSG_PERMISSION, {}, verdict
        try:
            answer = route.action(api_key, params, now_ms)
        except ApiError as exc:
            return exc.code, exc.message, {}, verdict
        return 0, "OK", answer, verdict

    def _route_htx(
        self,
        product: str,
        method: str,
        path: str,
        query: str,
        headers: Mapping[str, str],
        body: bytes,
    ) -> Reply:
        """An HTX call: signature v2, rate limit, then the endpoint (see htx.py)."""
        real_ms = self._real_ms()
        if method != "POST":
            peek = self.htx_limiter.peek("", path, real_ms)
            reply = self._htx_reply(product, 405, 405, "Method Not Allowed", None, peek)
            reply.headers.append(("Allow", "POST"))
            return reply
        keys = self._keys
        try:
            access_key = htx.authenticate(
                method, path, query, headers.get("host", ""), keys, real_ms + self.clock_offset_ms
            )
        except ApiError as exc:
            # The gateway in front of both product lines answers in the swap envelope.
            known = htx.access_key_of(query)
            peek = self.htx_limiter.peek(known if known in keys else "", path, real_ms)
            return self._htx_reply(htx.SWAP, 200, exc.code, exc.message, None, peek)
        verdict = self.htx_limiter.hit(access_key, path, real_ms)
        if not verdict.allowed:
            return self._htx_reply(product, 200, htx.ERR_TOO_MANY, htx.MSG_TOO_MANY, None, verdict)
        try:
            params = htx.parse_body(body)
            if path == htx.SWAP_OPEN_ORDERS:
                data = self.htx.open_orders_page(access_key, params)
            else:
                data = self.htx.cancel_all(product, access_key, params)
        except ApiError as exc:
            return self._htx_reply(product, 200, exc.code, exc.message, None, verdict)
        return self._htx_reply(product, 200, htx.SUCCESS, "Success", data, verdict)

    def _htx_reply(
        self,
        product: str,
        status: int,
        code: int,
        message: str,
        data: object,
        verdict: RateVerdict,
    ) -> Reply:
        body = htx.envelope(product, code, message, data, self.now_ms())
        headers = [
            ("ratelimit-limit", str(verdict.limit)),
            ("ratelimit-interval", str(self.htx_limiter.window_ms)),
            ("ratelimit-remaining", str(verdict.remaining)),
            # Epoch ms on the server clock, like every timestamp the sandbox sends.
            ("ratelimit-reset", str(verdict.reset_ms + self.clock_offset_ms)),
        ]
        return Reply(status, body, JSON_TYPE, headers, code)

    def _json_reply(
        self,
        status: int,
        ret_code: int,
        message: str,
        result: object,
        verdict: RateVerdict,
        now_ms: int | None = None,
        ext: dict[str, object] | None = None,
    ) -> Reply:
        body = _json(
            {
                "retCode": ret_code,
                "retMsg": message,
                "result": result,
                "retExtInfo": ext or {},
                "time": self.now_ms() if now_ms is None else now_ms,
            }
        )
        headers = [
            ("X-Bapi-Limit", str(verdict.limit)),
            ("X-Bapi-Limit-Status", str(verdict.remaining)),
            # Reported on the server clock, like every other timestamp the sandbox sends.
            ("X-Bapi-Limit-Reset-Timestamp", str(verdict.reset_ms + self.clock_offset_ms)),
        ]
        return Reply(status, body, JSON_TYPE, headers, ret_code)

    @staticmethod
    def _real_ms() -> int:
        return time.time_ns() // 1_000_000


def _parse_body(body: bytes) -> Mapping[str, object]:
    try:
        data = json.loads(body)
    except (ValueError, RecursionError):  # UnicodeDecodeError is a ValueError
        data = None
    if not isinstance(data, dict):
        raise ApiError(ERR_PARAMS, "params error: request body is not a JSON object")
    return data


def _parse_query(query: str) -> Mapping[str, object]:
    # A repeated name keeps its last value.
    return {name: values[-1] for name, values in parse_qs(query, keep_blank_values=True).items()}
