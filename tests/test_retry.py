"""The retry policy and the pacer, on the wire (requests_mock; waits are recorded, not slept)."""

from __future__ import annotations

import logging
import pickle
import time

import pytest
import requests
import requests_mock

from carpenstar_bybit import BybitAPI
from carpenstar_bybit.Core.Exceptions import (
    ApiException,
    FailureKind,
    SDKException,
    TimeoutException,
    TransportException,
)
from carpenstar_bybit.Core.Response import HttpResponse
from carpenstar_bybit.Core.Retry import Pacer, RetryPolicy, bybit_classifier, run, within
from carpenstar_bybit.Derivatives.Contract.Order.CancelAllOrder import CancelAllOrder
from carpenstar_bybit.Derivatives.Contract.Order.CancelAllOrder.Request import (
    CancelAllOrderRequest,
)
from carpenstar_bybit.Derivatives.Contract.Order.CancelOrder import CancelOrder
from carpenstar_bybit.Derivatives.Contract.Order.CancelOrder.Request import CancelOrderRequest

from .conftest import (
    FROZEN_MS,
    HOST,
    KEY,
    SECRET,
    Sleeps,
    dropped_error,
    envelope,
    expected_sign,
    refused_error,
)

CANCEL_URL = f"{HOST}/v5/order/cancel"
CANCEL_ALL_URL = f"{HOST}/v5/order/cancel-all"
TIME_URL = f"{HOST}/v5/market/time"
OK_LIST = {"json": envelope({"list": [{"orderId": "1", "orderLinkId": ""}], "success": "1"})}
BODY = b'{"category":"linear","settleCoin":"USDT"}'


def _cancel_all(api: BybitAPI) -> int:
    return api.rest(CancelAllOrder, CancelAllOrderRequest().setSettleCoin("USDT")).getBody().count()


