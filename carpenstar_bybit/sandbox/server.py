"""`Sandbox`: a local exchange speaking Bybit's V5 wire and HTX's cancel-all and open-orders
wire, for tests."""

from __future__ import annotations

import ipaddress
import threading
from collections.abc import Iterable, Mapping
from decimal import Decimal
from types import TracebackType
from typing import Any

from .app import SandboxApp
from .faults import make_fault
from .handler import SandboxHTTPServer
from .htx import DEFAULT_RATE_LIMIT as HTX_DEFAULT_RATE_LIMIT
from .streams import STREAM_PATHS, StreamOptions

_POLL_S = 0.05  # how often the accept loop looks for stop(); bounds stop() latency


def _loopback_host(host: str) -> tuple[str, bool]:
    """(address to bind, is IPv6); ValueError for anything but a loopback address."""
    if host == "localhost":
        return "127.0.0.1", False
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        raise ValueError(f"host {host!r} is not a loopback address") from None
    # Python 3.13 counts ::ffff:127.0.0.1 as loopback; a dual-stack bind of it is not local-only.
    mapped = getattr(address, "ipv4_mapped", None)
    if not address.is_loopback or mapped is not None:
        raise ValueError(f"host {host!r} is not a loopback address (the sandbox is local only)")
    return str(address), address.version == 6


