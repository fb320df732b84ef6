"""The sandbox's V5 WebSocket streams: topics, acks, auth, the feeds and the stream faults.

Every feed is built from the state the REST answers read: books and tickers from ``Market``
(``levels``, ``ticker``, ``klines``), trades from the order engine's fills, private messages from
the orders, executions, positions and wallets of the key that authenticated. A change is pushed
when it happens (``Sandbox.set_price``, ``Sandbox.tick``, a REST order), in the caller's thread,
under one lock, so a test that changes a price can read the delta at once, and a stream's book
always equals REST's book at the same depth.

Ack, pong and failure shapes follow Bybit's docs per stream (spot ``ret_msg: "subscribe"``,
linear/inverse ``ret_msg: ""`` with ``req_id``, option ``COMMAND_RESP``, private without
``req_id`` unless one was sent). Failures (the docs show none) are the sandbox's choice:
``{"success": false, "ret_msg": "error:<why>", ...}`` in the stream's ack shape; a subscribe
request with one bad topic subscribes nothing.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import threading
import time
import uuid
import zlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any
from urllib.parse import parse_qs

from .exchange import OrderEvent, coins_of
from .market import KLINE_INTERVALS, Fill, Market, figures
from .positions import Positions
from .ws import WsConnection

PUBLIC_PATHS: Mapping[str, str] = {
    "/v5/public/spot": "spot",
    "/v5/public/linear": "linear",
    "/v5/public/inverse": "inverse",
    "/v5/public/option": "option",
}
PRIVATE_PATH = "/v5/private"
TRADE_PATH = "/v5/trade"
STREAM_PATHS = (*PUBLIC_PATHS, PRIVATE_PATH, TRADE_PATH)
# Order entry over the trade stream: each op is its REST endpoint (batches: one call per order).
TRADE_OPS: Mapping[str, str] = {
    "order.create": "/v5/order/create",
    "order.amend": "/v5/order/amend",
    "order.cancel": "/v5/order/cancel",
}
BATCH_OPS: Mapping[str, str] = {f"{op}-batch": path for op, path in TRADE_OPS.items()}
BATCH_MAX: Mapping[str, int] = {"spot": 10}  # orders per batch; 20 for the other categories
ERR_PARAMS = 10001
ERR_TIMESTAMP = 10002
ERR_KEY = 10003
ERR_SIGN = 10004
ERR_OP = 10404
ERR_REPEAT_AUTH = 20001
ERR_DUPLICATE_REQ = 20006

BOOK_DEPTHS: Mapping[str, tuple[int, ...]] = {
    "spot": (1, 50, 200, 1000),
    "linear": (1, 50, 200, 1000),
    "inverse": (1, 50, 200, 1000),
    "option": (25, 100),
}
SPOT_MAX_ARGS = 10  # args per subscribe request on spot
MAX_ARGS_CHARS = 21_000  # the JSON text of one public connection's topics
OPTION_MAX_ARGS = 2_000  # topics per option connection
DEFAULT_IDLE_S = 600.0  # Bybit cuts a connection after 10 minutes without ping or data
BOOK1_RESEND_S = 3.0  # level 1 is resent every 3 s when unchanged
PRIVATE_KINDS = ("order", "execution", "position", "wallet")
PRIVATE_CATEGORIES: Mapping[str, tuple[str, ...]] = {
    "order": ("spot", "linear", "inverse", "option"),
    "execution": ("spot", "linear", "inverse", "option"),
    "position": ("linear", "inverse", "option"),
    "wallet": (),
}
_MAX_ACTIVE = re.compile(r"(\d{1,4})([sm])")
_FIRST_U = 10_000  # update ids start here, far from u=1 (which means "the service restarted")


class StreamError(Exception):
    """A request the stream refuses; the text becomes the failure ack's ``ret_msg`` (the trade
    stream's ``retMsg``, with ``code`` as its ``retCode``)."""

    def __init__(self, message: str, code: int = ERR_PARAMS) -> None:
        super().__init__(message)
        self.code = code


@dataclass
class Sub:
    """One subscribed topic of one connection, with what was last sent on it."""

    topic: str
    kind: str
    category: str = ""  # public: the stream's; private: the topic's filter ("" = all)
    symbol: str = ""
    depth: int = 0
    interval: str = ""
    u: int = 0
    skip: int = 0  # deltas to lose (the skip_u fault)
    bids: dict[str, str] = field(default_factory=dict)
    asks: dict[str, str] = field(default_factory=dict)
    sent_at: float = 0.0
    ticker: dict[str, str] = field(default_factory=dict)
    candle_start: int = -1


# (api key, REST path, params, now ms) -> (retCode, retMsg, result, rate verdict)
Execute = Callable[[str, str, Mapping[str, object], int], tuple[int, str, object, Any]]


