"""Every error path ends in a library exception that carries what the caller needs."""

from __future__ import annotations

import json
import pickle

import pytest
import requests
import requests_mock
import urllib3.exceptions

from carpenstar_bybit import BybitAPI
from carpenstar_bybit.Core.Exceptions import (
    ApiException,
    CarpenstarException,
    FailureKind,
    SDKException,
    SDKTypeError,
    TimeoutException,
    TransportException,
)
from carpenstar_bybit.Core.Response import IP_LIMIT_MESSAGE
from carpenstar_bybit.Derivatives.Contract.Order.CancelAllOrder import CancelAllOrder
from carpenstar_bybit.Derivatives.Contract.Order.CancelAllOrder.Request import (
    CancelAllOrderRequest,
)
from carpenstar_bybit.Derivatives.Contract.Order.CancelOrder import CancelOrder
from carpenstar_bybit.Derivatives.Contract.Order.CancelOrder.Request import CancelOrderRequest

from .conftest import HOST, dropped_error, envelope, refused_error

CANCEL_URL = f"{HOST}/v5/order/cancel"
CANCEL_ALL_URL = f"{HOST}/v5/order/cancel-all"


def _cancel(api: BybitAPI) -> object:
    return api.rest(CancelOrder, CancelOrderRequest().setSymbol("BTCUSDT").setOrderId("1"))


def _cancel_all(api: BybitAPI) -> object:
    return api.rest(CancelAllOrder, CancelAllOrderRequest().setSettleCoin("USDT"))


@pytest.mark.parametrize(
    ("code", "message"),
    [
        (10001, "params error: symbol invalid"),
        (10002, "invalid request, please check your server timestamp or recv_window param"),
        (10003, "API key is invalid."),
        (10004, "error sign!"),
        (10006, "Too many visits!"),
        (110001, "order not exists or too late to cancel"),
    ],
)
def test_ret_code_becomes_api_exception(
    api_once: BybitAPI, mock: requests_mock.Mocker, code: int, message: str
) -> None:
    mock.post(CANCEL_URL, json=envelope({}, ret_code=code, ret_msg=message))
    with pytest.raises(ApiException) as info:
        _cancel(api_once)
    error = info.value
    assert error.getCode() == code
    assert error.ret_code == code
    assert error.getMessage() == message
    assert error.http_status == 200
    assert error.path == "/v5/order/cancel"
    assert str(error) == f"[{code}] {message} (/v5/order/cancel HTTP 200)"


@pytest.mark.parametrize("status", [403, 502, 503])
def test_html_error_page(api_once: BybitAPI, mock: requests_mock.Mocker, status: int) -> None:
    page = "<html><head><title>403 Forbidden</title></head><body>" + "x" * 5000 + "</body></html>"
    mock.post(CANCEL_ALL_URL, status_code=status, text=page)
    with pytest.raises(ApiException) as info:
        _cancel_all(api_once)
    error = info.value
    assert error.getCode() == status
    assert error.http_status == status
    assert error.ret_code is None
    assert error.excerpt is not None
    assert error.excerpt.startswith("<html><head><title>403 Forbidden</title>")
    assert len(error.excerpt) <= 201
    assert len(str(error)) < 300 + (len(IP_LIMIT_MESSAGE) if status == 403 else 0)
    assert (error.getMessage() == IP_LIMIT_MESSAGE) == (status == 403)


def test_json_error_on_non_2xx_keeps_ret_code(
    api_once: BybitAPI, mock: requests_mock.Mocker
) -> None:
    mock.post(CANCEL_ALL_URL, status_code=429, json=envelope({}, 10006, "Too many visits!"))
    with pytest.raises(ApiException) as info:
        _cancel_all(api_once)
    assert info.value.getCode() == 10006
    assert info.value.http_status == 429


def test_non_2xx_with_success_envelope_is_still_an_error(
    api: BybitAPI, mock: requests_mock.Mocker
) -> None:
    mock.post(CANCEL_ALL_URL, status_code=500, json=envelope({"list": []}))
    with pytest.raises(ApiException) as info:
        _cancel_all(api)
    assert info.value.getCode() == 500


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b'{"retCode":0,"retMsg":"OK","result":{"list":[{"orderId":"1"', "the body is not JSON"),
        (b"", "the body is not JSON"),
        (b"\xff\xfe\x00", "the body is not JSON"),
        (b"[1,2,3]", "the body is not a JSON object"),
        (b'"just a string"', "the body is not a JSON object"),
        (b'{"retMsg":"OK"}', "no integer retCode"),
        (b'{"retCode":true}', "no integer retCode"),
        (b'{"retCode":0,"result":"nope"}', "result is a string on a list endpoint"),
        (b'{"retCode":0,"result":null}', "result is null or missing on a list endpoint"),
        (b'{"retCode":0}', "result is null or missing on a list endpoint"),
        (b'{"retCode":0,"result":[]}', "result is a list on a list endpoint"),
        (b'{"retCode":0,"result":{}}', "result.list is null or missing on a list endpoint"),
        (b'{"retCode":0,"result":{"list":null}}', "result.list is null or missing"),
        (b'{"retCode":0,"result":{"list":{"a":1}}}', "result.list is not a list of objects"),
        (b'{"retCode":0,"result":{"list":[1,2]}}', "result.list is not a list of objects"),
        (b'{"retCode":0,"result":{"list":[{"orderId":[1]}]}}', "does not fit CancelAllOrder"),
        (b"[" * 100000 + b"]" * 100000, "the body is not JSON"),
    ],
)
def test_malformed_body(
    api: BybitAPI, mock: requests_mock.Mocker, body: bytes, reason: str
) -> None:
    mock.post(CANCEL_ALL_URL, status_code=200, content=body)
    with pytest.raises(ApiException, match=reason) as info:
        _cancel_all(api)
    assert info.value.http_status == 200
    assert info.value.path == "/v5/order/cancel-all"


