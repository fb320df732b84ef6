"""The exact bytes on the wire: URL, body, headers and signature (frozen clock, known key)."""

from __future__ import annotations

import json

import pytest
import requests_mock

from carpenstar_bybit import BybitAPI
from carpenstar_bybit.Core.Auth import SignGenerator
from carpenstar_bybit.Core.Objects import SuccessResponse
from carpenstar_bybit.Derivatives.Contract.Order.CancelAllOrder import CancelAllOrder
from carpenstar_bybit.Derivatives.Contract.Order.CancelAllOrder.Request import (
    CancelAllOrderRequest,
)
from carpenstar_bybit.Derivatives.Contract.Order.CancelOrder import CancelOrder
from carpenstar_bybit.Derivatives.Contract.Order.CancelOrder.Request import CancelOrderRequest

from .conftest import FROZEN_MS, HOST, KEY, envelope, expected_sign

CANCEL_URL = f"{HOST}/v5/order/cancel"
CANCEL_ALL_URL = f"{HOST}/v5/order/cancel-all"


def test_signer_matches_public_vectors() -> None:
    assert (
        SignGenerator.make("test-key", "test-secret", "accountType=UNIFIED", 1700000000000, 5000)
        == "3f10586267639c9f3f4f5e32e491a6ef80d157db06f51eb79e4988e24f97adba"
    )
    body = (
        '{"price":"30000","timeInForce":"GTC","category":"linear","symbol":"BTCUSDT",'
        '"side":"Buy","orderType":"Limit","qty":"0.01"}'
    )
    assert (
        SignGenerator.make("test-key", "test-secret", body, 1700000000000, 5000)
        == "aae80c0b052347759ce532cce2f73dac47a96738d646e3df3969bcd733a9af8e"
    )
    assert SignGenerator.make(
        "test-key", "test-secret", body.encode(), "1700000000000", "5000"
    ) == ("aae80c0b052347759ce532cce2f73dac47a96738d646e3df3969bcd733a9af8e")


def _check_signed(last: requests_mock.request._RequestObjectProxy, body: bytes) -> None:
    assert last.body == body
    headers = last.headers
    assert headers["X-BAPI-API-KEY"] == KEY
    assert headers["X-BAPI-TIMESTAMP"] == str(FROZEN_MS)
    assert headers["X-BAPI-RECV-WINDOW"] == "5000"
    assert headers["X-BAPI-SIGN-TYPE"] == "2"
    assert headers["Content-Type"] == "application/json"
    assert headers["Content-Length"] == str(len(body))
    assert headers["X-BAPI-SIGN"] == expected_sign(body)


CANCEL_CASES = [
    (
        CancelOrderRequest().setSymbol("BTCUSDT").setOrderId("abc-1"),
        b'{"category":"linear","symbol":"BTCUSDT","orderId":"abc-1"}',
    ),
    (
        CancelOrderRequest().setSymbol("ETHUSDC").setOrderLinkId("my_link-7"),
        b'{"category":"linear","symbol":"ETHUSDC","orderLinkId":"my_link-7"}',
    ),
    (
        CancelOrderRequest().setSymbol("BTCPERP").setOrderId(12345),
        b'{"category":"linear","symbol":"BTCPERP","orderId":"12345"}',
    ),
    (
        CancelOrderRequest().setSymbol("BTC-27DEC24").setOrderId("1"),
        b'{"category":"linear","symbol":"BTC-27DEC24","orderId":"1"}',
    ),
    (
        CancelOrderRequest().setSymbol("BTCUSD").setOrderId("1"),
        b'{"category":"inverse","symbol":"BTCUSD","orderId":"1"}',
    ),
    (
        CancelOrderRequest().setSymbol("BTCUSDZ24").setOrderId("1"),
        b'{"category":"inverse","symbol":"BTCUSDZ24","orderId":"1"}',
    ),
    (
        CancelOrderRequest().setSymbol("ETHUSDH25").setOrderId("1").setOrderLinkId("x"),
        b'{"category":"inverse","symbol":"ETHUSDH25","orderId":"1","orderLinkId":"x"}',
    ),
    (
        CancelOrderRequest().setSymbol("BTC-27DEC24-90000-C").setOrderId("1"),
        b'{"category":"option","symbol":"BTC-27DEC24-90000-C","orderId":"1"}',
    ),
    (
        CancelOrderRequest()
        .setCategory("spot")
        .setSymbol("BTCUSDT")
        .setOrderId("1")
        .setOrderFilter("tpslOrder"),
        b'{"category":"spot","symbol":"BTCUSDT","orderId":"1","orderFilter":"tpslOrder"}',
    ),
    (
        CancelOrderRequest(category="inverse", symbol="BTCUSDT", order_id="9"),
        b'{"category":"inverse","symbol":"BTCUSDT","orderId":"9"}',
    ),
]