@dataclass(frozen=True)
class StreamOptions:
    idle_s: float = DEFAULT_IDLE_S
    book1_resend_s: float = BOOK1_RESEND_S


def _dumps(data: object) -> str:
    return json.dumps(data, separators=(",", ":"))


class Session:
    """One open stream: its path, subscriptions and (private) authenticated key."""

    def __init__(self, hub: StreamHub, conn: WsConnection, stream: str, idle_s: float) -> None:
        self.hub = hub
        self.conn = conn
        self.stream = stream  # spot, linear, inverse, option, private or trade
        self.path = {"private": PRIVATE_PATH, "trade": TRADE_PATH}.get(
            stream, f"/v5/public/{stream}"
        )
        self.conn_id = str(uuid.uuid4())
        self.subs: dict[str, Sub] = {}
        self.api_key: str | None = None
        self.idle_s = idle_s
        self.req_ids: set[str] = set()  # the trade stream's reqIds seen (a repeat is 20006)

    # -- requests from the client (the connection's thread) --------------------------------------

    def on_text(self, text: str) -> None:
        try:
            message = json.loads(text)
        except (ValueError, RecursionError):
            message = None
        if self.stream == "trade":
            self.conn.send(_dumps(self.hub.order_entry(self, message)))
            return
        if not isinstance(message, dict):
            self._ack("", None, False, "error:request is not a JSON object")
            return
        op = message.get("op")
        req_id = message.get("req_id")
        req = req_id if isinstance(req_id, str) else None
        if op == "ping":
            self.conn.send(_dumps(self._pong(req)))
            return
        try:
            if op in ("subscribe", "unsubscribe"):
                self.hub.change(self, op, message.get("args"), req)
            elif op == "auth" and self.stream == "private":
                self.hub.auth(self, message.get("args"))
                self._ack("auth", req, True, "")
            else:
                raise StreamError(f"error:unsupported op {op!r}"[:200])
        except StreamError as exc:
            args = message.get("args")
            topics = [a for a in args if isinstance(a, str)] if isinstance(args, list) else []
            failed = self.ack_message(
                op if isinstance(op, str) else "", req, False, str(exc), topics
            )
            self.conn.send(_dumps(failed))

    def on_timer(self, now: float) -> float:
        if now - self.conn.last_activity > self.idle_s:
            self.conn.drop()  # Bybit's idle cut: no ping, no data
            return 0.0
        wait = self.idle_s - (now - self.conn.last_activity)
        return min(wait, self.hub.resend_level1(self, now))

    # -- message shapes ---------------------------------------------------------------------

    def ack_message(
        self, op: str, req_id: str | None, ok: bool, error: str, topics: list[str]
    ) -> dict[str, object]:
        if self.stream == "option" and op in ("subscribe", "unsubscribe"):
            data = {"failTopics": [] if ok else topics, "successTopics": topics if ok else []}
            ack: dict[str, object] = {"success": ok, "conn_id": self.conn_id, "data": data}
            if not ok:
                ack["ret_msg"] = error
            ack["type"] = "COMMAND_RESP"
        elif self.stream == "spot":
            ack = {"success": ok, "ret_msg": op if ok else error, "conn_id": self.conn_id}
        elif self.stream in ("linear", "inverse"):
            ack = {"success": ok, "ret_msg": "" if ok else error, "conn_id": self.conn_id}
            ack["req_id"] = req_id or ""
        else:  # option's other ops, private
            ack = {"success": ok, "ret_msg": "" if ok else error, "conn_id": self.conn_id}
        if req_id is not None and "req_id" not in ack:
            ack["req_id"] = req_id
        if "type" not in ack:
            ack["op"] = op
        return ack

    def _ack(self, op: str, req_id: str | None, ok: bool, error: str) -> None:
        self.conn.send(_dumps(self.ack_message(op, req_id, ok, error, [])))

    def _pong(self, req_id: str | None) -> dict[str, object]:
        now = str(self.hub.now_ms())
        if self.stream == "spot":
            pong: dict[str, object] = {"success": True, "ret_msg": "pong", "conn_id": self.conn_id}
            if req_id is not None:
                pong["req_id"] = req_id
            pong["op"] = "ping"
        elif self.stream in ("linear", "inverse"):
            pong = {"success": True, "ret_msg": "pong", "conn_id": self.conn_id}
            pong["req_id"] = req_id or ""
            pong["op"] = "ping"
        elif self.stream == "option":
            pong = {"args": [now], "op": "pong"}
            if req_id is not None:
                pong["req_id"] = req_id
        else:
            pong = {} if req_id is None else {"req_id": req_id}
            pong.update({"op": "pong", "args": [now], "conn_id": self.conn_id})
        return pong


