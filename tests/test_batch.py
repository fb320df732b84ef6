"""V5 batch calls: bodies of lists of orders, per-item outcomes, the sandbox answering them."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
import requests_mock

from carpenstar_bybit import BybitAPI
from carpenstar_bybit.Core.Batch import BatchException
from carpenstar_bybit.Core.Enums import EnumOutputMode
from carpenstar_bybit.Core.Exceptions import ApiException, SDKException, SDKTypeError
from carpenstar_bybit.Core.Response import BatchResponseDto
from carpenstar_bybit.Core.Retry import RetryPolicy
from carpenstar_bybit.Derivatives.Contract.Order.BatchCancelOrder import BatchCancelOrder
from carpenstar_bybit.Derivatives.Contract.Order.BatchCancelOrder.Request import (
    BatchCancelOrderRequest,
)
from carpenstar_bybit.Derivatives.Contract.Order.BatchPlaceOrder import BatchPlaceOrder
from carpenstar_bybit.Derivatives.Contract.Order.BatchPlaceOrder.Overrides import (
    TestBatchPlaceOrder,
)
from carpenstar_bybit.Derivatives.Contract.Order.BatchPlaceOrder.Request import (
    BatchPlaceOrderRequest,
)
from carpenstar_bybit.Derivatives.Contract.Order.BatchReplaceOrder import BatchReplaceOrder
from carpenstar_bybit.Derivatives.Contract.Order.BatchReplaceOrder.Request import (
    BatchReplaceOrderRequest,
)
from carpenstar_bybit.Derivatives.Contract.Order.CancelOrder.Request import CancelOrderRequest
from carpenstar_bybit.Derivatives.Contract.Order.PlaceOrder.Request import PlaceOrderRequest
from carpenstar_bybit.Derivatives.Contract.Order.ReplaceOrder.Request import ReplaceOrderRequest
from carpenstar_bybit.sandbox import Sandbox

from .conftest import FROZEN_MS, HOST, expected_sign


def _limit(symbol: str, price: object, link: str | None = None) -> PlaceOrderRequest:
    order = PlaceOrderRequest().setSymbol(symbol).setSide("Buy").setOrderType("Limit")
    order = order.setQty("0.01").setPrice(price)
    return order if link is None else order.setOrderLinkId(link)


def _answer(outcomes: list[tuple[int, str]]) -> str:
    """A V5 create-batch answer (the docs' example shape) with the given outcomes."""
    items = [
        {
            "category": "linear",
            "symbol": "BTCUSDT",
            "orderId": f"id-{i}" if code == 0 else "",
            "orderLinkId": f"l-{i}",
            "createAt": "1672222047683" if code == 0 else "",
        }
        for i, (code, _) in enumerate(outcomes)
    ]
    ext = [{"code": code, "msg": msg} for code, msg in outcomes]
    return json.dumps(
        {"retCode": 0, "retMsg": "OK", "result": {"list": items}, "retExtInfo": {"list": ext},
         "time": 1672222047684}
    )  # fmt: skip


# -- the wire ---------------------------------------------------------------------------------


def test_batch_place_wire(api: BybitAPI, mock: requests_mock.Mocker) -> None:
    url = f"{HOST}/v5/order/create-batch"
    mock.post(url, text=_answer([(0, "OK"), (0, "OK")]))
    request = (
        BatchPlaceOrderRequest()
        .setCategory("linear")
        .addRequest(_limit("BTCUSDT", 50000, "a-1"))
        .addRequest(_limit("ETHUSDT", "3000.5").setCategory("linear"))
    )
    api.rest(BatchPlaceOrder, request)
    body = (
        b'{"category":"linear","request":['
        b'{"symbol":"BTCUSDT","side":"Buy","orderType":"Limit","qty":"0.01","price":"50000",'
        b'"orderLinkId":"a-1"},'
        b'{"symbol":"ETHUSDT","side":"Buy","orderType":"Limit","qty":"0.01","price":"3000.5"}]}'
    )
    last = mock.last_request
    assert last.url == url
    assert last.body == body
    assert last.headers["X-BAPI-TIMESTAMP"] == str(FROZEN_MS)
    assert last.headers["X-BAPI-SIGN"] == expected_sign(body)


def test_batch_amend_and_cancel_wire(api: BybitAPI, mock: requests_mock.Mocker) -> None:
    mock.post(f"{HOST}/v5/order/amend-batch", text=_answer([(0, "OK")]))
    mock.post(f"{HOST}/v5/order/cancel-batch", text=_answer([(0, "OK"), (0, "OK")]))
    amend = ReplaceOrderRequest().setSymbol("BTCUSDT").setOrderId("1").setPrice(51000)
    api.rest(BatchReplaceOrder, BatchReplaceOrderRequest().setCategory("linear").addRequest(amend))
    body = b'{"category":"linear","request":[{"symbol":"BTCUSDT","orderId":"1","price":"51000"}]}'
    assert mock.last_request.body == body
    assert mock.last_request.headers["X-BAPI-SIGN"] == expected_sign(body)
    cancels = [
        CancelOrderRequest().setSymbol("BTCUSDT").setOrderId("1"),
        CancelOrderRequest().setSymbol("BTCUSDT").setOrderLinkId("x-2"),
    ]
    api.rest(BatchCancelOrder, BatchCancelOrderRequest().setCategory("spot").setRequest(cancels))
    body = (
        b'{"category":"spot","request":[{"symbol":"BTCUSDT","orderId":"1"},'
        b'{"symbol":"BTCUSDT","orderLinkId":"x-2"}]}'
    )
    assert mock.last_request.url == f"{HOST}/v5/order/cancel-batch"
    assert mock.last_request.body == body
    assert mock.last_request.headers["X-BAPI-SIGN"] == expected_sign(body)


# -- refused before any I/O -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("request_dto", "message"),
    [
        (BatchPlaceOrderRequest().addRequest(_limit("BTCUSDT", 1)), "category: is required"),
        (BatchPlaceOrderRequest().setCategory("linear"), r"request: needs 1 to 20 items"),
        (
            BatchPlaceOrderRequest().setCategory("spot").setRequest([_limit("BTCUSDT", 1)] * 11),
            "at most 10 items for category 'spot'",
        ),
        (
            BatchPlaceOrderRequest().setCategory("linear").setRequest([_limit("BTCUSDT", 1)] * 21),
            "at most 20 items for category 'linear'",
        ),
        (
            BatchPlaceOrderRequest()
            .setCategory("linear")
            .addRequest(_limit("BTCUSDT", 1))
            .addRequest(_limit("BTCUSDT", 1).setOrderType("Limit").setPrice(1).setMmp(True)),
            r"request\[1\]: PlaceOrderRequest.mmp: is for category 'option' only",
        ),
        (
            BatchPlaceOrderRequest()
            .setCategory("linear")
            .addRequest(PlaceOrderRequest().setSymbol("BTCUSDT").setSide("Buy")),
            r"request\[0\]: PlaceOrderRequest.orderType: is required",
        ),
        (
            BatchPlaceOrderRequest()
            .setCategory("linear")
            .addRequest(_limit("BTCUSDT", 1).setCategory("inverse")),
            r"request\[0\]: PlaceOrderRequest.category: is 'inverse', but the batch's",
        ),
        (
            BatchPlaceOrderRequest()
            .setCategory("linear")
            .addRequest(
                PlaceOrderRequest()
                .setSymbol("BTCUSDT")
                .setSide("Buy")
                .setOrderType("Market")
                .setQty(1)
                .setSlippageToleranceType("Percent")
                .setSlippageTolerance("0.5")
            ),
            r"request\[0\]: PlaceOrderRequest.slippageToleranceType: is not taken in a batch",
        ),
        (
            BatchCancelOrderRequest()
            .setCategory("spot")
            .addRequest(
                CancelOrderRequest().setSymbol("BTCUSDT").setOrderId("1").setOrderFilter("Order")
            ),
            r"request\[0\]: CancelOrderRequest.orderFilter: is not taken in a batch",
        ),
    ],
)
def test_a_bad_batch_is_refused_before_sending(
    api: BybitAPI, mock: requests_mock.Mocker, request_dto: object, message: str
) -> None:
    endpoint = {
        BatchPlaceOrderRequest: BatchPlaceOrder,
        BatchCancelOrderRequest: BatchCancelOrder,
    }[type(request_dto)]
    with pytest.raises(SDKException, match=message):
        api.rest(endpoint, request_dto)  # type: ignore[arg-type]
    assert mock.call_count == 0


