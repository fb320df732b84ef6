"""The sandbox exchange over real loopback HTTP, with signatures computed here by hand."""

from __future__ import annotations

import ast
import hashlib
import hmac
import json
import logging
import socket
import sys
import threading
import time
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest
import requests

from carpenstar_bybit.sandbox import Sandbox

KEY, SECRET = "sandbox-key-a", "s3cr3t-VALUE-a-91f2"
KEY2, SECRET2 = "sandbox-key-b", "s3cr3t-VALUE-b-0c7e"
TIMEOUT = 5.0
LIMIT_BODY = {
    "category": "linear",
    "symbol": "BTCUSDT",
    "side": "Buy",
    "orderType": "Limit",
    "qty": "0.01",
    "price": "30000",
}


def hand_sign(secret: str, timestamp: str, key: str, recv_window: str, payload: bytes) -> str:
    """Bybit V5: hex HMAC-SHA256(secret, timestamp + key + recvWindow + payload)."""
    message = (timestamp + key + recv_window).encode() + payload
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def now_ms() -> int:
    return time.time_ns() // 1_000_000


class Client:
    """A tiny signed client on one kept-alive requests.Session."""

    def __init__(self, base_url: str, key: str = KEY, secret: str = SECRET) -> None:
        self.base_url = base_url
        self.key = key
        self.secret = secret
        self.session = requests.Session()

    def close(self) -> None:
        self.session.close()

    def headers(
        self, payload: bytes, *, ts: int | None = None, recv_window: str | None = "5000"
    ) -> dict[str, str]:
        stamp = str(now_ms() if ts is None else ts)
        headers = {
            "X-BAPI-API-KEY": self.key,
            "X-BAPI-TIMESTAMP": stamp,
            "X-BAPI-SIGN": hand_sign(self.secret, stamp, self.key, recv_window or "", payload),
            "X-BAPI-SIGN-TYPE": "2",
            "Content-Type": "application/json",
        }
        if recv_window is not None:
            headers["X-BAPI-RECV-WINDOW"] = recv_window
        return headers

    def post(
        self,
        path: str,
        body: Mapping[str, object] | bytes,
        *,
        headers: Mapping[str, str] | None = None,
        drop_headers: tuple[str, ...] = (),
        **sign_options: Any,
    ) -> requests.Response:
        raw = body if isinstance(body, bytes) else json.dumps(body).encode()
        sent = dict(self.headers(raw, **sign_options))
        sent.update(headers or {})
        for name in drop_headers:
            del sent[name]
        return self.session.post(
            self.base_url + path, data=raw, headers=sent, timeout=TIMEOUT, allow_redirects=False
        )

    def get(self, path: str, query: str = "", **sign_options: Any) -> requests.Response:
        url = self.base_url + path + ("?" + query if query else "")
        headers = self.headers(query.encode(), **sign_options)
        return self.session.get(url, headers=headers, timeout=TIMEOUT, allow_redirects=False)

    def ok(self, path: str, body: Mapping[str, object]) -> dict[str, Any]:
        reply = self.post(path, body).json()
        assert reply["retCode"] == 0, reply
        result: dict[str, Any] = reply["result"]
        return result

    def realtime(self, query: str) -> dict[str, Any]:
        reply = self.get("/v5/order/realtime", query).json()
        assert reply["retCode"] == 0, reply
        result: dict[str, Any] = reply["result"]
        return result


@pytest.fixture(scope="module")
def shared() -> Iterator[Sandbox]:
    with Sandbox({KEY: SECRET, KEY2: SECRET2}, rate_limit=None, seed=7) as sandbox:
        yield sandbox


@pytest.fixture
def sb(shared: Sandbox) -> Sandbox:
    shared.reset()
    return shared


@pytest.fixture
def client(sb: Sandbox) -> Iterator[Client]:
    c = Client(sb.base_url)
    yield c
    c.close()


@pytest.fixture
def client2(sb: Sandbox) -> Iterator[Client]:
    c = Client(sb.base_url, KEY2, SECRET2)
    yield c
    c.close()


# --- signatures and the helper ------------------------------------------------------------------


def test_hand_sign_matches_bybit_test_vectors() -> None:
    order = (
        b'{"price":"30000","timeInForce":"GTC","category":"linear","symbol":"BTCUSDT",'
        b'"side":"Buy","orderType":"Limit","qty":"0.01"}'
    )
    assert hand_sign(
        "test-secret", "1700000000000", "test-key", "5000", b"accountType=UNIFIED"
    ) == ("3f10586267639c9f3f4f5e32e491a6ef80d157db06f51eb79e4988e24f97adba")
    assert hand_sign("test-secret", "1700000000000", "test-key", "5000", order) == (
        "aae80c0b052347759ce532cce2f73dac47a96738d646e3df3969bcd733a9af8e"
    )


# The sandbox is stdlib-only but for `websockets`, which frames its WebSocket streams (sans-I/O
# ServerProtocol): RFC 6455 framing is not something to hand-write, and the library is a
# dependency of the package anyway (the stream client uses it).
SANDBOX_THIRD_PARTY = frozenset({"websockets"})


def test_sandbox_imports_only_the_standard_library_and_websockets() -> None:
    package = Path(__file__).resolve().parents[2] / "carpenstar_bybit" / "sandbox"
    files = sorted(package.glob("*.py"))
    assert len(files) >= 5
    for file in files:
        for node in ast.walk(ast.parse(file.read_text())):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                names = [node.module or ""]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                allowed = top in sys.stdlib_module_names or top in SANDBOX_THIRD_PARTY
                assert allowed or top == "__future__", (file.name, name)


# --- endpoints: happy paths ---------------------------------------------------------------------


def test_market_time_is_public_and_close_to_now(sb: Sandbox, client: Client) -> None:
    before = now_ms()
    r = client.session.get(sb.base_url + "/v5/market/time", timeout=TIMEOUT)
    after = now_ms()
    data = r.json()
    assert r.status_code == 200
    assert data["retCode"] == 0
    assert data["retExtInfo"] == {}
    seconds, nanos = int(data["result"]["timeSecond"]), int(data["result"]["timeNano"])
    assert before <= nanos // 1_000_000 <= after
    assert seconds == nanos // 1_000_000_000
    assert before <= data["time"] <= after
    assert r.headers["X-Bapi-Limit"] == "1000000"


def test_create_limit_rests_and_market_fills(sb: Sandbox, client: Client) -> None:
    made = client.ok("/v5/order/create", {**LIMIT_BODY, "orderLinkId": "my-1"})
    assert made["orderLinkId"] == "my-1"
    assert len(made["orderId"]) == 36
    market = client.ok(
        "/v5/order/create",
        {
            "category": "linear",
            "symbol": "BTCUSDT",
            "side": "Sell",
            "orderType": "Market",
            "qty": "0.5",
        },
    )
    assert market["orderLinkId"] == ""
    assert market["orderId"] != made["orderId"]
    opened = sb.open_orders(KEY)
    assert [o["orderId"] for o in opened] == [made["orderId"]]
    assert opened[0] | {"createdTime": "x"} == {
        "orderId": made["orderId"],
        "orderLinkId": "my-1",
        "symbol": "BTCUSDT",
        "side": "Buy",
        "orderType": "Limit",
        "price": "30000",
        "qty": "0.01",
        "orderStatus": "New",
        "createdTime": "x",
        "category": "linear",
    }


