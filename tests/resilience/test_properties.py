"""Property tests: any input gives a signed request or a library exception, nothing else."""

from __future__ import annotations

import json
from typing import Any

import requests_mock
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from carpenstar_bybit import BybitAPI
from carpenstar_bybit.Core.Enums import EnumOutputMode
from carpenstar_bybit.Core.Exceptions import CarpenstarException, SDKException, SDKTypeError
from carpenstar_bybit.Core.Response import CurlResponseDto, CurlResponseHandler
from carpenstar_bybit.Core.Retry import RetryPolicy
from carpenstar_bybit.Derivatives.Contract.Order.CancelAllOrder import CancelAllOrder
from carpenstar_bybit.Derivatives.Contract.Order.CancelAllOrder.Overrides import (
    TestCancelAllOrder,
)
from carpenstar_bybit.Derivatives.Contract.Order.CancelAllOrder.Request import (
    CancelAllOrderRequest,
)
from carpenstar_bybit.Derivatives.Contract.Order.CancelAllOrder.Response import (
    CancelAllOrderResponse,
)
from carpenstar_bybit.Derivatives.Contract.Order.CancelOrder import CancelOrder
from carpenstar_bybit.Derivatives.Contract.Order.CancelOrder.Request import CancelOrderRequest
from carpenstar_bybit.Derivatives.Contract.Order.CancelOrder.Response import CancelOrderResponse
from carpenstar_bybit.selfcheck import parse_everywhere

from ..conftest import FROZEN_MS, HOST, KEY, SECRET, envelope, expected_sign

PLAUSIBLE = st.sampled_from(
    [
        "linear", "inverse", "spot", "option", "BTCUSDT", "ETHUSD", "BTC-27DEC24", "BTCUSDZ24",
        "USDT", "USDC", "BTC", "Order", "StopOrder", "tpslOrder", "OpenOrder", "Stop", "link-1",
        "1616024329462743808",
    ]
)  # fmt: skip
ANY_VALUE = st.one_of(
    PLAUSIBLE,
    st.text(max_size=80),
    st.integers(),
    st.none(),
    st.booleans(),
    st.floats(allow_nan=True),
    st.binary(max_size=8),
    st.lists(st.integers(), max_size=2),
)
CANCEL_SETTERS = [p.setter for p in CancelOrder.DECLARATION.params]
CANCEL_ALL_SETTERS = [p.setter for p in CancelAllOrder.DECLARATION.params]


def _apply(request: Any, calls: list[tuple[str, Any]]) -> Any:
    for name, value in calls:
        try:
            getattr(request, name)(value)
        except SDKTypeError:
            assert not isinstance(value, str) or isinstance(value, bool)
            raise
    return request


def _check_request(endpoint: type[CancelOrder] | type[CancelAllOrder], request: Any) -> None:
    with (
        requests_mock.Mocker() as mock,
        BybitAPI(HOST, KEY, SECRET, clock=lambda: FROZEN_MS, retry=RetryPolicy.off()) as api,
    ):
        mock.post(f"{HOST}{endpoint.PATH}", json=envelope({"list": []}))
        try:
            api.rest(endpoint, request)
        except SDKException:
            assert mock.call_count == 0  # refused before any I/O
            return
        sent = mock.last_request
        assert sent.headers["X-BAPI-SIGN"] == expected_sign(sent.body)
        body = json.loads(sent.body)
        assert body["category"] in ("linear", "inverse", "spot", "option")
        assert all(isinstance(v, str) and v for v in body.values())


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(CANCEL_SETTERS), ANY_VALUE), max_size=6))
def test_cancel_setters_give_a_signed_request_or_sdk_exception(
    calls: list[tuple[str, Any]],
) -> None:
    try:
        request = _apply(CancelOrderRequest(), calls)
    except SDKException:
        return
    _check_request(CancelOrder, request)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(CANCEL_ALL_SETTERS), ANY_VALUE), max_size=7))
def test_cancel_all_setters_give_a_signed_request_or_sdk_exception(
    calls: list[tuple[str, Any]],
) -> None:
    try:
        request = _apply(CancelAllOrderRequest(), calls)
    except SDKException:
        return
    _check_request(CancelAllOrder, request)


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=10),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=20,
)
ITEM = st.fixed_dictionaries(
    {},
    optional={"orderId": JSON, "orderLinkId": JSON, "category": JSON, "symbol": JSON},
)
ENVELOPE = st.fixed_dictionaries(
    {
        "retCode": st.one_of(st.just(0), JSON),
        "result": st.one_of(
            st.fixed_dictionaries({"list": st.one_of(st.lists(ITEM, max_size=5), JSON)}),
            ITEM,
            JSON,
        ),
    },
    optional={"retMsg": JSON, "time": JSON, "retExtInfo": JSON},
)


def _bodies() -> st.SearchStrategy[bytes]:
    as_json = ENVELOPE.map(lambda e: json.dumps(e).encode())
    truncated = st.tuples(as_json, st.integers(min_value=0)).map(
        lambda t: t[0][: t[1] % (len(t[0]) + 1)]
    )
    return st.one_of(
        as_json, truncated, st.binary(max_size=200), JSON.map(lambda v: json.dumps(v).encode())
    )


@settings(max_examples=400, deadline=None)
@given(_bodies())
@example(b'{"retCode":0,"result":{},"time":1000000000000000000000000000000}')
@example(b'{"retCode":0,"result":{"success":true,"list":[]},"time":-99999999999999999}')
def test_any_body_gives_dtos_or_a_library_exception(body: bytes) -> None:
    assert parse_everywhere(body) == []  # every mode, handler and Overrides endpoint
    for dto in (CancelOrderResponse, CancelAllOrderResponse):
        try:
            answer = CurlResponseHandler(dto).handle(body, EnumOutputMode.MODE_ENTITY)
        except CarpenstarException:
            continue
        assert isinstance(answer, CurlResponseDto)
        for item in answer.getBody().all():
            assert isinstance(item.getOrderId(), str)
            assert isinstance(item.getOrderLinkId(), str)
        answer.getTime()
        answer.getSuccess()
        answer.getRateLimitReset()


def test_huge_list_parses() -> None:
    items = [{"orderId": str(i), "orderLinkId": f"l{i}"} for i in range(50_000)]
    text = json.dumps({"retCode": 0, "result": {"list": items}})
    answer = TestCancelAllOrder().execute(EnumOutputMode.MODE_ENTITY, text)
    assert answer.getBody().count() == 50_000
    assert answer.getBody().all()[-1].getOrderLinkId() == "l49999"
