"""Request DTOs: fluent setters, getters, the rules checked before sending, the wrong classes."""

from __future__ import annotations

from typing import Any

import pytest
import requests_mock
from hypothesis import given
from hypothesis import strategies as st

from carpenstar_bybit import BybitAPI
from carpenstar_bybit.Core.Exceptions import SDKException, SDKTypeError
from carpenstar_bybit.Core.Response import CurlResponseHandler
from carpenstar_bybit.Derivatives.Contract.Order.CancelAllOrder import CancelAllOrder
from carpenstar_bybit.Derivatives.Contract.Order.CancelAllOrder.Request import (
    CancelAllOrderRequest,
)
from carpenstar_bybit.Derivatives.Contract.Order.CancelAllOrder.Response import (
    CancelAllOrderResponse,
)
from carpenstar_bybit.Htx import HBDM, HtxAPI
from carpenstar_bybit.Htx.Swap.Trade.SwapCancelAll import SwapCancelAll
from carpenstar_bybit.Htx.Swap.Trade.SwapCancelAll.Request import SwapCancelAllRequest
from carpenstar_bybit.Htx.V5.Trade.CancelAllOrders import CancelAllOrders
from carpenstar_bybit.Htx.V5.Trade.CancelAllOrders.Request import CancelAllOrdersRequest


def test_v5_setters_are_fluent_and_getters_read_back() -> None:
    request = CancelAllOrdersRequest()
    assert request.getContractCode() is None
    assert request.setContractCode("btc-usdt-241115") is request
    assert request.setSide("sell") is request
    assert request.setPositionSide("short") is request
    assert (request.getContractCode(), request.getSide(), request.getPositionSide()) == (
        "BTC-USDT-241115",
        "sell",
        "short",
    )
    assert request.array() == {
        "contract_code": "BTC-USDT-241115",
        "side": "sell",
        "position_side": "short",
    }


def test_v5_empty_request_is_allowed() -> None:
    assert CancelAllOrdersRequest().array() == {}


def test_swap_setters_are_fluent_and_getters_read_back() -> None:
    request = SwapCancelAllRequest()
    assert request.setContractCode("eth-usd") is request
    assert request.setDirection("sell") is request
    assert request.setOffset("close") is request
    assert (request.getContractCode(), request.getDirection(), request.getOffset()) == (
        "ETH-USD",
        "sell",
        "close",
    )


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (
            lambda: CancelAllOrdersRequest().setSide("Buy"),
            "CancelAllOrdersRequest.side: must be one of buy, sell (got 'Buy')",
        ),
        (
            lambda: CancelAllOrdersRequest().setSide(""),
            "CancelAllOrdersRequest.side: must not be empty",
        ),
        (
            lambda: CancelAllOrdersRequest().setPositionSide("net"),
            "CancelAllOrdersRequest.position_side: must be one of long, short, both (got 'net')",
        ),
        (
            lambda: CancelAllOrdersRequest().setContractCode("BTCUSDT"),
            "CancelAllOrdersRequest.contract_code: must be a contract code like 'BTC-USDT'",
        ),
        (
            lambda: CancelAllOrdersRequest().setContractCode("BTC-USDT\n"),
            "CancelAllOrdersRequest.contract_code: must not contain control characters",
        ),
        (
            lambda: CancelAllOrdersRequest().setContractCode("ß-usdt"),
            "CancelAllOrdersRequest.contract_code: must be a contract code like 'BTC-USDT' or "
            "'BTC-USDT-241115' (got 'ß-usdt')",
        ),
        (
            lambda: SwapCancelAllRequest().setContractCode("BTC-USDT"),
            "SwapCancelAllRequest.contract_code: must be a contract code like 'BTC-USD'",
        ),
        (
            lambda: SwapCancelAllRequest().setContractCode(""),
            "SwapCancelAllRequest.contract_code: must not be empty",
        ),
        (
            lambda: SwapCancelAllRequest().setDirection("long"),
            "SwapCancelAllRequest.direction: must be one of buy, sell (got 'long')",
        ),
        (
            lambda: SwapCancelAllRequest().setOffset("both"),
            "SwapCancelAllRequest.offset: must be one of open, close (got 'both')",
        ),
        (
            lambda: SwapCancelAllRequest(offset="OPEN"),
            "SwapCancelAllRequest.offset: must be one of open, close (got 'OPEN')",
        ),
    ],
)
def test_rules_name_the_field_and_the_rule(build: Any, message: str) -> None:
    with pytest.raises(SDKException) as info:
        build()
    assert str(info.value).startswith(message)
    assert not isinstance(info.value, SDKTypeError)


@pytest.mark.parametrize(
    "build",
    [
        lambda: CancelAllOrdersRequest().setContractCode(123),  # type: ignore[arg-type]
        lambda: CancelAllOrdersRequest().setSide(1),  # type: ignore[arg-type]
        lambda: SwapCancelAllRequest().setContractCode(b"BTC-USD"),  # type: ignore[arg-type]
        lambda: SwapCancelAllRequest().setDirection(["buy"]),  # type: ignore[arg-type]
    ],
)
def test_wrong_python_type_is_an_sdk_type_error(build: Any) -> None:
    with pytest.raises(SDKTypeError, match="must be a string"):
        build()