class StreamHub:
    """Every open stream of one sandbox and the feeds that reach them."""

    def __init__(
        self,
        market: Market,
        positions: Positions,
        keys: Callable[[], Mapping[str, str]],
        now_ms: Callable[[], int],
        options: StreamOptions,
        execute: Execute,
    ) -> None:
        self._market = market
        self._execute = execute
        self._positions = positions
        self._keys = keys
        self.now_ms = now_ms
        self.options = options
        self._lock = threading.RLock()
        self._sessions: set[Session] = set()
        self._seq = 1_000_000  # the cross sequence: one step per change of any book
        self._trade_seq = 0
        self._steps: dict[str, int] = {}
        self._stopping = False

    # -- connections -------------------------------------------------------------------------

    @staticmethod
    def is_stream_path(path: str) -> bool:
        return path in STREAM_PATHS

    def idle_for(self, path: str, query: str) -> float:
        """Seconds without ping or data before a stream on ``path`` is cut: the sandbox's
        bound, or a private URL's ``max_active_time`` (ValueError when malformed)."""
        idle_s = self.options.idle_s
        if path in (PRIVATE_PATH, TRADE_PATH):
            chosen = _max_active_time(query)
            if chosen is not None:
                idle_s = min(idle_s, chosen)
        return idle_s

    def serve(
        self, conn: WsConnection, path: str, idle_s: float, handshake: Callable[[], bool]
    ) -> None:
        """Open one connection (``handshake()``) and serve it until it ends, in the HTTP
        handler's thread. The stream is counted before its 101 goes out, so a client that has
        connected can at once be reached by a feed or a fault."""
        stream = PUBLIC_PATHS.get(path) or ("trade" if path == TRADE_PATH else "private")
        session = Session(self, conn, stream, idle_s)
        try:
            with self._lock:
                if self._stopping:
                    return
                self._sessions.add(session)
            if handshake():
                conn.run(session.on_text, session.on_timer)
        finally:
            with self._lock:
                self._sessions.discard(session)
            conn.release()

    def stop(self) -> None:
        """Close every stream (close frame 1001); new upgrades are refused until ``start()``."""
        with self._lock:
            self._stopping = True
            sessions = list(self._sessions)
        for session in sessions:
            session.conn.stop()

    def start(self) -> None:
        with self._lock:
            self._stopping = False

    def count(self, path: str | None = None) -> int:
        with self._lock:
            return sum(1 for s in self._sessions if path is None or s.path == path)

    def topics(self, path: str | None) -> list[str]:
        """Every subscribed topic of the open streams (of ``path``), one entry per stream."""
        sessions = self.sessions(path)
        with self._lock:
            return sorted(topic for session in sessions for topic in session.subs)

    def sessions(self, path: str | None) -> list[Session]:
        if path is not None and not self.is_stream_path(path):
            raise ValueError(f"path must be one of {', '.join(STREAM_PATHS)}")
        with self._lock:
            return [s for s in self._sessions if path is None or s.path == path]

    # -- subscribe / unsubscribe / auth --------------------------------------------------------

    def change(self, session: Session, op: str, raw_args: object, req_id: str | None) -> None:
        if not isinstance(raw_args, list) or not raw_args:
            raise StreamError("error:args must be a non-empty list of topics")
        if not all(isinstance(a, str) for a in raw_args):
            raise StreamError("error:args must be topic strings")
        topics: list[str] = list(raw_args)
        if session.stream == "spot" and len(topics) > SPOT_MAX_ARGS:
            raise StreamError(f"error:args count exceeds {SPOT_MAX_ARGS} per request")
        if len(set(topics)) != len(topics):
            raise StreamError("error:duplicate topic in args")
        with self._lock:
            if op == "unsubscribe":
                for topic in topics:
                    if topic not in session.subs:
                        raise StreamError(f"error:not subscribed,topic:{topic}")
                for topic in topics:
                    del session.subs[topic]
                ack = session.ack_message(op, req_id, True, "", topics)
                session.conn.send(_dumps(ack))
                return
            subs = [self._parse(session, topic) for topic in topics]
            for sub in subs:
                if sub.topic in session.subs:
                    raise StreamError(f"error:already subscribed,topic:{sub.topic}")
            if session.stream == "private":
                plain = {s.kind for s in subs if not s.category}
                if any(s.kind in plain for s in subs if s.category):
                    raise StreamError("error:all-in-one and categorised topics in one request")
            else:
                every = [*session.subs, *topics]
                if len(_dumps(every)) > MAX_ARGS_CHARS:
                    raise StreamError(f"error:args exceed {MAX_ARGS_CHARS} characters")
                if session.stream == "option" and len(every) > OPTION_MAX_ARGS:
                    raise StreamError(f"error:args exceed {OPTION_MAX_ARGS} per connection")
            session.conn.send(_dumps(session.ack_message(op, req_id, True, "", topics)))
            for sub in subs:
                session.subs[sub.topic] = sub
                self._first(session, sub)

    def _parse(self, session: Session, topic: str) -> Sub:
        unknown = StreamError(f"error:handler not found,topic:{topic}")
        if session.stream == "private":
            if session.api_key is None:
                raise StreamError("error:request not authorized")
            kind, _, category = topic.partition(".")
            if kind not in PRIVATE_KINDS or (category and category not in PRIVATE_CATEGORIES[kind]):
                raise unknown
            return Sub(topic, kind, category)
        category = session.stream
        parts = topic.split(".")
        kind, symbol = parts[0], parts[-1]
        sub: Sub
        if kind == "orderbook" and len(parts) == 3 and parts[1].isdigit():
            depth = int(parts[1])
            if depth not in BOOK_DEPTHS[category]:
                raise unknown
            sub = Sub(topic, kind, category, symbol, depth=depth)
        elif kind == "kline" and len(parts) == 3 and category != "option":
            if parts[1] not in KLINE_INTERVALS:
                raise unknown
            sub = Sub(topic, kind, category, symbol, interval=parts[1])
        elif len(parts) == 2 and (
            kind in ("tickers", "publicTrade")
            or (kind == "allLiquidation" and category in ("linear", "inverse"))
        ):
            sub = Sub(topic, kind, category, symbol)
        else:
            raise unknown
        if kind == "publicTrade" and category == "option":
            if not re.fullmatch(r"[A-Z0-9]{1,20}", symbol):  # option trades: by base coin
                raise unknown
        elif coins_of(category, symbol) is None:
            raise unknown
        return sub

    def auth(self, session: Session, args: object) -> None:
        if session.api_key is not None:
            raise StreamError("error:repeat auth", ERR_REPEAT_AUTH)
        if not isinstance(args, list) or len(args) != 3:
            raise StreamError("Params Error")
        key, expires, signature = args
        if isinstance(expires, str) and expires.isdigit():
            expires = int(expires)
        if (
            not isinstance(key, str)
            or not isinstance(signature, str)
            or isinstance(expires, bool)
            or not isinstance(expires, int)
        ):
            raise StreamError("Params Error")
        secret = self._keys().get(key)
        if secret is None:
            raise StreamError("error:API key is invalid", ERR_KEY)
        if expires <= self.now_ms():
            raise StreamError("error:request expired: expires must be in the future", ERR_TIMESTAMP)
        wanted = hmac.new(secret.encode(), f"GET/realtime{expires}".encode(), hashlib.sha256)
        if not hmac.compare_digest(wanted.hexdigest(), signature):
            raise StreamError("error:signature verification failed", ERR_SIGN)
        session.api_key = key

    # -- order entry (/v5/trade) ---------------------------------------------------------------

    def order_entry(self, session: Session, message: object) -> dict[str, object]:
        """Answer one request of the trade stream (ping, auth, order ops), in its own shape:
        ``{"reqId", "retCode", "retMsg", "op", "data", "retExtInfo", "header", "connId"}``."""
        if not isinstance(message, dict):
            return self._trade_reply(session, None, "", ERR_PARAMS, "Params Error", {}, None)
        raw_req = message.get("reqId")
        req_id = raw_req if isinstance(raw_req, str) else None
        op = message.get("op")
        op_text = op if isinstance(op, str) else ""
        now = self.now_ms()
        if op == "ping":
            pong: dict[str, object] = {} if req_id is None else {"reqId": req_id}
            pong.update({"retCode": 0, "retMsg": "OK", "op": "pong", "data": [str(now)]})
            pong["connId"] = session.conn_id
            return pong
        try:
            if op == "auth":
                self.auth(session, message.get("args"))
                return {"retCode": 0, "retMsg": "OK", "op": "auth", "connId": session.conn_id}
            path = TRADE_OPS.get(op_text) or BATCH_OPS.get(op_text)
            if path is None:
                raise StreamError(f"op not found: {op_text[:40]!r}", ERR_OP)
            key = self._trade_checks(session, message, req_id, now)
            args = message.get("args")
            if not isinstance(args, list) or len(args) != 1 or not isinstance(args[0], dict):
                raise StreamError("args must hold one object")
            if op_text in TRADE_OPS:
                code, text, result, verdict = self._execute(key, path, args[0], now)
                return self._trade_reply(session, req_id, op_text, code, text, result, verdict)
            return self._batch(session, req_id, op_text, key, path, args[0], now)
        except StreamError as exc:
            code = exc.code
            return self._trade_reply(session, req_id, op_text, code, str(exc), {}, None)

    def _trade_checks(
        self, session: Session, message: dict[str, Any], req_id: str | None, now: int
    ) -> str:
        """Auth, the reqId (unique per connection) and the header's timestamp window."""
        if session.api_key is None:
            raise StreamError("request not authorized: auth first", ERR_KEY)
        if req_id is not None:
            if len(req_id) > 36:
                raise StreamError("reqId is longer than 36 characters")
            if req_id in session.req_ids:
                raise StreamError(f"reqId is duplicated: {req_id}", ERR_DUPLICATE_REQ)
            session.req_ids.add(req_id)
        header = message.get("header")
        stamp = header.get("X-BAPI-TIMESTAMP") if isinstance(header, dict) else None
        window = header.get("X-BAPI-RECV-WINDOW", "5000") if isinstance(header, dict) else ""
        if not isinstance(stamp, str) or not stamp.isdigit():
            raise StreamError("header.X-BAPI-TIMESTAMP is required (ms, a string)")
        if not isinstance(window, str) or not window.isdigit():
            raise StreamError("header.X-BAPI-RECV-WINDOW must be ms, a string")
        if not now - int(window) <= int(stamp) < now + 1000:
            raise StreamError(
                "invalid request, please check your server timestamp or recv_window param",
                ERR_TIMESTAMP,
            )
        return session.api_key

    def _batch(
        self,
        session: Session,
        req_id: str | None,
        op: str,
        key: str,
        path: str,
        body: dict[str, Any],
        now: int,
    ) -> dict[str, object]:
        """A batch: one REST call per order; ``data.list`` and ``retExtInfo.list`` per order."""
        category, orders = body.get("category"), body.get("request")
        if not isinstance(category, str) or not isinstance(orders, list) or not orders:
            raise StreamError("a batch needs category and a non-empty request list")
        most = BATCH_MAX.get(category, 20)
        if len(orders) > most:
            raise StreamError(f"a {category} batch takes at most {most} orders")
        results: list[object] = []
        outcomes: list[dict[str, object]] = []
        verdict: Any = None
        for order in orders:
            if not isinstance(order, dict):
                raise StreamError("each request of a batch is an object")
            code, text, result, verdict = self._execute(
                key, path, {**order, "category": category}, now
            )
            item = dict(result) if isinstance(result, dict) and code == 0 else {}
            if code == 0:
                item.update({"category": category, "symbol": order.get("symbol", "")})
            results.append(item)
            outcomes.append({"code": code, "msg": text})
        reply = self._trade_reply(session, req_id, op, 0, "OK", {"list": results}, verdict)
        reply["retExtInfo"] = {"list": outcomes}
        return reply

    def _trade_reply(
        self,
        session: Session,
        req_id: str | None,
        op: str,
        code: int,
        text: str,
        data: object,
        verdict: Any,
    ) -> dict[str, object]:
        now = self.now_ms()
        header: dict[str, str] = {"Traceid": uuid.uuid4().hex, "Timenow": str(now)}
        if verdict is not None:
            offset = now - int(time.time() * 1000)
            header = {
                "X-Bapi-Limit": str(verdict.limit),
                "X-Bapi-Limit-Status": str(verdict.remaining),
                "X-Bapi-Limit-Reset-Timestamp": str(verdict.reset_ms + offset),
                **header,
            }
        return {
            "reqId": req_id or "",
            "retCode": code,
            "retMsg": text,
            "op": op,
            "data": data,
            "retExtInfo": {},
            "header": header,
            "connId": session.conn_id,
        }

    # -- public feeds ------------------------------------------------------------------------

    def _first(self, session: Session, sub: Sub) -> None:
        """What a new subscription gets at once: the book, ticker or candle snapshot."""
        if sub.kind == "orderbook":
            sub.u = _FIRST_U + self._seq - 1_000_000
            self._send_book(session, sub, "first")
        elif sub.kind == "tickers":
            self._send_ticker(session, sub, {})
        elif sub.kind == "kline":
            self._send_candles(session, sub, {})

    def on_price(self, symbol: str) -> None:
        """A price was set: every book, ticker and candle of the symbol moves."""
        with self._lock:
            self._seq += 1
            cache: dict[object, Any] = {}
            for session in self._sessions:
                for sub in list(session.subs.values()):
                    if sub.symbol != symbol:
                        continue
                    if sub.kind == "orderbook":
                        self._send_book(session, sub, "change", cache)
                    elif sub.kind == "tickers":
                        self._send_ticker(session, sub, cache)
                    elif sub.kind == "kline":
                        self._send_candles(session, sub, cache)

    def _levels(
        self, sub: Sub, cache: dict[object, Any] | None
    ) -> tuple[list[list[str]], list[list[str]]]:
        key = ("book", sub.category, sub.symbol, sub.depth)
        if cache is not None and key in cache:
            found: tuple[list[list[str]], list[list[str]]] = cache[key]
            return found
        levels = self._market.levels(sub.category, sub.symbol, sub.depth)
        if cache is not None:
            cache[key] = levels
        return levels

    def _send_book(
        self, session: Session, sub: Sub, mode: str, cache: dict[object, Any] | None = None
    ) -> None:
        """mode: "first" (the subscription's snapshot), "change" (a delta; level 1: a
        snapshot), "resend" (level 1 unchanged, same u), "resnapshot" or "restart" (u=1)."""
        bids, asks = self._levels(sub, cache)
        new_bids = {price: size for price, size in bids}
        new_asks = {price: size for price, size in asks}
        snapshot = mode != "change" or sub.depth == 1  # level 1 is snapshot only
        data: dict[str, object] = {"s": sub.symbol, "b": bids, "a": asks}
        if mode == "change":
            if new_bids == sub.bids and new_asks == sub.asks:
                return
            sub.u += 1
            if sub.skip:  # lost on the way: the next message's u jumps
                sub.skip -= 1
                sub.bids, sub.asks = new_bids, new_asks
                return
            if not snapshot:
                data = {
                    "s": sub.symbol,
                    "b": _diff(sub.bids, new_bids),
                    "a": _diff(sub.asks, new_asks),
                }
        elif mode == "resnapshot":
            sub.u += 1
        elif mode == "restart":
            sub.u = 1
        sub.bids, sub.asks = new_bids, new_asks
        sub.sent_at = time.monotonic()
        now = self.now_ms()
        data["u"] = sub.u
        data["seq"] = self._seq
        message = {
            "topic": sub.topic,
            "type": "snapshot" if snapshot else "delta",
            "ts": now,
            "data": data,
            "cts": now - 1,
        }
        session.conn.send(_dumps(message))

    def resend_level1(self, session: Session, now: float) -> float:
        """Resend level-1 books unchanged for ``book1_resend_s``; seconds to the next one."""
        every = self.options.book1_resend_s
        wait = every
        with self._lock:
            for sub in list(session.subs.values()):
                if sub.kind != "orderbook" or sub.depth != 1:
                    continue
                due = sub.sent_at + every - now
                if due <= 0:
                    self._send_book(session, sub, "resend")
                    due = every
                wait = min(wait, due)
        return wait

    def _send_ticker(self, session: Session, sub: Sub, cache: dict[object, Any]) -> None:
        key = ("ticker", sub.category, sub.symbol)
        if key not in cache:
            cache[key] = self._ticker(sub.category, sub.symbol)
        item: dict[str, str] = cache[key]
        delta = sub.category in ("linear", "inverse") and bool(sub.ticker)
        data: dict[str, str]
        if delta:
            data = {k: v for k, v in item.items() if sub.ticker.get(k) != v}
            if not data:
                return
            data = {"symbol": sub.symbol, **data}
        else:
            if sub.ticker == item:
                return
            data = item
        sub.ticker = item
        message: dict[str, object] = {
            "topic": sub.topic,
            "type": "delta" if delta else "snapshot",
            "data": data,
            "cs": self._seq,
            "ts": self.now_ms(),
        }
        if sub.category == "option":
            message["id"] = f"{sub.topic}-{self._seq}"
        session.conn.send(_dumps(message))

    def _ticker(self, category: str, symbol: str) -> dict[str, str]:
        if category == "spot":  # V5's spot stream ticker has no best bid and ask
            item = self._market.ticker(category, symbol, self.now_ms())
            return {k: v for k, v in item.items() if not k.startswith(("bid1", "ask1"))}
        if category != "option":
            return self._market.ticker(category, symbol, self.now_ms())
        # Option tickers have their own field names (bid/ask, greeks): from the same figures.
        now = self.now_ms()
        bid, ask = self._market.touch(category, symbol)
        price = self._market.price(symbol, category)
        mark = self._market.price_at(category, symbol, now, now, "mark")
        zero = "0"
        return {
            "symbol": symbol,
            "bidPrice": str(bid), "bidSize": "1", "bidIv": zero,
            "askPrice": str(ask), "askSize": "1", "askIv": zero,
            "lastPrice": str(price), "highPrice24h": str(price), "lowPrice24h": str(price),
            "markPrice": str(mark), "indexPrice": str(price), "markPriceIv": zero,
            "underlyingPrice": str(price), "openInterest": zero, "turnover24h": zero,
            "volume24h": zero, "totalVolume": zero, "totalTurnover": zero, "delta": zero,
            "gamma": zero, "vega": zero, "theta": zero, "predictedDeliveryPrice": zero,
            "change24h": zero,
        }  # fmt: skip

    def _send_candles(self, session: Session, sub: Sub, cache: dict[object, Any]) -> None:
        """The live candle; when a new one has begun, first the last one, closed (confirm)."""
        now = self.now_ms()
        key = ("kline", sub.category, sub.symbol, sub.interval)
        if key not in cache:
            cache[key] = self._market.klines(
                sub.category, sub.symbol, sub.interval, None, None, 2, now
            )
        rows: list[list[str]] = cache[key]
        candles: list[dict[str, object]] = []
        live_start = int(rows[0][0])
        if 0 <= sub.candle_start < live_start and len(rows) > 1:
            candles.append(self._candle(sub, rows[1], now, confirm=True))
        candles.append(self._candle(sub, rows[0], now, confirm=False))
        sub.candle_start = live_start
        for candle in candles:
            message = {"topic": sub.topic, "data": [candle], "ts": now, "type": "snapshot"}
            session.conn.send(_dumps(message))

    def _candle(self, sub: Sub, row: list[str], now: int, *, confirm: bool) -> dict[str, object]:
        start = int(row[0])
        _, end = self._market.candle_bounds(sub.interval, start)
        return {
            "start": start,
            "end": end - 1,
            "interval": sub.interval,
            "open": row[1],
            "close": row[4],
            "high": row[2],
            "low": row[3],
            "volume": row[5],
            "turnover": row[6],
            "confirm": confirm,
            "timestamp": now,
        }

    def on_fill(self, fill: Fill) -> None:
        """A sandbox fill is a public trade (the taker's side)."""
        taker = fill.side if not fill.is_maker else ("Sell" if fill.side == "Buy" else "Buy")
        self.trade(fill.category, fill.symbol, taker, fill.qty, fill.price, fill.exec_id)

    def trade(
        self,
        category: str,
        symbol: str,
        side: str,
        qty: Decimal,
        price: Decimal,
        trade_id: str | None = None,
    ) -> None:
        with self._lock:
            self._trade_seq += 1
            now = self.now_ms()
            item: dict[str, object] = {
                "T": now,
                "s": symbol,
                "S": side,
                "v": str(qty),
                "p": str(price),
                "L": "PlusTick" if side == "Buy" else "MinusTick",
                "i": trade_id or str(uuid.uuid4()),
                "BT": False,
                "RPI": False,
                "seq": self._trade_seq,
            }
            if category == "spot":
                del item["L"]  # tick direction: perpetuals and futures only
            topic = f"publicTrade.{symbol}"
            if category == "option":
                topic = f"publicTrade.{symbol.split('-')[0]}"
            message = _dumps({"topic": topic, "type": "snapshot", "ts": now, "data": [item]})
            self._publish(category, topic, message)

    def liquidation(
        self, category: str, symbol: str, side: str, qty: Decimal, price: Decimal
    ) -> int:
        """An ``allLiquidation`` message; returns how many streams it reached."""
        topic = f"allLiquidation.{symbol}"
        with self._lock:
            now = self.now_ms()
            item = {"T": now, "s": symbol, "S": side, "v": str(qty), "p": str(price)}
            message = _dumps({"topic": topic, "type": "snapshot", "ts": now, "data": [item]})
            return self._publish(category, topic, message)

    def _publish(self, category: str, topic: str, message: str) -> int:
        reached = 0
        for session in self._sessions:
            if session.stream == category and topic in session.subs:
                session.conn.send(message)
                reached += 1
        return reached

    def tick(self, symbols: Iterable[str] | None = None) -> list[str]:
        """Step each symbol (default: every symbol a public stream follows) along a seeded walk
        of a few ticks, with a trade at the new price; returns the symbols moved."""
        with self._lock:
            if symbols is None:
                chosen = sorted(
                    (sub.symbol, sub.category)
                    for session in self._sessions
                    if session.stream not in ("private", "option")
                    for sub in session.subs.values()
                )
            else:
                chosen = [(name, "linear") for name in symbols]
            moved: list[str] = []
            for symbol, category in chosen:
                if symbol in moved:
                    continue
                step = self._steps.get(symbol, 0) + 1
                self._steps[symbol] = step
                figs = figures(category, symbol)
                price = self._market.price(symbol, category)
                ticks = (zlib.crc32(f"{symbol}|{step}".encode()) % 7) - 3 or 1
                new = max(figs.tick_size, price + figs.tick_size * ticks)
                self._market.set_price(symbol, new)  # pushes books, tickers, candles; fills
                side = "Buy" if ticks > 0 else "Sell"
                self.trade(category, symbol, side, figs.min_qty, new)
                moved.append(symbol)
            return moved

    # -- private feeds -----------------------------------------------------------------------

    def on_orders(self, events: list[OrderEvent]) -> None:
        """Orders changed: ``position`` first, then ``order``. With the fills' ``execution`` and
        ``wallet`` sent before, the order's news is the last of one change on a connection, so a
        client that has seen an order's new status has seen the rest."""
        with self._lock:
            for session in self._private():
                mine = [e for e in events if e.api_key == session.api_key]
                if not mine:
                    continue
                subs = sorted(session.subs.values(), key=lambda sub: sub.kind == "order")
                for sub in subs:
                    if sub.kind == "order":
                        items = [
                            {**e.item, "category": e.category}
                            for e in mine
                            if not sub.category or sub.category == e.category
                        ]
                        self._private_send(session, sub, items)
                    elif sub.kind == "position":
                        items = []
                        seen: set[tuple[str, str]] = set()
                        for e in mine:
                            if e.category == "spot" or (e.category, e.symbol) in seen:
                                continue
                            if sub.category and sub.category != e.category:
                                continue
                            seen.add((e.category, e.symbol))
                            items += self._position_items(session, e.category, e.symbol)
                        self._private_send(session, sub, items)

    def _position_items(self, session: Session, category: str, symbol: str) -> list[Any]:
        assert session.api_key is not None  # noqa: S101  # private sessions are authenticated
        if category == "option":
            return []
        listed = self._positions.position_list(
            session.api_key, {"category": category, "symbol": symbol}
        )
        rows: list[Any] = listed["list"]  # type: ignore[assignment]
        return [{**row, "category": category} for row in rows]

    def on_execution(self, api_key: str, row: dict[str, Any]) -> None:
        with self._lock:
            for session in self._private():
                if session.api_key != api_key:
                    continue
                for sub in list(session.subs.values()):
                    if sub.kind == "execution" and sub.category in ("", row["category"]):
                        self._private_send(session, sub, [row])
                    elif sub.kind == "wallet":
                        wallet = self._positions.wallet_balance(api_key, {"accountType": "UNIFIED"})
                        self._private_send(session, sub, list(wallet["list"]))  # type: ignore[call-overload]

    def _private(self) -> list[Session]:
        return [s for s in self._sessions if s.stream == "private" and s.api_key is not None]

    def _private_send(self, session: Session, sub: Sub, items: list[Any]) -> None:
        if not items:
            return
        message = {
            "id": str(uuid.uuid4()),
            "topic": sub.topic,
            "creationTime": self.now_ms(),
            "data": items,
        }
        session.conn.send(_dumps(message))

    # -- faults ------------------------------------------------------------------------------

    def fault(self, kind: str, path: str | None, topic: str | None, **params: Any) -> int:
        """Apply a stream fault to the open streams (of ``path``; books of ``topic``); returns
        how many connections (drop, close, stall) or book subscriptions it reached."""
        sessions = self.sessions(path)
        if kind in ("drop", "close", "stall"):
            _only(params, {"drop": set(), "close": {"code", "reason"}, "stall": {"seconds"}}[kind])
            for session in sessions:
                if kind == "drop":
                    session.conn.drop()
                elif kind == "close":
                    session.conn.close(int(params.get("code", 1000)), str(params.get("reason", "")))
                else:
                    seconds = params.get("seconds")
                    session.conn.stall(None if seconds is None else float(seconds))
            return len(sessions)
        if kind not in ("skip_u", "resnapshot", "restart"):
            raise ValueError(
                "stream fault kind must be drop, close, stall, skip_u, resnapshot, restart "
                "or refuse"
            )
        _only(params, set())
        reached = 0
        with self._lock:
            for session in sessions:
                for sub in list(session.subs.values()):
                    if sub.kind != "orderbook" or (topic is not None and sub.topic != topic):
                        continue
                    reached += 1
                    if kind == "skip_u":
                        sub.skip += 1
                    else:
                        self._send_book(session, sub, kind)
        return reached


def _only(params: Mapping[str, Any], allowed: set[str]) -> None:
    unknown = set(params) - allowed
    if unknown:
        raise ValueError(f"unknown fault parameters: {', '.join(sorted(unknown))}")


def _diff(old: Mapping[str, str], new: Mapping[str, str]) -> list[list[str]]:
    """Delta levels from ``old`` to ``new``: changed or new sizes, and "0" for levels gone."""
    changes = [[price, size] for price, size in new.items() if old.get(price) != size]
    changes += [[price, "0"] for price in old if price not in new]
    return changes


def _max_active_time(query: str) -> float | None:
    """Seconds of ``max_active_time=30s..600s`` (or ``1m``..``10m``) in a private URL."""
    values = parse_qs(query).get("max_active_time")
    if not values:
        return None
    found = _MAX_ACTIVE.fullmatch(values[-1])
    if found is None:
        raise ValueError("max_active_time must look like 30s or 1m")
    seconds = int(found[1]) * (60 if found[2] == "m" else 1)
    if not 30 <= seconds <= 600:
        raise ValueError("max_active_time must be from 30s to 600s")
    return float(seconds)
