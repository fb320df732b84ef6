"""HTX (Huobi) derivatives in the sandbox: signature v2, the two cancel-all endpoints, the swap
open-orders list, their errors.

Pure pieces only (no sockets, no clock of their own): the server-side signature check, the HTX
order books and the JSON envelopes. ``app.py`` routes ``/swap-api/v1/swap_cancelall``,
``/swap-api/v1/swap_openorders`` and ``/v5/trade/cancel_all_orders`` here; the class docstring of
``Sandbox`` documents the wire.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import math
import re
import threading
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import parse_qsl, quote, urlsplit

from .exchange import ApiError

SWAP = "swap"  # coin-margined swap: /swap-api/v1/swap_cancelall
V5 = "v5"  # USDT-margined, unified account: /v5/trade/cancel_all_orders
PRODUCTS = (SWAP, V5)
SWAP_OPEN_ORDERS = "/swap-api/v1/swap_openorders"
HTX_PATHS: dict[str, str] = {
    "/swap-api/v1/swap_cancelall": SWAP,
    SWAP_OPEN_ORDERS: SWAP,
    "/v5/trade/cancel_all_orders": V5,
}
PAGE_SIZE_DEFAULT, PAGE_SIZE_MAX = 20, 50
DEFAULT_CONTRACT = {SWAP: "BTC-USD", V5: "BTC-USDT"}

SUCCESS = 200
# Gateway (authentication) errors; answered in the swap envelope on both paths.
ERR_ACCESS_KEY = 403
ERR_TIMESTAMP = 12001
ERR_SIGNATURE_VERSION = 12002
ERR_SIGNATURE_METHOD = 12003
ERR_SIGNATURE = 1253
# Business errors; answered in the envelope of the product.
ERR_CONTRACT = 1014
ERR_INPUT = 1030
ERR_TOO_MANY = 1032
ERR_DIRECTION = 1035
ERR_OFFSET = 1036
ERR_NO_ORDERS = 1051
ERR_ORDER_GONE = 1061

MSG_ACCESS_KEY = "Incorrect Access key [Access key错误]"
MSG_TIMESTAMP = "Invalid submission time."
MSG_SIGNATURE = "Signature verification failed."
MSG_TOO_MANY = "The number of access exceeded the limit."
MSG_NO_ORDERS = "No orders to cancel."
MSG_ORDER_GONE = "This order doesn't exist."

TIMESTAMP_TOLERANCE_MS = 5 * 60 * 1000  # the Timestamp may be this far off the server clock
WINDOW_MS = 3000  # HTX counts requests per 3 s
DEFAULT_RATE_LIMIT = 72  # trade requests per 3 s per UID and product line
_ID_BASE = 1_329_854_624_000_000_000  # order ids look like HTX's 19-digit numbers

# ASCII digits only: \d and strptime would take a fullwidth year (U+FF10 to U+FF19) too.
_TIMESTAMP = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d", re.ASCII)
_CONTRACT_CODES: dict[str, re.Pattern[str]] = {
    SWAP: re.compile(r"[A-Z0-9]{1,20}-USD"),  # BTC-USD
    V5: re.compile(r"[A-Z0-9]{1,20}-USDT(?:-\d{6})?"),  # BTC-USDT, BTC-USDT-241115
}
_CLIENT_ORDER_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")
_SIDES = ("buy", "sell")
_OFFSETS = ("open", "close")
_POSITION_SIDES = ("long", "short", "both")


# --- signature version 2 ------------------------------------------------------------------------


def _encode(text: str) -> str:
    # UTF-8, uppercase hex; only RFC 3986 unreserved characters stay bare.
    return quote(text, safe="")


def canonical_query(pairs: list[tuple[str, str]]) -> str:
    """The signed query: every parameter but ``Signature``, encoded, sorted, ``k=v&k=v``."""
    encoded = sorted((_encode(k), _encode(v)) for k, v in pairs if k != "Signature")
    return "&".join(f"{k}={v}" for k, v in encoded)


def request_host(host_header: str) -> str:
    """The host a client signs: the Host header in lowercase, without port or IPv6 brackets."""
    try:
        return urlsplit("//" + host_header.strip()).hostname or ""
    except ValueError:  # e.g. an unclosed "[::1"
        return ""


def expected_signature(secret: str, method: str, host: str, path: str, query: str) -> str:
    """Base64 of HMAC-SHA256(secret, ``METHOD\\nhost\\npath\\nquery``)."""
    text = f"{method}\n{host}\n{path}\n{query}"
    digest = hmac.new(secret.encode("utf-8"), text.encode("utf-8"), hashlib.sha256).digest()
    return base64.b64encode(digest).decode("ascii")


def parse_timestamp(value: str | None) -> int | None:
    """``YYYY-MM-DDThh:mm:ss`` (UTC) as epoch ms; None when absent or malformed."""
    if value is None or not _TIMESTAMP.fullmatch(value):
        return None
    try:
        moment = datetime.strptime(value, "%Y-%m-%dT%H:%M:%S").replace(tzinfo=UTC)
    except ValueError:  # month 13 and the like
        return None
    return int(moment.timestamp()) * 1000


def query_pairs(query: str) -> list[tuple[str, str]]:
    """The query as (name, value) pairs, form-decoded: a bare ``+`` is a space, as on HTX."""
    return parse_qsl(query, keep_blank_values=True)


def access_key_of(query: str) -> str:
    return dict(query_pairs(query)).get("AccessKeyId", "")


def authenticate(
    method: str,
    path: str,
    query: str,
    host_header: str,
    keys: Mapping[str, str],
    now_ms: int,
) -> str:
    """Check the signature-v2 query of a request and return its access key.

    Raises ApiError, in this order: no AccessKeyId 403; SignatureMethod not HmacSHA256 12003;
    SignatureVersion not 2 12002; Timestamp absent or malformed 12001; unknown access key 403;
    Timestamp more than 5 minutes off the server clock 12001; Signature absent or wrong 1253.
    No message contains the secret.
    """
    pairs = query_pairs(query)
    params = dict(pairs)  # a repeated name keeps its last value (all of them are signed)
    access_key = params.get("AccessKeyId", "")
    if not access_key:
        raise ApiError(ERR_ACCESS_KEY, MSG_ACCESS_KEY)
    if params.get("SignatureMethod") != "HmacSHA256":
        raise ApiError(ERR_SIGNATURE_METHOD, "Incorrect signature method.")
    if params.get("SignatureVersion") != "2":
        raise ApiError(ERR_SIGNATURE_VERSION, "Incorrect signature version.")
    timestamp_ms = parse_timestamp(params.get("Timestamp"))
    if timestamp_ms is None:
        raise ApiError(ERR_TIMESTAMP, MSG_TIMESTAMP)
    secret = keys.get(access_key)
    if secret is None:
        raise ApiError(ERR_ACCESS_KEY, MSG_ACCESS_KEY)
    if abs(now_ms - timestamp_ms) > TIMESTAMP_TOLERANCE_MS:
        raise ApiError(ERR_TIMESTAMP, MSG_TIMESTAMP)
    signature = params.get("Signature", "")
    expected = expected_signature(
        secret, method, request_host(host_header), path, canonical_query(pairs)
    )
    if not signature or not hmac.compare_digest(
        expected.encode("ascii"), signature.encode("utf-8")
    ):
        raise ApiError(ERR_SIGNATURE, MSG_SIGNATURE)
    return access_key


# --- envelopes ----------------------------------------------------------------------------------


def envelope(product: str, code: int, message: str, data: object, ts: int) -> bytes:
    """The JSON body of an HTX answer: the swap or the v5 envelope, success or error."""
    body: dict[str, object]
    if product == SWAP:
        if code == SUCCESS:
            body = {"status": "ok", "data": data, "ts": ts}
        else:
            body = {"status": "error", "err_code": code, "err_msg": message, "ts": ts}
    elif code == SUCCESS:
        body = {"code": SUCCESS, "data": data, "message": "Success", "ts": ts}
    else:
        body = {"code": code, "message": message, "data": None, "ts": ts}
    return json.dumps(body, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def parse_body(body: bytes) -> Mapping[str, object]:
    """The JSON object of a request body; an empty body counts as ``{}``."""
    if not body.strip():
        return {}
    try:
        data = json.loads(body)
    except (ValueError, RecursionError):
        data = None
    if not isinstance(data, dict):
        raise ApiError(ERR_INPUT, "Input error: the body is not a JSON object.")
    return data


# --- parameters ---------------------------------------------------------------------------------


def _opt_str(params: Mapping[str, object], name: str) -> str | None:
    value = params.get(name)
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise ApiError(ERR_INPUT, f"Input error: {name} must be a string.")
    return value


def _choice(
    params: Mapping[str, object], name: str, allowed: tuple[str, ...], code: int, message: str
) -> str | None:
    value = _opt_str(params, name)
    if value is not None and value not in allowed:
        raise ApiError(code, f"{message} ({name} must be {' or '.join(allowed)})")
    return value


def _contract_code(params: Mapping[str, object], product: str, *, required: bool) -> str | None:
    value = _opt_str(params, "contract_code")
    if value is None:
        if required:
            raise ApiError(ERR_INPUT, "Input error: contract_code is required.")
        return None
    code = value.upper() if value.isascii() else value  # case-insensitive on HTX
    if not _CONTRACT_CODES[product].fullmatch(code):
        raise ApiError(ERR_CONTRACT, "This contract doesn't exist.")
    return code


# --- orders -------------------------------------------------------------------------------------


@dataclass(slots=True)
class HtxOrder:
    order_id: str
    client_order_id: str
    product: str
    contract_code: str
    direction: str  # swap: direction; v5: side
    offset: str  # swap only ("" on v5)
    position_side: str  # v5 only ("" on swap)
    fill_on_cancel: bool  # it fills as a cancel reaches it: the cancel fails with 1061

    def view(self) -> dict[str, str]:
        """The order as the helpers return it."""
        view = {
            "order_id": self.order_id,
            "client_order_id": self.client_order_id,
            "product": self.product,
            "contract_code": self.contract_code,
        }
        if self.product == SWAP:
            view.update(direction=self.direction, offset=self.offset)
        else:
            view.update(side=self.direction, position_side=self.position_side)
        return view


class HtxExchange:
    """Open HTX orders per access key and product line; every public method takes the lock."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._seq = 0
        self._books: dict[tuple[str, str], dict[str, HtxOrder]] = {}

    def clear(self) -> None:
        with self._lock:
            self._books.clear()

    def cancel_all(self, product: str, access_key: str, params: Mapping[str, object]) -> object:
        """Run a cancel-all of a product; returns its ``data``. Raises ApiError (1051 too)."""
        if product == SWAP:
            contract = _contract_code(params, SWAP, required=True)
            direction = _choice(
                params, "direction", _SIDES, ERR_DIRECTION, "Incorrect field of contract direction."
            )
            offset = _choice(
                params, "offset", _OFFSETS, ERR_OFFSET, "Incorrect field of open long form."
            )
            position_side = None
        else:
            contract = _contract_code(params, V5, required=False)
            direction = _choice(
                params, "side", _SIDES, ERR_DIRECTION, "Incorrect field of order side."
            )
            offset = None
            position_side = _choice(
                params, "position_side", _POSITION_SIDES, ERR_INPUT, "Input error."
            )
        with self._lock:
            book = self._books.get((access_key, product), {})
            victims = [
                order
                for order in book.values()
                if (contract is None or order.contract_code == contract)
                and (direction is None or order.direction == direction)
                and (offset is None or order.offset == offset)
                and (position_side is None or order.position_side == position_side)
            ]
            if not victims:
                raise ApiError(ERR_NO_ORDERS, MSG_NO_ORDERS)
            for order in victims:
                del book[order.order_id]  # cancelled, or filled as the cancel came
        if product == SWAP:
            return {
                "errors": [
                    {"order_id": o.order_id, "err_code": ERR_ORDER_GONE, "err_msg": MSG_ORDER_GONE}
                    for o in victims
                    if o.fill_on_cancel
                ],
                "successes": ",".join(o.order_id for o in victims if not o.fill_on_cancel),
            }
        return [
            {
                "order_id": o.order_id,
                "client_order_id": o.client_order_id,
                "code": ERR_ORDER_GONE if o.fill_on_cancel else SUCCESS,
                "message": MSG_ORDER_GONE if o.fill_on_cancel else "Success",
            }
            for o in victims
        ]

    def open_orders_page(self, access_key: str, params: Mapping[str, object]) -> object:
        """The ``data`` of ``swap_openorders``: one page of the swap orders (all contracts when
        no ``contract_code``), newest first, with ``total_page``/``current_page``/``total_size``.
        """
        contract = _contract_code(params, SWAP, required=False)
        index = _page_number(params, "page_index", 1, None)
        size = _page_number(params, "page_size", PAGE_SIZE_DEFAULT, PAGE_SIZE_MAX)
        with self._lock:
            book = self._books.get((access_key, SWAP), {})
            listed = [o for o in book.values() if contract is None or o.contract_code == contract]
        listed.sort(key=lambda o: int(o.order_id), reverse=True)
        page = listed[(index - 1) * size : index * size]
        return {
            "orders": [_swap_row(o) for o in page],
            "total_page": math.ceil(len(listed) / size),
            "current_page": index,
            "total_size": len(listed),
        }

    # Direct helpers (no HTTP); they raise ValueError on bad input.

    def seed(
        self,
        access_key: str,
        product: str,
        contract_code: str | None,
        count: int,
        direction: str | None,
        offset: str | None,
        side: str | None,
        position_side: str | None,
        client_order_prefix: str | None,
        fill_on_cancel: bool,
    ) -> list[dict[str, str]]:
        if product not in PRODUCTS:
            raise ValueError(f"product must be one of {', '.join(PRODUCTS)}")
        if isinstance(count, bool) or not isinstance(count, int) or count < 0:
            raise ValueError("count must be an int >= 0")
        code = (contract_code or DEFAULT_CONTRACT[product]).upper()
        if not _CONTRACT_CODES[product].fullmatch(code):
            example = "BTC-USD" if product == SWAP else "BTC-USDT or BTC-USDT-241115"
            raise ValueError(
                f"contract_code {contract_code!r}: not a {product} code, e.g. {example}"
            )
        if product == SWAP:
            if side is not None or position_side is not None:
                raise ValueError("swap orders take direction and offset, not side/position_side")
            way, offset, position = direction or "buy", offset or "open", ""
            _check_choice("direction", way, _SIDES)
            _check_choice("offset", offset, _OFFSETS)
        else:
            if direction is not None or offset is not None:
                raise ValueError("v5 orders take side and position_side, not direction/offset")
            way, offset, position = side or "buy", "", position_side or "both"
            _check_choice("side", way, _SIDES)
            _check_choice("position_side", position, _POSITION_SIDES)
        clients = [
            f"{client_order_prefix}{i}" if client_order_prefix is not None else ""
            for i in range(count)
        ]
        for client in clients:
            if client and not _CLIENT_ORDER_ID.fullmatch(client):
                raise ValueError(f"client_order_id {client!r} is not valid")
        with self._lock:
            book = self._books.setdefault((access_key, product), {})
            taken = {o.client_order_id for o in book.values()}
            clash = next((c for c in clients if c and c in taken), None)
            if clash is not None:
                raise ValueError(f"client_order_id {clash!r} is already open")
            made = []
            for client in clients:
                self._seq += 1
                order_id = str(_ID_BASE + self._seq)
                # With no id of the client's, HTX reports the order id in client_order_id.
                order = HtxOrder(
                    order_id=order_id,
                    client_order_id=client or order_id,
                    product=product,
                    contract_code=code,
                    direction=way,
                    offset=offset,
                    position_side=position,
                    fill_on_cancel=fill_on_cancel,
                )
                book[order_id] = order
                made.append(order)
        return [o.view() for o in made]

    def open_orders(self, access_key: str, product: str | None) -> list[dict[str, str]]:
        with self._lock:
            return [o.view() for o in self._iter_open(access_key, product)]

    def open_count(self, access_key: str, product: str | None) -> int:
        with self._lock:
            return sum(1 for _ in self._iter_open(access_key, product))

    def _iter_open(self, access_key: str, product: str | None) -> Iterator[HtxOrder]:
        if product is not None and product not in PRODUCTS:
            raise ValueError(f"product must be one of {', '.join(PRODUCTS)} or None")
        for name in PRODUCTS if product is None else (product,):
            yield from self._books.get((access_key, name), {}).values()


