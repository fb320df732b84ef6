"""Property tests: any setter input gives a query or an SDKException; any answer gives DTOs whose
getters return values or raise ApiException — never a raw error from inside the library."""

from __future__ import annotations

import contextlib
import importlib
import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from carpenstar_bybit.Core.Declarations import Declaration
from carpenstar_bybit.Core.Exceptions import ApiException, SDKException
from carpenstar_bybit.Core.Names import short
from carpenstar_bybit.Core.Objects import AbstractResponse
from carpenstar_bybit.Core.Registry import ENDPOINTS
from carpenstar_bybit.Core.Response import CurlResponseHandler

MARKET = sorted(key for key in ENDPOINTS if key.startswith("Derivatives.MarketData."))
PLAUSIBLE = st.sampled_from(
    ["linear", "inverse", "spot", "option", "BTCUSDT", "BTCUSD", "BTC-27DEC24-90000-C", "D", "1h",
     "5min", "60", "25DEC22", "Call", "Trading", "innovation", "BTC", "c1", ""]
)  # fmt: skip
ANY_VALUE = st.one_of(
    PLAUSIBLE,
    st.text(max_size=30),
    st.integers(min_value=-(10**15), max_value=10**15),
    st.none(),
    st.booleans(),
    st.floats(allow_nan=True),
    st.lists(st.integers(), max_size=2),
)
JSON_LEAF = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=12)
)
JSON_ANY = st.recursive(
    JSON_LEAF,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4)
    ),
    max_leaves=20,
)


def _endpoint(name: str) -> Any:
    return getattr(importlib.import_module(ENDPOINTS[name]), short(name))


@pytest.mark.parametrize("name", MARKET)
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(calls=st.lists(st.tuples(st.integers(min_value=0, max_value=50), ANY_VALUE), max_size=6))
def test_any_setter_input_gives_a_query_or_sdk_exception(
    name: str, calls: list[tuple[int, Any]]
) -> None:
    endpoint = _endpoint(name)
    declaration: Declaration = endpoint.DECLARATION
    request = endpoint.REQUEST_CLASS()
    for index, value in calls:
        param = declaration.params[index % len(declaration.params)]
        with contextlib.suppress(SDKException):  # SDKTypeError is one too
            getattr(request, param.setter)(value)
    try:
        query = request.query()
    except SDKException:
        return
    assert all(isinstance(k, str) and isinstance(v, str) for k, v in query.items())
    assert "category" in query or not declaration.categories


def _read_all(dto: AbstractResponse) -> None:
    shape = dto.SHAPE
    assert shape is not None
    for out in shape.fields:
        try:
            got = getattr(dto, out.getter)()
        except ApiException:
            continue
        if out.shape is not None:
            for nested in got if out.many or out.collection else ([got] if got else []):
                _read_all(nested)


@pytest.mark.parametrize("name", MARKET)
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(result=JSON_ANY, items=st.lists(JSON_ANY, max_size=3))
def test_any_answer_gives_readable_dtos_or_api_exception(
    name: str, result: Any, items: list[Any]
) -> None:
    dto_class = _endpoint(name).RESPONSE_CLASS
    for shaped in (result, {"list": items}, {"s": "X", "b": items, "a": result}):
        text = json.dumps({"retCode": 0, "retMsg": "OK", "result": shaped})
        try:
            answer = CurlResponseHandler(dto_class).handle(text)
        except ApiException:
            continue
        for dto in answer.getBody().all():
            _read_all(dto)