@pytest.mark.parametrize(("request_dto", "body"), CANCEL_CASES)
def test_cancel_wire(
    api: BybitAPI, mock: requests_mock.Mocker, request_dto: CancelOrderRequest, body: bytes
) -> None:
    mock.post(CANCEL_URL, json=envelope({"orderId": "1", "orderLinkId": ""}))
    result = api.rest(CancelOrder, request_dto)
    assert mock.call_count == 1
    last = mock.last_request
    assert last.method == "POST"
    assert last.url == CANCEL_URL
    _check_signed(last, body)
    assert result.getBody().count() == 1


CANCEL_ALL_CASES = [
    (CancelAllOrderRequest().setSettleCoin("USDT"), b'{"category":"linear","settleCoin":"USDT"}'),
    (CancelAllOrderRequest().setSettleCoin("USDC"), b'{"category":"linear","settleCoin":"USDC"}'),
    (CancelAllOrderRequest().setSettleCoin("BTC"), b'{"category":"inverse","settleCoin":"BTC"}'),
    (CancelAllOrderRequest().setSymbol("ETHUSDT"), b'{"category":"linear","symbol":"ETHUSDT"}'),
    (CancelAllOrderRequest().setSymbol("ETHUSD"), b'{"category":"inverse","symbol":"ETHUSD"}'),
    (
        CancelAllOrderRequest().setSymbol("BTCUSD").setSettleCoin("USDT"),
        b'{"category":"inverse","symbol":"BTCUSD","settleCoin":"USDT"}',
    ),
    (
        CancelAllOrderRequest().setCategory("linear").setBaseCoin("BTC"),
        b'{"category":"linear","baseCoin":"BTC"}',
    ),
    (CancelAllOrderRequest().setCategory("spot"), b'{"category":"spot"}'),
    (CancelAllOrderRequest().setCategory("option"), b'{"category":"option"}'),
    (
        CancelAllOrderRequest()
        .setSymbol("BTCUSDT")
        .setOrderFilter("StopOrder")
        .setStopOrderType("Stop"),
        b'{"category":"linear","symbol":"BTCUSDT","orderFilter":"StopOrder","stopOrderType":"Stop"}',
    ),
    (
        CancelAllOrderRequest().setCategory("option").setSettleCoin("USDC").setOrderFilter("Order"),
        b'{"category":"option","settleCoin":"USDC","orderFilter":"Order"}',
    ),
]


@pytest.mark.parametrize(("request_dto", "body"), CANCEL_ALL_CASES)
def test_cancel_all_wire(
    api: BybitAPI, mock: requests_mock.Mocker, request_dto: CancelAllOrderRequest, body: bytes
) -> None:
    mock.post(CANCEL_ALL_URL, json=envelope({"list": [], "success": "1"}))
    api.rest(CancelAllOrder, request_dto)
    last = mock.last_request
    assert last.url == CANCEL_ALL_URL
    _check_signed(last, body)


def test_receive_window_is_configurable_and_signed(mock: requests_mock.Mocker) -> None:
    mock.post(CANCEL_ALL_URL, json=envelope({"list": []}))
    with BybitAPI(HOST, KEY, "test-secret", recv_window=20000, clock=lambda: 42) as api:
        api.rest(CancelAllOrder, CancelAllOrderRequest().setSettleCoin("USDT"))
    body = b'{"category":"linear","settleCoin":"USDT"}'
    headers = mock.last_request.headers
    assert headers["X-BAPI-RECV-WINDOW"] == "20000"
    assert headers["X-BAPI-TIMESTAMP"] == "42"
    assert headers["X-BAPI-SIGN"] == expected_sign(body, timestamp=42, recv_window=20000)