def test_swap_contract_code_is_required_before_sending(
    api: HtxAPI, mock: requests_mock.Mocker
) -> None:
    with pytest.raises(SDKException, match=r"SwapCancelAllRequest.contract_code: is required"):
        api.rest(SwapCancelAll, SwapCancelAllRequest().setDirection("buy"))
    assert mock.call_count == 0


def test_wrong_request_class_for_an_endpoint(api: HtxAPI, mock: requests_mock.Mocker) -> None:
    with pytest.raises(SDKException, match="must be a SwapCancelAllRequest, got CancelAllOrders"):
        api.rest(SwapCancelAll, CancelAllOrdersRequest())
    with pytest.raises(SDKException, match="must be a CancelAllOrdersRequest, got None"):
        api.rest(CancelAllOrders)
    with pytest.raises(SDKException, match="must be a CancelAllOrdersRequest, got CancelAllOrder"):
        api.rest(CancelAllOrders, CancelAllOrderRequest().setSettleCoin("USDT"))
    assert mock.call_count == 0


def test_bybit_endpoints_are_refused_by_htx_and_back(mock: requests_mock.Mocker) -> None:
    with HtxAPI(HBDM, "k", "s") as htx:
        with pytest.raises(SDKException, match="CancelAllOrder is not an HTX endpoint class"):
            htx.rest(CancelAllOrder, CancelAllOrderRequest().setSettleCoin("USDT"))  # type: ignore[arg-type]
        with pytest.raises(SDKException, match="not an HTX endpoint class"):
            htx.privateEndpoint(CancelAllOrder)  # type: ignore[type-var]
    with (
        BybitAPI("https://api.bybit.com", "k", "s") as bybit,
        pytest.raises(SDKException, match="CancelAllOrders is an HTX endpoint"),
    ):
        bybit.rest(CancelAllOrders, CancelAllOrdersRequest())
    assert mock.call_count == 0


def test_public_endpoint_refuses_private_ones() -> None:
    with pytest.raises(SDKException, match="is a private endpoint"):
        HtxAPI(HBDM, "k", "s").publicEndpoint(CancelAllOrders, CancelAllOrdersRequest())


def test_missing_keys_or_host_are_reported_before_io(mock: requests_mock.Mocker) -> None:
    with pytest.raises(SDKException, match="needs an API key and secret"):
        HtxAPI(HBDM).rest(CancelAllOrders, CancelAllOrdersRequest())
    with pytest.raises(SDKException, match="host: is not set"):
        HtxAPI().rest(CancelAllOrders, CancelAllOrdersRequest())
    assert mock.call_count == 0


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"host": "api.hbdm.com"}, "host: must be an http"),
        ({"host": "https://api.hbdm.com/v5"}, "must not hold a path"),
        ({"accessKey": 5}, "accessKey: must be a string"),
        ({"secretKey": None}, "secretKey: must be a string"),
        ({"timeout": 0}, "timeout: must be seconds"),
    ],
)
def test_bad_settings(kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(SDKException, match=message):
        HtxAPI(**kwargs)


TEXT = st.text(max_size=12) | st.sampled_from(["buy", "sell", "long", "both", "open", "BTC-USD"])
ANY_VALUE = TEXT | st.none() | st.integers() | st.binary(max_size=4)


@given(code=ANY_VALUE, side=ANY_VALUE, position_side=ANY_VALUE)
def test_v5_any_input_gives_a_request_or_a_library_error(
    code: Any, side: Any, position_side: Any
) -> None:
    try:
        request = CancelAllOrdersRequest(code, side, position_side)
        wire = request.array()
    except SDKException:
        return
    assert set(wire) <= {"contract_code", "side", "position_side"}
    assert all(isinstance(value, str) for value in wire.values())


@given(code=ANY_VALUE, direction=ANY_VALUE, offset=ANY_VALUE)
def test_swap_any_input_gives_a_request_or_a_library_error(
    code: Any, direction: Any, offset: Any
) -> None:
    try:
        wire = SwapCancelAllRequest(code, direction, offset).array()
    except SDKException:
        return
    assert wire["contract_code"].endswith("-USD")


class _ForeignHandlerEndpoint(CancelAllOrders):
    RESPONSE_HANDLER = CurlResponseHandler
    RESPONSE_CLASS = CancelAllOrderResponse


def test_rest_insists_on_an_htx_answer(api: HtxAPI, mock: requests_mock.Mocker) -> None:
    mock.post(f"{HBDM}{CancelAllOrders.PATH}", json={"retCode": 0, "result": {"list": []}})
    with pytest.raises(SDKException, match="must return an HtxResponseDto, got CurlResponseDto"):
        api.rest(_ForeignHandlerEndpoint, CancelAllOrdersRequest())