def test_cancel_by_order_id_and_by_link_id(sb: Sandbox, client: Client) -> None:
    a, b = sb.seed_orders(KEY, count=2, order_link_prefix="L")
    r1 = client.ok(
        "/v5/order/cancel", {"category": "linear", "symbol": "BTCUSDT", "orderId": a["orderId"]}
    )
    assert r1 == {"orderId": a["orderId"], "orderLinkId": "L0"}
    r2 = client.ok(
        "/v5/order/cancel", {"category": "linear", "symbol": "BTCUSDT", "orderLinkId": "L1"}
    )
    assert r2 == {"orderId": b["orderId"], "orderLinkId": "L1"}
    assert sb.open_count(KEY) == 0


def test_cancel_order_id_wins_over_link_id(sb: Sandbox, client: Client) -> None:
    a, b = sb.seed_orders(KEY, count=2, order_link_prefix="W")
    result = client.ok(
        "/v5/order/cancel",
        {"category": "linear", "symbol": "BTCUSDT", "orderId": a["orderId"], "orderLinkId": "W1"},
    )
    assert result["orderId"] == a["orderId"]
    assert [o["orderId"] for o in sb.open_orders(KEY)] == [b["orderId"]]


def test_cancel_all_by_symbol(sb: Sandbox, client: Client) -> None:
    btc = sb.seed_orders(KEY, count=3)
    sb.seed_orders(KEY, symbol="ETHUSDT", count=2)
    result = client.ok("/v5/order/cancel-all", {"category": "linear", "symbol": "BTCUSDT"})
    assert result["success"] == "1"
    assert sorted(x["orderId"] for x in result["list"]) == sorted(o["orderId"] for o in btc)
    assert {o["symbol"] for o in sb.open_orders(KEY)} == {"ETHUSDT"}


def test_cancel_all_with_nothing_open(client: Client) -> None:
    assert client.ok("/v5/order/cancel-all", {"category": "linear", "symbol": "BTCUSDT"}) == {
        "list": [],
        "success": "1",
    }


def test_realtime_lists_open_orders(sb: Sandbox, client: Client) -> None:
    made = sb.seed_orders(
        KEY, count=2, price="25000.5", qty="3", side="Sell", order_link_prefix="rt"
    )
    result = client.realtime("category=linear")
    assert result["category"] == "linear"
    assert result["nextPageCursor"] == ""
    listed = result["list"]
    assert [o["orderId"] for o in listed] == [
        made[1]["orderId"],
        made[0]["orderId"],
    ]  # newest first
    first = listed[1]
    assert first["orderLinkId"] == "rt0"
    assert (first["side"], first["price"], first["qty"]) == ("Sell", "25000.5", "3")
    assert first["orderStatus"] == "New"
    assert first["orderType"] == "Limit"
    assert first["createdTime"].isdigit()
    assert "category" not in first


def test_realtime_filters(sb: Sandbox, client: Client) -> None:
    a = sb.seed_orders(KEY, symbol="BTCUSDT", order_link_prefix="f-btc")[0]
    sb.seed_orders(KEY, symbol="ETHUSDC", order_link_prefix="f-eth")
    sb.seed_orders(KEY, symbol="SOLPERP", order_link_prefix="f-sol")

    def symbols(query: str) -> set[str]:
        return {o["symbol"] for o in client.realtime("category=linear&" + query)["list"]}

    assert symbols("symbol=BTCUSDT") == {"BTCUSDT"}
    assert symbols("baseCoin=ETH") == {"ETHUSDC"}
    assert symbols("settleCoin=USDC") == {"ETHUSDC", "SOLPERP"}
    assert symbols("orderId=" + a["orderId"]) == {"BTCUSDT"}
    assert symbols("orderLinkId=f-sol0") == {"SOLPERP"}
    assert symbols("symbol=BTCUSDT&settleCoin=USDC") == set()


def test_realtime_cursor_pages_cover_everything_once(sb: Sandbox, client: Client) -> None:
    made = {o["orderId"] for o in sb.seed_orders(KEY, count=45)}
    sb.seed_orders(KEY, category="inverse", symbol="BTCUSD", count=3)
    seen: list[str] = []
    sizes: list[int] = []
    query = "category=linear&limit=20"
    while True:
        page = client.realtime(query)
        sizes.append(len(page["list"]))
        seen += [o["orderId"] for o in page["list"]]
        if not page["nextPageCursor"]:
            break
        query = "category=linear&limit=20&cursor=" + page["nextPageCursor"]
    assert sizes == [20, 20, 5]
    assert len(seen) == len(set(seen)) == 45
    assert set(seen) == made


def test_realtime_cursor_survives_cancels_between_pages(sb: Sandbox, client: Client) -> None:
    made = sb.seed_orders(KEY, count=10, order_link_prefix="c")
    first = client.realtime("category=linear&limit=4")
    # Cancel one already listed and one not yet listed: the rest must still come exactly once.
    sb_ids = [o["orderId"] for o in first["list"]]
    client.ok("/v5/order/cancel", {"category": "linear", "symbol": "BTCUSDT", "orderId": sb_ids[0]})
    client.ok("/v5/order/cancel", {"category": "linear", "symbol": "BTCUSDT", "orderLinkId": "c0"})
    rest = client.realtime("category=linear&limit=50&cursor=" + first["nextPageCursor"])
    listed = sb_ids + [o["orderId"] for o in rest["list"]]
    assert rest["nextPageCursor"] == ""
    assert sorted(listed) == sorted(o["orderId"] for o in made if o["orderLinkId"] != "c0")


def test_realtime_default_limit_is_20(sb: Sandbox, client: Client) -> None:
    sb.seed_orders(KEY, count=21)
    page = client.realtime("category=linear")
    assert len(page["list"]) == 20
    assert page["nextPageCursor"] != ""


# --- isolation -----------------------------------------------------------------------------------


def test_keys_are_isolated(sb: Sandbox, client: Client, client2: Client) -> None:
    mine = sb.seed_orders(KEY, count=2)
    assert (
        client2.ok("/v5/order/cancel-all", {"category": "linear", "symbol": "BTCUSDT"})["list"]
        == []
    )
    r = client2.post(
        "/v5/order/cancel",
        {"category": "linear", "symbol": "BTCUSDT", "orderId": mine[0]["orderId"]},
    )
    assert r.json()["retCode"] == 110001
    assert client2.realtime("category=linear")["list"] == []
    assert sb.open_count(KEY) == 2
    assert sb.open_count(KEY2) == 0


def test_categories_are_isolated(sb: Sandbox, client: Client) -> None:
    linear = sb.seed_orders(KEY, category="linear", symbol="BTCUSDT", count=2)
    spot = sb.seed_orders(KEY, category="spot", symbol="BTCUSDT", count=3)
    result = client.ok("/v5/order/cancel-all", {"category": "spot"})
    assert sorted(x["orderId"] for x in result["list"]) == sorted(o["orderId"] for o in spot)
    assert [o["orderId"] for o in sb.open_orders(KEY)] == [o["orderId"] for o in linear]
    r = client.post(
        "/v5/order/cancel",
        {"category": "inverse", "symbol": "BTCUSDT", "orderId": linear[0]["orderId"]},
    )
    assert r.json()["retCode"] == 110001
    assert sb.open_count(KEY, "linear") == 2
    assert sb.open_count(KEY, "spot") == 0


def test_order_link_id_is_unique_per_key_and_category(
    sb: Sandbox, client: Client, client2: Client
) -> None:
    client.ok("/v5/order/create", {**LIMIT_BODY, "orderLinkId": "dup"})
    r = client.post("/v5/order/create", {**LIMIT_BODY, "orderLinkId": "dup"})
    assert r.json()["retCode"] == 110072
    assert r.json()["retMsg"] == "OrderLinkedID is duplicate"
    client2.ok("/v5/order/create", {**LIMIT_BODY, "orderLinkId": "dup"})
    client.ok("/v5/order/create", {**LIMIT_BODY, "category": "spot", "orderLinkId": "dup"})
    client.ok("/v5/order/cancel", {"category": "linear", "symbol": "BTCUSDT", "orderLinkId": "dup"})
    # V5: always unique, also once the order is closed (v3 let it be reused).
    r = client.post("/v5/order/create", {**LIMIT_BODY, "orderLinkId": "dup"})
    assert r.json()["retCode"] == 110072
    assert sb.open_count(KEY) == 1


