"""Creates are not retried blindly: a create carries an orderLinkId, and a retry that Bybit
refuses as a duplicate of it is answered with the order the first try placed.

Unit tests pin the wire (requests_mock, frozen clock, known key); the end-to-end tests lose the
answer to a create that the sandbox did place (fault ``drop`` with ``process=True``)."""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterator
from urllib.parse import parse_qsl, urlsplit

import pytest
import requests_mock

from carpenstar_bybit import BybitAPI
from carpenstar_bybit.Core.Exceptions import ApiException, FailureKind, TransportException
from carpenstar_bybit.Core.Names import short
from carpenstar_bybit.Core.Registry import ENDPOINTS
from carpenstar_bybit.Core.Retry import (
    IDEMPOTENT,
    NOT_IDEMPOTENT,
    RetryPolicy,
    new_order_link_id,
    replay_of,
)
from carpenstar_bybit.Derivatives.Contract.Order.GetOrderList import GetOrderList
from carpenstar_bybit.Derivatives.Contract.Order.GetOrderList.Request import GetOrderListRequest
from carpenstar_bybit.Derivatives.Contract.Order.PlaceOrder import PlaceOrder
from carpenstar_bybit.Derivatives.Contract.Order.PlaceOrder.Request import PlaceOrderRequest
from carpenstar_bybit.Derivatives.Contract.Position.SetTradingStop import SetTradingStop
from carpenstar_bybit.Derivatives.Contract.Position.SetTradingStop.Request import (
    SetTradingStopRequest,
)
from carpenstar_bybit.sandbox import Sandbox

from .conftest import HOST, KEY, LINK_ID, SECRET, dropped_error, envelope, expected_sign

CREATE_URL = f"{HOST}/v5/order/create"
REALTIME_URL = f"{HOST}/v5/order/realtime"
HISTORY_URL = f"{HOST}/v5/order/history"
STOP_URL = f"{HOST}/v5/position/trading-stop"
BODY = (
    b'{"category":"linear","symbol":"BTCUSDT","side":"Buy","orderType":"Limit","qty":"0.01",'
    b'"price":"30000","orderLinkId":"' + LINK_ID.encode() + b'"}'
)
PLACED = {"orderId": "1321003749386327552", "orderLinkId": LINK_ID}
DUPLICATE = envelope({}, 110072, "OrderLinkedID is duplicate")
LINK_RULE = re.compile(r"[A-Za-z0-9_-]{1,36}")  # Bybit's orderLinkId rule


def _order() -> PlaceOrderRequest:
    return (
        PlaceOrderRequest()
        .setSymbol("BTCUSDT")
        .setSide("Buy")
        .setOrderType("Limit")
        .setQty("0.01")
        .setPrice("30000")
    )


def _listed(side: str = "Buy", link: str = LINK_ID) -> dict[str, object]:
    item = {"orderId": PLACED["orderId"], "orderLinkId": link, "symbol": "BTCUSDT", "side": side}
    return envelope({"category": "linear", "list": [item], "nextPageCursor": ""})


EMPTY_LIST = envelope({"category": "linear", "list": [], "nextPageCursor": ""})


def _query(url: str) -> list[tuple[str, str]]:
    return parse_qsl(urlsplit(url).query)


# -- the key ---------------------------------------------------------------------------------


def test_a_generated_order_link_id_keeps_bybits_rule_and_is_fresh() -> None:
    made = {new_order_link_id() for _ in range(1000)}
    assert len(made) == 1000
    for link in made:
        assert LINK_RULE.fullmatch(link)
        assert link.startswith("cb-")
        assert len(link) == 35
        assert PlaceOrderRequest().setOrderLinkId(link).getOrderLinkId() == link


def test_a_create_without_a_key_is_sent_with_one_and_it_is_readable(
    api: BybitAPI, mock: requests_mock.Mocker
) -> None:
    mock.post(CREATE_URL, json=envelope(PLACED))
    request = _order()
    answer = api.rest(PlaceOrder, request)
    assert mock.last_request.body == BODY
    assert mock.last_request.headers["X-BAPI-SIGN"] == expected_sign(BODY)
    assert answer.getBody().fetch().getOrderLinkId() == LINK_ID
    assert request.getOrderLinkId() is None  # the caller's request is not changed


