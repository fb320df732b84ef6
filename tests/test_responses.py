"""Output modes, the PHP original's own fixtures, the Overrides endpoints and the limit headers."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
import requests_mock

from carpenstar_bybit import BybitAPI
from carpenstar_bybit.Core.Builders import ResponseDtoBuilder, ResponseHandlerBuilder, RestBuilder
from carpenstar_bybit.Core.Enums import EnumOutputMode
from carpenstar_bybit.Core.Exceptions import ApiException, SDKException
from carpenstar_bybit.Core.Objects.Collection import (
    ArrayCollection,
    EntityCollection,
    StringCollection,
)
from carpenstar_bybit.Core.Response import CurlResponseDto, CurlResponseHandler
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
from carpenstar_bybit.Derivatives.Contract.Order.CancelOrder.Overrides import TestCancelOrder
from carpenstar_bybit.Derivatives.Contract.Order.CancelOrder.Request import CancelOrderRequest
from carpenstar_bybit.Derivatives.Contract.Order.CancelOrder.Response import CancelOrderResponse

from .conftest import HOST

FIXTURES = Path(__file__).parent / "fixtures"
CANCEL_ALL_URL = f"{HOST}/v5/order/cancel-all"
LIMIT_HEADERS = {
    "X-Bapi-Limit": "10",
    "X-Bapi-Limit-Status": "7",
    "X-Bapi-Limit-Reset-Timestamp": "1707381119000",
}


def fixture(name: str) -> str:
    return (FIXTURES / name).read_text()


# -- the PHP original's tests, ported ---------------------------------------------------------


def test_php_cancel_order_fixture_through_every_builder() -> None:
    text = fixture("php_cancel_order.json")
    dto = ResponseDtoBuilder.make(CancelOrderResponse, json.loads(text)["result"])
    assert isinstance(dto, CancelOrderResponse)
    assert dto.getOrderId() == "4c51a45f-7795-4b38-9b66-3c306b73f112"
    assert dto.getOrderLinkId() == "e80d558e-ed"

    handled = ResponseHandlerBuilder.make(text, CurlResponseHandler, CancelOrderResponse)
    assert isinstance(handled.getBody(), EntityCollection)
    assert handled.getBody().count() == 1

    endpoint = RestBuilder.make(TestCancelOrder, CancelOrderRequest().setOrderId(12345))
    answer = endpoint.execute(EnumOutputMode.MODE_ENTITY, text)
    assert isinstance(answer, CurlResponseDto)
    item = answer.getBody().fetch()
    assert isinstance(item, CancelOrderResponse)
    assert item.getOrderId() == "4c51a45f-7795-4b38-9b66-3c306b73f112"
    assert answer.getBody().fetch() is None
    assert answer.getTime() is None


def test_php_cancel_all_fixture_through_every_builder() -> None:
    text = fixture("php_cancel_all_order.json")
    for raw in json.loads(text)["result"]["list"]:
        dto = ResponseDtoBuilder.make(CancelAllOrderResponse, raw)
        assert dto.getOrderLinkId() == "liang-001"

    handled = ResponseHandlerBuilder.make(text, CurlResponseHandler, CancelAllOrderResponse)
    assert handled.getBody().count() == 1

    answer = RestBuilder.make(TestCancelAllOrder, CancelAllOrderRequest()).execute(
        EnumOutputMode.MODE_ENTITY, text
    )
    item = answer.getBody().fetch()
    assert isinstance(item, CancelAllOrderResponse)
    assert item.getOrderId() == "6cba55ea-6996-44f5-bd0f-ac09ffda4ab1"
    assert answer.getTime() == datetime(2023, 1, 4, 5, 33, 8, 787000, tzinfo=UTC)
    assert answer.getReturnExtendedInfo() == {"list": [{"code": 0, "msg": "success"}]}
    assert answer.getSuccess() is None


def test_override_needs_json_and_reports_api_errors() -> None:
    endpoint = RestBuilder.make(TestCancelOrder, CancelOrderRequest())
    with pytest.raises(SDKException, match="the JSON text to parse is required"):
        endpoint.execute(EnumOutputMode.MODE_ENTITY)
    with pytest.raises(ApiException) as info:
        endpoint.execute(0, '{"retCode":110001,"retMsg":"order not exists","result":{}}')
    assert info.value.getCode() == 110001
    assert info.value.path == "/v5/order/cancel"


# -- output modes -------------------------------------------------------------------------------


def test_v5_doc_example_in_every_mode(api: BybitAPI, mock: requests_mock.Mocker) -> None:
    text = fixture("v5_cancel_all.json")
    mock.post(CANCEL_ALL_URL, text=text, headers=LIMIT_HEADERS)
    request = CancelAllOrderRequest().setSettleCoin("USDT")

    entity = api.rest(CancelAllOrder, request)
    body = entity.getBody()
    assert isinstance(body, EntityCollection)
    assert [(i.getOrderId(), i.getOrderLinkId()) for i in body.all()] == [
        ("1616024329462743808", "1616024329462743809"),
        ("1616024287544869632", "1616024287544869633"),
    ]
    assert entity.getSuccess() is True
    assert entity.getReturnCode() == 0
    assert entity.getReturnMessage() == "OK"
    assert entity.getTime() == datetime.fromtimestamp(1707381118.116, tz=UTC)

    array = api.rest(CancelAllOrder, request, EnumOutputMode.MODE_ARRAY)
    assert isinstance(array.getBody(), ArrayCollection)
    assert array.getBody().all() == json.loads(text)["result"]["list"]

    raw = api.rest(CancelAllOrder, request, EnumOutputMode.MODE_JSON)
    assert isinstance(raw.getBody(), StringCollection)
    assert raw.getBody().all() == [text]


def test_limit_headers_and_success_flag(api: BybitAPI, mock: requests_mock.Mocker) -> None:
    mock.post(
        CANCEL_ALL_URL,
        json={"retCode": 0, "retMsg": "OK", "result": {"list": [], "success": "0"}},
        headers=LIMIT_HEADERS,
    )
    answer = api.rest(CancelAllOrder, CancelAllOrderRequest().setSettleCoin("USDT"))
    assert answer.getRateLimit() == 10
    assert answer.getRateLimitStatus() == 7
    assert answer.getRateLimitResetTimestamp() == 1707381119000
    assert answer.getRateLimitReset() == datetime.fromtimestamp(1707381119, tz=UTC)
    assert answer.getHeader("x-bapi-limit-status") == "7"
    assert answer.getSuccess() is False
    assert answer.getBody().count() == 0
    assert answer.getHttpStatus() == 200


def test_missing_or_broken_limit_headers_are_none(
    api: BybitAPI, mock: requests_mock.Mocker
) -> None:
    mock.post(
        CANCEL_ALL_URL, json={"retCode": 0, "result": {"list": []}}, headers={"X-Bapi-Limit": "ten"}
    )
    answer = api.rest(CancelAllOrder, CancelAllOrderRequest().setSettleCoin("USDT"))
    assert answer.getRateLimit() is None
    assert answer.getRateLimitStatus() is None
    assert answer.getRateLimitReset() is None
    assert answer.getBody().count() == 0


def test_cancel_result_is_single_item(api: BybitAPI, mock: requests_mock.Mocker) -> None:
    mock.post(f"{HOST}/v5/order/cancel", text=fixture("v5_cancel.json"))
    answer = api.rest(CancelOrder, CancelOrderRequest().setSymbol("BTCUSDT").setOrderId("x"))
    assert answer.getBody().count() == 1
    item = answer.getBody().fetch()
    assert isinstance(item, CancelOrderResponse)
    assert (item.getOrderId(), item.getOrderLinkId()) == (
        "c6f055d9-7f21-4079-913d-e6523a9cfffa",
        "linear-004",
    )


def test_lenient_item_fields() -> None:
    text = '{"retCode":0,"result":{"list":[{"orderId":1616024329462743808},{"orderLinkId":"a"}]}}'
    answer = TestCancelAllOrder().execute(EnumOutputMode.MODE_ENTITY, text)
    first, second = answer.getBody().all()
    assert first.getOrderId() == "1616024329462743808"
    assert first.getOrderLinkId() == ""
    assert second.getOrderId() == ""


# -- collections and builders ----------------------------------------------------------------


def test_collection_surface() -> None:
    collection: EntityCollection[str] = EntityCollection()
    assert collection.push("a").push("b") is collection
    assert collection.count() == 2
    assert len(collection) == 2
    assert collection.all() == ["a", "b"]
    assert collection.fetch() == "a"
    assert collection.fetch() == "b"
    assert collection.fetch() is None
    assert collection.fetch() is None
    assert list(collection) == ["a", "b"]


def test_builders_refuse_wrong_classes() -> None:
    with pytest.raises(SDKException, match="is not a response DTO class"):
        ResponseDtoBuilder.make(dict, {})  # type: ignore[type-var]
    with pytest.raises(SDKException, match="data must be a mapping"):
        ResponseDtoBuilder.make(CancelOrderResponse, [])  # type: ignore[arg-type]
    with pytest.raises(SDKException, match="does not fit CancelOrderResponse"):
        ResponseDtoBuilder.make(CancelOrderResponse, {"orderId": {"x": 1}})
    with pytest.raises(SDKException, match="is not a handler class"):
        ResponseHandlerBuilder.make("{}", dict, CancelOrderResponse)  # type: ignore[arg-type]
    with pytest.raises(SDKException, match="is not a response DTO class"):
        CurlResponseHandler().bindDto(str)  # type: ignore[arg-type]
    with pytest.raises(SDKException, match="no DTO bound"):
        CurlResponseHandler().handle("{}")