def test_clock_drift_syncs_and_signs_again(
    api: BybitAPI, mock: requests_mock.Mocker, sleeps: Sleeps
) -> None:
    server_ms = FROZEN_MS + 7_000
    mock.get(TIME_URL, json=envelope({"timeSecond": str(server_ms // 1000)}) | {"time": server_ms})
    mock.post(
        CANCEL_ALL_URL,
        [
            {"json": envelope({}, 10002, "invalid request, please check your server timestamp")},
            OK_LIST,
            OK_LIST,
        ],
    )
    assert _cancel_all(api) == 1
    posts = [r for r in mock.request_history if r.method == "POST"]
    assert [r.headers["X-BAPI-TIMESTAMP"] for r in posts] == [str(FROZEN_MS), str(server_ms)]
    assert posts[1].headers["X-BAPI-SIGN"] == expected_sign(BODY, timestamp=server_ms)
    time_calls = [r for r in mock.request_history if r.method == "GET"]
    assert len(time_calls) == 1
    assert "X-BAPI-SIGN" not in time_calls[0].headers
    assert api.connection().time_offset_ms == 7_000
    # Later calls keep the offset without asking again.
    _cancel_all(api)
    assert mock.last_request.headers["X-BAPI-TIMESTAMP"] == str(server_ms)
    assert len([r for r in mock.request_history if r.method == "GET"]) == 1
    assert sleeps == []


def test_clock_drift_twice_gives_up_with_10002(api: BybitAPI, mock: requests_mock.Mocker) -> None:
    mock.get(TIME_URL, json=envelope({}) | {"time": FROZEN_MS})
    mock.post(CANCEL_ALL_URL, json=envelope({}, 10002, "timestamp"))
    with pytest.raises(ApiException) as info:
        _cancel_all(api)
    assert info.value.getCode() == 10002
    assert mock.call_count == 3  # POST, GET time, POST


def test_broken_time_endpoint_leaves_the_10002(api: BybitAPI, mock: requests_mock.Mocker) -> None:
    mock.get(TIME_URL, text="<html>nope</html>", status_code=502)
    mock.post(CANCEL_ALL_URL, json=envelope({}, 10002, "timestamp"))
    with pytest.raises(ApiException) as info:
        _cancel_all(api)
    assert info.value.getCode() == 10002


@pytest.mark.parametrize(
    ("reset_offset_ms", "expected_wait"),
    [(700, 0.7), (60_000, 2.0)],
)
def test_rate_limit_waits_for_the_reset(
    api: BybitAPI,
    mock: requests_mock.Mocker,
    sleeps: Sleeps,
    reset_offset_ms: int,
    expected_wait: float,
) -> None:
    limited = {
        "json": envelope({}, 10006, "Too many visits!"),
        "headers": {"X-Bapi-Limit-Reset-Timestamp": str(FROZEN_MS + reset_offset_ms)},
    }
    mock.post(CANCEL_ALL_URL, [limited, OK_LIST])
    assert _cancel_all(api) == 1
    assert mock.call_count == 2
    assert sleeps == ([expected_wait] if expected_wait > 0 else [])
    assert all(s >= 0 for s in sleeps)


def test_http_429_is_retried(api: BybitAPI, mock: requests_mock.Mocker, sleeps: Sleeps) -> None:
    mock.post(CANCEL_ALL_URL, [{"status_code": 429, "text": "slow down"}, OK_LIST])
    assert _cancel_all(api) == 1
    assert len(sleeps) == 1
    assert 0 <= sleeps[0] <= 2.0


@pytest.mark.parametrize("status", [502, 503, 504])
def test_gateway_errors_back_off(
    api: BybitAPI, mock: requests_mock.Mocker, sleeps: Sleeps, status: int
) -> None:
    mock.post(
        CANCEL_ALL_URL,
        [{"status_code": status, "text": "<html>bad gateway</html>"}] * 2 + [OK_LIST],
    )
    assert _cancel_all(api) == 1
    assert mock.call_count == 3
    assert len(sleeps) == 2
    assert 0 <= sleeps[0] <= 0.1
    assert 0 <= sleeps[1] <= 0.2


def test_connection_failures_back_off_then_give_up(
    api: BybitAPI, mock: requests_mock.Mocker, sleeps: Sleeps
) -> None:
    mock.post(
        CANCEL_ALL_URL,
        [{"exc": dropped_error()}, {"exc": refused_error()}, {"exc": refused_error()}],
    )
    with pytest.raises(TransportException) as info:
        _cancel_all(api)
    assert mock.call_count == 3
    assert len(sleeps) == 2
    error = info.value
    assert error.message == (
        "connection dropped, then connection refused, then connection refused "
        "calling POST /v5/order/cancel-all"
    )
    assert (error.kind, error.attempts, error.uncertain) == (FailureKind.REFUSED, 3, True)
    assert str(error) == error.message + " [3 attempts; the exchange may have done what was asked]"
    assert pickle.loads(pickle.dumps(error)).__dict__ == error.__dict__


def test_refused_every_time_is_never_sent(
    api: BybitAPI, mock: requests_mock.Mocker, sleeps: Sleeps
) -> None:
    mock.post(CANCEL_ALL_URL, exc=refused_error())
    with pytest.raises(TransportException) as info:
        _cancel_all(api)
    assert (info.value.attempts, info.value.uncertain, info.value.never_sent) == (3, False, True)
    assert str(info.value) == (
        "connection refused, then connection refused, then connection refused "
        "calling POST /v5/order/cancel-all [3 attempts]"
    )


def test_connect_timeout_is_retried_read_timeout_is_not(
    api: BybitAPI, mock: requests_mock.Mocker
) -> None:
    mock.post(CANCEL_ALL_URL, [{"exc": requests.exceptions.ConnectTimeout}, OK_LIST])
    assert _cancel_all(api) == 1
    mock.reset_mock()
    mock.post(CANCEL_ALL_URL, [{"exc": requests.exceptions.ReadTimeout}, OK_LIST])
    with pytest.raises(TimeoutException, match="read timeout"):
        _cancel_all(api)
    assert mock.call_count == 1


@pytest.mark.parametrize(
    "answer",
    [{"json": envelope({}, code, "no")} for code in (10001, 10003, 10004, 10005, 10010, 110001)]
    + [{"status_code": 401, "text": "unauthorized"}, {"status_code": 403, "text": "<html>ban"}],
)
def test_never_retried(
    api: BybitAPI, mock: requests_mock.Mocker, sleeps: Sleeps, answer: dict[str, object]
) -> None:
    mock.post(CANCEL_ALL_URL, [answer, OK_LIST])  # type: ignore[list-item]
    with pytest.raises(ApiException):
        _cancel_all(api)
    assert mock.call_count == 1
    assert sleeps == []


def test_validation_errors_never_reach_the_wire(api: BybitAPI, mock: requests_mock.Mocker) -> None:
    with pytest.raises(SDKException):
        api.rest(CancelAllOrder, CancelAllOrderRequest())
    assert mock.call_count == 0


def test_cancel_that_happened_before_a_drop_answers_110001_marked_uncertain(
    api: BybitAPI, mock: requests_mock.Mocker
) -> None:
    """The first try reached Bybit and cancelled, but the answer was lost; the retry then hears
    "order does not exist". The caller gets that ApiException, marked as uncertain."""
    mock.post(
        CANCEL_URL,
        [
            {"exc": requests.exceptions.ConnectionError("Connection aborted, RemoteDisconnected")},
            {"json": envelope({}, 110001, "order not exists or too late to cancel")},
        ],
    )
    with pytest.raises(ApiException) as info:
        api.rest(CancelOrder, CancelOrderRequest().setSymbol("BTCUSDT").setOrderId("42"))
    error = info.value
    assert error.getCode() == 110001
    assert error.attempts == 2
    assert error.uncertain is True
    assert "an earlier attempt may already have done what was asked" in str(error)


def test_a_first_try_110001_is_not_uncertain(api: BybitAPI, mock: requests_mock.Mocker) -> None:
    mock.post(CANCEL_URL, json=envelope({}, 110001, "order not exists"))
    with pytest.raises(ApiException) as info:
        api.rest(CancelOrder, CancelOrderRequest().setSymbol("BTCUSDT").setOrderId("42"))
    assert (info.value.attempts, info.value.uncertain) == (1, False)
    assert "earlier attempt" not in str(info.value)


def test_retries_can_be_switched_off(api_once: BybitAPI, mock: requests_mock.Mocker) -> None:
    mock.post(CANCEL_ALL_URL, [{"status_code": 503, "text": "x"}, OK_LIST])
    with pytest.raises(ApiException):
        _cancel_all(api_once)
    assert mock.call_count == 1


def test_total_time_bounds_the_retries(mock: requests_mock.Mocker) -> None:
    sleeps = Sleeps()
    policy = RetryPolicy(max_attempts=10, total_time=0.0001, backoff_base=1, sleep=sleeps)
    mock.post(CANCEL_ALL_URL, exc=refused_error())
    with BybitAPI(HOST, KEY, SECRET, retry=policy) as api, pytest.raises(TransportException):
        _cancel_all(api)
    assert mock.call_count < 10
    assert sum(sleeps) <= 0.0001


def test_an_enclosing_deadline_bounds_every_try_and_wait(
    api: BybitAPI, mock: requests_mock.Mocker, sleeps: Sleeps
) -> None:
    mock.post(CANCEL_ALL_URL, exc=refused_error())
    with within(time.monotonic() + 0.01), pytest.raises(TransportException):
        _cancel_all(api)  # the policy allows 30 s and 3 tries; the block allows 10 ms
    assert sum(sleeps) < 0.01
    mock.reset_mock()
    with within(time.monotonic() - 1), pytest.raises(TransportException) as info:
        _cancel_all(api)
    assert mock.call_count == 0  # out of time: not even sent
    assert info.value.kind is FailureKind.NOT_STARTED
    # The earlier deadline of two nested blocks holds.
    with (
        within(time.monotonic() + 60),
        within(time.monotonic() - 1),
        pytest.raises(TransportException),
    ):
        _cancel_all(api)
    assert mock.call_count == 0


def test_no_retry_starts_that_cannot_finish_in_time() -> None:
    # The transport under the loop: each try takes 0.2 s and is answered 502 (a retried status).
    tries: list[float] = []

    def send_once(deadline: float) -> HttpResponse:
        tries.append(deadline)
        time.sleep(0.2)
        return HttpResponse(502, {}, b"<html>bad gateway</html>", "/v5/order/realtime")

    policy = RetryPolicy(backoff_base=0.0, sleep=lambda _: None)
    with within(time.monotonic() + 0.3):
        answer = run(send_once, policy, "GET /v5/order/realtime", classifier=bybit_classifier)
    assert (len(tries), answer.status) == (1, 502)  # a second 0.2 s try would end past 0.3 s
    tries.clear()
    with within(time.monotonic() + 0.5):
        run(send_once, policy, "GET /v5/order/realtime", classifier=bybit_classifier)
    assert len(tries) == 2  # room for one more, not for a third


def test_retries_are_logged_at_info_without_secrets(
    api: BybitAPI, mock: requests_mock.Mocker, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="carpenstar_bybit")
    mock.post(CANCEL_ALL_URL, [{"status_code": 502, "text": "x"}, OK_LIST])
    _cancel_all(api)
    infos = [r.getMessage() for r in caplog.records if r.levelno == logging.INFO]
    assert any("POST /v5/order/cancel-all: backoff; retry 1 of 2" in m for m in infos)
    assert not any(SECRET in m or KEY in m for m in infos)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"max_attempts": 0},
        {"max_attempts": 2.5},
        {"total_time": -1},
        {"backoff_max": "1"},
        {"max_rate_limit_wait": 61},
    ],
)
def test_policy_values_are_checked(kwargs: dict[str, object]) -> None:
    with pytest.raises(SDKException, match="RetryPolicy"):
        RetryPolicy(**kwargs)  # type: ignore[arg-type]


def test_pacer_slows_before_the_limit(mock: requests_mock.Mocker) -> None:
    sleeps = Sleeps()
    pacer = Pacer(min_remaining=1, max_wait=1.0, sleep=sleeps)
    headers = [
        {"X-Bapi-Limit": "10", "X-Bapi-Limit-Status": "5"},
        {"X-Bapi-Limit": "10", "X-Bapi-Limit-Status": "1"},
        {"X-Bapi-Limit": "10", "X-Bapi-Limit-Status": "9"},
    ]
    reset = str(FROZEN_MS + 400)
    mock.post(
        CANCEL_ALL_URL,
        [OK_LIST | {"headers": h | {"X-Bapi-Limit-Reset-Timestamp": reset}} for h in headers],
    )
    with BybitAPI(HOST, KEY, SECRET, clock=lambda: FROZEN_MS, pacer=pacer) as api:
        _cancel_all(api)
        assert sleeps == []
        _cancel_all(api)  # leaves 1 call in the window
        assert sleeps == []
        _cancel_all(api)  # so this one waits for the reset first
    assert sleeps == [0.4]
    assert pacer.waited == pytest.approx(0.4)


def test_pacer_never_waits_past_max_or_backwards() -> None:
    pacer = Pacer(min_remaining=0, max_wait=0.5)
    pacer.observe("/p", {"X-Bapi-Limit-Status": "0", "X-Bapi-Limit-Reset-Timestamp": "10000"})
    assert pacer.wait_time("/p", now_ms=0) == 0.5
    assert pacer.wait_time("/p", now_ms=20_000) == 0.0
    assert pacer.wait_time("/other", now_ms=0) == 0.0
    pacer.observe("/q", {"X-Bapi-Limit-Status": "junk"})
    assert pacer.wait_time("/q", now_ms=0) == 0.0


def test_an_error_after_retries_says_how_many_tries(
    api: BybitAPI, mock: requests_mock.Mocker
) -> None:
    mock.post(CANCEL_ALL_URL, status_code=503, text="<html>busy</html>")
    with pytest.raises(ApiException) as info:
        _cancel_all(api)
    assert info.value.getCode() == 503
    assert (info.value.attempts, info.value.uncertain) == (3, True)
    assert "answered on attempt 3" in str(info.value)


def test_success_flag_as_json_boolean() -> None:
    from carpenstar_bybit.Derivatives.Contract.Order.CancelAllOrder.Overrides import (
        TestCancelAllOrder,
    )

    text = '{"retCode":0,"result":{"list":[],"success":true}}'
    assert TestCancelAllOrder().execute(0, text).getSuccess() is True


def test_tls_errors_are_not_retried(api: BybitAPI, mock: requests_mock.Mocker) -> None:
    mock.post(CANCEL_ALL_URL, [{"exc": requests.exceptions.SSLError}, OK_LIST])
    with pytest.raises(TransportException, match="TLS error"):
        _cancel_all(api)
    assert mock.call_count == 1


def test_a_refused_first_try_is_not_uncertain(api: BybitAPI, mock: requests_mock.Mocker) -> None:
    """A refused connection never carried the request, so a 110001 after it is plain."""
    mock.post(
        CANCEL_URL,
        [
            {"exc": refused_error()},
            {"json": envelope({}, 110001, "order not exists or too late to cancel")},
        ],
    )
    with pytest.raises(ApiException) as info:
        api.rest(CancelOrder, CancelOrderRequest().setSymbol("BTCUSDT").setOrderId("42"))
    assert (info.value.attempts, info.value.uncertain) == (2, False)
    assert "earlier attempt" not in str(info.value)


@pytest.mark.parametrize(
    "reset",
    [
        str(FROZEN_MS - 5_000),  # in the past
        str(FROZEN_MS + 10**9),  # absurdly far ahead
        "9" * 400,  # no float holds it
        "not a number",
    ],
)
def test_a_past_or_absurd_reset_is_a_bounded_backoff(
    api: BybitAPI, mock: requests_mock.Mocker, sleeps: Sleeps, reset: str
) -> None:
    limited = {
        "json": envelope({}, 10006, "Too many visits!"),
        "headers": {"X-Bapi-Limit-Reset-Timestamp": reset},
    }
    mock.post(CANCEL_ALL_URL, [limited, OK_LIST])
    assert _cancel_all(api) == 1
    assert mock.call_count == 2
    # Equal jitter on the first retry: within [base/2, base], never a 0 s spin.
    assert len(sleeps) == 1
    assert 0.05 <= sleeps[0] <= 0.1


def test_pacer_clamps_a_huge_reset() -> None:
    pacer = Pacer(min_remaining=0, max_wait=0.5)
    pacer.observe("/p", {"X-Bapi-Limit-Status": "0", "X-Bapi-Limit-Reset-Timestamp": "9" * 400})
    assert pacer.wait_time("/p", now_ms=0) == 0.5