def test_an_item_of_another_endpoint_is_a_type_error() -> None:
    with pytest.raises(SDKTypeError, match=r"request\[0\]: must be a PlaceOrderRequest"):
        BatchPlaceOrderRequest().addRequest(CancelOrderRequest())  # type: ignore[arg-type]
    with pytest.raises(SDKTypeError, match="must be a list of PlaceOrderRequest"):
        BatchPlaceOrderRequest().setRequest("BTCUSDT")  # type: ignore[arg-type]


# -- outcomes per item -------------------------------------------------------------------------


def test_all_items_taken_is_a_success() -> None:
    answer = TestBatchPlaceOrder().execute(EnumOutputMode.MODE_ENTITY, _answer([(0, "OK")] * 2))
    assert isinstance(answer, BatchResponseDto)
    assert answer.getSuccess() is True
    assert answer.getFailed() == []
    first, second = answer.getBody().all()
    assert (first.getOrderId(), first.getCode(), first.getMessage()) == ("id-0", 0, "OK")
    assert first.isSuccess()
    assert second.isSuccess()
    assert first.getCreateAt() is not None
    assert first.getCreateAt().year == 2022
    assert answer.getSucceeded() == [first, second]
    assert answer.raiseForFailures() is answer


def test_some_items_refused_names_each() -> None:
    text = _answer([(0, "OK"), (110007, "Insufficient available balance"), (0, "OK")])
    answer = TestBatchPlaceOrder().execute(EnumOutputMode.MODE_ENTITY, text)
    assert answer.getReturnCode() == 0
    assert answer.getSuccess() is False
    (failed,) = answer.getFailed()
    assert (failed.getOrderLinkId(), failed.getCode()) == ("l-1", 110007)
    assert failed.getMessage() == "Insufficient available balance"
    assert not failed.isSuccess()
    assert [i.getOrderId() for i in answer.getSucceeded()] == ["id-0", "id-2"]
    with pytest.raises(BatchException, match=r"1 of 3 batch items refused: item 1: \[110007\]"):
        answer.raiseForFailures()