# --- cancel-all: cap, randomness, selectors -------------------------------------------------------


def _cancel_all_links(base_url: str) -> list[str]:
    c = Client(base_url)
    try:
        return [
            x["orderLinkId"]
            for x in c.ok("/v5/order/cancel-all", {"category": "linear", "symbol": "BTCUSDT"})[
                "list"
            ]
        ]
    finally:
        c.close()


def test_cancel_all_caps_linear_at_500_picked_at_random(sb: Sandbox, client: Client) -> None:
    seeded = sb.seed_orders(KEY, count=600, order_link_prefix="cap")
    all_ids = {o["orderId"] for o in seeded}
    body = {"category": "linear", "symbol": "BTCUSDT"}
    first = client.ok("/v5/order/cancel-all", body)["list"]
    first_ids = {x["orderId"] for x in first}
    assert len(first) == len(first_ids) == 500
    assert first_ids <= all_ids
    indexes = {int(x["orderLinkId"][3:]) for x in first}
    assert indexes != set(range(500))  # not the oldest 500
    assert indexes != set(range(100, 600))  # not the newest 500
    second = client.ok("/v5/order/cancel-all", body)["list"]
    assert len(second) == 100
    assert {x["orderId"] for x in second} == all_ids - first_ids
    assert client.ok("/v5/order/cancel-all", body)["list"] == []


def test_cancel_all_random_pick_follows_the_seed() -> None:
    picks = []
    for seed in (11, 11, 12):
        with Sandbox({KEY: SECRET}, seed=seed) as box:
            box.seed_orders(KEY, count=520, order_link_prefix="s")
            picks.append(set(_cancel_all_links(box.base_url)))
    assert len(picks[0]) == 500
    assert picks[0] == picks[1]
    assert picks[0] != picks[2]


@pytest.mark.parametrize(
    ("category", "symbol"), [("spot", "BTCUSDT"), ("option", "BTC-27DEC24-50000-C")]
)
def test_cancel_all_has_no_cap_for_spot_and_option(
    sb: Sandbox, client: Client, category: str, symbol: str
) -> None:
    sb.seed_orders(KEY, category=category, symbol=symbol, count=600)
    assert len(client.ok("/v5/order/cancel-all", {"category": category})["list"]) == 600
    assert sb.open_count(KEY, category) == 0


def test_cancel_all_inverse_is_capped_too(sb: Sandbox, client: Client) -> None:
    sb.seed_orders(KEY, category="inverse", symbol="BTCUSD", count=501)
    body = {"category": "inverse", "baseCoin": "BTC"}
    assert len(client.ok("/v5/order/cancel-all", body)["list"]) == 500
    assert len(client.ok("/v5/order/cancel-all", body)["list"]) == 1


def test_cancel_all_selector_priority(sb: Sandbox, client: Client) -> None:
    btc = sb.seed_orders(KEY, symbol="BTCUSDT", count=2)
    eth = sb.seed_orders(KEY, symbol="ETHUSDT", count=2)
    usdc = sb.seed_orders(KEY, symbol="SOLUSDC", count=1)
    # symbol beats baseCoin and settleCoin
    got = client.ok(
        "/v5/order/cancel-all",
        {"category": "linear", "symbol": "BTCUSDT", "baseCoin": "ETH", "settleCoin": "USDC"},
    )
    assert {x["orderId"] for x in got["list"]} == {o["orderId"] for o in btc}
    # baseCoin beats settleCoin
    got = client.ok(
        "/v5/order/cancel-all", {"category": "linear", "baseCoin": "ETH", "settleCoin": "USDC"}
    )
    assert {x["orderId"] for x in got["list"]} == {o["orderId"] for o in eth}
    # null and "" mean absent, like Bybit's own example body
    got = client.ok(
        "/v5/order/cancel-all",
        {"category": "linear", "symbol": None, "baseCoin": "", "settleCoin": "USDC"},
    )
    assert {x["orderId"] for x in got["list"]} == {o["orderId"] for o in usdc}


def test_cancel_all_coin_derivation(sb: Sandbox, client: Client) -> None:
    for symbol in ("BTCUSDT", "BTCPERP", "BTC-27DEC24", "ETHUSDC"):
        sb.seed_orders(KEY, category="linear", symbol=symbol)
    for symbol in ("BTCUSD", "BTCUSDZ24", "ETHUSD"):
        sb.seed_orders(KEY, category="inverse", symbol=symbol)

    before = {o["orderId"]: o["symbol"] for o in sb.open_orders(KEY)}

    def run(body: dict[str, str]) -> set[str]:
        got = client.ok("/v5/order/cancel-all", body)["list"]
        return {before[x["orderId"]] for x in got}

    assert run({"category": "linear", "settleCoin": "USDC"}) == {
        "BTCPERP",
        "BTC-27DEC24",
        "ETHUSDC",
    }
    assert run({"category": "linear", "baseCoin": "BTC"}) == {"BTCUSDT"}
    assert run({"category": "inverse", "settleCoin": "BTC"}) == {"BTCUSD", "BTCUSDZ24"}
    assert run({"category": "inverse", "baseCoin": "ETH"}) == {"ETHUSD"}
    assert sb.open_count(KEY) == 0
    assert run({"category": "linear", "settleCoin": "USDT"}) == set()


def test_cancel_all_option_without_selector_and_by_settle_coin(sb: Sandbox, client: Client) -> None:
    usdc = sb.seed_orders(KEY, category="option", symbol="BTC-27DEC24-50000-C", count=2)
    usdt = sb.seed_orders(KEY, category="option", symbol="ETH-27DEC24-3000-P-USDT", count=1)
    got = client.ok("/v5/order/cancel-all", {"category": "option", "settleCoin": "USDT"})
    assert [x["orderId"] for x in got["list"]] == [usdt[0]["orderId"]]
    got = client.ok("/v5/order/cancel-all", {"category": "option"})
    assert {x["orderId"] for x in got["list"]} == {o["orderId"] for o in usdc}


def test_cancel_all_filters_that_select_no_plain_order(sb: Sandbox, client: Client) -> None:
    sb.seed_orders(KEY, count=2)
    sb.seed_orders(KEY, category="spot", count=2)
    stop = {
        "category": "linear",
        "symbol": "BTCUSDT",
        "orderFilter": "StopOrder",
        "stopOrderType": "Stop",
    }
    assert client.ok("/v5/order/cancel-all", stop)["list"] == []
    assert (
        client.ok("/v5/order/cancel-all", {"category": "spot", "orderFilter": "OcoOrder"})["list"]
        == []
    )
    assert sb.open_count(KEY) == 4
    got = client.ok(
        "/v5/order/cancel-all",
        {"category": "linear", "symbol": "BTCUSDT", "orderFilter": "OpenOrder"},
    )
    assert len(got["list"]) == 2
    got = client.ok("/v5/order/cancel-all", {"category": "spot", "orderFilter": "Order"})
    assert len(got["list"]) == 2