class Sandbox:
    """A local exchange that speaks Bybit's V5 REST wire, and HTX's cancel-alls and swap open
    orders, over loopback HTTP (one port; requests are routed by path). It trades (orders rest
    or fill against a price per symbol), keeps positions, executions, closed PnL and wallets,
    and answers the public market data from a seeded price path.

    Constructor
        ``Sandbox(keys=None, port=0, rate_limit="bybit", host="127.0.0.1", seed=None,
        htx_rate_limit=72, delay_ms=0)``

        - ``keys``: API key -> secret. More can be added with ``add_key()``. HTX access keys go
          into the same mapping (an access key is just a key; its secret is the HTX secret key):
          a key works on both wires, each with its own orders.
        - ``port``: TCP port; 0 picks a free one (read it from ``port`` / ``base_url``).
        - ``rate_limit``: ``"bybit"`` (default): Bybit's limits per API key, per endpoint and per
          category, e.g. cancel-all 10/s linear and inverse, 1/s option, 20/s spot; cancel 10/s,
          20/s spot; the open-orders list 50/s (``sandbox.auth.BYBIT_LIMITS``). An int: that many
          requests per second per API key per endpoint path, whatever the category. ``None``
          turns limiting off; the limit headers are then still sent, with
          ``X-Bapi-Limit: 1000000`` and a status that counts down within each window.
        - ``delay_ms``: every answer is held this long after the exchange has acted (default 0),
          so that a local run feels a distant exchange's round trip; ``set_delay(ms)`` changes it.
        - ``host``: loopback only (127.0.0.0/8, ``"localhost"``, ``"::1"``); anything else raises
          ValueError. ``"localhost"`` binds 127.0.0.1.
        - ``seed``: seeds the random choice of orders a capped cancel-all removes and the
          market's price walk.
        - ``htx_rate_limit``: HTX requests per 3-second window per access key per product line
          (HTX: 72 trade requests per 3 s per UID); ``None`` turns HTX limiting off. Independent
          of ``rate_limit``.

        Use it as a context manager (``with Sandbox(...) as sb:``) or call ``start()`` /
        ``stop()``. The server runs in a daemon thread; ``stop()`` is idempotent, closes the
        listening socket and every kept-alive connection, and joins the server thread. A stopped
        sandbox can be started again (its orders stay). ``serve_forever()`` serves in the calling
        thread until ``stop()`` (from another thread) or Ctrl-C. ``base_url`` is e.g.
        ``http://127.0.0.1:54321``.

    HTX wire (``POST /swap-api/v1/swap_cancelall``, ``/swap-api/v1/swap_openorders``,
    ``/v5/trade/cancel_all_orders``)
        Signature version 2: the query holds ``AccessKeyId``, ``SignatureMethod=HmacSHA256``,
        ``SignatureVersion=2``, ``Timestamp`` (UTC ``YYYY-MM-DDThh:mm:ss``) and ``Signature``.
        Every query parameter but ``Signature`` (form-decoded: a bare ``+`` is a space) is sorted
        and percent-encoded (uppercase hex, RFC 3986 unreserved bare) into ``k=v&…``; the
        signature is base64(HMAC-SHA256(secret, ``POST\n<host>\n<path>\n<query>``)), host = the
        Host header in lowercase without port. The JSON body is not signed. Checks, in order (all
        HTTP 200, in the swap envelope on both paths, as HTX's gateway answers):
        no ``AccessKeyId`` 403 ``Incorrect Access key [Access key错误]``; ``SignatureMethod`` not
        HmacSHA256 12003; ``SignatureVersion`` not 2 12002; ``Timestamp`` absent or malformed
        12001 ``Invalid submission time.``; unknown access key 403; ``Timestamp`` more than 5
        minutes off the server clock (``clock_offset`` applies) 12001; ``Signature`` absent or
        wrong 1253 ``Signature verification failed.`` (the real gateway often says 403
        ``Verification failure [校验失败]`` instead). Then the HTX rate limit (1032 ``The number
        of access exceeded the limit.``), then the body (a JSON object; empty means ``{}``).

        Envelopes: swap ``{"status": "ok", "data": …, "ts"}`` /
        ``{"status": "error", "err_code", "err_msg", "ts"}``; v5 ``{"code": 200, "data": […],
        "message": "Success", "ts"}`` / ``{"code", "message", "data": null, "ts"}``. Every HTX
        answer carries ``ratelimit-limit``, ``ratelimit-interval`` (3000), ``ratelimit-remaining``
        and ``ratelimit-reset`` (epoch ms, server clock). HTX paths get HTX-shaped 405s and
        framing errors, and an HTX-shaped ``http_429`` fault (HTTP 429, code 1032); the other
        faults apply to them as to any path.

        - swap: ``contract_code`` required (case-insensitive, ``XXX-USD``), ``direction``
          buy/sell, ``offset`` open/close; data ``{"errors": […], "successes": "id1,id2"}``.
        - swap open orders (``/swap-api/v1/swap_openorders``): ``contract_code`` optional (none:
          every contract), ``page_index`` (from 1), ``page_size`` (1 to 50, default 20); data
          ``{"orders": […], "total_page", "current_page", "total_size"}``, newest first.
        - v5: all optional: ``contract_code`` (``XXX-USDT`` or ``XXX-USDT-YYMMDD``,
          case-insensitive), ``side`` buy/sell, ``position_side`` long/short/both; data
          ``[{"order_id", "client_order_id", "code": 200, "message": "Success"}, …]``.
        - Nothing matches: 1051 ``No orders to cancel.`` (in the product's envelope).
        - Parameter errors (sandbox choices after HTX's code table): missing contract_code, a
          value that is not a string, a body that is not an object, a bad position_side: 1030
          ``Input error…``; a contract code of the wrong form or product line: 1014 ``This
          contract doesn't exist.``; bad direction or side: 1035; bad offset: 1036.
        - An order seeded with ``fill_on_cancel=True`` fills as a cancel reaches it: it is
          closed, and listed as failed (swap ``errors`` / v5 item ``code``: 1061 ``This order
          doesn't exist.``).

        Orders are kept per access key and product line (swap books coin-margined contracts,
        v5 USDT-margined ones), apart from the Bybit orders of the same key.

    Wire
        Every JSON answer is ``{"retCode", "retMsg", "result", "retExtInfo": {}, "time"}`` (HTTP 200
        unless stated) and carries ``X-Bapi-Limit``, ``X-Bapi-Limit-Status`` (requests left in
        the window) and ``X-Bapi-Limit-Reset-Timestamp`` (ms). HTTP/1.1 keep-alive, TCP_NODELAY,
        one write per answer. Bodies may be chunked; over 1 MiB they get HTTP 413 (retCode 10001).
        Unknown path: HTTP 404, ``retCode`` 404; wrong method: HTTP 405, ``retCode`` 405, with an
        ``Allow`` header. Malformed requests get a JSON 4xx/5xx and the connection is closed.

    Endpoints
        - ``GET /v5/market/time`` (public): ``{"timeSecond", "timeNano"}``.
        - ``POST /v5/order/create``: category, symbol, side (Buy/Sell), orderType (Limit/Market),
          qty, price (Limit), optional orderLinkId (<= 36 of ``A-Za-z0-9_-``; a duplicate of an
          open order of the same key and category is 110072). Limit orders rest; Market orders
          fill at once. The symbol must fit the category (``BTCUSDT`` is linear, ``BTCUSD``
          inverse...), else 10001.
        - ``POST /v5/order/cancel``: category, symbol, orderId or orderLinkId (orderId wins),
          orderFilter (spot only). Unknown order or other symbol: 110001.
        - ``POST /v5/order/cancel-all``: Bybit's rules (symbol > baseCoin > settleCoin; one of them
          required for linear/inverse; spot takes baseCoin, as a unified account does, but no
          settleCoin; option settleCoin USDT/USDC; orderFilter per category; stopOrderType only
          ``Stop`` with linear/inverse and orderFilter ``StopOrder``). Linear and inverse cancel
          at most 500 orders per call, chosen at random. All sandbox orders are plain active
          orders, so ``orderFilter`` StopOrder/tpslOrder/OcoOrder/BidirectionalTpslOrder cancels
          nothing.
        - ``GET /v5/order/realtime``: open orders, newest first; filters symbol, baseCoin,
          settleCoin, orderId, orderLinkId; ``limit`` 1..50 (20); opaque ``cursor`` paging.

        Parameters that are ``null`` or ``""`` count as absent. Errors are retCode 10001 with a
        message naming the parameter.

    Authentication (every endpoint but the time), in this order
        missing X-BAPI-API-KEY 10003, X-BAPI-TIMESTAMP 10002, X-BAPI-SIGN 10004; malformed
        timestamp, recv window or sign type 10001; unknown key 10003 ``API key is invalid.``;
        timestamp outside ``server - recv_window <= ts < server + 1000`` 10002 (recv window 5000
        when the header is absent); signature mismatch 10004 ``error sign! origin_string[...]``.
        The signature is HMAC-SHA256(secret, timestamp + key + recv-window header as sent ("" when
        absent) + payload), payload = the raw POST body or raw GET query string. Then the rate
        limit (10006 ``Too many visits!``), then the JSON body (not an object: 10001). Secrets
        never appear in answers or logs.

    Permissions
        ``set_categories(key, ["linear", "spot"])``: the key may trade only those categories; a
        private call naming another category answers retCode 10005 ``Permission denied, please
        check your API key permissions.`` (after the rate limit, as Bybit counts it).

    Faults (``set_fault(kind, *, times=None, path=None, **params)``; ``clear_faults()``)
        ``times``: how many matching requests get the fault before it removes itself (None: until
        cleared). ``path``: only that endpoint path. A new rule for the same kind and path
        replaces the old one; with several rules the oldest matching one applies. Gateway-level
        faults hit before auth and rate limiting.

        - ``delay`` (``seconds``, capped at 60): wait, then answer normally; ``stop()`` cuts the
          wait short and closes the connection.
        - ``drop``: read the request, close the connection without answering. ``process=True``
          executes the request first (the order is cancelled, the answer is lost).
        - ``http_403`` / ``http_502`` / ``http_503`` / ``http_504``: an HTML error page like a
          CDN's; these carry no X-Bapi-* headers (a CDN would not send them).
        - ``http_429`` (``reset_ms``, default 200): HTTP 429, JSON retCode 10006, limit headers
          with status 0 and the reset ``reset_ms`` from now.
        - ``truncated_json``: the request is executed; the complete HTTP answer carries the first
          half of its JSON body (Content-Length matches the cut body).
        - ``redirect`` (``location``, default ``http://127.0.0.2:1``): HTTP 302 to that host.
        - ``bend`` (``body`` or ``edit``): a hostile exchange's HTTP 200. ``body`` (JSON-able, or
          bytes) is answered instead and the request is not acted on; ``edit`` (a function of
          the real answer's JSON, returning what to send) acts on the request and bends the
          answer, e.g. an empty page that still names its ``nextPageCursor``.
        - ``clock_offset`` (``ms``): the server clock runs ``ms`` ahead (negative: behind) for the
          recv-window check, ``/v5/market/time``, ``time`` and the reset headers. Persistent: it
          ignores ``times``; ``clear_faults()`` sets it back to 0. Also the ``clock_offset_ms``
          attribute.

    WebSocket streams (``sandbox/streams.py``; docs_ru/sandbox.md "Потоки WebSocket")
        On the same port: ``/v5/public/{spot,linear,inverse,option}``, ``/v5/private`` and
        ``/v5/trade`` (order entry through the REST endpoints' rules and limits;
        ``max_active_time`` accepted). subscribe/unsubscribe/ping/auth answered in each
        stream's V5 shape; failures as ``{"success": false, "ret_msg": "error:..."}``. Feeds come
        from the state REST serves: books (snapshot, deltas, level 1 resent every
        ``book1_resend_s``), tickers, klines, trades from fills, ``allLiquidation``; private
        order/execution/position/wallet from the authenticated key's trading. Driven by
        ``set_price()``, ``tick()``, ``liquidate()`` (pushed before they return) or a
        ``stream_tick_s`` timer. ``stream_idle_s`` cuts streams without ping or data.
        ``stream_fault(kind, *, path=None, topic=None, times=1, **params)``: ``drop``,
        ``close`` (code, reason), ``stall`` (seconds), ``skip_u``, ``resnapshot``, ``restart``,
        ``refuse`` (status, default 502; ``times`` upgrades per path). REST faults armed for a
        stream path hit its upgrades. ``stream_count()`` / ``stream_topics()`` tell what is open
        and subscribed. ``stop()`` sends close frames 1001 and joins every thread.

    Helpers (thread-safe, no HTTP)
        ``seed_orders(api_key, category="linear", symbol="BTCUSDT", count=1, side="Buy",
        price="30000", qty="0.01", order_link_prefix=None)`` makes resting Limit orders (link ids
        ``f"{prefix}{i}"``) for a registered key and returns them (ValueError on bad input);
        ``open_orders(api_key, category=None)`` (oldest first, each with its ``category``);
        ``open_count(api_key, category=None)``; ``stats()`` (requests, connections, by_path,
        by_ret_code, by_http_status (0 = dropped), signature_failures, rate_limited, faults
        injected by kind, active_faults: the kinds still armed); ``reset()`` clears orders,
        stats, faults, clock offset and rate-limit windows (keys stay).

        HTX: ``seed_htx_orders(access_key, product="swap", contract_code=None, count=1,
        direction=None, offset=None, side=None, position_side=None, client_order_prefix=None,
        fill_on_cancel=False)`` makes open orders (swap: default ``BTC-USD``, direction buy,
        offset open; v5: default ``BTC-USDT``, side buy, position_side both; the other product's
        fields are a ValueError) with 19-digit order ids, and returns them;
        ``open_htx_orders(access_key, product=None)`` and ``open_htx_count(access_key,
        product=None)``.
    """

    def __init__(
        self,
        keys: Mapping[str, str] | None = None,
        port: int = 0,
        rate_limit: int | str | None = "bybit",
        host: str = "127.0.0.1",
        seed: int | None = None,
        htx_rate_limit: int | None = HTX_DEFAULT_RATE_LIMIT,
        delay_ms: int = 0,
        stream_idle_s: float = 600.0,
        stream_tick_s: float | None = None,
    ) -> None:
        self._host, self._ipv6 = _loopback_host(host)
        if isinstance(port, bool) or not isinstance(port, int) or not 0 <= port <= 65535:
            raise ValueError("port must be an int from 0 to 65535")
        if (
            rate_limit is not None
            and rate_limit != "bybit"
            and (isinstance(rate_limit, bool) or not isinstance(rate_limit, int) or rate_limit < 1)
        ):
            raise ValueError("rate_limit must be 'bybit', a positive int or None")
        if htx_rate_limit is not None and (
            isinstance(htx_rate_limit, bool)
            or not isinstance(htx_rate_limit, int)
            or htx_rate_limit < 1
        ):
            raise ValueError("htx_rate_limit must be a positive int or None")
        for key, secret in (keys or {}).items():
            _check_key(key, secret)
        self._requested_port = port
        self._port = port
        self._app = SandboxApp(keys or {}, rate_limit, seed, htx_rate_limit)
        self.set_delay(delay_ms)
        self.set_stream_options(idle_s=stream_idle_s)
        if stream_tick_s is not None and not _positive(stream_tick_s):
            raise ValueError("stream_tick_s must be a positive number of seconds or None")
        self._tick_s = stream_tick_s
        self._ticker: threading.Thread | None = None
        self._lock = threading.Lock()
        self._server: SandboxHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # lifecycle

    def start(self) -> Sandbox:
        """Bind and serve in a daemon thread. Returns self; a no-op when already running."""
        with self._lock:
            if self._server is not None:
                return self
            server = self._bind()
            thread = threading.Thread(
                target=server.serve_forever,
                kwargs={"poll_interval": _POLL_S},
                name=f"bybit-sandbox-{self._port}",
                daemon=True,
            )
            self._thread = thread
            thread.start()
            self._start_ticker()
        return self

    def _start_ticker(self) -> None:
        # Caller holds self._lock. The timer-driven feed: one thread, ended by stop().
        if self._tick_s is None:
            return
        interval, stopping = self._tick_s, self._app.stopping

        def walk() -> None:
            while not stopping.wait(interval):
                self._app.streams.tick()

        self._ticker = threading.Thread(target=walk, name="bybit-sandbox-feed", daemon=True)
        self._ticker.start()

    def serve_forever(self) -> None:
        """Serve in the calling thread until stop() or KeyboardInterrupt."""
        with self._lock:
            if self._server is not None:
                raise RuntimeError("the sandbox is already running")
            server = self._bind()
            self._start_ticker()
        try:
            server.serve_forever(poll_interval=_POLL_S)
        except KeyboardInterrupt:
            pass
        finally:
            with self._lock:
                mine = self._server is server
                if mine:
                    self._server = None
            if mine:
                self._app.stopping.set()
                self._app.streams.stop()
                self._join_ticker()
                server.close_connections()
                server.server_close()

    def stop(self) -> None:
        """Stop serving, close all connections and the listening socket. Idempotent."""
        with self._lock:
            server, thread = self._server, self._thread
            self._server = self._thread = None
        if server is None:
            return
        self._app.stopping.set()
        self._app.streams.stop()  # close frames 1001; each stream's thread then ends
        self._join_ticker()
        server.shutdown()  # returns once the accept loop has exited
        if thread is not None:
            thread.join()
        server.close_connections()
        server.server_close()  # joins the connection threads, streams included

    def _join_ticker(self) -> None:
        ticker, self._ticker = self._ticker, None
        if ticker is not None:
            ticker.join()

    def _bind(self) -> SandboxHTTPServer:
        # Caller holds self._lock.
        self._app.stopping.clear()
        self._app.streams.start()
        server = SandboxHTTPServer((self._host, self._requested_port), self._app, ipv6=self._ipv6)
        self._port = int(server.server_address[1])
        self._server = server
        return server

    def __enter__(self) -> Sandbox:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    @property
    def running(self) -> bool:
        return self._server is not None

    @property
    def host(self) -> str:
        return self._host

    @property
    def port(self) -> int:
        """The bound port once started (the requested one before)."""
        return self._port

    @property
    def base_url(self) -> str:
        if self._server is None and self._port == 0:
            raise RuntimeError("the sandbox has no port yet: start() it first")
        host = f"[{self._host}]" if self._ipv6 else self._host
        return f"http://{host}:{self._port}"

    # keys, faults, clock

    def set_price(self, symbol: str, price: str | int | Decimal) -> None:
        """Set a symbol's price (last, mark and index) from now on; orders that now cross may
        fill. Candles and trades before now keep their prices: only what follows moves."""
        self._app.exchange.market.set_price(symbol, Decimal(str(price)), self._app.now_ms())

    def price(self, symbol: str, category: str = "linear") -> Decimal:
        """A symbol's current price."""
        return self._app.exchange.market.price(symbol, category)

    # streams

    def set_stream_options(
        self, *, idle_s: float | None = None, book1_resend_s: float | None = None
    ) -> None:
        """Stream bounds: ``idle_s`` (Bybit: 600) cuts a stream that neither pinged nor got
        data for that long (new connections); ``book1_resend_s`` (Bybit: 3) resends an
        unchanged level-1 book. Small values make keepalive testable in a second."""
        options = self._app.streams.options
        for name, value in (("idle_s", idle_s), ("book1_resend_s", book1_resend_s)):
            if value is not None and not _positive(value):
                raise ValueError(f"{name} must be a positive number of seconds")
        self._app.streams.options = StreamOptions(
            idle_s=options.idle_s if idle_s is None else float(idle_s),
            book1_resend_s=options.book1_resend_s
            if book1_resend_s is None
            else float(book1_resend_s),
        )

    def tick(self, symbols: Iterable[str] | None = None) -> list[str]:
        """Move each symbol (default: every symbol a public stream follows) a few ticks along
        its seeded walk, with a trade there; streams get the deltas before this returns."""
        return self._app.streams.tick(None if symbols is None else list(symbols))

    def liquidate(
        self,
        symbol: str,
        side: str = "Sell",
        qty: str | Decimal = "1",
        price: str | Decimal | None = None,
        category: str = "linear",
    ) -> int:
        """Push an ``allLiquidation.{symbol}`` message (``side`` Buy: a long was liquidated);
        returns how many streams it reached."""
        if category not in ("linear", "inverse"):
            raise ValueError("allLiquidation is for category linear or inverse")
        if side not in ("Buy", "Sell"):
            raise ValueError("side must be Buy or Sell")
        at = self.price(symbol, category) if price is None else Decimal(str(price))
        return self._app.streams.liquidation(category, symbol, side, Decimal(str(qty)), at)

    def stream_fault(
        self,
        kind: str,
        *,
        path: str | None = None,
        topic: str | None = None,
        times: int | None = 1,
        **params: Any,
    ) -> int:
        """Inject a fault into the streams (of ``path``, every stream path when None); see the
        class docstring. Returns how many connections or book subscriptions it reached (for
        ``refuse``: how many paths were armed)."""
        if path is not None and path not in STREAM_PATHS:
            raise ValueError(f"path must be one of {', '.join(STREAM_PATHS)}")
        if kind == "refuse":
            status = params.pop("status", 502)
            if params or status not in (403, 502, 503, 504):
                raise ValueError("refuse takes status=403, 502, 503 or 504 only")
            paths = STREAM_PATHS if path is None else (path,)
            for one in paths:
                self._app.faults.add(make_fault(f"http_{status}", times, one, {}))
            return len(paths)
        return self._app.streams.fault(kind, path, topic, **params)

    def stream_count(self, path: str | None = None) -> int:
        """Open stream connections (of one path, or all)."""
        return self._app.streams.count(path)

    def stream_topics(self, path: str | None = None) -> list[str]:
        """The topics subscribed on the open streams (of one path, or all), one entry per
        stream and topic, sorted: a test can wait until a client has subscribed."""
        return self._app.streams.topics(path)

    def set_delay(self, ms: int) -> None:
        """Hold every answer ``ms`` milliseconds (0 to 10,000) after the exchange has acted."""
        if isinstance(ms, bool) or not isinstance(ms, int) or not 0 <= ms <= 10_000:
            raise ValueError("delay_ms must be an int from 0 to 10000")
        self._app.delay_s = ms / 1000

    def set_categories(self, key: str, categories: Iterable[str] | None) -> None:
        """Let ``key`` trade only these categories (None: all again); a call naming another
        category answers 10005 "Permission denied"."""
        if categories is None:
            self._app.set_categories(key, None)
            return
        chosen = frozenset(categories)
        unknown = chosen - {"linear", "inverse", "spot", "option"}
        if unknown:
            raise ValueError(f"unknown categories: {', '.join(sorted(unknown))}")
        self._app.set_categories(key, chosen)

    def add_key(self, key: str, secret: str) -> None:
        """Register (or replace) an API key and its secret."""
        _check_key(key, secret)
        self._app.add_key(key, secret)

    def set_fault(
        self, kind: str, *, times: int | None = None, path: str | None = None, **params: Any
    ) -> None:
        """Switch a fault mode on; see the class docstring for the kinds and their parameters."""
        if kind == "clock_offset":
            if path is not None:
                raise ValueError("clock_offset applies to the whole server: no path")
            unknown = set(params) - {"ms"}
            if unknown or "ms" not in params:
                raise ValueError("clock_offset takes exactly one parameter: ms=<int>")
            self.clock_offset_ms = params["ms"]
            return
        self._app.faults.add(make_fault(kind, times, path, params))

    def clear_faults(self) -> None:
        """Remove every fault rule and set the clock offset back to 0."""
        self._app.faults.clear()
        self._app.clock_offset_ms = 0

    @property
    def clock_offset_ms(self) -> int:
        """How far (ms) the server clock runs ahead of the real one; negative: behind."""
        return self._app.clock_offset_ms

    @clock_offset_ms.setter
    def clock_offset_ms(self, value: int) -> None:
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError("clock offset must be an int (milliseconds)")
        self._app.clock_offset_ms = value

    # state helpers

    def seed_orders(
        self,
        api_key: str,
        category: str = "linear",
        symbol: str = "BTCUSDT",
        count: int = 1,
        side: str = "Buy",
        price: str = "30000",
        qty: str = "0.01",
        order_link_prefix: str | None = None,
    ) -> list[dict[str, str]]:
        """Create `count` resting Limit orders directly (no HTTP) and return them."""
        if not self._app.has_key(api_key):
            raise ValueError("unknown API key: add_key() it first")
        return self._app.exchange.seed(
            api_key,
            category,
            symbol,
            count,
            side,
            price,
            qty,
            order_link_prefix,
            self._app.now_ms(),
        )

    def open_orders(self, api_key: str, category: str | None = None) -> list[dict[str, str]]:
        """Open orders of a key (one category or all), oldest first, each with its category."""
        return self._app.exchange.open_orders(api_key, category)

    def open_count(self, api_key: str, category: str | None = None) -> int:
        return self._app.exchange.open_count(api_key, category)

    def seed_htx_orders(
        self,
        access_key: str,
        product: str = "swap",
        contract_code: str | None = None,
        count: int = 1,
        direction: str | None = None,
        offset: str | None = None,
        side: str | None = None,
        position_side: str | None = None,
        client_order_prefix: str | None = None,
        fill_on_cancel: bool = False,
    ) -> list[dict[str, str]]:
        """Open `count` HTX orders directly (no HTTP) and return them (see the class docstring)."""
        if not self._app.has_key(access_key):
            raise ValueError("unknown access key: add_key() it first")
        return self._app.htx.seed(
            access_key,
            product,
            contract_code,
            count,
            direction,
            offset,
            side,
            position_side,
            client_order_prefix,
            fill_on_cancel,
        )

    def open_htx_orders(self, access_key: str, product: str | None = None) -> list[dict[str, str]]:
        """Open HTX orders of a key (one product line, "swap" or "v5", or both), oldest first."""
        return self._app.htx.open_orders(access_key, product)

    def open_htx_count(self, access_key: str, product: str | None = None) -> int:
        return self._app.htx.open_count(access_key, product)

    def stats(self) -> dict[str, Any]:
        """A snapshot of the counters (see the class docstring)."""
        snapshot = self._app.stats.snapshot()
        snapshot["active_faults"] = self._app.faults.active()
        return snapshot

    def reset(self) -> None:
        """Clear orders (Bybit and HTX), positions and wallets, prices, stats, faults, the clock
        offset and the rate windows."""
        self._app.exchange.clear()
        self._app.positions.clear()
        self._app.htx.clear()
        self._app.stats.clear()
        self._app.limiter.clear()
        self._app.htx_limiter.clear()
        self.clear_faults()


def _positive(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and 0 < value < 1e9


def _check_key(key: object, secret: object) -> None:
    if not isinstance(key, str) or not key or not isinstance(secret, str) or not secret:
        raise ValueError("API keys and secrets must be non-empty strings")
    if not key.isascii() or not key.isprintable():
        raise ValueError("API keys must be printable ASCII (they travel in a header)")