def test_timestamp_has_millisecond_precision(mock: requests_mock.Mocker) -> None:
    mock.post(CANCEL_ALL_URL, json=envelope({"list": []}))
    with BybitAPI(HOST, KEY, "test-secret") as api:
        api.rest(CancelAllOrder, CancelAllOrderRequest().setSettleCoin("USDT"))
    stamp = int(mock.last_request.headers["X-BAPI-TIMESTAMP"])
    assert len(str(stamp)) == 13
    # A second-precision stamp (the PHP original's time() * 1000) always ends in 000; two calls in a
    # row that both do so are one chance in a million.
    with BybitAPI(HOST, KEY, "test-secret") as api:
        api.rest(CancelAllOrder, CancelAllOrderRequest().setSettleCoin("USDT"))
    second = int(mock.last_request.headers["X-BAPI-TIMESTAMP"])
    assert not (stamp % 1000 == 0 and second % 1000 == 0)


def test_one_session_is_reused_and_timeouts_are_on(
    api: BybitAPI, mock: requests_mock.Mocker
) -> None:
    mock.post(CANCEL_ALL_URL, json=envelope({"list": []}))
    first = api.connection()
    for _ in range(3):
        api.rest(CancelAllOrder, CancelAllOrderRequest().setSettleCoin("USDT"))
    assert api.connection() is first
    assert mock.call_count == 3
    assert all(req.timeout == (5.0, 10.0) for req in mock.request_history)


def test_timeouts_are_configurable(mock: requests_mock.Mocker) -> None:
    mock.post(CANCEL_ALL_URL, json=envelope({"list": []}))
    with BybitAPI(HOST, KEY, "s", timeout=(1.5, 3)) as api:
        api.rest(CancelAllOrder, CancelAllOrderRequest().setSettleCoin("USDT"))
    assert mock.last_request.timeout == (1.5, 3.0)


def test_five_x_style(mock: requests_mock.Mocker) -> None:
    mock.post(CANCEL_URL, json=envelope({"orderId": "77", "orderLinkId": "l"}))
    api = BybitAPI(clock=lambda: FROZEN_MS)
    endpoint = api.setCredentials(HOST, KEY, "test-secret").privateEndpoint(
        CancelOrder, CancelOrderRequest().setSymbol("BTCUSDT").setOrderId("77")
    )
    # The current PHP line: execute() without a mode gives SuccessResponse, getResult() the DTO.
    answer = endpoint.execute()
    assert isinstance(answer, SuccessResponse)
    assert answer.getResult().getOrderId() == "77"
    body = b'{"category":"linear","symbol":"BTCUSDT","orderId":"77"}'
    assert mock.last_request.headers["X-BAPI-SIGN"] == expected_sign(body)
    api.close()


def test_body_is_compact_json_and_parses_back(api: BybitAPI, mock: requests_mock.Mocker) -> None:
    mock.post(CANCEL_URL, json=envelope({}))
    api.rest(CancelOrder, CancelOrderRequest().setSymbol("BTCUSDT").setOrderLinkId("a_b-c"))
    raw = mock.last_request.body
    assert b" " not in raw
    assert json.loads(raw) == {"category": "linear", "symbol": "BTCUSDT", "orderLinkId": "a_b-c"}


def test_empty_parameters_serialize_as_object() -> None:
    """The PHP original sent ``[]`` for an empty request; V5 wants an object."""
    from carpenstar_bybit.Core.Connection import Connection

    with requests_mock.Mocker() as m:
        m.post(f"{HOST}/v5/x", json=envelope({}))
        connection = Connection(HOST, None)
        connection.send("POST", "/v5/x", None, signed=False)
        connection.send("POST", "/v5/x", {}, signed=False)
        connection.close()
    assert [req.body for req in m.request_history] == [b"{}", b"{}"]