@pytest.mark.parametrize(
    ("body", "named"),
    [
        ({}, "category"),
        ({"category": "futures"}, "category"),
        ({"category": "linear"}, "symbol, baseCoin or settleCoin"),
        ({"category": "inverse", "symbol": None}, "symbol, baseCoin or settleCoin"),
        ({"category": "spot", "settleCoin": "USDT"}, "settleCoin"),
        ({"category": "option", "settleCoin": "BTC"}, "settleCoin"),
        ({"category": "linear", "symbol": "btcusdt"}, "symbol"),
        ({"category": "linear", "baseCoin": "btc"}, "baseCoin"),
        ({"category": "linear", "symbol": "BTCUSDT", "orderFilter": "tpslOrder"}, "orderFilter"),
        ({"category": "spot", "orderFilter": "OpenOrder"}, "orderFilter"),
        ({"category": "option", "orderFilter": "OpenOrder"}, "orderFilter"),
        ({"category": "linear", "symbol": "BTCUSDT", "stopOrderType": "Stop"}, "stopOrderType"),
        (
            {
                "category": "linear",
                "symbol": "BTCUSDT",
                "orderFilter": "StopOrder",
                "stopOrderType": "TakeProfit",
            },
            "stopOrderType",
        ),
        (
            {"category": "spot", "orderFilter": "StopOrder", "stopOrderType": "Stop"},
            "stopOrderType",
        ),
        (
            {"category": "option", "orderFilter": "StopOrder", "stopOrderType": "Stop"},
            "stopOrderType",
        ),
        ({"category": "linear", "symbol": 5}, "symbol"),
    ],
)
def test_cancel_all_rules(sb: Sandbox, client: Client, body: dict[str, Any], named: str) -> None:
    sb.seed_orders(KEY, count=1)
    r = client.post("/v5/order/cancel-all", body)
    data = r.json()
    assert r.status_code == 200
    assert data["retCode"] == 10001, data
    assert named in data["retMsg"]
    assert data["result"] == {}
    assert sb.open_count(KEY) == 1


# --- create and cancel validation --------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "named"),
    [
        ({"category": None}, "category"),
        ({"category": "swap"}, "category"),
        ({"symbol": None}, "symbol"),
        ({"symbol": "btcusdt"}, "symbol"),
        ({"symbol": "BTCUSD"}, "symbol"),  # an inverse symbol sent as linear
        ({"side": "buy"}, "side"),
        ({"orderType": "Stop"}, "orderType"),
        ({"qty": "0"}, "qty"),
        ({"qty": "-1"}, "qty"),
        ({"qty": "abc"}, "qty"),
        ({"qty": 1}, "qty"),
        ({"price": None}, "price"),
        ({"price": "1e5"}, "price"),
        ({"orderLinkId": "x" * 37}, "orderLinkId"),
        ({"orderLinkId": "no spaces!"}, "orderLinkId"),
    ],
)
def test_create_rules(sb: Sandbox, client: Client, change: dict[str, object], named: str) -> None:
    body = {**LIMIT_BODY, **change}
    data = client.post("/v5/order/create", body).json()
    assert data["retCode"] == 10001, data
    assert named in data["retMsg"]
    assert sb.open_count(KEY) == 0


def test_create_accepts_36_char_link_id(sb: Sandbox, client: Client) -> None:
    link = "A-_9" * 9
    assert client.ok("/v5/order/create", {**LIMIT_BODY, "orderLinkId": link})["orderLinkId"] == link


@pytest.mark.parametrize(
    ("body", "named"),
    [
        ({"symbol": "BTCUSDT", "orderLinkId": "x"}, "category"),
        ({"category": "linear", "orderLinkId": "x"}, "symbol"),
        ({"category": "linear", "symbol": "BTCUSDT"}, "orderId or orderLinkId"),
        (
            {"category": "linear", "symbol": "BTCUSDT", "orderLinkId": "x", "orderFilter": "Order"},
            "orderFilter",
        ),
        (
            {"category": "spot", "symbol": "BTCUSDT", "orderLinkId": "x", "orderFilter": "Oco"},
            "orderFilter",
        ),
    ],
)
def test_cancel_rules(client: Client, body: dict[str, str], named: str) -> None:
    data = client.post("/v5/order/cancel", body).json()
    assert data["retCode"] == 10001, data
    assert named in data["retMsg"]


def test_cancel_unknown_or_wrong_symbol_is_110001(sb: Sandbox, client: Client) -> None:
    order = sb.seed_orders(KEY, order_link_prefix="u")[0]
    for body in (
        {"category": "linear", "symbol": "BTCUSDT", "orderId": "no-such-id"},
        {"category": "linear", "symbol": "BTCUSDT", "orderLinkId": "no-such-link"},
        {"category": "linear", "symbol": "ETHUSDT", "orderId": order["orderId"]},
        # orderId wins: a wrong orderId is not rescued by a right orderLinkId
        {"category": "linear", "symbol": "BTCUSDT", "orderId": "nope", "orderLinkId": "u0"},
    ):
        data = client.post("/v5/order/cancel", body).json()
        assert data["retCode"] == 110001, body
        assert data["retMsg"] == "order not exists or too late to cancel"
    assert sb.open_count(KEY) == 1
    client.ok("/v5/order/cancel", {"category": "linear", "symbol": "BTCUSDT", "orderLinkId": "u0"})
    again = client.post(
        "/v5/order/cancel", {"category": "linear", "symbol": "BTCUSDT", "orderId": order["orderId"]}
    )
    assert again.json()["retCode"] == 110001


def test_cancel_spot_order_filter(sb: Sandbox, client: Client) -> None:
    order = sb.seed_orders(KEY, category="spot", order_link_prefix="sp")[0]
    body = {"category": "spot", "symbol": "BTCUSDT", "orderId": order["orderId"]}
    assert (
        client.post("/v5/order/cancel", {**body, "orderFilter": "StopOrder"}).json()["retCode"]
        == 110001
    )  # a plain order is not a stop order
    assert client.ok("/v5/order/cancel", {**body, "orderFilter": "Order"})["orderLinkId"] == "sp0"


@pytest.mark.parametrize(
    ("query", "named"),
    [
        ("", "category"),
        ("category=linear&limit=0", "limit"),
        ("category=linear&limit=51", "limit"),
        ("category=linear&limit=ten", "limit"),
        ("category=linear&cursor=bm9wZQ", "cursor"),
        ("category=spot&settleCoin=USDT", "settleCoin"),
    ],
)
def test_realtime_rules(client: Client, query: str, named: str) -> None:
    data = client.get("/v5/order/realtime", query).json()
    assert data["retCode"] == 10001, data
    assert named in data["retMsg"]


def test_body_that_is_not_a_json_object(client: Client) -> None:
    for raw in (b"not json", b"[1, 2]", b"", b"\xff\xfe"):
        data = client.post("/v5/order/create", raw).json()
        assert data["retCode"] == 10001, raw
        assert "JSON object" in data["retMsg"]


# --- authentication ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "code"),
    [("X-BAPI-API-KEY", 10003), ("X-BAPI-TIMESTAMP", 10002), ("X-BAPI-SIGN", 10004)],
)
def test_missing_auth_headers(sb: Sandbox, client: Client, header: str, code: int) -> None:
    data = client.post("/v5/order/create", LIMIT_BODY, drop_headers=(header,)).json()
    assert data["retCode"] == code
    assert header in data["retMsg"]
    assert sb.open_count(KEY) == 0


def test_malformed_auth_headers_are_10001(client: Client) -> None:
    for bad in (
        {"X-BAPI-TIMESTAMP": "soon"},
        {"X-BAPI-RECV-WINDOW": "-5"},
        {"X-BAPI-SIGN-TYPE": "1"},
    ):
        data = client.post("/v5/order/create", LIMIT_BODY, headers=bad).json()
        assert data["retCode"] == 10001, bad
        assert next(iter(bad)) in data["retMsg"]