def test_all_items_refused_never_reads_as_a_success() -> None:
    text = _answer([(10001, "params error"), (170213, "Order does not exist.")])
    for mode in (EnumOutputMode.MODE_ENTITY, EnumOutputMode.MODE_ARRAY, EnumOutputMode.MODE_JSON):
        answer = TestBatchPlaceOrder().execute(mode, text)
        assert answer.getReturnCode() == 0  # the call was taken ...
        assert answer.getSuccess() is False  # ... none of its orders was
        assert len(answer.getFailed()) == 2
        assert answer.getSucceeded() == []
    array = TestBatchPlaceOrder().execute(EnumOutputMode.MODE_ARRAY, text)
    assert [(o["code"], o["msg"]) for o in array.getFailed()] == [
        (10001, "params error"),
        (170213, "Order does not exist."),
    ]
    assert array.getBody().all()[0] == json.loads(text)["result"]["list"][0]  # items as sent
    with pytest.raises(BatchException) as caught:
        array.raiseForFailures()
    assert caught.value.failures == [
        (0, 10001, "params error"),
        (1, 170213, "Order does not exist."),
    ]
    assert isinstance(caught.value, ApiException)


def test_an_item_without_an_outcome_is_not_a_success() -> None:
    text = json.dumps(
        {"retCode": 0, "retMsg": "OK", "result": {"list": [{"orderId": "1"}]}, "retExtInfo": {}}
    )
    answer = TestBatchPlaceOrder().execute(EnumOutputMode.MODE_ENTITY, text)
    assert answer.getSuccess() is False
    assert answer.getBody().fetch().getCode() is None
    assert len(answer.getFailed()) == 1


