"""The exact bytes on the wire for both endpoints on both hosts (frozen clock, known keys)."""

from __future__ import annotations

import pytest
import requests_mock
from htx_testkit import (
    ACCESS_KEY,
    FROZEN_MS,
    HOSTS,
    SECRET_KEY,
    SWAP_PATH,
    V5_PATH,
    expected_signed_query,
    fixture_text,
)

from carpenstar_bybit.Core.Exceptions import ApiException
from carpenstar_bybit.Core.Objects import AbstractParameters
from carpenstar_bybit.Htx import HBDM, HBDM_AWS, HtxAPI
from carpenstar_bybit.Htx.Endpoints import HtxEndpoint
from carpenstar_bybit.Htx.Swap.Trade.SwapCancelAll import SwapCancelAll
from carpenstar_bybit.Htx.Swap.Trade.SwapCancelAll.Request import SwapCancelAllRequest
from carpenstar_bybit.Htx.V5.Trade.CancelAllOrders import CancelAllOrders
from carpenstar_bybit.Htx.V5.Trade.CancelAllOrders.Request import CancelAllOrdersRequest

V5_OK = fixture_text("v5_cancel_all_orders.json")
SWAP_OK = fixture_text("swap_cancelall.json")

CASES: list[tuple[type[HtxEndpoint], AbstractParameters, bytes, str]] = [
    (CancelAllOrders, CancelAllOrdersRequest(), b"{}", V5_OK),
    (
        CancelAllOrders,
        CancelAllOrdersRequest()
        .setContractCode("BTC-USDT-241115")
        .setSide("buy")
        .setPositionSide("long"),
        b'{"contract_code":"BTC-USDT-241115","side":"buy","position_side":"long"}',
        V5_OK,
    ),
    (
        CancelAllOrders,
        CancelAllOrdersRequest().setPositionSide("both").setContractCode("eth-usdt"),
        b'{"contract_code":"ETH-USDT","position_side":"both"}',
        V5_OK,
    ),
    (CancelAllOrders, CancelAllOrdersRequest(side="sell"), b'{"side":"sell"}', V5_OK),
    (
        SwapCancelAll,
        SwapCancelAllRequest().setContractCode("BTC-USD").setDirection("buy").setOffset("open"),
        b'{"contract_code":"BTC-USD","direction":"buy","offset":"open"}',
        SWAP_OK,
    ),
    (
        SwapCancelAll,
        SwapCancelAllRequest().setContractCode("btc-usd"),
        b'{"contract_code":"BTC-USD"}',
        SWAP_OK,
    ),
    (
        SwapCancelAll,
        SwapCancelAllRequest().setOffset("close").setContractCode("Eth-Usd"),
        b'{"contract_code":"ETH-USD","offset":"close"}',
        SWAP_OK,
    ),
    (
        SwapCancelAll,
        SwapCancelAllRequest(contract_code="XRP-USD", direction="sell"),
        b'{"contract_code":"XRP-USD","direction":"sell"}',
        SWAP_OK,
    ),
]


@pytest.mark.parametrize(("base_url", "host"), HOSTS.items())
@pytest.mark.parametrize(("endpoint", "request_dto", "body", "answer"), CASES)
def test_exact_request(
    mock: requests_mock.Mocker,
    base_url: str,
    host: str,
    endpoint: type[HtxEndpoint],
    request_dto: AbstractParameters,
    body: bytes,
    answer: str,
) -> None:
    url = f"{base_url}{endpoint.PATH}"
    mock.post(url, text=answer)
    with HtxAPI(base_url, ACCESS_KEY, SECRET_KEY, clock=lambda: FROZEN_MS) as api:
        result = api.rest(endpoint, request_dto)
    assert mock.call_count == 1
    sent = mock.last_request
    assert sent.method == "POST"
    assert sent.url == f"{url}?{expected_signed_query(host, endpoint.PATH)}"
    assert sent.body == body
    assert sent.headers["Content-Type"] == "application/json"
    assert sent.headers["Content-Length"] == str(len(body))
    assert sent.headers["Accept"] == "application/json"
    assert not any(name.lower().startswith("x-bapi") for name in sent.headers)
    assert sent.timeout == (5.0, 10.0)
    assert result.getBody().count() > 0