@pytest.mark.parametrize(
    ("bad", "code", "named"),
    [
        # str.isdigit() takes superscripts and other scripts' digits; int() then fails or misreads.
        ({"X-BAPI-TIMESTAMP": "\u00b2\u00b3"}, 10001, "X-BAPI-TIMESTAMP"),
        ({"X-BAPI-RECV-WINDOW": "\u00b9"}, 10001, "X-BAPI-RECV-WINDOW"),
        ({"X-BAPI-TIMESTAMP": "\u0661\u0662\u0663".encode()}, 10001, "X-BAPI-TIMESTAMP"),
        # int() refuses more than 4300 digits; no such number is a time or a window anyway.
        ({"X-BAPI-TIMESTAMP": "9" * 5000}, 10002, "req_timestamp[99999999999999999999...]"),
        ({"X-BAPI-TIMESTAMP": "1" * 30}, 10002, "req_timestamp[11111111111111111111...]"),
        ({"X-BAPI-RECV-WINDOW": "9" * 5000}, 10001, "X-BAPI-RECV-WINDOW"),
        ({"X-BAPI-RECV-WINDOW": "0" * 4995 + "60000"}, 10004, "error sign!"),  # signed "5000"
        ({"X-BAPI-RECV-WINDOW": "1" * 19}, 10001, "X-BAPI-RECV-WINDOW"),
        ({"X-BAPI-TIMESTAMP": ""}, 10002, "X-BAPI-TIMESTAMP"),
        ({"X-BAPI-RECV-WINDOW": ""}, 10001, "X-BAPI-RECV-WINDOW"),
        ({"X-BAPI-TIMESTAMP": "-1700000000000"}, 10001, "X-BAPI-TIMESTAMP"),
        ({"X-BAPI-TIMESTAMP": "1.7e12"}, 10001, "X-BAPI-TIMESTAMP"),
        ({"X-BAPI-RECV-WINDOW": "5000.0"}, 10001, "X-BAPI-RECV-WINDOW"),
        ({"X-BAPI-API-KEY": "\u043a\u043b\u044e\u0447".encode()}, 10003, "API key is invalid."),
        ({"X-BAPI-API-KEY": "cl\u00e9"}, 10003, "API key is invalid."),
        ({"X-BAPI-SIGN": "\u00e9" * 64}, 10004, "error sign!"),
        ({"X-BAPI-SIGN-TYPE": "\u00b2"}, 10001, "X-BAPI-SIGN-TYPE"),
    ],
    ids=lambda v: repr(v)[:40] if isinstance(v, dict) else str(v),
)
def test_malformed_auth_headers_are_answered(
    sb: Sandbox, client: Client, bad: dict[str, str | bytes], code: int, named: str
) -> None:
    raw = json.dumps(LIMIT_BODY).encode()
    sent: dict[str, str | bytes] = {**client.headers(raw), **bad}
    for _ in range(2):  # answered, and the kept-alive connection still serves the next request
        answer = client.session.post(
            sb.base_url + "/v5/order/create", data=raw, headers=sent, timeout=TIMEOUT
        )
        assert answer.status_code == 200
        data = answer.json()
        assert data["retCode"] == code, data
        assert named in data["retMsg"]
    assert sb.open_count(KEY) == 0


def test_unknown_api_key(sb: Sandbox) -> None:
    stranger = Client(sb.base_url, "who-am-i", SECRET)
    try:
        data = stranger.post("/v5/order/create", LIMIT_BODY).json()
    finally:
        stranger.close()
    assert data["retCode"] == 10003
    assert data["retMsg"] == "API key is invalid."


def test_add_key_takes_effect_on_a_running_server(sb: Sandbox) -> None:
    late = Client(sb.base_url, "late-key", "late-secret-123")
    try:
        assert late.post("/v5/order/create", LIMIT_BODY).json()["retCode"] == 10003
        sb.add_key("late-key", "late-secret-123")
        assert late.post("/v5/order/create", LIMIT_BODY).json()["retCode"] == 0
    finally:
        late.close()
    assert sb.open_count("late-key") == 1


@pytest.mark.parametrize(
    ("offset_ms", "recv_window", "code"),
    [
        (-6000, "5000", 10002),  # too old
        (-4000, "5000", 0),
        (-6000, "10000", 0),  # a wider window lets it in
        (1500, "5000", 10002),  # too far ahead
        (500, "5000", 0),  # up to 1 s ahead is fine
    ],
)
def test_recv_window(client: Client, offset_ms: int, recv_window: str, code: int) -> None:
    ts = now_ms() + offset_ms
    data = client.post("/v5/order/create", LIMIT_BODY, ts=ts, recv_window=recv_window).json()
    assert data["retCode"] == code, data
    if code:
        assert f"req_timestamp[{ts}]" in data["retMsg"]
        assert f"recv_window[{recv_window}]" in data["retMsg"]
        assert "server_timestamp[" in data["retMsg"]


def test_recv_window_defaults_to_5000_and_is_signed_as_sent(client: Client) -> None:
    ok = client.post("/v5/order/create", LIMIT_BODY, recv_window=None, ts=now_ms() - 4000)
    assert ok.json()["retCode"] == 0
    old = client.post("/v5/order/create", LIMIT_BODY, recv_window=None, ts=now_ms() - 6000)
    assert "recv_window[5000]" in old.json()["retMsg"]


def test_signature_covers_the_exact_body_bytes(sb: Sandbox, client: Client) -> None:
    spaced = json.dumps(LIMIT_BODY).encode()
    compact = json.dumps(LIMIT_BODY, separators=(",", ":")).encode()
    assert spaced != compact
    # signed compact, sent spaced: same JSON, different bytes
    r = client.session.post(
        sb.base_url + "/v5/order/create",
        data=spaced,
        headers=client.headers(compact),
        timeout=TIMEOUT,
    )
    data = r.json()
    assert data["retCode"] == 10004
    assert data["retMsg"].startswith("error sign!")
    reordered = json.dumps(dict(reversed(list(LIMIT_BODY.items())))).encode()
    r = client.session.post(
        sb.base_url + "/v5/order/create",
        data=reordered,
        headers=client.headers(spaced),
        timeout=TIMEOUT,
    )
    assert r.json()["retCode"] == 10004
    assert sb.stats()["signature_failures"] == 2
    assert sb.open_count(KEY) == 0
    # whatever spacing, signing the bytes actually sent passes
    assert client.post("/v5/order/create", spaced).json()["retCode"] == 0
    assert client.post("/v5/order/create", compact).json()["retCode"] == 0


def test_signature_with_wrong_secret(sb: Sandbox) -> None:
    liar = Client(sb.base_url, KEY, "not-the-secret")
    try:
        data = liar.post("/v5/order/create", LIMIT_BODY).json()
    finally:
        liar.close()
    assert data["retCode"] == 10004


def test_get_signature_covers_the_raw_query(sb: Sandbox, client: Client) -> None:
    headers = client.headers(b"category=linear&limit=5")
    r = client.session.get(
        sb.base_url + "/v5/order/realtime?limit=5&category=linear", headers=headers, timeout=TIMEOUT
    )
    assert r.json()["retCode"] == 10004
    r = client.session.get(
        sb.base_url + "/v5/order/realtime?category=linear&limit=5", headers=headers, timeout=TIMEOUT
    )
    assert r.json()["retCode"] == 0


