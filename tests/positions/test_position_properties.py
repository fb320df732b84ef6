"""Property tests: any setter input gives a signed request or a library exception; any answer
gives DTOs whose getters return or raise a library exception — for all twelve endpoints."""

from __future__ import annotations

import importlib
import json
import re
import warnings
from typing import Any

import pytest
import requests_mock
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from carpenstar_bybit import BybitAPI
from carpenstar_bybit.Core.Endpoints import Endpoint
from carpenstar_bybit.Core.Enums import EnumOutputMode
from carpenstar_bybit.Core.Exceptions import CarpenstarException, SDKException
from carpenstar_bybit.Core.Names import short
from carpenstar_bybit.Core.Objects import AbstractResponse
from carpenstar_bybit.Core.Registry import ENDPOINTS
from carpenstar_bybit.Core.Response import CurlResponseHandler
from carpenstar_bybit.Core.Retry import RetryPolicy

from ..conftest import FROZEN_MS, HOST, KEY, SECRET, envelope, expected_sign

NAMES = sorted(
    key
    for key in ENDPOINTS
    if key.startswith(("Derivatives.Contract.Position.", "Derivatives.Contract.Account."))
)
PLAUSIBLE = st.sampled_from(
    [
        "linear", "inverse", "option", "spot", "BTCUSDT", "ETHUSD", "BTCPERP", "USDT", "BTC",
        "Full", "Partial", "Market", "Limit", "Buy", "Sell", "MarkPrice", "Trade", "UNIFIED",
        "USDT,USDC", 0, 1, 2, 3, 10, 0.5, "0", "1e-5", 1_700_000_000_000,
    ]
)  # fmt: skip
ANY_VALUE = st.one_of(
    PLAUSIBLE,
    st.text(max_size=30),
    st.integers(),
    st.none(),
    st.booleans(),
    st.floats(allow_nan=True),
    st.lists(st.integers(), max_size=2),
)

EXPONENT = re.compile(r"-?\d+(\.\d+)?[eE][+-]?\d+")


def _endpoint(name: str) -> type[Endpoint]:
    endpoint: type[Endpoint] = getattr(importlib.import_module(ENDPOINTS[name]), short(name))
    return endpoint


def test_the_twelve() -> None:
    assert len(NAMES) == 12


@pytest.mark.parametrize("name", NAMES)
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_setters_give_a_signed_request_or_sdk_exception(name: str, data: st.DataObject) -> None:
    endpoint = _endpoint(name)
    declaration = endpoint.REQUEST_CLASS.DECLARATION
    assert declaration is not None
    setters = [p.setter for p in declaration.params]
    calls = data.draw(st.lists(st.tuples(st.sampled_from(setters), ANY_VALUE), max_size=8))
    request: Any = endpoint.REQUEST_CLASS()
    try:
        for setter, value in calls:
            getattr(request, setter)(value)
    except SDKException:
        return
    with (
        requests_mock.Mocker() as mock,
        BybitAPI(HOST, KEY, SECRET, clock=lambda: FROZEN_MS, retry=RetryPolicy.off()) as api,
        warnings.catch_warnings(),
    ):
        warnings.simplefilter("ignore", DeprecationWarning)
        url = f"{HOST}{endpoint.PATH}"
        mock.register_uri(endpoint.HTTP_METHOD, url, json=envelope({"list": []}))
        try:
            api.rest(endpoint, request)
        except SDKException:
            assert mock.call_count == 0  # refused before any I/O
            return
        sent = mock.last_request
        payload = sent.body if endpoint.HTTP_METHOD == "POST" else sent.url.partition("?")[2]
        payload = payload if isinstance(payload, bytes) else payload.encode()
        assert sent.headers["X-BAPI-SIGN"] == expected_sign(payload)
        if endpoint.HTTP_METHOD == "POST":
            body = json.loads(payload)
            # never null, never a number in exponent form (PHP sent 1.0E-5)
            assert all(v is not None and not EXPONENT.fullmatch(str(v)) for v in body.values())


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=6),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=6), children, max_size=3)
    ),
    max_leaves=12,
)


def _items(response: type[AbstractResponse]) -> st.SearchStrategy[Any]:
    shape = response.SHAPE
    assert shape is not None
    keys = [o.wire for o in shape.fields if isinstance(o.wire, str) and not o.wire.startswith("..")]
    keys += ["coin", "totalEquity", "totalAvailableBalance", "totalInitialMargin"]
    return st.dictionaries(st.sampled_from(keys), JSON, max_size=6)


def _read_all(dto: AbstractResponse) -> None:
    shape = dto.SHAPE
    assert shape is not None
    for out in shape.fields:
        try:
            value = getattr(dto, out.getter)()
        except CarpenstarException:
            continue
        if isinstance(value, AbstractResponse):
            _read_all(value)


@pytest.mark.parametrize("name", NAMES)
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_any_answer_gives_dtos_or_a_library_exception(name: str, data: st.DataObject) -> None:
    response = _endpoint(name).RESPONSE_CLASS
    item = _items(response)
    result = data.draw(
        st.one_of(
            st.fixed_dictionaries({"list": st.lists(item, max_size=3)}),
            st.fixed_dictionaries(
                {
                    "list": st.lists(
                        st.fixed_dictionaries({"coin": st.lists(item, max_size=3)}), max_size=2
                    )
                }
            ),
            item,
            JSON,
        )
    )
    text = json.dumps({"retCode": 0, "retMsg": "OK", "result": result})
    for mode in EnumOutputMode.ALL:
        try:
            answer = CurlResponseHandler(response).handle(text, mode)
        except CarpenstarException:
            continue
        if mode == EnumOutputMode.MODE_ENTITY:
            for dto in answer.getBody().all():
                _read_all(dto)
                repr(dto)
