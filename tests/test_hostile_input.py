"""Every setter of every declared endpoint (Bybit and HTX), fed what a careless or hostile caller
passes: each call gives a request whose wire is short and encodable, or an ``SDKException`` that
names the request and the field — never Python's own ValueError, OverflowError or the like, and
never a value that reaches the wire unbounded.
"""

from __future__ import annotations

import decimal
import importlib
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from carpenstar_bybit.Core.Declarations import Declaration, Number, Param
from carpenstar_bybit.Core.Endpoints import Endpoint
from carpenstar_bybit.Core.Exceptions import SDKException
from carpenstar_bybit.Core.Names import short
from carpenstar_bybit.Core.Prepare import build_request
from carpenstar_bybit.Core.Registry import ENDPOINTS

# The longest wire a single field may give: a cursor (2048) with room for the rest of the request.
WIRE_BOUND = 4096


class Opaque:
    def __repr__(self) -> str:
        return "<Opaque>"


HOSTILE: dict[str, object] = {
    "10**5000": 10**5000,
    "-10**5000": -(10**5000),
    "10**40": 10**40,
    "2**63": 2**63,
    "10_000 letters": "A" * 10_000,
    "5000 digits": "9" * 5000,
    "lone high surrogate": "BTC\ud800",
    "lone low surrogate": "\udfff",
    "nan": float("nan"),
    "inf": float("inf"),
    "-inf": float("-inf"),
    "1e308": 1e308,
    "Decimal 1e5000": Decimal("1e5000"),
    "Decimal NaN": Decimal("NaN"),
    "Decimal sNaN": Decimal("sNaN"),
    "True": True,
    "False": False,
    "None": None,
    "bytes": b"BTCUSDT",
    "list": [1, "BTCUSDT"],
    "nested": {"a": [{"b": {"c": [1, 2, 3]}}]},
    "object": Opaque(),
    "nul": "BTC\x00USDT",
    "fullwidth": "\uff22\uff34\uff23USDT",
}


def _endpoint(name: str) -> type[Endpoint]:
    endpoint: type[Endpoint] = getattr(importlib.import_module(ENDPOINTS[name]), short(name))
    return endpoint


SETTERS = [
    (name, param)
    for name in sorted(ENDPOINTS)
    for param in _endpoint(name).DECLARATION.params  # type: ignore[attr-defined]
]


def _fresh(name: str, param: Param) -> Any:
    """A request with its category set (so the wire can be made), unless the field is it."""
    endpoint = _endpoint(name)
    declaration: Declaration = endpoint.DECLARATION  # type: ignore[attr-defined]
    request = endpoint.REQUEST_CLASS()
    if param.wire != "category" and any(p.wire == "category" for p in declaration.params):
        request.setCategory(declaration.categories[0])
    return request


def _check(name: str, param: Param, value: object) -> None:
    """The one rule: a short, encodable wire, or an SDKException naming the field."""
    endpoint = _endpoint(name)
    request = _fresh(name, param)
    field = f"{type(request).__name__}.{param.wire}: "
    try:
        assert getattr(request, param.setter)(value) is request
    except SDKException as exc:
        message = str(exc)
        assert message.startswith(field), message
        assert len(message) < 400, message
        return
    # Taken: the field holds what its kind makes of the value, and that survives a second check
    # (validate() checks again) and goes out as a short request the library can build.
    held = getattr(request, param.attr)
    assert param.kind.accept(held) == held
    if isinstance(param.kind, Number) and isinstance(value, Decimal | int | str):
        # Exact: what goes out is the number given, never a rounded one (floats: 15 digits).
        assert Decimal(held) == Decimal(value.strip() if isinstance(value, str) else value)
    prepared = build_request(
        endpoint.HTTP_METHOD, "https://h.test", "h.test", endpoint.PATH, request.wire(), None, 0
    )
    sent = prepared.body if prepared.body is not None else prepared.url
    assert sent is not None
    assert len(sent) < WIRE_BOUND


@pytest.mark.parametrize(("name", "param"), SETTERS, ids=[f"{n}.{p.wire}" for n, p in SETTERS])
def test_every_setter_refuses_hostile_values_naming_the_field(name: str, param: Param) -> None:
    for label, value in HOSTILE.items():
        try:
            _check(name, param, value)
        except AssertionError as failure:
            raise AssertionError(f"{label}: {failure}") from None


