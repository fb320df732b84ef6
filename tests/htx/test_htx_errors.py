"""Every failure ends in a library exception carrying HTX's code, the HTTP status and the path."""

from __future__ import annotations

import json
import pickle
from typing import Any

import pytest
import requests
import requests_mock
from htx_testkit import SWAP_PATH, V5_PATH, fixture_text
from hypothesis import given, settings
from hypothesis import strategies as st

from carpenstar_bybit.Core.Enums import EnumOutputMode
from carpenstar_bybit.Core.Exceptions import (
    ApiException,
    CarpenstarException,
    SDKException,
    TimeoutException,
    TransportException,
)
from carpenstar_bybit.Htx import HBDM, HtxAPI
from carpenstar_bybit.Htx.Exceptions import HtxApiException
from carpenstar_bybit.Htx.Response import HtxResponseDto
from carpenstar_bybit.Htx.Swap.Trade.SwapCancelAll import SwapCancelAll
from carpenstar_bybit.Htx.Swap.Trade.SwapCancelAll.Overrides import TestSwapCancelAll
from carpenstar_bybit.Htx.Swap.Trade.SwapCancelAll.Request import SwapCancelAllRequest
from carpenstar_bybit.Htx.V5.Trade.CancelAllOrders import CancelAllOrders
from carpenstar_bybit.Htx.V5.Trade.CancelAllOrders.Overrides import TestCancelAllOrders
from carpenstar_bybit.Htx.V5.Trade.CancelAllOrders.Request import CancelAllOrdersRequest

V5_URL = f"{HBDM}{V5_PATH}"
SWAP_URL = f"{HBDM}{SWAP_PATH}"


def _v5(api: HtxAPI) -> object:
    return api.rest(CancelAllOrders, CancelAllOrdersRequest())


def _swap(api: HtxAPI) -> object:
    return api.rest(SwapCancelAll, SwapCancelAllRequest().setContractCode("BTC-USD"))


# -- error envelopes ------------------------------------------------------------------------------

SWAP_ERRORS = [
    (403, "Incorrect Access key [Access key错误]"),
    (403, "Verification failure [校验失败]"),
    (1032, "The number of access exceeded the limit."),
    (1084, "Your contract API is disabled, please try again after 2020-10-28 16:17:38"),
    (1253, "Signature error."),
    (12001, "Invalid submission time."),
]


@pytest.mark.parametrize(("code", "message"), SWAP_ERRORS)
@pytest.mark.parametrize(
    ("call", "url", "path"), [(_swap, SWAP_URL, SWAP_PATH), (_v5, V5_URL, V5_PATH)]
)
def test_status_error_envelope(
    api: HtxAPI,
    mock: requests_mock.Mocker,
    code: int,
    message: str,
    call: Any,
    url: str,
    path: str,
) -> None:
    mock.post(url, json={"status": "error", "err_code": code, "err_msg": message, "ts": 1})
    with pytest.raises(ApiException) as info:
        call(api)
    error = info.value
    assert (error.getCode(), error.ret_code, error.getMessage()) == (code, code, message)
    assert (error.http_status, error.path) == (200, path)
    assert str(error) == f"[{code}] {message} ({path} HTTP 200)"


@pytest.mark.parametrize(
    ("body", "code", "message"),
    [
        (
            fixture_text("v5_not_unified.json"),
            4007,
            json.loads(fixture_text("v5_not_unified.json"))["message"],
        ),
        ('{"code":"4007","msg":"not unified","ts":1}', 4007, "not unified"),
        ('{"code":1032,"message":"too many","data":null}', 1032, "too many"),
        ('{"code":12008,"message":"IP not in whitelist"}', 12008, "IP not in whitelist"),
    ],
)
def test_top_level_code_error(
    api: HtxAPI, mock: requests_mock.Mocker, body: str, code: int, message: str
) -> None:
    mock.post(V5_URL, text=body)
    with pytest.raises(ApiException) as info:
        _v5(api)
    assert (info.value.getCode(), info.value.getMessage()) == (code, message)
    assert info.value.path == V5_PATH


def test_auth_error_fixture(api: HtxAPI, mock: requests_mock.Mocker) -> None:
    mock.post(SWAP_URL, text=fixture_text("swap_auth_error.json"))
    with pytest.raises(ApiException, match=r"^\[403\] Incorrect Access key") as info:
        _swap(api)
    assert info.value.http_status == 200


def test_json_error_on_non_2xx_keeps_htx_code(api: HtxAPI, mock: requests_mock.Mocker) -> None:
    mock.post(SWAP_URL, status_code=429, json={"status": "error", "err_code": 1032, "err_msg": "x"})
    with pytest.raises(ApiException) as info:
        _swap(api)
    assert (info.value.getCode(), info.value.http_status) == (1032, 429)


def test_1051_on_non_2xx_is_an_error(api: HtxAPI, mock: requests_mock.Mocker) -> None:
    mock.post(SWAP_URL, status_code=500, text=fixture_text("swap_no_orders.json"))
    with pytest.raises(ApiException) as info:
        _swap(api)
    assert (info.value.getCode(), info.value.http_status) == (1051, 500)