def test_secret_never_in_answers_or_logs(
    sb: Sandbox, client: Client, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="carpenstar_bybit.sandbox")
    texts = [
        client.post("/v5/order/create", LIMIT_BODY, ts=now_ms() - 60_000).text,
        client.post("/v5/order/create", LIMIT_BODY, headers={"X-BAPI-SIGN": "0" * 64}).text,
        client.post("/v5/order/create", b"{broken").text,
        client.post("/v5/order/create", {**LIMIT_BODY, "qty": "-1"}).text,
        client.get("/v5/order/realtime", "category=linear").text,
        client.session.get(sb.base_url + "/nope", timeout=TIMEOUT).text,
    ]
    assert all('"retCode"' in text for text in texts)
    assert caplog.records  # the sandbox did log these requests
    for secret in (SECRET, SECRET2):
        assert all(secret not in text for text in texts)
        assert secret not in caplog.text


# --- rate limit ----------------------------------------------------------------------------------


@pytest.fixture
def limited() -> Iterator[Sandbox]:
    with Sandbox({KEY: SECRET, KEY2: SECRET2}, rate_limit=10) as box:
        yield box


def test_rate_limit_per_key_and_path(limited: Sandbox) -> None:
    c, c2 = Client(limited.base_url), Client(limited.base_url, KEY2, SECRET2)
    try:
        statuses = []
        for _ in range(10):
            r = c.get("/v5/order/realtime", "category=linear")
            assert r.json()["retCode"] == 0
            assert r.headers["X-Bapi-Limit"] == "10"
            statuses.append(int(r.headers["X-Bapi-Limit-Status"]))
        assert statuses == list(range(9, -1, -1))
        over = c.get("/v5/order/realtime", "category=linear")
        assert over.status_code == 200
        assert over.json()["retCode"] == 10006
        assert over.json()["retMsg"] == "Too many visits!"
        assert over.headers["X-Bapi-Limit-Status"] == "0"
        reset = int(over.headers["X-Bapi-Limit-Reset-Timestamp"])
        assert now_ms() < reset <= now_ms() + 1000
        # other path, other key: their own windows
        other_path = c.post("/v5/order/cancel-all", {"category": "spot"})
        assert other_path.json()["retCode"] == 0
        assert other_path.headers["X-Bapi-Limit-Status"] == "9"
        assert c2.get("/v5/order/realtime", "category=linear").json()["retCode"] == 0
        assert limited.stats()["rate_limited"] == 1
        # a new window opens after the reset time
        time.sleep(max(0.0, (reset - now_ms()) / 1000) + 0.05)
        again = c.get("/v5/order/realtime", "category=linear")
        assert again.json()["retCode"] == 0
        assert again.headers["X-Bapi-Limit-Status"] == "9"
    finally:
        c.close()
        c2.close()


def test_limit_headers_on_every_json_answer(limited: Sandbox) -> None:
    c = Client(limited.base_url)
    try:
        answers = [
            c.session.get(limited.base_url + "/v5/market/time", timeout=TIMEOUT),
            c.session.get(limited.base_url + "/nowhere", timeout=TIMEOUT),
            c.post("/v5/order/create", LIMIT_BODY, headers={"X-BAPI-API-KEY": "nobody"}),
            c.post("/v5/order/create", {"category": "linear"}),
        ]
    finally:
        c.close()
    for r in answers:
        assert r.headers["X-Bapi-Limit"] == "10"
        assert 0 <= int(r.headers["X-Bapi-Limit-Status"]) <= 10
        assert int(r.headers["X-Bapi-Limit-Reset-Timestamp"]) > now_ms() - 1000


def test_no_rate_limit_still_sends_headers(client: Client) -> None:
    statuses = []
    for _ in range(15):
        r = client.get("/v5/order/realtime", "category=linear")
        assert r.json()["retCode"] == 0
        assert r.headers["X-Bapi-Limit"] == "1000000"
        statuses.append(int(r.headers["X-Bapi-Limit-Status"]))
    assert statuses == sorted(statuses, reverse=True)
    assert statuses[0] - statuses[-1] >= 1


# --- HTTP level ---------------------------------------------------------------------------------


def test_unknown_path_and_wrong_method(sb: Sandbox, client: Client) -> None:
    r = client.session.get(sb.base_url + "/v5/order/nothing", timeout=TIMEOUT)
    assert r.status_code == 404
    assert r.json()["retCode"] == 404
    assert r.json()["retMsg"] == "Not Found"
    r = client.get("/v5/order/create")
    assert r.status_code == 405
    assert r.json()["retCode"] == 405
    assert r.headers["Allow"] == "POST"
    r = client.session.delete(sb.base_url + "/v5/market/time", timeout=TIMEOUT)
    assert r.status_code == 405


def test_oversized_body_is_413(sb: Sandbox, client: Client) -> None:
    for _ in range(3):
        r = client.post("/v5/order/create", b"x" * ((1 << 20) + 1))
        assert r.status_code == 413
        assert r.json()["retCode"] == 10001
        assert "body" in r.json()["retMsg"]
    assert client.post("/v5/order/create", LIMIT_BODY).json()["retCode"] == 0
    assert sb.stats()["connections"] == 1  # the refused body was read away, the connection kept


def test_huge_declared_body_closes_the_connection(sb: Sandbox) -> None:
    with socket.create_connection((sb.host, sb.port), timeout=TIMEOUT) as sock:
        sock.sendall(
            b"POST /v5/order/create HTTP/1.1\r\nHost: x\r\nContent-Length: 999999999\r\n\r\n"
        )
        reader = sock.makefile("rb")
        answer = reader.read()  # until the server closes
        reader.close()
    assert answer.startswith(b"HTTP/1.1 413 ")
    assert b"Connection: close" in answer
    assert b'"retCode":10001' in answer


def test_malformed_request_gets_a_json_answer(sb: Sandbox) -> None:
    with socket.create_connection((sb.host, sb.port), timeout=TIMEOUT) as sock:
        sock.sendall(b"GARBAGE\r\n\r\n")
        reader = sock.makefile("rb")
        answer = reader.read()
        reader.close()
    assert answer.startswith(b"HTTP/1.1 400 ")
    assert b'"retCode":400' in answer
    assert b"X-Bapi-Limit: " in answer


def test_chunked_body_is_signed_as_decoded(sb: Sandbox, client: Client) -> None:
    raw = json.dumps(LIMIT_BODY).encode()
    r = client.session.post(
        sb.base_url + "/v5/order/create",
        data=iter([raw[:10], raw[10:]]),  # requests sends an iterator chunked
        headers=client.headers(raw),
        timeout=TIMEOUT,
    )
    assert r.json()["retCode"] == 0
    assert sb.open_count(KEY) == 1
    huge = client.session.post(
        sb.base_url + "/v5/order/create",
        data=iter([b"x" * (1 << 19)] * 3),
        headers=client.headers(b""),
        timeout=TIMEOUT,
    )
    assert huge.status_code == 413


def test_head_has_headers_but_no_body(sb: Sandbox, client: Client) -> None:
    r = client.session.head(sb.base_url + "/v5/market/time", timeout=TIMEOUT)
    assert r.status_code == 405
    assert r.content == b""
    assert int(r.headers["Content-Length"]) > 0
    assert client.session.get(sb.base_url + "/v5/market/time", timeout=TIMEOUT).status_code == 200


def test_keep_alive_reuses_one_connection(sb: Sandbox, client: Client) -> None:
    started = time.monotonic()
    for i in range(200):
        body = {**LIMIT_BODY, "orderLinkId": f"ka{i}"}
        assert client.post("/v5/order/create", body).json()["retCode"] == 0
    elapsed = time.monotonic() - started
    stats = sb.stats()
    assert stats["connections"] == 1
    assert stats["requests"] == 200
    assert stats["by_path"] == {"/v5/order/create": 200}
    # Sanity, not a benchmark: a 40 ms Nagle/delayed-ACK stall per request would take 8 s.
    assert elapsed < 5.0
    assert sb.open_count(KEY) == 200