def _page_number(params: Mapping[str, object], name: str, default: int, high: int | None) -> int:
    value = params.get(name)
    if value is None:
        return default
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ApiError(ERR_INPUT, f"Input error: {name} must be a whole number >= 1.")
    if high is not None and value > high:
        raise ApiError(ERR_INPUT, f"Input error: {name} must be at most {high}.")
    return value


def _swap_row(order: HtxOrder) -> dict[str, object]:
    """An open swap order as ``swap_openorders`` lists it."""
    number = int(order.order_id)
    client = order.client_order_id
    return {
        "symbol": order.contract_code.partition("-")[0],
        "contract_code": order.contract_code,
        "volume": 1,
        "price": 30000,
        "order_price_type": "limit",
        "order_type": 1,
        "direction": order.direction,
        "offset": order.offset,
        "lever_rate": 5,
        "order_id": number,
        "order_id_str": order.order_id,
        "client_order_id": int(client) if client.isdigit() and client != order.order_id else None,
        "created_at": 1_700_000_000_000 + number - _ID_BASE,
        "trade_volume": 0,
        "status": 3,
    }


def _check_choice(name: str, value: str, allowed: tuple[str, ...]) -> None:
    if value not in allowed:
        raise ValueError(f"{name} must be one of {', '.join(allowed)}")