def test_success_envelope_on_non_2xx_is_an_error(api: HtxAPI, mock: requests_mock.Mocker) -> None:
    mock.post(SWAP_URL, status_code=503, text=fixture_text("swap_cancelall.json"))
    with pytest.raises(ApiException) as info:
        _swap(api)
    assert (info.value.getCode(), info.value.http_status) == (503, 503)
    assert info.value.excerpt is not None
    assert info.value.excerpt.startswith('{ "status": "ok"')


@pytest.mark.parametrize(
    "body",
    [
        '{"status":"error","err_msg":"no code"}',
        '{"status":"error","err_code":"abc","err_msg":"bad code"}',
        '{"status":"error","err_code":200}',
        '{"status":"maintenance"}',
    ],
)
def test_error_without_usable_code_uses_http_status(
    api: HtxAPI, mock: requests_mock.Mocker, body: str
) -> None:
    mock.post(SWAP_URL, text=body)
    with pytest.raises(ApiException) as info:
        _swap(api)
    assert (info.value.getCode(), info.value.http_status, info.value.ret_code) == (200, 200, None)


def test_long_error_message_is_cut(api: HtxAPI, mock: requests_mock.Mocker) -> None:
    mock.post(SWAP_URL, json={"status": "error", "err_code": 1, "err_msg": "x" * 100_000})
    with pytest.raises(ApiException) as info:
        _swap(api)
    assert len(str(info.value)) < 300


# -- not HTX's JSON -------------------------------------------------------------------------------


@pytest.mark.parametrize("status", [403, 429, 502])
def test_html_from_a_cdn(api: HtxAPI, mock: requests_mock.Mocker, status: int) -> None:
    page = "<html><head><title>403 Forbidden</title></head><body>" + "x" * 5000 + "</body></html>"
    mock.post(V5_URL, status_code=status, text=page, headers={"Content-Type": "text/html"})
    with pytest.raises(ApiException) as info:
        _v5(api)
    error = info.value
    assert (error.getCode(), error.http_status, error.ret_code, error.path) == (
        status,
        status,
        None,
        V5_PATH,
    )
    assert error.excerpt is not None
    assert error.excerpt.startswith("<html><head><title>403 Forbidden</title>")
    assert len(error.excerpt) <= 201
    assert len(str(error)) < 400
    # A gateway error or a rate limit is retried (a 502 may have reached HTX); a refusal is not.
    expected = {403: (1, False), 429: (3, False), 502: (3, True)}[status]
    assert (error.attempts, error.uncertain) == expected


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (fixture_text("v5_cancel_all_orders.json")[:150], "the body is not JSON"),
        (b"", "the body is not JSON"),
        (b"\xff\xfe\x00", "the body is not JSON"),
        (b"[" * 100_000 + b"]" * 100_000, "the body is not JSON"),
        (b'{"code": 1' + b"0" * 5000 + b"}", "the body is not JSON"),
        (b"[1,2]", "the body is not a JSON object"),
        (b"null", "the body is not a JSON object"),
        (b'{"data":[]}', "neither status nor code"),
        (b'{"code":"abc"}', "code is not an integer"),
        (b'{"code":true}', "code is not an integer"),
        (b'{"code":200.0}', "code is not an integer"),
        (b'{"code":200,"data":{"a":1}}', "data is not a list"),
        (b'{"code":200,"data":[1]}', r"data\[0\] is not an object"),
        (b'{"code":200,"data":[{"order_id":"1"}]}', r"data\[0\].code is not an integer"),
        (b'{"code":200,"data":[{"order_id":[1],"code":200}]}', "does not fit CancelAllOrders"),
        (b'{"code":200,"data":[{"order_id":true,"code":200}]}', "does not fit CancelAllOrders"),
    ],
)
def test_malformed_v5_body(
    api: HtxAPI, mock: requests_mock.Mocker, body: str | bytes, reason: str
) -> None:
    mock.post(V5_URL, content=body.encode() if isinstance(body, str) else body)
    with pytest.raises(ApiException, match=reason) as info:
        _v5(api)
    assert (info.value.http_status, info.value.path) == (200, V5_PATH)


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        ('{"status":"ok","data":[]}', "data is not an object"),
        ('{"status":"ok","data":{"successes":{"a":1}}}', "data.successes is not a list"),
        ('{"status":"ok","data":{"successes":[true]}}', "data.successes is not a list"),
        ('{"status":"ok","data":{"successes":[""]}}', "data.successes is not a list"),
        ('{"status":"ok","data":{"errors":{}}}', "data.errors is not a list"),
        ('{"status":"ok","data":{"errors":["1"]}}', r"data.errors\[0\] is not an object"),
        ('{"status":"ok","data":{"errors":[{"order_id":"1"}]}}', "err_code is not an integer"),
        (
            '{"status":"ok","data":{"errors":[{"order_id":{},"err_code":1}]}}',
            "does not fit SwapCancelAll",
        ),
    ],
)
def test_malformed_swap_body(
    api: HtxAPI, mock: requests_mock.Mocker, body: str, reason: str
) -> None:
    mock.post(SWAP_URL, text=body)
    with pytest.raises(ApiException, match=reason) as info:
        _swap(api)
    assert info.value.path == SWAP_PATH


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)
ENVELOPE_KEYS = st.sampled_from(
    ["status", "code", "err_code", "err_msg", "message", "msg", "data", "ts", "successes", "errors"]
)
NEAR_ENVELOPES = st.dictionaries(
    ENVELOPE_KEYS,
    JSON_VALUES
    | st.sampled_from(["ok", "error", "200", 200, 1051, "1,2", ""])
    | st.fixed_dictionaries(
        {},
        optional={
            "successes": JSON_VALUES | st.just("1,2"),
            "errors": st.lists(
                st.dictionaries(
                    st.sampled_from(["order_id", "err_code", "err_msg", "code", "message"]),
                    JSON_VALUES | st.just("1061"),
                ),
                max_size=3,
            ),
        },
    )
    | st.lists(
        st.dictionaries(
            st.sampled_from(["order_id", "client_order_id", "code", "message", "msg"]),
            JSON_VALUES | st.just(200),
        ),
        max_size=3,
    ),
)