def test_a_callers_key_is_sent_as_it_is(api: BybitAPI, mock: requests_mock.Mocker) -> None:
    mock.post(CREATE_URL, json=envelope({**PLACED, "orderLinkId": "mine-1"}))
    api.rest(PlaceOrder, _order().setOrderLinkId("mine-1"))
    assert mock.last_request.body == BODY.replace(LINK_ID.encode(), b"mine-1")


# -- a lost answer, then the duplicate refusal -----------------------------------------------


@pytest.mark.parametrize(
    "first",
    [
        {"exc": dropped_error()},
        {"status_code": 502, "text": "<html>502 Bad Gateway</html>"},
        {"json": envelope({}, 10016, "Internal server error")},
    ],
    ids=["dropped", "502", "10016"],
)
def test_a_duplicate_after_a_lost_answer_is_the_order_the_first_try_placed(
    api: BybitAPI, mock: requests_mock.Mocker, first: dict[str, object]
) -> None:
    mock.post(CREATE_URL, [first, {"json": DUPLICATE}])
    mock.get(REALTIME_URL, json=_listed())
    answer = api.rest(PlaceOrder, _order())
    item = answer.getBody().fetch()
    assert (item.getOrderId(), item.getOrderLinkId()) == (PLACED["orderId"], LINK_ID)
    assert (answer.getReturnCode(), answer.getAttempts(), answer.isUncertain()) == (0, 2, True)
    posts = [r for r in mock.request_history if r.method == "POST"]
    assert [r.body for r in posts] == [BODY, BODY]  # the same key both times
    (lookup,) = [r for r in mock.request_history if r.method == "GET"]
    assert _query(lookup.url) == [
        ("category", "linear"),
        ("symbol", "BTCUSDT"),
        ("orderLinkId", LINK_ID),
    ]
    query = urlsplit(lookup.url).query.encode()
    assert lookup.headers["X-BAPI-SIGN"] == expected_sign(query)


def test_an_order_no_longer_open_is_found_in_the_history(
    api: BybitAPI, mock: requests_mock.Mocker
) -> None:
    mock.post(CREATE_URL, [{"exc": dropped_error()}, {"json": DUPLICATE}])
    mock.get(REALTIME_URL, json=EMPTY_LIST)
    mock.get(HISTORY_URL, json=_listed())
    answer = api.rest(PlaceOrder, _order())
    assert answer.getBody().fetch().getOrderId() == PLACED["orderId"]
    assert [urlsplit(r.url).path for r in mock.request_history if r.method == "GET"] == [
        "/v5/order/realtime",
        "/v5/order/history",
    ]


@pytest.mark.parametrize(
    ("realtime", "history"),
    [
        (EMPTY_LIST, EMPTY_LIST),
        (_listed(side="Sell"), EMPTY_LIST),  # a key reused for another order proves nothing
        (_listed(link="someone-else"), EMPTY_LIST),
        (envelope({}, 10016, "Internal server error"), EMPTY_LIST),  # the read failed
    ],
    ids=["not found", "another side", "another key", "read failed"],
)
def test_a_duplicate_that_cannot_be_read_back_stays_an_uncertain_error(
    api: BybitAPI,
    mock: requests_mock.Mocker,
    realtime: dict[str, object],
    history: dict[str, object],
) -> None:
    mock.post(CREATE_URL, [{"exc": dropped_error()}, {"json": DUPLICATE}])
    mock.get(REALTIME_URL, json=realtime)
    mock.get(HISTORY_URL, json=history)
    with pytest.raises(ApiException) as info:
        api.rest(PlaceOrder, _order())
    assert (info.value.getCode(), info.value.attempts, info.value.uncertain) == (110072, 2, True)
    assert f"orderLinkId {LINK_ID} names the order" in str(info.value)


