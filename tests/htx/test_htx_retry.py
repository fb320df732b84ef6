"""Which HTX answers the Core retry policy tries again."""

from __future__ import annotations

import pytest
import requests_mock
from htx_testkit import ACCESS_KEY, SECRET_KEY, SWAP_PATH, V5_PATH, fixture_text

from carpenstar_bybit.Core.Exceptions import ApiException
from carpenstar_bybit.Core.Response import HttpResponse
from carpenstar_bybit.Core.Retry import RetryAction, RetryPolicy
from carpenstar_bybit.Htx import HBDM, HtxAPI
from carpenstar_bybit.Htx.Retry import htx_classifier
from carpenstar_bybit.Htx.Swap.Trade.SwapCancelAll import SwapCancelAll
from carpenstar_bybit.Htx.Swap.Trade.SwapCancelAll.Request import SwapCancelAllRequest
from carpenstar_bybit.Htx.V5.Trade.CancelAllOrders import CancelAllOrders
from carpenstar_bybit.Htx.V5.Trade.CancelAllOrders.Request import CancelAllOrdersRequest


@pytest.mark.parametrize(
    ("status", "body", "action"),
    [
        (429, b"<html>slow down</html>", RetryAction.RATE_LIMIT),
        (200, b'{"status":"error","err_code":1032,"err_msg":"limit"}', RetryAction.RATE_LIMIT),
        (200, b'{"code":"1032","message":"limit"}', RetryAction.RATE_LIMIT),
        (502, b"", RetryAction.BACKOFF),
        (503, b"<html></html>", RetryAction.BACKOFF),
        (504, b"", RetryAction.BACKOFF),
        (200, b'{"code":4007,"message":"not unified"}', RetryAction.NONE),
        (200, b'{"status":"error","err_code":1051,"err_msg":"No orders"}', RetryAction.NONE),
        (200, b'{"status":"error","err_code":1253,"err_msg":"Signature error"}', RetryAction.NONE),
        (200, b"not json", RetryAction.NONE),
        (200, b"[1032]", RetryAction.NONE),
        (403, b"<html>forbidden</html>", RetryAction.NONE),
    ],
)
def test_classifier(status: int, body: bytes, action: RetryAction) -> None:
    assert htx_classifier(HttpResponse(status, {}, body, V5_PATH)) is action


def _api(policy: RetryPolicy) -> HtxAPI:
    return HtxAPI(HBDM, ACCESS_KEY, SECRET_KEY, retry=policy)


def test_gateway_error_then_success_is_retried(mock: requests_mock.Mocker) -> None:
    waits: list[float] = []
    mock.post(
        f"{HBDM}{SWAP_PATH}",
        [
            {"status_code": 503, "text": "<html>busy</html>"},
            {"text": fixture_text("swap_cancelall.json")},
        ],
    )
    with _api(RetryPolicy(sleep=waits.append)) as api:
        answer = api.rest(SwapCancelAll, SwapCancelAllRequest().setContractCode("BTC-USD"))
    assert answer.getBody().count() == 3
    assert mock.call_count == 2
    assert len(waits) == 1
    # Each attempt is signed afresh, so both carry a signature.
    assert all("&Signature=" in r.url for r in mock.request_history)


def test_rate_limit_code_is_retried_and_reported_when_it_persists(
    mock: requests_mock.Mocker,
) -> None:
    limited = '{"status":"error","err_code":1032,"err_msg":"The number of access exceeded"}'
    mock.post(f"{HBDM}{V5_PATH}", text=limited)
    with _api(RetryPolicy(sleep=lambda _: None)) as api, pytest.raises(ApiException) as info:
        api.rest(CancelAllOrders, CancelAllOrdersRequest())
    assert mock.call_count == 3
    assert info.value.getCode() == 1032
    assert info.value.attempts == 3


def test_business_errors_are_not_retried(mock: requests_mock.Mocker) -> None:
    mock.post(f"{HBDM}{V5_PATH}", text=fixture_text("v5_not_unified.json"))
    with _api(RetryPolicy(sleep=lambda _: None)) as api, pytest.raises(ApiException):
        api.rest(CancelAllOrders, CancelAllOrdersRequest())
    assert mock.call_count == 1


def test_retries_can_be_switched_off(mock: requests_mock.Mocker) -> None:
    mock.post(f"{HBDM}{V5_PATH}", status_code=503, text="<html>busy</html>")
    with _api(RetryPolicy.off()) as api, pytest.raises(ApiException) as info:
        api.rest(CancelAllOrders, CancelAllOrdersRequest())
    assert mock.call_count == 1
    assert info.value.http_status == 503