def test_concurrent_clients(sb: Sandbox) -> None:
    errors: list[BaseException] = []

    def work(n: int) -> None:
        c = Client(sb.base_url)
        try:
            for i in range(25):
                c.ok("/v5/order/create", {**LIMIT_BODY, "orderLinkId": f"t{n}-{i}"})
        except (
            requests.RequestException,
            AssertionError,
            ValueError,
        ) as exc:  # for the main thread
            errors.append(exc)
        finally:
            c.close()

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    orders = sb.open_orders(KEY)
    assert len(orders) == 200
    assert len({o["orderId"] for o in orders}) == 200
    assert sb.stats()["connections"] == 8


def test_stats_counters(sb: Sandbox, client: Client) -> None:
    client.post("/v5/order/create", LIMIT_BODY)
    client.post("/v5/order/create", LIMIT_BODY, headers={"X-BAPI-SIGN": "f" * 64})
    client.post("/v5/order/cancel", {"category": "linear"})
    sb.set_fault("http_502", times=1)
    client.session.get(sb.base_url + "/v5/market/time", timeout=TIMEOUT)
    stats = sb.stats()
    assert stats["requests"] == 4
    assert stats["by_path"] == {"/v5/order/create": 2, "/v5/order/cancel": 1, "/v5/market/time": 1}
    assert stats["by_ret_code"] == {0: 1, 10004: 1, 10001: 1}
    assert stats["by_http_status"] == {200: 3, 502: 1}
    assert stats["signature_failures"] == 1
    assert stats["faults"] == {"http_502": 1}
    assert stats["active_faults"] == []


def test_reset_clears_orders_stats_and_faults(sb: Sandbox, client: Client) -> None:
    sb.seed_orders(KEY, count=3)
    sb.set_fault("http_503")
    sb.clock_offset_ms = 5000
    client.session.get(sb.base_url + "/v5/market/time", timeout=TIMEOUT)
    sb.reset()
    assert sb.open_count(KEY) == 0
    assert sb.stats()["requests"] == 0
    assert sb.clock_offset_ms == 0
    assert client.post("/v5/order/create", LIMIT_BODY).json()["retCode"] == 0


def test_seed_orders_validates(sb: Sandbox) -> None:
    with pytest.raises(ValueError, match="unknown API key"):
        sb.seed_orders("nobody")
    with pytest.raises(ValueError, match="not a inverse symbol"):
        sb.seed_orders(KEY, category="inverse", symbol="BTCUSDT")
    sb.seed_orders(KEY, order_link_prefix="p")
    with pytest.raises(ValueError, match="already open"):
        sb.seed_orders(KEY, order_link_prefix="p")
    assert sb.open_count(KEY) == 1
    assert sb.open_count(KEY, "spot") == 0


# --- faults ---------------------------------------------------------------------------------------


def test_fault_times_and_path(sb: Sandbox, client: Client) -> None:
    sb.set_fault("http_502", times=2, path="/v5/order/create")
    assert client.session.get(sb.base_url + "/v5/market/time", timeout=TIMEOUT).status_code == 200
    assert [client.post("/v5/order/create", LIMIT_BODY).status_code for _ in range(3)] == [
        502,
        502,
        200,
    ]
    assert sb.stats()["faults"] == {"http_502": 2}
    assert sb.stats()["active_faults"] == []
    assert sb.open_count(KEY) == 1


def test_fault_until_cleared(sb: Sandbox, client: Client) -> None:
    sb.set_fault("http_503")
    assert [client.post("/v5/order/create", LIMIT_BODY).status_code for _ in range(3)] == [503] * 3
    sb.clear_faults()
    assert client.post("/v5/order/create", LIMIT_BODY).status_code == 200


@pytest.mark.parametrize(
    ("kind", "status", "words"),
    [
        ("http_502", 502, "Bad Gateway"),
        ("http_503", 503, "Unavailable"),
        ("http_504", 504, "Gateway Time-out"),
        ("http_403", 403, "banned"),
    ],
)
def test_html_error_pages(sb: Sandbox, client: Client, kind: str, status: int, words: str) -> None:
    sb.seed_orders(KEY, count=1)
    sb.set_fault(kind, times=1)
    r = client.post("/v5/order/cancel-all", {"category": "linear", "symbol": "BTCUSDT"})
    assert r.status_code == status
    assert r.headers["Content-Type"].startswith("text/html")
    assert words in r.text
    assert "X-Bapi-Limit" not in r.headers
    with pytest.raises(ValueError, match="Expecting value"):
        r.json()
    assert sb.open_count(KEY) == 1  # the gateway answered; the exchange never saw it


def test_http_429(sb: Sandbox, client: Client) -> None:
    sb.set_fault("http_429", times=1, reset_ms=300)
    before = now_ms()
    r = client.get("/v5/order/realtime", "category=linear")
    assert r.status_code == 429
    assert r.json()["retCode"] == 10006
    assert r.headers["X-Bapi-Limit-Status"] == "0"
    assert before + 300 <= int(r.headers["X-Bapi-Limit-Reset-Timestamp"]) <= now_ms() + 300
    assert client.get("/v5/order/realtime", "category=linear").status_code == 200


def test_delay(sb: Sandbox, client: Client) -> None:
    sb.set_fault("delay", seconds=0.3, times=1)
    started = time.monotonic()
    assert client.post("/v5/order/create", LIMIT_BODY).json()["retCode"] == 0
    assert time.monotonic() - started >= 0.3
    assert sb.stats()["faults"] == {"delay": 1}
    assert sb.stats()["active_faults"] == []


def test_drop_without_and_with_processing(sb: Sandbox, client: Client) -> None:
    sb.seed_orders(KEY, count=2)
    body = {"category": "linear", "symbol": "BTCUSDT"}
    sb.set_fault("drop", times=1)
    with pytest.raises(requests.exceptions.ConnectionError):
        client.post("/v5/order/cancel-all", body)
    assert sb.open_count(KEY) == 2  # not executed
    sb.set_fault("drop", times=1, process=True)
    with pytest.raises(requests.exceptions.ConnectionError):
        client.post("/v5/order/cancel-all", body)
    assert sb.open_count(KEY) == 0  # executed, answer lost
    assert client.post("/v5/order/cancel-all", body).json()["result"]["list"] == []
    assert sb.stats()["by_http_status"] == {0: 2, 200: 1}


def test_truncated_json(sb: Sandbox, client: Client) -> None:
    sb.set_fault("truncated_json", times=1)
    r = client.post("/v5/order/create", {**LIMIT_BODY, "orderLinkId": "half"})
    assert r.status_code == 200
    assert int(r.headers["Content-Length"]) == len(r.content) > 10
    assert r.content.startswith(b'{"retCode":0')
    with pytest.raises(ValueError, match=r"Unterminated|Expecting"):
        json.loads(r.content)
    assert [o["orderLinkId"] for o in sb.open_orders(KEY)] == ["half"]  # it was executed
    assert client.post("/v5/order/create", LIMIT_BODY).json()["retCode"] == 0


def test_redirect_is_not_to_be_followed(sb: Sandbox, client: Client) -> None:
    sb.seed_orders(KEY, count=1)
    sb.set_fault("redirect", times=1, path="/v5/order/cancel-all")
    r = client.post("/v5/order/cancel-all", {"category": "linear", "symbol": "BTCUSDT"})
    assert r.status_code == 302
    assert r.headers["Location"] == "http://127.0.0.2:1/v5/order/cancel-all"
    assert r.content == b""
    assert sb.open_count(KEY) == 1