def test_redirect_is_refused_and_not_followed(api: BybitAPI, mock: requests_mock.Mocker) -> None:
    mock.post(CANCEL_ALL_URL, status_code=302, headers={"Location": "https://evil.example/steal"})
    mock.post("https://evil.example/steal", json=envelope({"list": []}))
    with pytest.raises(ApiException, match="redirect refused") as info:
        _cancel_all(api)
    assert info.value.http_status == 302
    assert mock.call_count == 1
    assert mock.request_history[0].url == CANCEL_ALL_URL


@pytest.mark.parametrize(
    ("raised", "expected", "kind"),
    [
        (requests.exceptions.ConnectTimeout, TimeoutException, FailureKind.CONNECT_TIMEOUT),
        (requests.exceptions.ReadTimeout, TimeoutException, FailureKind.READ_TIMEOUT),
        (requests.exceptions.SSLError, TransportException, FailureKind.TLS),
        (refused_error(), TransportException, FailureKind.REFUSED),
        (dropped_error(), TransportException, FailureKind.DROPPED),
        # Told by type, never by text: a bare ConnectionError saying "refused" may have been sent.
        (
            requests.exceptions.ConnectionError("Connection refused"),
            TransportException,
            FailureKind.DROPPED,
        ),
        (requests.exceptions.ChunkedEncodingError, TransportException, FailureKind.MALFORMED),
        (urllib3.exceptions.ProtocolError, TransportException, FailureKind.DROPPED),
        (ConnectionResetError, TransportException, FailureKind.DROPPED),
        (ValueError("bad chunk"), TransportException, FailureKind.MALFORMED),
        (OverflowError("huge"), TransportException, FailureKind.MALFORMED),
        (
            UnicodeDecodeError("utf-8", b"\xff", 0, 1, "bad"),
            TransportException,
            FailureKind.MALFORMED,
        ),
        (MemoryError, TransportException, FailureKind.TOO_LARGE),
        (KeyError("odd"), TransportException, FailureKind.OTHER),
    ],
)
def test_transport_failures(
    api_once: BybitAPI,
    mock: requests_mock.Mocker,
    raised: type[BaseException] | BaseException,
    expected: type[Exception],
    kind: FailureKind,
) -> None:
    mock.post(CANCEL_ALL_URL, exc=raised)
    with pytest.raises(expected) as info:
        _cancel_all(api_once)
    error = info.value
    assert isinstance(error, TransportException)
    assert type(error) is expected
    assert error.kind is kind
    assert error.message.startswith(f"{kind.value}")
    assert error.message.endswith("calling POST /v5/order/cancel-all")
    assert (error.attempts, error.uncertain) == (1, not kind.never_sent)
    assert error.never_sent is kind.never_sent
    if kind is not FailureKind.TOO_LARGE:
        assert error.__cause__ is not None


def test_real_refused_connection() -> None:
    with (
        BybitAPI("http://127.0.0.1:1", "k", "s", timeout=2) as api,
        pytest.raises(TransportException, match="calling POST /v5/order/cancel-all"),
    ):
        _cancel_all(api)


@pytest.mark.parametrize(
    "error",
    [
        ApiException("error sign!", 10004, 200, "/v5/order/cancel", None, 10004),
        ApiException("HTTP 403", 403, 403, "/v5/order/cancel", "<html>banned</html>"),
        SDKException("CancelOrderRequest.symbol: is required"),
        SDKTypeError("x: must be a string"),
        TransportException("connection refused calling POST /x", 0, "/x"),
        TimeoutException("read timeout calling POST /x", 0, "/x"),
    ],
)
def test_exceptions_pickle(error: CarpenstarException) -> None:
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is type(error)
    assert str(copy) == str(error)
    assert repr(copy) == repr(error)
    assert copy.getCode() == error.getCode()
    assert vars(copy) == vars(error)


def test_exception_tree() -> None:
    for cls in (SDKException, ApiException, TransportException, TimeoutException, SDKTypeError):
        assert issubclass(cls, CarpenstarException)
    assert issubclass(TimeoutException, TransportException)
    assert issubclass(SDKTypeError, TypeError)


def test_api_exception_repr_is_short(api: BybitAPI, mock: requests_mock.Mocker) -> None:
    mock.post(CANCEL_ALL_URL, status_code=403, text="<html>" + "y" * 10000)
    with pytest.raises(ApiException) as info:
        _cancel_all(api)
    assert "yyyy" not in repr(info.value)
    assert repr(info.value) == (
        f"ApiException(code=403, message={IP_LIMIT_MESSAGE!r}, http_status=403, "
        "path='/v5/order/cancel-all')"
    )


def test_php_defect_4_is_gone(api: BybitAPI, mock: requests_mock.Mocker) -> None:
    """The original swallowed the ApiException and died with a TypeError; the code now reaches."""
    mock.post(CANCEL_URL, text=json.dumps(envelope(None, 110001, "order not exists")))
    with pytest.raises(ApiException) as info:
        _cancel(api)
    assert (info.value.getCode(), info.value.getMessage()) == (110001, "order not exists")


def test_a_304_is_not_called_a_redirect(api_once: BybitAPI, mock: requests_mock.Mocker) -> None:
    mock.post(CANCEL_ALL_URL, status_code=304)
    with pytest.raises(ApiException) as info:
        _cancel_all(api_once)
    assert info.value.http_status == 304
    assert "redirect" not in str(info.value)
    assert info.value.message.startswith("HTTP 304 Not Modified")
