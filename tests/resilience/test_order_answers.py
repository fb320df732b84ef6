"""Hostile answers to the order endpoints: DTOs and every getter, or a library exception."""

from __future__ import annotations

import contextlib
import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from carpenstar_bybit.Core.Enums import EnumOutputMode
from carpenstar_bybit.Core.Exceptions import CarpenstarException
from carpenstar_bybit.Derivatives.Contract.Order.GetOpenOrders.Overrides import (
    TestGetOpenOrders,
)
from carpenstar_bybit.Derivatives.Contract.Order.GetOrderList.Overrides import TestGetOrderList
from carpenstar_bybit.Derivatives.Contract.Order.PlaceOrder.Overrides import TestPlaceOrder
from carpenstar_bybit.Derivatives.Contract.Order.ReplaceOrder.Overrides import TestReplaceOrder

OVERRIDES = (TestPlaceOrder, TestReplaceOrder, TestGetOpenOrders, TestGetOrderList)
FIELDS = sorted(
    {
        out.wire
        for endpoint in OVERRIDES
        for out in endpoint.DECLARATION.response.fields  # type: ignore[attr-defined]
        if isinstance(out.wire, str)
    }
)
VALUE = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(),
    st.text(max_size=12),
    st.sampled_from(
        ["", "0", "1.5", "1e400", "-0", "NaN", "1684738540559", "99999999999999999999"]
    ),
    st.lists(st.integers(), max_size=2),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
)
ITEM = st.dictionaries(st.sampled_from(FIELDS), VALUE, max_size=12)
RESULT = st.one_of(
    st.fixed_dictionaries(
        {"list": st.one_of(st.lists(ITEM, max_size=3), VALUE)},
        optional={"nextPageCursor": VALUE, "category": VALUE},
    ),
    ITEM,
    VALUE,
)


def _dump(result: Any) -> str:
    return json.dumps({"retCode": 0, "retMsg": "OK", "result": result, "time": 1}, allow_nan=True)


@settings(max_examples=300, deadline=None)
@given(RESULT)
def test_every_getter_answers_or_the_library_refuses(result: Any) -> None:
    text = _dump(result)
    for override in OVERRIDES:
        for mode in EnumOutputMode.ALL:
            try:
                answer = override().execute(mode, text)
                answer.getNextPageCursor()
                items = answer.getBody().all()
            except CarpenstarException:
                continue
            if mode != EnumOutputMode.MODE_ENTITY:
                continue
            for item in items:
                for out in override.DECLARATION.response.fields:  # type: ignore[attr-defined]
                    with contextlib.suppress(CarpenstarException):
                        getattr(item, out.getter)()
