"""The sandbox's HTX endpoints over real loopback HTTP, with signatures computed here by hand.

Only the standard library and requests sign and send here: the client library is not used, so a
shared mistake in the signing rules cannot hide on both sides.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import socket
import time
from collections.abc import Iterator, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote

import pytest
import requests

from carpenstar_bybit.sandbox import Sandbox
from carpenstar_bybit.sandbox.htx import expected_signature

KEY, SECRET = "htx-access-a", "htx-secret-A-5d1e"
KEY2, SECRET2 = "htx-access-b", "htx-secret-B-77f0"
SWAP = "/swap-api/v1/swap_cancelall"
V5 = "/v5/trade/cancel_all_orders"
TIMEOUT = 5.0


def enc(text: str) -> str:
    """Percent-encoding as HTX wants it: UTF-8, uppercase hex, only A-Z a-z 0-9 - _ . ~ bare."""
    return quote(text, safe="")


def hand_query(pairs: Sequence[tuple[str, str]]) -> str:
    return "&".join(f"{enc(k)}={enc(v)}" for k, v in sorted(pairs))


def hand_sign(secret: str, method: str, host: str, path: str, query: str) -> str:
    """HTX signature v2: base64 of the raw HMAC-SHA256 of the four pre-sign lines."""
    text = f"{method}\n{host}\n{path}\n{query}"
    return base64.b64encode(
        hmac.new(secret.encode(), text.encode(), hashlib.sha256).digest()
    ).decode()


def htx_time(ms: int | None = None) -> str:
    seconds = (time.time_ns() // 1_000_000 if ms is None else ms) // 1000
    return datetime.fromtimestamp(seconds, tz=UTC).strftime("%Y-%m-%dT%H:%M:%S")


def now_ms() -> int:
    return time.time_ns() // 1_000_000


class HtxClient:
    """A tiny signature-v2 client on one kept-alive requests.Session."""

    def __init__(self, sandbox: Sandbox, key: str = KEY, secret: str = SECRET) -> None:
        self.sandbox = sandbox
        self.key = key
        self.secret = secret
        self.session = requests.Session()

    def close(self) -> None:
        self.session.close()

    def auth_pairs(
        self, *, ts: str | None = None, method: str = "HmacSHA256", version: str = "2"
    ) -> list[tuple[str, str]]:
        return [
            ("AccessKeyId", self.key),
            ("SignatureMethod", method),
            ("SignatureVersion", version),
            ("Timestamp", htx_time() if ts is None else ts),
        ]

    def post(
        self,
        path: str,
        body: Mapping[str, object] | bytes = b"{}",
        *,
        pairs: list[tuple[str, str]] | None = None,
        sign_host: str | None = None,
        sign_query: str | None = None,
        signature: str | None = None,
        raw_signature: bool = False,
        headers: Mapping[str, str] | None = None,
        http_method: str = "POST",
        **auth: Any,
    ) -> requests.Response:
        pairs = self.auth_pairs(**auth) if pairs is None else pairs
        query = hand_query(pairs)
        host = self.sandbox.host if sign_host is None else sign_host
        if signature is None:
            signature = hand_sign(
                self.secret, "POST", host, path, query if sign_query is None else sign_query
            )
        if signature:
            query += "&Signature=" + (signature if raw_signature else enc(signature))
        raw = body if isinstance(body, bytes) else json.dumps(body).encode()
        sent = {"Content-Type": "application/json", **(headers or {})}
        return self.session.request(
            http_method,
            f"{self.sandbox.base_url}{path}?{query}",
            data=raw,
            headers=sent,
            timeout=TIMEOUT,
            allow_redirects=False,
        )

    def answer(self, path: str, body: Mapping[str, object] | bytes = b"{}", **kw: Any) -> Any:
        reply = self.post(path, body, **kw)
        assert reply.status_code == 200, reply.text
        return reply.json()


@pytest.fixture(scope="module")
def shared() -> Iterator[Sandbox]:
    keys = {KEY: SECRET, KEY2: SECRET2}
    with Sandbox(keys, rate_limit=None, htx_rate_limit=None) as sandbox:
        yield sandbox


@pytest.fixture
def sb(shared: Sandbox) -> Sandbox:
    shared.reset()
    return shared


@pytest.fixture
def client(sb: Sandbox) -> Iterator[HtxClient]:
    c = HtxClient(sb)
    yield c
    c.close()


def swap_error(reply: Any, code: int, message: str | None = None) -> None:
    assert reply["status"] == "error", reply
    assert reply["err_code"] == code, reply
    if message is not None:
        assert reply["err_msg"] == message
    assert isinstance(reply["ts"], int)
    assert set(reply) == {"status", "err_code", "err_msg", "ts"}


def v5_error(reply: Any, code: int, message: str | None = None) -> None:
    assert reply["code"] == code, reply
    assert reply["data"] is None
    if message is not None:
        assert reply["message"] == message
    assert isinstance(reply["ts"], int)
    assert set(reply) == {"code", "message", "data", "ts"}


# --- the hand signer ----------------------------------------------------------------------------


def test_hand_sign_matches_htx_sdk_vectors() -> None:
    assert hand_sign(
        "secret", "GET", "api.huobi.pro", "/v1/account/history", "account-id=1&currency=btcusdt"
    ) == ("HUP3n78npIuTzVKyjEOrPictRKEUTRoYs7Ld5y38hmA=")
    query = hand_query(
        [
            ("Timestamp", "2020-04-01T12:34:56"),
            ("SignatureVersion", "2"),
            ("AccessKeyId", "abcdefg-hijklmn-opqrst-uvwxyz"),
            ("SignatureMethod", "HmacSHA256"),
        ]
    )
    assert query == (
        "AccessKeyId=abcdefg-hijklmn-opqrst-uvwxyz&SignatureMethod=HmacSHA256"
        "&SignatureVersion=2&Timestamp=2020-04-01T12%3A34%3A56"
    )
    vector = "3IUZcEak4IIRrh7/idFrP2Jj77MaWGXR/oQbe9gL4+I="
    assert (
        hand_sign("12345-67890-12345-67890", "GET", "api.huobi.pro", "/v1/account/accounts", query)
        == vector
    )
    # The sandbox's own check computes the same.
    assert (
        expected_signature(
            "12345-67890-12345-67890", "GET", "api.huobi.pro", "/v1/account/accounts", query
        )
        == vector
    )


# --- success shapes -----------------------------------------------------------------------------


def test_swap_success_shape(sb: Sandbox, client: HtxClient) -> None:
    seeded = sb.seed_htx_orders(KEY, "swap", "BTC-USD", count=3)
    reply = client.post(SWAP, {"contract_code": "btc-usd"})  # case-insensitive
    assert reply.status_code == 200
    assert reply.headers["Content-Type"] == "application/json"
    body = reply.json()
    assert set(body) == {"status", "data", "ts"}
    assert body["status"] == "ok"
    assert body["data"] == {"errors": [], "successes": ",".join(o["order_id"] for o in seeded)}
    assert abs(body["ts"] - now_ms()) < 5000
    assert all(o["order_id"].isdigit() and len(o["order_id"]) == 19 for o in seeded)
    assert sb.open_htx_count(KEY) == 0


def test_v5_success_shape(sb: Sandbox, client: HtxClient) -> None:
    plain = sb.seed_htx_orders(KEY, "v5", "BTC-USDT", count=2)
    named = sb.seed_htx_orders(KEY, "v5", "ETH-USDT", count=1, client_order_prefix="mine-")
    body = client.answer(V5, {})
    assert set(body) == {"code", "data", "message", "ts"}
    assert (body["code"], body["message"]) == (200, "Success")
    assert abs(body["ts"] - now_ms()) < 5000
    assert body["data"] == [
        {"order_id": o["order_id"], "client_order_id": c, "code": 200, "message": "Success"}
        for o, c in zip(
            [*plain, *named], [plain[0]["order_id"], plain[1]["order_id"], "mine-0"], strict=True
        )
    ]
    assert sb.open_htx_count(KEY, "v5") == 0


def test_v5_empty_body_means_everything(sb: Sandbox, client: HtxClient) -> None:
    sb.seed_htx_orders(KEY, "v5", "BTC-USDT", count=2)
    assert len(client.answer(V5, b"")["data"]) == 2


def test_swap_filters(sb: Sandbox, client: HtxClient) -> None:
    buy_open = sb.seed_htx_orders(KEY, "swap", count=2, direction="buy", offset="open")
    buy_close = sb.seed_htx_orders(KEY, "swap", count=1, direction="buy", offset="close")
    sell_open = sb.seed_htx_orders(KEY, "swap", count=1, direction="sell", offset="open")
    eth = sb.seed_htx_orders(KEY, "swap", "ETH-USD", count=1)

    def ids(orders: list[dict[str, str]]) -> str:
        return ",".join(o["order_id"] for o in orders)

    body = client.answer(SWAP, {"contract_code": "BTC-USD", "direction": "buy", "offset": "open"})
    assert body["data"]["successes"] == ids(buy_open)
    body = client.answer(SWAP, {"contract_code": "BTC-USD", "offset": "open"})  # offset alone
    assert body["data"]["successes"] == ids(sell_open)
    body = client.answer(SWAP, {"contract_code": "BTC-USD", "direction": "buy"})  # direction alone
    assert body["data"]["successes"] == ids(buy_close)
    assert [o["order_id"] for o in sb.open_htx_orders(KEY)] == [eth[0]["order_id"]]
    body = client.answer(SWAP, {"contract_code": "ETH-USD", "direction": None, "offset": ""})
    assert body["data"]["successes"] == ids(eth)


def test_v5_filters(sb: Sandbox, client: HtxClient) -> None:
    long_buy = sb.seed_htx_orders(KEY, "v5", count=2, side="buy", position_side="long")
    short_sell = sb.seed_htx_orders(KEY, "v5", count=1, side="sell", position_side="short")
    dated = sb.seed_htx_orders(KEY, "v5", "BTC-USDT-241115", count=1, side="sell")
    eth = sb.seed_htx_orders(KEY, "v5", "ETH-USDT", count=1, side="sell")

    def ids(body: Any) -> list[str]:
        return [item["order_id"] for item in body["data"]]

    assert ids(client.answer(V5, {"position_side": "long"})) == [o["order_id"] for o in long_buy]
    assert ids(client.answer(V5, {"contract_code": "btc-usdt-241115"})) == [dated[0]["order_id"]]
    assert ids(client.answer(V5, {"contract_code": "BTC-USDT", "side": "sell"})) == [
        short_sell[0]["order_id"]
    ]
    assert ids(client.answer(V5, {"side": "sell", "position_side": "both"})) == [eth[0]["order_id"]]


def test_fill_on_cancel_orders_are_listed_as_failed(sb: Sandbox, client: HtxClient) -> None:
    ok = sb.seed_htx_orders(KEY, "swap", count=2)
    gone = sb.seed_htx_orders(KEY, "swap", count=1, fill_on_cancel=True)
    body = client.answer(SWAP, {"contract_code": "BTC-USD"})
    assert body["status"] == "ok"
    assert body["data"]["successes"] == ",".join(o["order_id"] for o in ok)
    assert body["data"]["errors"] == [
        {"order_id": gone[0]["order_id"], "err_code": 1061, "err_msg": "This order doesn't exist."}
    ]
    v5_gone = sb.seed_htx_orders(KEY, "v5", count=1, fill_on_cancel=True)
    body = client.answer(V5, {})
    assert body["code"] == 200
    assert body["data"] == [
        {
            "order_id": v5_gone[0]["order_id"],
            "client_order_id": v5_gone[0]["order_id"],
            "code": 1061,
            "message": "This order doesn't exist.",
        }
    ]
    assert sb.open_htx_count(KEY) == 0  # filled, so no longer open


# --- 1051 and isolation -------------------------------------------------------------------------


def test_nothing_to_cancel_is_1051(sb: Sandbox, client: HtxClient) -> None:
    swap_error(client.answer(SWAP, {"contract_code": "BTC-USD"}), 1051, "No orders to cancel.")
    v5_error(client.answer(V5, {}), 1051, "No orders to cancel.")
    sb.seed_htx_orders(KEY, "swap", count=1, direction="sell")
    sb.seed_htx_orders(KEY, "v5", count=1, side="sell")
    # Orders open, but none matches.
    swap_error(client.answer(SWAP, {"contract_code": "BTC-USD", "direction": "buy"}), 1051)
    swap_error(client.answer(SWAP, {"contract_code": "ETH-USD"}), 1051)
    v5_error(client.answer(V5, {"contract_code": "BTC-USDT", "side": "buy"}), 1051)
    assert sb.open_htx_count(KEY) == 2
    assert sb.stats()["by_ret_code"] == {1051: 5}


def test_keys_are_isolated(sb: Sandbox, client: HtxClient) -> None:
    mine = sb.seed_htx_orders(KEY, "swap", count=3)
    theirs = sb.seed_htx_orders(KEY2, "swap", count=2)
    other = HtxClient(sb, KEY2, SECRET2)
    try:
        body = other.answer(SWAP, {"contract_code": "BTC-USD"})
        assert body["data"]["successes"] == ",".join(o["order_id"] for o in theirs)
        swap_error(other.answer(SWAP, {"contract_code": "BTC-USD"}), 1051)
    finally:
        other.close()
    assert [o["order_id"] for o in sb.open_htx_orders(KEY)] == [o["order_id"] for o in mine]
    assert sb.open_htx_count(KEY2) == 0


def test_product_lines_and_bybit_are_isolated(sb: Sandbox, client: HtxClient) -> None:
    sb.seed_htx_orders(KEY, "swap", count=2)
    sb.seed_htx_orders(KEY, "v5", count=3)
    sb.seed_orders(KEY, "linear", "BTCUSDT", count=4)  # the same key on the Bybit wire
    assert len(client.answer(V5, {})["data"]) == 3
    assert (sb.open_htx_count(KEY, "swap"), sb.open_htx_count(KEY, "v5")) == (2, 0)
    assert sb.open_count(KEY) == 4
    assert client.answer(SWAP, {"contract_code": "BTC-USD"})["status"] == "ok"
    assert (sb.open_htx_count(KEY), sb.open_count(KEY)) == (0, 4)


# --- parameters ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ({}, 1030),
        ({"contract_code": None}, 1030),
        ({"direction": "buy"}, 1030),
        ({"contract_code": 5}, 1030),
        ({"contract_code": "BTC-USDT"}, 1014),  # USDT-margined: not a coin-margined swap
        ({"contract_code": "BTCUSD"}, 1014),
        ({"contract_code": "BTC-USD", "direction": "long"}, 1035),
        ({"contract_code": "BTC-USD", "direction": "BUY"}, 1035),
        ({"contract_code": "BTC-USD", "offset": "both"}, 1036),
        ({"contract_code": "BTC-USD", "offset": 1}, 1030),
        (b"[1, 2]", 1030),
        (b"{not json", 1030),
    ],
)
def test_swap_parameter_errors(
    sb: Sandbox, client: HtxClient, body: dict[str, Any] | bytes, code: int
) -> None:
    sb.seed_htx_orders(KEY, "swap", count=1)
    swap_error(client.answer(SWAP, body), code)
    assert sb.open_htx_count(KEY) == 1


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ({"contract_code": "BTC-USD"}, 1014),  # coin-margined: not a v5 contract
        ({"contract_code": "BTC-USDT-1115"}, 1014),
        ({"contract_code": ["BTC-USDT"]}, 1030),
        ({"side": "long"}, 1035),
        ({"position_side": "net"}, 1030),
        ({"position_side": True}, 1030),
        (b'"text"', 1030),
    ],
)
def test_v5_parameter_errors(
    sb: Sandbox, client: HtxClient, body: dict[str, Any] | bytes, code: int
) -> None:
    sb.seed_htx_orders(KEY, "v5", count=1)
    v5_error(client.answer(V5, body), code)
    assert sb.open_htx_count(KEY) == 1


# --- authentication -----------------------------------------------------------------------------


@pytest.mark.parametrize("path", [SWAP, V5])
def test_unknown_access_key_is_403_in_the_swap_envelope(sb: Sandbox, path: str) -> None:
    stranger = HtxClient(sb, "nobody", SECRET)
    try:
        reply = stranger.answer(path, {"contract_code": "BTC-USD"})
    finally:
        stranger.close()
    swap_error(reply, 403, "Incorrect Access key [Access key错误]")


def test_missing_access_key_is_403(sb: Sandbox, client: HtxClient) -> None:
    pairs = [p for p in client.auth_pairs() if p[0] != "AccessKeyId"]
    swap_error(client.answer(V5, pairs=pairs), 403)


@pytest.mark.parametrize("path", [SWAP, V5])
def test_wrong_secret_is_1253(sb: Sandbox, path: str) -> None:
    sb.seed_htx_orders(KEY, "swap", count=1)
    liar = HtxClient(sb, KEY, "not-the-secret")
    try:
        reply = liar.answer(path, {"contract_code": "BTC-USD"})
    finally:
        liar.close()
    swap_error(reply, 1253, "Signature verification failed.")
    assert "not-the-secret" not in json.dumps(reply)
    assert SECRET not in json.dumps(reply)
    assert sb.open_htx_count(KEY) == 1
    assert sb.stats()["signature_failures"] == 1


@pytest.mark.parametrize(
    "sign_host",
    [
        "api.hbdm.com",  # the real host, not the one the request goes to
        "127.0.0.1:{port}",  # with the port
        "http://127.0.0.1",  # with a scheme
        "",
    ],
)
def test_wrong_host_in_pre_sign_is_1253(sb: Sandbox, client: HtxClient, sign_host: str) -> None:
    reply = client.answer(
        SWAP, {"contract_code": "BTC-USD"}, sign_host=sign_host.format(port=sb.port)
    )
    swap_error(reply, 1253)


def test_host_is_the_host_header_in_lowercase(sb: Sandbox, client: HtxClient) -> None:
    headers = {"Host": f"LocalHost:{sb.port}"}
    ok = client.answer(SWAP, {"contract_code": "BTC-USD"}, sign_host="localhost", headers=headers)
    swap_error(ok, 1051)  # authenticated: nothing to cancel
    bad = client.answer(SWAP, {"contract_code": "BTC-USD"}, sign_host="LocalHost", headers=headers)
    swap_error(bad, 1253)


def test_signature_covers_path_and_query(sb: Sandbox, client: HtxClient) -> None:
    ts = htx_time()
    pairs = client.auth_pairs(ts=ts)
    # Signed for the other path.
    other = hand_sign(SECRET, "POST", sb.host, V5, hand_query(pairs))
    swap_error(
        client.answer(SWAP, {"contract_code": "BTC-USD"}, pairs=pairs, signature=other), 1253
    )
    # Lowercase hex in the signed query: the server encodes with uppercase hex.
    lower = hand_query(pairs).replace("%3A", "%3a")
    swap_error(client.answer(V5, pairs=pairs, sign_query=lower), 1253)
    # Not sorted.
    unsorted = "&".join(f"{enc(k)}={enc(v)}" for k, v in reversed(pairs))
    swap_error(client.answer(V5, pairs=pairs, sign_query=unsorted), 1253)
    # A query parameter added after signing.
    good = hand_sign(SECRET, "POST", sb.host, V5, hand_query(pairs))
    swap_error(client.answer(V5, pairs=[*pairs, ("extra", "1")], signature=good), 1253)
    # Extra query parameters are fine when signed.
    v5_error(client.answer(V5, pairs=[*pairs, ("extra", "a b:c")]), 1051)


def test_signature_must_be_present_and_url_encoded(sb: Sandbox, client: HtxClient) -> None:
    swap_error(client.answer(V5, signature=""), 1253)
    # Find a Timestamp (within the window) whose signature holds a "+": sent bare, it is a space.
    for back in range(200):
        ts = htx_time(now_ms() - back * 1000)
        signature = hand_sign(SECRET, "POST", sb.host, V5, hand_query(client.auth_pairs(ts=ts)))
        if "+" in signature:
            break
    else:
        pytest.fail("no signature with a '+' in 200 tries")
    swap_error(client.answer(V5, ts=ts, signature=signature, raw_signature=True), 1253)
    v5_error(client.answer(V5, ts=ts, signature=signature), 1051)


def test_the_body_is_not_signed(sb: Sandbox, client: HtxClient) -> None:
    sb.seed_htx_orders(KEY, "swap", count=1)
    pairs = client.auth_pairs()
    signature = hand_sign(SECRET, "POST", sb.host, SWAP, hand_query(pairs))
    first = client.answer(SWAP, {"contract_code": "ETH-USD"}, pairs=pairs, signature=signature)
    swap_error(first, 1051)
    again = client.answer(SWAP, {"contract_code": "BTC-USD"}, pairs=pairs, signature=signature)
    assert again["status"] == "ok"  # the same query, another body: HTX does not stop replays


@pytest.mark.parametrize(
    ("auth", "code"),
    [
        ({"method": "HmacSHA1"}, 12003),
        ({"method": "hmacsha256"}, 12003),
        ({"version": "1"}, 12002),
        ({"ts": "2024-01-01 00:00:00"}, 12001),
        ({"ts": "2024-01-01T00:00:00Z"}, 12001),
        ({"ts": "2024-01-01T00:00:00.123"}, 12001),
        ({"ts": "2024-13-01T00:00:00"}, 12001),
        ({"ts": "1700000000000"}, 12001),
        ({"ts": ""}, 12001),
    ],
)
def test_malformed_auth_parameters(client: HtxClient, auth: dict[str, str], code: int) -> None:
    swap_error(client.answer(V5, **auth), code)


_FULLWIDTH = str.maketrans(
    "0123456789", "\uff10\uff11\uff12\uff13\uff14\uff15\uff16\uff17\uff18\uff19"
)


@pytest.mark.parametrize(
    "spell",
    [
        lambda t: t.translate(_FULLWIDTH),  # \d and strptime take fullwidth digits
        lambda t: "\u0662" + t[1:],  # an Arabic-Indic two for the year's first digit
        lambda t: "9" * 5000,
    ],
    ids=["fullwidth", "arabic-indic", "5000 digits"],
)
def test_timestamp_is_ascii_digits(client: HtxClient, spell: Any) -> None:
    # Signed as sent, and within the window once read as a date: only the digits are wrong.
    swap_error(client.answer(SWAP, {"contract_code": "BTC-USD"}, ts=spell(htx_time())), 12001)


@pytest.mark.parametrize(
    ("offset_s", "code"),
    [(-360, 12001), (-240, 1051), (240, 1051), (360, 12001)],
)
def test_timestamp_window_is_five_minutes(client: HtxClient, offset_s: int, code: int) -> None:
    reply = client.answer(
        SWAP, {"contract_code": "BTC-USD"}, ts=htx_time(now_ms() + offset_s * 1000)
    )
    swap_error(reply, code)


def test_clock_offset_fault_moves_the_window(sb: Sandbox, client: HtxClient) -> None:
    sb.set_fault("clock_offset", ms=10 * 60 * 1000)
    swap_error(client.answer(V5), 12001, "Invalid submission time.")
    server_now = htx_time(now_ms() + sb.clock_offset_ms)
    v5 = client.answer(V5, ts=server_now)
    v5_error(v5, 1051)
    assert v5["ts"] > now_ms() + 9 * 60 * 1000  # answers carry the server clock
    sb.clear_faults()
    v5_error(client.answer(V5), 1051)


def test_auth_checks_run_before_the_body(sb: Sandbox) -> None:
    stranger = HtxClient(sb, "nobody", "x")
    try:
        swap_error(stranger.answer(V5, b"{broken"), 403)
    finally:
        stranger.close()


def test_add_key_works_for_htx(sb: Sandbox) -> None:
    sb.add_key("htx-late", "late-secret")
    sb.seed_htx_orders("htx-late", "v5", count=1)
    late = HtxClient(sb, "htx-late", "late-secret")
    try:
        assert late.answer(V5)["code"] == 200
    finally:
        late.close()


# --- rate limit headers -------------------------------------------------------------------------


@pytest.fixture
def limited() -> Iterator[Sandbox]:
    with Sandbox({KEY: SECRET, KEY2: SECRET2}, htx_rate_limit=3) as box:
        yield box


def limit_headers(reply: requests.Response) -> tuple[int, int, int, int]:
    h = reply.headers
    return (
        int(h["ratelimit-limit"]),
        int(h["ratelimit-interval"]),
        int(h["ratelimit-remaining"]),
        int(h["ratelimit-reset"]),
    )


def test_rate_limit_headers_and_1032(limited: Sandbox) -> None:
    c, c2 = HtxClient(limited), HtxClient(limited, KEY2, SECRET2)
    try:
        remaining = []
        for _ in range(3):
            reply = c.post(V5)
            v5_error(reply.json(), 1051)
            limit, interval, left, reset = limit_headers(reply)
            assert (limit, interval) == (3, 3000)
            assert now_ms() < reset <= now_ms() + 3000
            remaining.append(left)
        assert remaining == [2, 1, 0]
        over = c.post(V5)
        assert over.status_code == 200
        v5_error(over.json(), 1032, "The number of access exceeded the limit.")
        assert limit_headers(over)[2] == 0
        # The swap path has its own window, and so has another key.
        swap = c.post(SWAP, {"contract_code": "BTC-USD"})
        swap_error(swap.json(), 1051)
        assert limit_headers(swap)[2] == 2
        swap_error(c.post(SWAP, {}).json(), 1030)
        assert limit_headers(c2.post(V5))[2] == 2
        assert limited.stats()["rate_limited"] == 1
    finally:
        c.close()
        c2.close()


def test_limit_headers_on_every_htx_answer(limited: Sandbox) -> None:
    c, stranger = HtxClient(limited), HtxClient(limited, "nobody", "x")
    try:
        answers = [
            c.post(V5, signature="bad"),
            c.post(SWAP, {}),
            stranger.post(SWAP),
            c.post(SWAP, http_method="GET"),
        ]
    finally:
        c.close()
        stranger.close()
    for reply in answers:
        limit, interval, left, reset = limit_headers(reply)
        assert (limit, interval) == (3, 3000)
        assert 0 <= left <= 3
        assert reset > now_ms() - 3000


def test_no_htx_rate_limit_still_sends_headers(client: HtxClient) -> None:
    reply = client.post(V5)
    limit, interval, left, _ = limit_headers(reply)
    assert (limit, interval) == (1_000_000, 3000)
    assert left == 999_999


# --- HTTP level and faults ----------------------------------------------------------------------


def test_wrong_method_is_405_in_the_product_envelope(client: HtxClient) -> None:
    reply = client.post(V5, http_method="GET")
    assert reply.status_code == 405
    assert reply.headers["Allow"] == "POST"
    v5_error(reply.json(), 405)
    reply = client.post(SWAP, http_method="PUT")
    assert reply.status_code == 405
    swap_error(reply.json(), 405)


def test_bybit_and_htx_on_one_port(sb: Sandbox, client: HtxClient) -> None:
    assert requests.get(sb.base_url + "/v5/market/time", timeout=TIMEOUT).json()["retCode"] == 0
    v5_error(client.answer(V5), 1051)
    stats = sb.stats()
    assert stats["by_path"] == {"/v5/market/time": 1, V5: 1}


def test_http_429_fault_speaks_htx_on_htx_paths(sb: Sandbox, client: HtxClient) -> None:
    sb.set_fault("http_429", times=1, path=SWAP, reset_ms=500)
    reply = client.post(SWAP, {"contract_code": "BTC-USD"})
    assert reply.status_code == 429
    swap_error(reply.json(), 1032)
    _, _, left, reset = limit_headers(reply)
    assert left == 0
    assert now_ms() < reset <= now_ms() + 600
    sb.set_fault("http_429", times=1)
    reply = client.post(V5)
    assert reply.status_code == 429
    v5_error(reply.json(), 1032)
    assert reply.json()["ts"] > 0
    swap_error(client.answer(SWAP, {"contract_code": "BTC-USD"}), 1051)


@pytest.mark.parametrize(("kind", "status"), [("http_403", 403), ("http_503", 503)])
def test_html_faults_hit_htx_paths(sb: Sandbox, client: HtxClient, kind: str, status: int) -> None:
    sb.set_fault(kind, times=1, path=V5)
    reply = client.post(V5)
    assert reply.status_code == status
    assert reply.headers["Content-Type"].startswith("text/html")
    assert "ratelimit-limit" not in reply.headers


def test_drop_with_processing_cancels_and_loses_the_answer(sb: Sandbox, client: HtxClient) -> None:
    sb.seed_htx_orders(KEY, "swap", count=2)
    sb.set_fault("drop", times=1, path=SWAP, process=True)
    with pytest.raises(requests.ConnectionError):
        client.post(SWAP, {"contract_code": "BTC-USD"})
    assert sb.open_htx_count(KEY) == 0
    swap_error(client.answer(SWAP, {"contract_code": "BTC-USD"}), 1051)  # the repeat


def test_truncated_json_on_htx(sb: Sandbox, client: HtxClient) -> None:
    sb.seed_htx_orders(KEY, "v5", count=2)
    sb.set_fault("truncated_json", times=1, path=V5)
    reply = client.post(V5)
    assert reply.status_code == 200
    with pytest.raises(ValueError, match=r".+"):
        reply.json()
    assert sb.open_htx_count(KEY) == 0


def test_framing_error_on_an_htx_path_is_htx_shaped(sb: Sandbox) -> None:
    request = (f"POST {SWAP} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: abc\r\n\r\n").encode()
    with socket.create_connection((sb.host, sb.port), timeout=TIMEOUT) as conn:
        conn.sendall(request)
        raw = b""
        while chunk := conn.recv(65536):
            raw += chunk
    head, _, body = raw.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 400 ")
    assert b"\r\nratelimit-remaining: " in head
    swap_error(json.loads(body), 1030)  # HTX's input error, not Bybit's 10001


# --- helpers ------------------------------------------------------------------------------------


def test_seed_htx_orders_validates(sb: Sandbox) -> None:
    with pytest.raises(ValueError, match="unknown access key"):
        sb.seed_htx_orders("nobody")
    with pytest.raises(ValueError, match="product"):
        sb.seed_htx_orders(KEY, "linear")
    with pytest.raises(ValueError, match="contract_code"):
        sb.seed_htx_orders(KEY, "swap", "BTC-USDT")
    with pytest.raises(ValueError, match="contract_code"):
        sb.seed_htx_orders(KEY, "v5", "BTC-USD")
    with pytest.raises(ValueError, match="side"):
        sb.seed_htx_orders(KEY, "swap", side="buy")
    with pytest.raises(ValueError, match="direction"):
        sb.seed_htx_orders(KEY, "v5", direction="buy")
    with pytest.raises(ValueError, match="offset"):
        sb.seed_htx_orders(KEY, "swap", offset="both")
    with pytest.raises(ValueError, match="position_side"):
        sb.seed_htx_orders(KEY, "v5", position_side="net")
    with pytest.raises(ValueError, match="count"):
        sb.seed_htx_orders(KEY, count=-1)
    sb.seed_htx_orders(KEY, "v5", count=1, client_order_prefix="c-")
    with pytest.raises(ValueError, match="already open"):
        sb.seed_htx_orders(KEY, "v5", count=1, client_order_prefix="c-")
    with pytest.raises(ValueError, match="product"):
        sb.open_htx_count(KEY, "spot")
    assert sb.open_htx_count(KEY) == 1


def test_seed_views_and_counts(sb: Sandbox) -> None:
    (swap,) = sb.seed_htx_orders(KEY, "swap", "eth-usd", direction="sell", offset="close")
    assert swap == {
        "order_id": swap["order_id"],
        "client_order_id": swap["order_id"],
        "product": "swap",
        "contract_code": "ETH-USD",
        "direction": "sell",
        "offset": "close",
    }
    (v5,) = sb.seed_htx_orders(KEY, "v5", side="sell", position_side="short")
    assert (v5["contract_code"], v5["side"], v5["position_side"]) == ("BTC-USDT", "sell", "short")
    assert int(v5["order_id"]) > int(swap["order_id"])
    assert (sb.open_htx_count(KEY), sb.open_htx_count(KEY, "swap")) == (2, 1)
    assert sb.open_htx_orders(KEY, "v5") == [v5]
    sb.reset()
    assert sb.open_htx_count(KEY) == 0


def test_constructor_rejects_a_bad_htx_rate_limit() -> None:
    for bad in (0, -1, True, 1.5):
        with pytest.raises(ValueError, match="htx_rate_limit"):
            Sandbox({KEY: SECRET}, htx_rate_limit=bad)  # type: ignore[arg-type]