def test_a_duplicate_on_the_first_try_is_the_callers_own(
    api: BybitAPI, mock: requests_mock.Mocker
) -> None:
    mock.post(CREATE_URL, json=DUPLICATE)
    mock.get(REALTIME_URL, json=_listed(link="mine-1"))
    with pytest.raises(ApiException) as info:
        api.rest(PlaceOrder, _order().setOrderLinkId("mine-1"))
    assert (info.value.getCode(), info.value.uncertain) == (110072, False)
    assert mock.call_count == 1  # nothing was looked up


def test_a_create_that_never_got_an_answer_names_its_key(
    api: BybitAPI, mock: requests_mock.Mocker
) -> None:
    mock.post(CREATE_URL, exc=dropped_error())
    with pytest.raises(TransportException) as info:
        api.rest(PlaceOrder, _order())
    assert (info.value.kind, info.value.attempts, info.value.uncertain) == (
        FailureKind.DROPPED,
        3,
        True,
    )
    assert f"orderLinkId {LINK_ID} names the order if it was placed" in str(info.value)
    assert {r.body for r in mock.request_history} == {BODY}


# -- writes that are not idempotent ----------------------------------------------------------


def _stop(mode: str) -> SetTradingStopRequest:
    request = (
        SetTradingStopRequest()
        .setCategory("linear")
        .setSymbol("BTCUSDT")
        .setPositionIdx(0)
        .setTpslMode(mode)
        .setTakeProfit("70000")
        .setStopLoss("50000")
    )
    if mode == "Partial":  # TP/SL orders for a part of the position: each call adds them
        request.setTpSize("0.01").setSlSize("0.01")
    return request


@pytest.mark.parametrize(
    "first",
    [{"exc": dropped_error()}, {"status_code": 503, "text": "<html>503</html>"}],
    ids=["dropped", "503"],
)
def test_a_partial_trading_stop_is_not_sent_again_after_a_try_that_may_have_acted(
    api: BybitAPI, mock: requests_mock.Mocker, first: dict[str, object]
) -> None:
    mock.post(STOP_URL, [first, {"json": envelope({})}])
    with pytest.raises((TransportException, ApiException)) as info:
        api.rest(SetTradingStop, _stop("Partial"))
    assert mock.call_count == 1
    assert info.value.attempts == 1  # type: ignore[union-attr]


def test_a_partial_trading_stop_is_retried_when_nothing_was_sent(
    api: BybitAPI, mock: requests_mock.Mocker
) -> None:
    from .conftest import refused_error

    mock.post(STOP_URL, [{"exc": refused_error()}, {"json": envelope({})}])
    answer = api.rest(SetTradingStop, _stop("Partial"))
    assert (mock.call_count, answer.getAttempts(), answer.isUncertain()) == (2, 2, False)


def test_a_full_trading_stop_is_retried(api: BybitAPI, mock: requests_mock.Mocker) -> None:
    mock.post(STOP_URL, [{"exc": dropped_error()}, {"json": envelope({})}])
    answer = api.rest(SetTradingStop, _stop("Full"))
    assert (mock.call_count, answer.getAttempts(), answer.isUncertain()) == (2, 2, True)


# -- every write says what it is ---------------------------------------------------------------

WRITES = {
    "Derivatives.Contract.Order.PlaceOrder": "keyed by orderLinkId",
    "Spot.Trade.PlaceOrder": "keyed by orderLinkId",
    "Derivatives.Contract.Position.SetTradingStop": "idempotent, except tpslMode Partial",
    **dict.fromkeys(
        (
            "Derivatives.Contract.Order.BatchPlaceOrder",
            "Spot.LeverageToken.Purchase",
            "Spot.LeverageToken.Reedem",
        ),
        "not idempotent",
    ),
    **dict.fromkeys(
        (
            "Derivatives.Contract.Order.CancelOrder",
            "Derivatives.Contract.Order.CancelAllOrder",
            "Derivatives.Contract.Order.ReplaceOrder",
            "Derivatives.Contract.Order.BatchReplaceOrder",
            "Derivatives.Contract.Order.BatchCancelOrder",
            "Derivatives.Contract.Position.SetLeverage",
            "Derivatives.Contract.Position.SetAutoAddMargin",
            "Derivatives.Contract.Position.SetRiskLimit",
            "Derivatives.Contract.Position.SwitchCrossIsolatedMargin",
            "Derivatives.Contract.Position.SwitchPositionMode",
            "Derivatives.Contract.Position.SwitchTpSlMode",
            "Spot.Trade.CancelOrder",
            "Spot.Trade.BatchCancelOrder",
            "Spot.Trade.BatchCancelOrderById",
            "Htx.Swap.Trade.SwapCancelAll",
            "Htx.V5.Trade.CancelAllOrders",
        ),
        "idempotent",
    ),
}