@pytest.mark.parametrize(
    ("setter", "value", "message"),
    [
        (
            "Derivatives.Contract.Position.SetRiskLimit:SetRiskLimitRequest.setRiskId",
            10**40,
            "SetRiskLimitRequest.riskId: must be at most 2147483647 (got 1" + "0" * 40 + ")",
        ),
        (
            "Derivatives.Contract.Order.PlaceOrder:PlaceOrderRequest.setQty",
            10**5000,
            "PlaceOrderRequest.qty: is out of range (a number below 10**31 and, unless 0, at "
            "least 10**-30) (got an integer of about 5001 digits)",
        ),
        (
            "Derivatives.MarketData.Kline:KlineRequest.setInterval",
            10**5000,
            "KlineRequest.interval: must be one of 1, 3, 5, 15, 30, 60, 120, 240, 360, 720, D, "
            "W, M (got an integer of about 5001 digits)",
        ),
        (
            "Derivatives.MarketData.OrderBook:OrderBookRequest.setLimit",
            10**5000,
            "OrderBookRequest.limit: must be at most 1000 (got an integer of about 5001 digits)",
        ),
        (
            "Derivatives.Contract.Order.CancelOrder:CancelOrderRequest.setSymbol",
            "A" * 10_000,
            "CancelOrderRequest.symbol: must be at most 40 characters (got 10000)",
        ),
        (
            "Derivatives.Contract.Order.GetOpenOrders:GetOpenOrdersRequest.setCursor",
            "c\ud800",
            "GetOpenOrdersRequest.cursor: must be valid Unicode text, not a lone surrogate "
            "(got 'c\\ud800')",
        ),
        (
            "Derivatives.Contract.Order.CancelOrder:CancelOrderRequest.setOrderId",
            10**5000,
            "CancelOrderRequest.orderId: must be 1 to 64 letters, digits, '-' or '_' "
            "(got an integer of about 5001 digits)",
        ),
    ],
    ids=["riskId 10**40", "qty 10**5000", "interval", "limit", "symbol", "cursor", "orderId"],
)
def test_the_rule_is_named(setter: str, value: object, message: str) -> None:
    module, _, attr = setter.partition(":")
    class_name, _, method = attr.partition(".")
    request_class = getattr(
        importlib.import_module(f"carpenstar_bybit.{module}.Request"), class_name
    )
    with pytest.raises(SDKException) as caught:
        getattr(request_class(), method)(value)
    assert str(caught.value) == message


def test_numbers_are_sent_exactly_whatever_the_callers_decimal_context() -> None:
    from carpenstar_bybit.Derivatives.Contract.Order.PlaceOrder.Request import PlaceOrderRequest

    with decimal.localcontext(prec=4):  # a bot's own arithmetic setting
        request = PlaceOrderRequest().setPrice("30123.45").setQty(Decimal("0.123456789"))
        request.setTriggerPrice(0.1234567)
    assert (request.price, request.qty, request.trigger_price) == (
        "30123.45",
        "0.123456789",
        "0.1234567",
    )
    with pytest.raises(SDKException) as caught:
        PlaceOrderRequest().setPrice("0." + "1" * 29)
    assert str(caught.value) == (
        "PlaceOrderRequest.price: has more than 28 significant digits "
        "(got '0.11111111111111111111111111111')"
    )


def test_a_long_real_cursor_is_taken() -> None:
    # V5's documented GET /v5/execution/list example cursor has 544 characters.
    from carpenstar_bybit.Derivatives.Contract.Position.GetExecutionList.Request import (
        GetExecutionListRequest,
    )

    cursor = "ZzU3NlU4M1JlLzhFTWkzeW9hemRVcitqUk4wVW9LL21KVTRWV3JPR0tYTG9uTENWSkFv" * 8
    assert GetExecutionListRequest().setCursor(cursor).getCursor() == cursor


# -- the same rule as a property: any value, any setter ------------------------------------------

LEAVES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=10**30, max_value=10**6000),
    st.floats(allow_nan=True, allow_infinity=True),
    st.decimals(allow_nan=True, allow_infinity=True),
    st.text(st.characters(codec=None, exclude_categories=()), max_size=60),
    st.text(alphabet="ABCXYZ0123456789-.,", min_size=1, max_size=3000),
    # Surrogates are rare in st.text: a lone one after plausible text, every time.
    st.tuples(
        st.text(alphabet="ABC12", max_size=5), st.sampled_from("\ud800\udbff\udc00\udfff")
    ).map("".join),
    st.binary(max_size=8),
)
VALUES = st.recursive(
    LEAVES,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner),
    max_leaves=6,
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(SETTERS), VALUES)
def test_any_value_gives_a_request_or_names_the_field(
    setter: tuple[str, Param], value: object
) -> None:
    _check(*setter, value)


def test_slippage_rules_hold_whatever_the_callers_decimal_context() -> None:
    from carpenstar_bybit.Derivatives.Contract.Order.PlaceOrder.Request import PlaceOrderRequest

    def market(tolerance: str) -> PlaceOrderRequest:
        return (
            PlaceOrderRequest()
            .setSymbol("BTCUSDT")
            .setSide("Buy")
            .setOrderType("Market")
            .setQty(1)
            .setSlippageToleranceType("Percent")
            .setSlippageTolerance(tolerance)
        )

    with decimal.localcontext(prec=2):  # quantize under this context would signal
        assert market("5.55").array()["slippageTolerance"] == "5.55"
        with pytest.raises(SDKException, match=r"slippageTolerance: must be 0\.01 to 10"):
            market("5.555").array()