def test_signature_changes_with_the_host(mock: requests_mock.Mocker) -> None:
    signatures = []
    for base_url in HOSTS:
        mock.post(f"{base_url}{V5_PATH}", text=V5_OK)
        with HtxAPI(base_url, ACCESS_KEY, SECRET_KEY, clock=lambda: FROZEN_MS) as api:
            api.rest(CancelAllOrders, CancelAllOrdersRequest())
        signatures.append(mock.last_request.url.rpartition("&Signature=")[2])
    assert signatures[0] != signatures[1]


def test_constants_name_both_hosts() -> None:
    assert (HBDM, HBDM_AWS) == ("https://api.hbdm.com", "https://api.hbdm.vn")


def test_host_is_signed_lowercase_without_port(mock: requests_mock.Mocker) -> None:
    mock.post(f"https://api.hbdm.com:8443{V5_PATH}", text=V5_OK)
    with HtxAPI(
        "https://API.HBDM.com:8443", ACCESS_KEY, SECRET_KEY, clock=lambda: FROZEN_MS
    ) as api:
        api.rest(CancelAllOrders, CancelAllOrdersRequest())
    assert mock.last_request.url == (
        f"https://api.hbdm.com:8443{V5_PATH}?{expected_signed_query('api.hbdm.com', V5_PATH)}"
    )


def test_clock_moves_the_timestamp(mock: requests_mock.Mocker) -> None:
    now = [FROZEN_MS]
    mock.post(f"{HBDM}{V5_PATH}", text=V5_OK)
    with HtxAPI(HBDM, ACCESS_KEY, SECRET_KEY, clock=lambda: now[0]) as api:
        api.rest(CancelAllOrders, CancelAllOrdersRequest())
        now[0] += 61_000
        api.rest(CancelAllOrders, CancelAllOrdersRequest())
    first, second = (r.url for r in mock.request_history)
    assert "Timestamp=2023-11-14T22%3A13%3A20&" in first
    assert second == (
        f"{HBDM}{V5_PATH}?"
        + expected_signed_query("api.hbdm.com", V5_PATH, timestamp="2023-11-14T22%3A14%3A21")
    )


def test_one_session_reused_and_timeouts_configurable(mock: requests_mock.Mocker) -> None:
    mock.post(f"{HBDM}{SWAP_PATH}", text=SWAP_OK)
    with HtxAPI(HBDM, ACCESS_KEY, SECRET_KEY, timeout=(1.5, 3)) as api:
        first = api.connection()
        for _ in range(3):
            api.rest(SwapCancelAll, SwapCancelAllRequest().setContractCode("BTC-USD"))
        assert api.connection() is first
    assert mock.call_count == 3
    assert all(r.timeout == (1.5, 3.0) for r in mock.request_history)


def test_redirect_is_refused_and_not_followed(api: HtxAPI, mock: requests_mock.Mocker) -> None:
    mock.post(f"{HBDM}{V5_PATH}", status_code=302, headers={"Location": "https://evil.example/"})
    mock.post("https://evil.example/", text=V5_OK)
    with pytest.raises(ApiException, match="redirect refused") as info:
        api.rest(CancelAllOrders, CancelAllOrdersRequest())
    assert info.value.http_status == 302
    assert mock.call_count == 1


def test_private_endpoint_style(mock: requests_mock.Mocker) -> None:
    mock.post(f"{HBDM_AWS}{SWAP_PATH}", text=SWAP_OK)
    endpoint = (
        HtxAPI(clock=lambda: FROZEN_MS)
        .setCredentials(HBDM_AWS, ACCESS_KEY, SECRET_KEY)
        .privateEndpoint(SwapCancelAll, SwapCancelAllRequest().setContractCode("BTC-USD"))
    )
    assert isinstance(endpoint, SwapCancelAll)
    assert endpoint.execute().getBody().count() == 3
    assert mock.last_request.url.endswith(expected_signed_query("api.hbdm.vn", SWAP_PATH))


def test_setters_reopen_the_connection_with_new_keys(mock: requests_mock.Mocker) -> None:
    mock.post(f"{HBDM_AWS}{V5_PATH}", text=V5_OK)
    api = HtxAPI(HBDM, "old-key", "old-secret", clock=lambda: FROZEN_MS)
    old = api.connection()
    api.setHost(HBDM_AWS).setAccessKey(ACCESS_KEY).setSecretKey(SECRET_KEY)
    assert api.connection() is not old
    api.rest(CancelAllOrders, CancelAllOrdersRequest())
    api.close()
    assert mock.last_request.url.endswith(expected_signed_query("api.hbdm.vn", V5_PATH))