def test_outcomes_that_do_not_pair_with_the_items_are_a_malformed_answer() -> None:
    text = json.dumps(
        {"retCode": 0, "retMsg": "OK", "result": {"list": [{"orderId": "1"}]},
         "retExtInfo": {"list": [{"code": 0, "msg": "OK"}, {"code": 0, "msg": "OK"}]}}
    )  # fmt: skip
    with pytest.raises(ApiException, match="one outcome per item"):
        TestBatchPlaceOrder().execute(EnumOutputMode.MODE_ENTITY, text)


def test_an_empty_batch_answer_is_no_success() -> None:
    answer = TestBatchPlaceOrder().execute(EnumOutputMode.MODE_ENTITY, _answer([]))
    assert answer.getSuccess() is False
    assert answer.getFailed() == []


# -- the sandbox answers per item, over real HTTP ------------------------------------------------

SKEY, SSECRET = "batch-key", "batch-secret"


@pytest.fixture(scope="module")
def sandbox() -> Iterator[Sandbox]:
    with Sandbox(keys={SKEY: SSECRET}, rate_limit=None, seed=5) as server:
        yield server


@pytest.fixture
def live(sandbox: Sandbox) -> Iterator[BybitAPI]:
    sandbox.reset()
    with BybitAPI(sandbox.base_url, SKEY, SSECRET, retry=RetryPolicy.off(), timeout=5) as bybit:
        yield bybit


def test_sandbox_batch_place_amend_cancel_per_item(live: BybitAPI, sandbox: Sandbox) -> None:
    sandbox.set_price("BTCUSDT", "60000")
    placed = live.rest(
        BatchPlaceOrder,
        BatchPlaceOrderRequest()
        .setCategory("linear")
        .setRequest([_limit("BTCUSDT", 59000, "b-1"), _limit("BTCUSDT", 58000, "b-2")]),
    )
    assert placed.getSuccess() is True
    ids = [item.getOrderId() for item in placed.getBody().all()]
    assert all(ids)
    assert len(set(ids)) == 2
    assert sandbox.open_count(SKEY, "linear") == 2

    # The second amend names an order that does not exist: refused alone, the first is done.
    amended = live.rest(
        BatchReplaceOrder,
        BatchReplaceOrderRequest()
        .setCategory("linear")
        .addRequest(ReplaceOrderRequest().setSymbol("BTCUSDT").setOrderLinkId("b-1").setPrice(58500))
        .addRequest(ReplaceOrderRequest().setSymbol("BTCUSDT").setOrderLinkId("nope").setPrice(1)),
    )  # fmt: skip
    assert amended.getSuccess() is False
    ok, refused = amended.getBody().all()
    assert ok.isSuccess()
    assert ok.getOrderId() == ids[0]
    assert refused.getCode() == 110001
    assert refused.getOrderId() == ""

    cancelled = live.rest(
        BatchCancelOrder,
        BatchCancelOrderRequest()
        .setCategory("linear")
        .setRequest([CancelOrderRequest().setSymbol("BTCUSDT").setOrderId(i) for i in ids]),
    )
    assert cancelled.getSuccess() is True
    assert sandbox.open_count(SKEY, "linear") == 0

    # Everything refused: the call answers retCode 0, and the answer says none was done.
    again = live.rest(
        BatchCancelOrder,
        BatchCancelOrderRequest()
        .setCategory("linear")
        .setRequest([CancelOrderRequest().setSymbol("BTCUSDT").setOrderId(i) for i in ids]),
    )
    assert again.getReturnCode() == 0
    assert again.getSuccess() is False
    assert [item.getCode() for item in again.getFailed()] == [110001, 110001]


def test_sandbox_refuses_a_batch_over_the_category_limit(live: BybitAPI) -> None:
    # Sent around the library's own check, as another client could.
    body = {"category": "spot", "request": [{"symbol": "BTCUSDT", "orderId": "1"}] * 11}
    answer = live.connection().request("POST", "/v5/order/cancel-batch", body, signed=True)
    assert answer.payload()["retCode"] == 10001
    assert "at most 10" in answer.payload()["retMsg"]
