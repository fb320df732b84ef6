"""Every validation rule: an SDKException naming the field and the rule, before any I/O."""

from __future__ import annotations

from collections.abc import Callable

import pytest
import requests_mock

from carpenstar_bybit import BybitAPI
from carpenstar_bybit.Core.Exceptions import (
    CarpenstarException,
    SDKException,
    SDKTypeError,
)
from carpenstar_bybit.Derivatives.Contract.Order.CancelAllOrder import CancelAllOrder
from carpenstar_bybit.Derivatives.Contract.Order.CancelAllOrder.Request import (
    CancelAllOrderRequest,
)
from carpenstar_bybit.Derivatives.Contract.Order.CancelOrder import CancelOrder
from carpenstar_bybit.Derivatives.Contract.Order.CancelOrder.Request import CancelOrderRequest

Build = Callable[[], object]

SETTER_CASES: list[tuple[Build, str]] = [
    (
        lambda: CancelOrderRequest().setSymbol("btcusdt"),
        "CancelOrderRequest.symbol: must be uppercase",
    ),
    (lambda: CancelOrderRequest().setSymbol(""), "CancelOrderRequest.symbol: must not be empty"),
    (lambda: CancelOrderRequest().setSymbol("BTC\nUSDT"), "symbol: must not contain control"),
    (lambda: CancelOrderRequest().setSymbol("BTC/USDT"), "symbol: must be an uppercase symbol"),
    (lambda: CancelOrderRequest().setOrderId(""), "CancelOrderRequest.orderId: must not be empty"),
    (lambda: CancelOrderRequest().setOrderId("a b"), "orderId: must be 1 to 64"),
    (lambda: CancelOrderRequest().setOrderId("x\x00"), "orderId: must not contain control"),
    (lambda: CancelOrderRequest().setOrderLinkId("x" * 37), "orderLinkId: must be 1 to 36"),
    (lambda: CancelOrderRequest().setOrderLinkId("\x7f"), "orderLinkId: must not contain control"),
    (lambda: CancelOrderRequest().setCategory("futures"), "category: must be one of linear"),
    (lambda: CancelOrderRequest().setCategory("Linear"), "category: must be one of"),
    (lambda: CancelOrderRequest().setOrderFilter("OpenOrder"), "orderFilter: must be one of Order"),
    (lambda: CancelAllOrderRequest().setBaseCoin("btc"), "baseCoin: must be uppercase"),
    (
        lambda: CancelAllOrderRequest().setSettleCoin("US DT"),
        "settleCoin: must be an uppercase coin",
    ),
    (lambda: CancelAllOrderRequest().setSettleCoin("\t"), "settleCoin: must not contain control"),
    (lambda: CancelAllOrderRequest().setStopOrderType("TakeProfit"), "stopOrderType: must be one"),
    (lambda: CancelAllOrderRequest().setOrderFilter("Orders"), "orderFilter: must be one of"),
    (
        lambda: CancelAllOrderRequest(symbol="ethusdt"),
        "CancelAllOrderRequest.symbol: must be upper",
    ),
]


@pytest.mark.parametrize(("build", "message"), SETTER_CASES)
def test_setter_rules(build: Build, message: str) -> None:
    with pytest.raises(SDKException, match=message.replace("(", r"\(")) as info:
        build()
    assert isinstance(info.value, CarpenstarException)


@pytest.mark.parametrize(
    "build",
    [
        lambda: CancelOrderRequest().setSymbol(123),  # type: ignore[arg-type]
        lambda: CancelOrderRequest().setOrderId(1.5),  # type: ignore[arg-type]
        lambda: CancelOrderRequest().setOrderId(True),  # type: ignore[arg-type]
        lambda: CancelAllOrderRequest().setSettleCoin(["USDT"]),  # type: ignore[arg-type]
    ],
)
def test_wrong_python_type_is_sdk_type_error(build: Build) -> None:
    with pytest.raises(SDKTypeError, match="must be a string") as info:
        build()
    assert isinstance(info.value, TypeError)
    assert isinstance(info.value, SDKException)


def test_int_ids_become_strings() -> None:
    request = CancelOrderRequest().setOrderId(12345).setOrderLinkId(7)
    assert request.getOrderId() == "12345"
    assert request.getOrderLinkId() == "7"