@settings(max_examples=300, deadline=None)
@given(
    body=NEAR_ENVELOPES.map(json.dumps) | st.binary(max_size=64).map(bytes.hex),
    endpoint=st.sampled_from([TestCancelAllOrders, TestSwapCancelAll]),
    mode=st.sampled_from(EnumOutputMode.ALL),
)
def test_any_body_gives_an_answer_or_an_api_exception(
    body: str, endpoint: type[TestCancelAllOrders] | type[TestSwapCancelAll], mode: int
) -> None:
    try:
        answer = endpoint().execute(mode, body)
    except ApiException as exc:
        error = exc
    else:
        assert isinstance(answer, HtxResponseDto)
        orders = len(answer.getCancelled()) + len(answer.getFailed())
        assert answer.getBody().count() == (1 if mode == EnumOutputMode.MODE_JSON else orders)
        return
    assert error.path == endpoint.PATH


# -- transport ------------------------------------------------------------------------------------


def _refused() -> Exception:
    import urllib3.exceptions

    reason = urllib3.exceptions.NewConnectionError(None, "refused")  # type: ignore[arg-type]
    return requests.exceptions.ConnectionError(
        urllib3.exceptions.MaxRetryError(None, "/", reason)  # type: ignore[arg-type]
    )


@pytest.mark.parametrize(
    ("raised", "expected", "text"),
    [
        (requests.exceptions.ConnectTimeout, TimeoutException, "calling POST"),
        (requests.exceptions.SSLError, TransportException, "TLS error"),
        (_refused(), TransportException, "refused"),
    ],
)
def test_transport_failures(
    api: HtxAPI,
    mock: requests_mock.Mocker,
    raised: type[Exception] | Exception,
    expected: type[Exception],
    text: str,
) -> None:
    mock.post(V5_URL, exc=raised)
    with pytest.raises(expected, match=text) as info:
        _v5(api)
    # The signed URL carries the access key and a live signature: the cause is not chained.
    assert info.value.__cause__ is None
    assert V5_PATH in str(info.value)


# -- exceptions -----------------------------------------------------------------------------------


def test_raised_exceptions_pickle(api: HtxAPI, mock: requests_mock.Mocker) -> None:
    mock.post(SWAP_URL, text=fixture_text("swap_auth_error.json"))
    mock.post(V5_URL, status_code=403, text="<html>blocked</html>")
    errors: list[CarpenstarException] = []
    for call in (_swap, _v5):
        with pytest.raises(ApiException) as info:
            call(api)
        errors.append(info.value)
    with pytest.raises(SDKException) as misuse:
        api.rest(SwapCancelAll, SwapCancelAllRequest())
    errors.append(misuse.value)
    for error in errors:
        copy = pickle.loads(pickle.dumps(error))
        assert type(copy) is type(error)
        assert (str(copy), repr(copy)) == (str(error), repr(error))
        assert vars(copy) == vars(error)


def test_trading_ban_keeps_the_recovery_time(api: HtxAPI, mock: requests_mock.Mocker) -> None:
    mock.post(
        SWAP_URL,
        json={"status": "error", "err_code": 1084, "err_msg": "API disabled", "ts": 1},
        headers={"recovery-time": "1603872000000"},
    )
    with pytest.raises(HtxApiException) as info:
        _swap(api)
    error = info.value
    assert isinstance(error, ApiException)
    assert (error.getCode(), error.getRecoveryTime()) == (1084, 1603872000000)
    copy = pickle.loads(pickle.dumps(error))
    assert copy.getRecoveryTime() == 1603872000000
    assert "1603872000000" not in repr(error)  # the repr stays short


def test_no_recovery_time_without_the_header(api: HtxAPI, mock: requests_mock.Mocker) -> None:
    mock.post(V5_URL, text=fixture_text("v5_not_unified.json"))
    with pytest.raises(HtxApiException) as info:
        _v5(api)
    assert info.value.getRecoveryTime() is None