def test_clock_offset(sb: Sandbox, client: Client) -> None:
    sb.set_fault("clock_offset", ms=10_000, times=1)  # persistent: times is ignored
    for _ in range(2):
        server = client.session.get(sb.base_url + "/v5/market/time", timeout=TIMEOUT).json()
        assert 9_000 < server["time"] - now_ms() <= 10_000
        assert 9_000 < int(server["result"]["timeNano"]) // 1_000_000 - now_ms() <= 10_000
    ahead = client.post("/v5/order/create", LIMIT_BODY).json()
    assert ahead["retCode"] == 10002
    assert ahead["time"] - now_ms() > 9_000
    # a client that syncs to the server clock gets in
    assert (
        client.post("/v5/order/create", LIMIT_BODY, ts=server["time"] + 50).json()["retCode"] == 0
    )
    sb.clock_offset_ms = -10_000
    assert client.post("/v5/order/create", LIMIT_BODY).json()["retCode"] == 10002
    sb.clear_faults()
    assert sb.clock_offset_ms == 0
    assert client.post("/v5/order/create", LIMIT_BODY).json()["retCode"] == 0


@pytest.mark.parametrize(
    ("kind", "kwargs"),
    [
        ("meteor", {}),
        ("delay", {}),
        ("delay", {"seconds": -1}),
        ("drop", {"seconds": 1}),
        ("http_502", {"times": 0}),
        ("http_502", {"path": "v5/order/create"}),
        ("clock_offset", {}),
        ("clock_offset", {"ms": 5, "path": "/v5/market/time"}),
        ("redirect", {"location": "nowhere"}),
    ],
)
def test_set_fault_rejects_bad_arguments(sb: Sandbox, kind: str, kwargs: dict[str, Any]) -> None:
    with pytest.raises(ValueError):  # noqa: PT011 - each case has its own message
        sb.set_fault(kind, **kwargs)
    assert sb.stats()["active_faults"] == []


# --- lifecycle ------------------------------------------------------------------------------------


def test_stop_is_idempotent_and_frees_the_port() -> None:
    box = Sandbox({KEY: SECRET}).start()
    port = box.port
    assert box.base_url == f"http://127.0.0.1:{port}"
    c = Client(box.base_url)
    try:
        assert c.post("/v5/order/create", LIMIT_BODY).json()["retCode"] == 0
        box.stop()
        box.stop()
        assert not box.running
        with pytest.raises(requests.exceptions.ConnectionError):
            c.post("/v5/order/create", LIMIT_BODY)
    finally:
        c.close()
    with Sandbox({KEY: SECRET}, port=port) as again:
        assert again.port == port
        r = requests.get(again.base_url + "/v5/market/time", timeout=TIMEOUT)
        assert r.json()["retCode"] == 0


def test_stop_closes_kept_alive_connections() -> None:
    box = Sandbox().start()
    with socket.create_connection((box.host, box.port), timeout=TIMEOUT) as sock:
        sock.sendall(b"GET /v5/market/time HTTP/1.1\r\nHost: x\r\n\r\n")
        reader = sock.makefile("rb")
        head = b"".join(iter(reader.readline, b"\r\n"))
        length = int(head.lower().split(b"content-length:")[1].split(b"\r\n")[0])
        assert json.loads(reader.read(length))["retCode"] == 0
        assert head.startswith(b"HTTP/1.1 200 ")
        assert b"Connection: close" not in head  # kept alive
        box.stop()
        assert reader.read() == b""  # the server closed it
        reader.close()


def test_stop_cuts_a_delay_short() -> None:
    box = Sandbox({KEY: SECRET}).start()
    box.set_fault("delay", seconds=30)
    outcome: list[BaseException | int] = []

    def call() -> None:
        c = Client(box.base_url)
        try:
            outcome.append(c.post("/v5/order/create", LIMIT_BODY).status_code)
        except requests.exceptions.RequestException as exc:
            outcome.append(exc)
        finally:
            c.close()

    worker = threading.Thread(target=call)
    worker.start()
    deadline = time.monotonic() + TIMEOUT
    while box.stats()["requests"] == 0 and time.monotonic() < deadline:
        time.sleep(0.01)
    started = time.monotonic()
    box.stop()
    worker.join(TIMEOUT)
    # stop() interrupts the wait at once; an uninterruptible sleep would hit its 2 s grace wait.
    assert time.monotonic() - started < 1.5
    assert not worker.is_alive()
    assert len(outcome) == 1
    assert isinstance(outcome[0], requests.exceptions.ConnectionError)


def test_serve_forever_until_stop() -> None:
    box = Sandbox(port=0)
    runner = threading.Thread(target=box.serve_forever)
    runner.start()
    deadline = time.monotonic() + TIMEOUT
    while not box.running and time.monotonic() < deadline:
        time.sleep(0.01)
    r = requests.get(box.base_url + "/v5/market/time", timeout=TIMEOUT)
    assert r.json()["retCode"] == 0
    box.stop()
    runner.join(TIMEOUT)
    assert not runner.is_alive()
    assert not box.running


def test_context_manager_and_restart() -> None:
    box = Sandbox({KEY: SECRET})
    with pytest.raises(RuntimeError, match="start"):
        _ = box.base_url
    with box as running:
        assert running is box
        assert box.running
        box.seed_orders(KEY, count=2)
    assert not box.running
    with box:  # orders survive a restart
        c = Client(box.base_url)
        try:
            assert len(c.realtime("category=linear")["list"]) == 2
        finally:
            c.close()


@pytest.mark.parametrize(
    "host",
    ["0.0.0.0", "", "192.168.1.10", "8.8.8.8", "example.com", "::", "::ffff:127.0.0.1"],  # noqa: S104
)
def test_non_loopback_host_refused(host: str) -> None:
    with pytest.raises(ValueError, match="loopback"):
        Sandbox(host=host)


@pytest.mark.parametrize(
    ("host", "url_host"), [("localhost", "127.0.0.1"), ("127.0.0.2", "127.0.0.2"), ("::1", "[::1]")]
)
def test_loopback_hosts_accepted(host: str, url_host: str) -> None:
    try:
        box = Sandbox(host=host).start()
    except OSError as exc:  # e.g. no IPv6 on this machine
        pytest.skip(f"cannot bind {host}: {exc}")
    try:
        assert box.base_url == f"http://{url_host}:{box.port}"
        assert requests.get(box.base_url + "/v5/market/time", timeout=TIMEOUT).status_code == 200
    finally:
        box.stop()


@pytest.mark.parametrize("kwargs", [{"rate_limit": 0}, {"port": 70000}, {"keys": {"k": ""}}])
def test_constructor_rejects_bad_arguments(kwargs: dict[str, Any]) -> None:
    with pytest.raises(ValueError):  # noqa: PT011 - different messages per case
        Sandbox(**kwargs)


def test_spot_cancel_all_by_base_coin_as_a_unified_account(sb: Sandbox, client: Client) -> None:
    # The sandbox plays a unified account, where spot cancel-all takes baseCoin
    # (only classic accounts refuse it).
    sb.seed_orders(KEY, category="spot", symbol="BTCUSDT", count=2)
    sb.seed_orders(KEY, category="spot", symbol="ETHUSDT", count=1)
    got = client.ok("/v5/order/cancel-all", {"category": "spot", "baseCoin": "BTC"})
    assert len(got["list"]) == 2
    assert sb.open_count(KEY, "spot") == 1


def test_spot_realtime_by_base_coin(sb: Sandbox, client: Client) -> None:
    sb.seed_orders(KEY, category="spot", symbol="BTCUSDT", count=1)
    eth = sb.seed_orders(KEY, category="spot", symbol="ETHUSDC", count=1)
    listed = client.realtime("category=spot&baseCoin=ETH")["list"]
    assert [o["orderId"] for o in listed] == [eth[0]["orderId"]]