COMBINATION_CASES: list[tuple[object, str]] = [
    (CancelOrderRequest().setOrderId("1"), "CancelOrderRequest.symbol: is required"),
    (
        CancelOrderRequest().setSymbol("BTCUSDT"),
        "CancelOrderRequest.orderId: one of orderId and orderLinkId is required",
    ),
    (
        CancelOrderRequest().setSymbol("XYZ").setOrderId("1"),
        "CancelOrderRequest.category: cannot be told from symbol 'XYZ'; call setCategory",
    ),
    (
        CancelOrderRequest().setSymbol("BTCUSDT").setOrderId("1").setOrderFilter("Order"),
        "orderFilter: is for category 'spot' only",
    ),
    (
        CancelAllOrderRequest(),
        "CancelAllOrderRequest.symbol: one of symbol, baseCoin and settleCoin is required",
    ),
    (
        CancelAllOrderRequest().setBaseCoin("BTC"),
        "CancelAllOrderRequest.category: cannot be told from baseCoin alone; call setCategory",
    ),
    (
        CancelAllOrderRequest().setCategory("linear"),
        "symbol: one of symbol, baseCoin and settleCoin is required for category 'linear'",
    ),
    (
        CancelAllOrderRequest().setCategory("inverse"),
        "symbol: one of symbol, baseCoin and settleCoin is required for category 'inverse'",
    ),
    (
        CancelAllOrderRequest().setCategory("spot").setSettleCoin("USDT"),
        "settleCoin: is not supported for category 'spot'",
    ),
    (
        CancelAllOrderRequest().setCategory("option").setSettleCoin("BTC"),
        "settleCoin: must be USDT or USDC for category 'option'",
    ),
    (
        CancelAllOrderRequest().setSymbol("BTCUSDT").setOrderFilter("tpslOrder"),
        "orderFilter: must be one of Order, StopOrder, OpenOrder for category 'linear'",
    ),
    (
        CancelAllOrderRequest().setCategory("option").setOrderFilter("OpenOrder"),
        "orderFilter: must be one of Order, StopOrder for category 'option'",
    ),
    (
        CancelAllOrderRequest().setCategory("spot").setOrderFilter("OpenOrder"),
        "orderFilter: must be one of Order, tpslOrder, StopOrder, OcoOrder",
    ),
    (
        CancelAllOrderRequest().setSymbol("BTCUSDT").setStopOrderType("Stop"),
        "stopOrderType: needs orderFilter 'StopOrder'",
    ),
    (
        CancelAllOrderRequest()
        .setCategory("spot")
        .setOrderFilter("StopOrder")
        .setStopOrderType("Stop"),
        "stopOrderType: is for categories 'linear' and 'inverse' only",
    ),
    (
        CancelAllOrderRequest().setSymbol("NOTASYMBOL"),
        "category: cannot be told from symbol 'NOTASYMBOL'",
    ),
]


@pytest.mark.parametrize(("request_dto", "message"), COMBINATION_CASES)
def test_combination_rules_fail_before_any_io(
    api: BybitAPI, mock: requests_mock.Mocker, request_dto: object, message: str
) -> None:
    endpoint = CancelOrder if isinstance(request_dto, CancelOrderRequest) else CancelAllOrder
    with pytest.raises(SDKException, match=message.replace("(", r"\(")):
        api.rest(endpoint, request_dto)  # type: ignore[arg-type]
    assert mock.call_count == 0


def test_wrong_request_class_for_endpoint(api: BybitAPI, mock: requests_mock.Mocker) -> None:
    with pytest.raises(SDKException, match="CancelOrder: parameters must be a CancelOrderRequest"):
        api.rest(CancelOrder, CancelAllOrderRequest().setSettleCoin("USDT"))
    with pytest.raises(SDKException, match="parameters must be a CancelAllOrderRequest, got None"):
        api.rest(CancelAllOrder)
    assert mock.call_count == 0


def test_not_an_endpoint_class(api: BybitAPI) -> None:
    with pytest.raises(SDKException, match="is not an endpoint class"):
        api.rest(dict, None)  # type: ignore[arg-type]


def test_bad_output_mode(api: BybitAPI, mock: requests_mock.Mocker) -> None:
    with pytest.raises(SDKException, match="mode: must be one of EnumOutputMode"):
        api.rest(CancelAllOrder, CancelAllOrderRequest().setSettleCoin("USDT"), 7)
    assert mock.call_count == 0


@pytest.mark.parametrize(
    ("host", "message"),
    [
        ("api.bybit.com", "host: must be an http"),
        ("ftp://api.bybit.com", "host: must be an http"),
        ("https://api.bybit.com/v5", "host: must not hold a path"),
        ("https://user:pw@api.bybit.com", "host: must not hold credentials"),
        ("https://api.bybit.com?x=1", "must not hold credentials, a query"),
    ],
)
def test_bad_host(host: str, message: str) -> None:
    with pytest.raises(SDKException, match=message):
        BybitAPI(host, "k", "s")


def test_missing_host_and_keys() -> None:
    request = CancelAllOrderRequest().setSettleCoin("USDT")
    with pytest.raises(SDKException, match="host: is not set"):
        BybitAPI().rest(CancelAllOrder, request)
    with (
        requests_mock.Mocker() as m,
        pytest.raises(SDKException, match="private endpoint needs an API key"),
    ):
        BybitAPI("https://api.bybit.com").rest(CancelAllOrder, request)
    assert m.call_count == 0


@pytest.mark.parametrize("value", [0, 60_001, "5000", True, 1.5])
def test_bad_receive_window(value: object) -> None:
    with pytest.raises(SDKException, match="recv_window: must be whole ms"):
        BybitAPI("https://api.bybit.com", "k", "s", recv_window=value)  # type: ignore[arg-type]


@pytest.mark.parametrize("value", [0, -1, (1, 0), (1, 2, 3), "5", 1000])
def test_bad_timeout(value: object) -> None:
    with pytest.raises(SDKException, match="timeout: must be seconds"):
        BybitAPI("https://api.bybit.com", "k", "s", timeout=value)  # type: ignore[arg-type]


@pytest.mark.parametrize("value", [0, 1001, True, "10"])
def test_bad_pool_size_is_refused_at_construction(value: object) -> None:
    with pytest.raises(SDKException, match="pool_size: must be an integer from 1 to 1000"):
        BybitAPI("https://api.bybit.com", "k", "s", pool_size=value)  # type: ignore[arg-type]


def test_a_callers_session_keeps_its_settings(mock: requests_mock.Mocker) -> None:
    import requests

    session = requests.Session()
    session.trust_env = False
    mock.post(
        "https://api.bybit.com/v5/order/cancel-all", json={"retCode": 0, "result": {"list": []}}
    )
    with BybitAPI("https://api.bybit.com", "k", "s", session=session) as api:
        api.rest(CancelAllOrder, CancelAllOrderRequest().setSettleCoin("USDT"))
        assert api.connection()._session is session
    assert session.trust_env is False