# Lists an exchange takes by POST: reads, so always sent again.
READS_BY_POST = {"Htx.Swap.Trade.SwapOpenOrders"}


def _declarations() -> Iterator[tuple[str, object]]:
    for name, module in ENDPOINTS.items():
        endpoint = getattr(importlib.import_module(module), short(name))
        yield name, endpoint.DECLARATION


def test_every_write_states_whether_it_is_retried() -> None:
    seen = {}
    for name, declaration in _declarations():
        replay = declaration.replay  # type: ignore[attr-defined]
        if declaration.method == "GET":  # type: ignore[attr-defined]
            assert replay is None, name
            continue
        if name in READS_BY_POST:
            assert replay == IDEMPOTENT, name
            continue
        assert replay is not None, f"{name}: a write must state its Replay"
        if replay.key is not None:
            seen[name] = f"keyed by {replay.key}"
        elif replay.unsafe_when is not None:
            seen[name] = "idempotent, except tpslMode Partial"
        elif replay == NOT_IDEMPOTENT:
            seen[name] = "not idempotent"
        else:
            assert replay == IDEMPOTENT, name
            seen[name] = "idempotent"
    assert seen == WRITES


def test_an_undeclared_write_is_not_retried_and_a_read_is() -> None:
    assert replay_of(None, "POST") is NOT_IDEMPOTENT
    assert replay_of(None, "GET") is IDEMPOTENT


# -- end to end: the sandbox places the order and loses the answer -----------------------------


@pytest.fixture
def sandbox() -> Iterator[Sandbox]:
    with Sandbox(keys={KEY: SECRET}, rate_limit=None) as box:
        yield box


def _history(api: BybitAPI) -> list[dict[str, object]]:
    request = GetOrderListRequest().setCategory("linear").setSymbol("BTCUSDT")
    return list(api.rest(GetOrderList, request, 1).getBody().all())


@pytest.mark.parametrize("link", [None, "bot-42"], ids=["generated key", "callers key"])
@pytest.mark.parametrize("kind", ["Limit", "Market"])
def test_a_lost_create_answer_leaves_exactly_one_order(
    sandbox: Sandbox, link: str | None, kind: str
) -> None:
    sandbox.set_fault("drop", times=1, path="/v5/order/create", process=True)
    request = PlaceOrderRequest().setSymbol("BTCUSDT").setSide("Buy").setOrderType(kind)
    request.setQty("0.01")
    if kind == "Limit":
        request.setPrice(str(int(sandbox.price("BTCUSDT") * 9 / 10)))  # rests, does not fill
    if link is not None:
        request.setOrderLinkId(link)
    policy = RetryPolicy(sleep=lambda _: None)
    with BybitAPI(sandbox.base_url, KEY, SECRET, retry=policy) as api:
        answer = api.rest(PlaceOrder, request)
        placed = answer.getBody().fetch()
        closed = _history(api)
    assert (answer.getAttempts(), answer.isUncertain()) == (2, True)
    orders = sandbox.open_orders(KEY) if kind == "Limit" else closed
    assert len(orders) == 1
    assert orders[0]["orderId"] == placed.getOrderId()
    assert orders[0]["orderLinkId"] == placed.getOrderLinkId()
    if link is not None:
        assert placed.getOrderLinkId() == link
    else:
        assert LINK_RULE.fullmatch(placed.getOrderLinkId())
    if kind == "Limit":
        assert closed == []
    assert sandbox.stats()["by_http_status"].get(200, 0) >= 2
