"""The Spot calls V5 answers with more than one exchange call (see ``Core.Hooks``).

``GetOrder``: open orders, then history. ``MergedOrderBook``: the book merged by ``scale`` here.
``BatchCancelOrder`` with a side or order-type filter: list, keep the matching orders, cancel them
by id. ``BatchCancelOrderById``: V5's 10-per-call batches, symbols read from the open orders.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import ROUND_DOWN, ROUND_UP, Decimal, InvalidOperation
from typing import Any

from carpenstar_bybit.Core.Exceptions import ApiException
from carpenstar_bybit.Core.Hooks import answer, fetch, listed
from carpenstar_bybit.Core.Response import CurlResponseDto

SPOT = "spot"
REALTIME, HISTORY = "/v5/order/realtime", "/v5/order/history"
CANCEL_ALL, CANCEL_BATCH = "/v5/order/cancel-all", "/v5/order/cancel-batch"
BATCH = 10  # spot orders per cancel-batch call (V5)
NOT_OPEN = (170213, "Order does not exist.")  # V5's spot code for an order that is not open
# v3 order types as V5's (orderType, timeInForce); LIMIT_MAKER is a PostOnly limit order.
ORDER_TYPES = {
    "LIMIT": ("Limit", None),
    "Limit": ("Limit", None),
    "MARKET": ("Market", None),
    "Market": ("Market", None),
    "LIMIT_MAKER": ("Limit", "PostOnly"),
}


def get_order(endpoint: Any, request: Any, params: Mapping[str, Any], mode: int) -> Any:
    found = fetch(endpoint, "GET", REALTIME, params)
    if not found.getBody().all():
        found = fetch(endpoint, "GET", HISTORY, params)
    return answer(endpoint, found.getRawResult(), mode, found)


def merged_order_book(endpoint: Any, request: Any, params: Mapping[str, Any], mode: int) -> Any:
    book = fetch(endpoint, "GET", endpoint.PATH, {**params, "limit": "200"}, listing=False)
    result = book.getRawResult()
    step = Decimal(1).scaleb(-request.getScale())
    limit = request.getLimit()
    result["b"] = _merge(result.get("b"), step, ROUND_DOWN)[:limit]
    result["a"] = _merge(result.get("a"), step, ROUND_UP)[:limit]
    return answer(endpoint, result, mode, book)


def _merge(levels: object, step: Decimal, rounding: str) -> list[list[str]]:
    """[price, size] rows with prices cut to ``step``, sizes of one merged price added."""
    if levels is None:
        return []
    merged: dict[Decimal, Decimal] = {}
    try:
        if not isinstance(levels, list):
            raise TypeError(levels)
        for price, size in levels:
            key = Decimal(str(price)).quantize(step, rounding=rounding)
            merged[key] = merged.get(key, Decimal(0)) + Decimal(str(size))
    except (TypeError, ValueError, InvalidOperation):
        raise ApiException("unexpected response: a book level is not [price, size]") from None
    return [[format(p, "f"), format(s.normalize(), "f")] for p, s in merged.items()]


def batch_cancel(endpoint: Any, request: Any, params: Mapping[str, Any], mode: int) -> Any:
    side, types = request.getSide(), request.getOrderTypes()
    if side is None and types is None:
        done = fetch(endpoint, "POST", CANCEL_ALL, params)
        result = done.getRawResult()  # fetch refused an answer without its list
        cancelled = [{**i, "code": 0, "msg": "OK"} for i in result["list"] if isinstance(i, dict)]
        return answer(
            endpoint, {"success": result.get("success", "1"), "list": cancelled}, mode, done
        )
    query = {"category": SPOT, "symbol": request.getSymbol(), "limit": "50"}
    if request.getOrderCategory() is not None:
        query["orderFilter"] = request.getOrderCategory()
    kinds = None if types is None else {ORDER_TYPES[t] for t in str(types).split(",")}
    chosen = [
        order
        for order in listed(endpoint, REALTIME, query)
        if (side is None or order.get("side") == side) and (kinds is None or _kind(order) in kinds)
    ]
    outcomes, last = _cancel(endpoint, [(str(o.get("symbol", "")), o) for o in chosen])
    success = "1" if all(o["code"] == 0 for o in outcomes) else "0"
    return answer(endpoint, {"success": success, "list": outcomes}, mode, last)


def _kind(order: Mapping[str, Any]) -> tuple[str, str | None]:
    order_type = str(order.get("orderType", ""))
    post_only = order_type == "Limit" and order.get("timeInForce") == "PostOnly"
    return order_type, "PostOnly" if post_only else None


def batch_cancel_by_id(endpoint: Any, request: Any, params: Mapping[str, Any], mode: int) -> Any:
    ids = request.getOrderIds().split(",")
    symbol = request.getSymbol()
    if symbol is not None:
        symbols = dict.fromkeys(ids, symbol)
    else:
        query = {"category": SPOT, "limit": "50"}
        symbols = {
            str(o.get("orderId")): str(o.get("symbol", ""))
            for o in listed(endpoint, REALTIME, query)
        }
    known = [(symbols[i], {"orderId": i}) for i in ids if i in symbols]
    outcomes, last = _cancel(endpoint, known)
    code, msg = NOT_OPEN
    by_id = {o["orderId"]: o for o in outcomes}
    failures = []
    for order_id in ids:  # in the caller's order
        outcome = by_id.get(order_id, {"orderId": order_id, "symbol": "", "code": code, "msg": msg})
        if outcome["code"] != 0:
            failures.append(outcome)
    return answer(endpoint, {"list": failures}, mode, last)


def _cancel(
    endpoint: Any, orders: Iterable[tuple[str, Mapping[str, Any]]]
) -> tuple[list[dict[str, Any]], CurlResponseDto[Any] | None]:
    """Cancel by id, 10 a call; one outcome per order: its ids, symbol, code and message."""
    pending = [(symbol, order) for symbol, order in orders]
    outcomes: list[dict[str, Any]] = []
    last: CurlResponseDto[Any] | None = None
    for start in range(0, len(pending), BATCH):
        chunk = pending[start : start + BATCH]
        body = {
            "category": SPOT,
            "request": [{"symbol": s, "orderId": str(o.get("orderId", ""))} for s, o in chunk],
        }
        last = fetch(endpoint, "POST", CANCEL_BATCH, body)
        items = last.getBody().all()
        ext = last.getReturnExtendedInfo().get("list")
        if not isinstance(ext, list) or len(ext) != len(chunk) or len(items) != len(chunk):
            raise ApiException("unexpected response: cancel-batch did not answer each order")
        for (symbol, order), item, told in zip(chunk, items, ext, strict=True):
            told = told if isinstance(told, dict) else {}
            outcomes.append(
                {
                    "orderId": str(order.get("orderId", "")),
                    "orderLinkId": str(item.get("orderLinkId") or order.get("orderLinkId", "")),
                    "symbol": symbol,
                    "code": told.get("code"),
                    "msg": str(told.get("msg", "")),
                }
            )
    return outcomes, last
