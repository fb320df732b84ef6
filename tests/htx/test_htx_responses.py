"""Every answer shape: seed examples, partial failures, 1051, lenient values, modes, headers."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
import requests_mock
from htx_testkit import SWAP_PATH, V5_PATH, fixture_text

from carpenstar_bybit.Core.Builders import ResponseHandlerBuilder
from carpenstar_bybit.Core.Enums import EnumOutputMode
from carpenstar_bybit.Core.Exceptions import SDKException
from carpenstar_bybit.Core.Objects.Collection import (
    ArrayCollection,
    EntityCollection,
    StringCollection,
)
from carpenstar_bybit.Core.Response import CurlResponseDto
from carpenstar_bybit.Derivatives.Contract.Order.CancelAllOrder.Response import (
    CancelAllOrderResponse,
)
from carpenstar_bybit.Htx import HBDM, HtxAPI
from carpenstar_bybit.Htx.Response import HtxCancelResult, HtxResponseDto, HtxResponseHandler
from carpenstar_bybit.Htx.Swap.Trade.SwapCancelAll import SwapCancelAll
from carpenstar_bybit.Htx.Swap.Trade.SwapCancelAll.Overrides import TestSwapCancelAll
from carpenstar_bybit.Htx.Swap.Trade.SwapCancelAll.Request import SwapCancelAllRequest
from carpenstar_bybit.Htx.Swap.Trade.SwapCancelAll.Response import SwapCancelAllResponse
from carpenstar_bybit.Htx.V5.Trade.CancelAllOrders import CancelAllOrders
from carpenstar_bybit.Htx.V5.Trade.CancelAllOrders.Overrides import TestCancelAllOrders
from carpenstar_bybit.Htx.V5.Trade.CancelAllOrders.Request import CancelAllOrdersRequest
from carpenstar_bybit.Htx.V5.Trade.CancelAllOrders.Response import CancelAllOrdersResponse

SEED_V5_IDS = [
    "1329854624317231104",
    "1329854624434671616",
    "1329854624824741888",
    "1329854624686329856",
    "1329854624258510848",
    "1329854624380145664",
    "1329854624497586176",
    "1329854624556306432",
    "1329854624971542528",
    "1329854625118343168",
    "1329854624615026688",
    "1329849524702072832",
    "1329854624753438720",
    "1329854624896045056",
]
SEED_SWAP_IDS = ["769851022939828224", "770281496367714304", "771038739454672896"]
LIMIT_HEADERS = {
    "ratelimit-limit": "72",
    "ratelimit-interval": "3000",
    "ratelimit-remaining": "69",
    "ratelimit-reset": "1737104247869",
}


def v5(text: str, mode: int = EnumOutputMode.MODE_ENTITY) -> HtxResponseDto:
    answer = TestCancelAllOrders().execute(mode, text)
    assert isinstance(answer, HtxResponseDto)
    return answer


def swap(text: str, mode: int = EnumOutputMode.MODE_ENTITY) -> HtxResponseDto:
    answer = TestSwapCancelAll().execute(mode, text)
    assert isinstance(answer, HtxResponseDto)
    return answer


# -- v5 -------------------------------------------------------------------------------------------


def test_v5_seed_example(api: HtxAPI, mock: requests_mock.Mocker) -> None:
    mock.post(f"{HBDM}{V5_PATH}", text=fixture_text("v5_cancel_all_orders.json"))
    answer = api.rest(CancelAllOrders, CancelAllOrdersRequest())
    assert isinstance(answer, HtxResponseDto)
    items = answer.getBody().all()
    assert all(isinstance(item, CancelAllOrdersResponse) for item in items)
    assert [item.getOrderId() for item in items] == SEED_V5_IDS
    assert [item.getClientOrderId() for item in items] == SEED_V5_IDS
    assert {(item.getCode(), item.getMessage(), item.isCancelled()) for item in items} == {
        (200, "成功", True)
    }
    assert answer.getReturnCode() == 200
    assert answer.getReturnMessage() == "Success"
    assert answer.getTime() == datetime(2025, 1, 17, 8, 57, 24, 869000, tzinfo=UTC)
    assert answer.getTimeMs() == 1737104244869
    assert len(answer.getCancelled()) == 14
    assert answer.getFailed() == []
    assert answer.getHttpStatus() == 200


def test_v5_item_with_its_own_error_code_was_not_cancelled() -> None:
    answer = v5(fixture_text("v5_cancel_all_orders_partial.json"))
    done, missed = answer.getBody().all()
    assert done.isCancelled()
    assert not missed.isCancelled()
    assert (missed.getCode(), missed.getMessage()) == (1061, "This order doesnt exist.")
    assert missed.getClientOrderId() == ""
    assert answer.getCancelled() == [done]
    assert answer.getFailed() == [missed]
    assert answer.getReturnCode() == 200  # the call succeeded; one order did not


def test_v5_lenient_numbers_and_msg() -> None:
    text = json.dumps(
        {
            "code": "200",
            "data": [
                {"order_id": 1329854624317231104, "client_order_id": None, "code": "200"},
                {"order_id": "7", "code": " 1061 ", "msg": "gone"},
            ],
            "msg": "Success",
            "ts": "1737104244869",
        }
    )
    answer = v5(text)
    first, second = answer.getBody().all()
    assert (first.getOrderId(), first.getClientOrderId(), first.isCancelled()) == (
        "1329854624317231104",
        "",
        True,
    )
    assert (second.getCode(), second.getMessage(), second.isCancelled()) == (1061, "gone", False)
    assert answer.getReturnMessage() == "Success"
    assert answer.getTimeMs() == 1737104244869


@pytest.mark.parametrize(
    "text",
    [
        '{"code":200,"data":[],"message":"Success","ts":1}',
        '{"code":200,"data":null,"message":"Success","ts":1}',
        '{"code":200,"message":"Success"}',
    ],
)
def test_v5_nothing_cancelled(text: str) -> None:
    answer = v5(text)
    assert answer.getBody().count() == 0
    assert answer.getReturnCode() == 200


# -- swap -----------------------------------------------------------------------------------------


def test_swap_seed_example(api: HtxAPI, mock: requests_mock.Mocker) -> None:
    mock.post(f"{HBDM}{SWAP_PATH}", text=fixture_text("swap_cancelall.json"))
    answer = api.rest(SwapCancelAll, SwapCancelAllRequest().setContractCode("BTC-USD"))
    assert isinstance(answer, HtxResponseDto)
    items = answer.getBody().all()
    assert [item.getOrderId() for item in items] == SEED_SWAP_IDS
    assert all(isinstance(item, SwapCancelAllResponse) for item in items)
    assert all(item.getErrCode() is None and item.getErrMsg() is None for item in items)
    assert all(item.isCancelled() for item in items)
    assert answer.getReturnCode() == 200
    assert answer.getReturnMessage() == "ok"
    assert answer.getTimeMs() == 1603871951673


def test_swap_partial_success_gives_one_dto_per_order() -> None:
    answer = swap(fixture_text("swap_cancelall_partial.json"))
    done, missed = answer.getBody().all()
    assert (done.getOrderId(), done.isCancelled()) == ("769851022939828224", True)
    assert (missed.getOrderId(), missed.getErrCode(), missed.getErrMsg()) == (
        "769851022939828225",
        1061,
        "This order doesnt exist.",
    )
    assert not missed.isCancelled()
    assert answer.getCancelled() == [done]
    assert answer.getFailed() == [missed]


@pytest.mark.parametrize(
    ("data", "ids"),
    [
        ({"errors": [], "successes": ""}, []),
        ({"errors": [], "successes": "1"}, ["1"]),
        ({"errors": [], "successes": " 1 , 2,,3 ,"}, ["1", "2", "3"]),
        ({"successes": [4, "5"]}, ["4", "5"]),
        ({"successes": 6}, ["6"]),
        ({}, []),
        (None, []),
    ],
)
def test_swap_successes_forms(data: object, ids: list[str]) -> None:
    answer = swap(json.dumps({"status": "ok", "data": data, "ts": 1}))
    assert [item.getOrderId() for item in answer.getBody().all()] == ids
    assert len(answer.getCancelled()) == len(ids)


def test_swap_lenient_error_entries() -> None:
    text = json.dumps(
        {
            "status": "ok",
            "data": {
                "errors": [
                    {"order_id": 770281496367714305, "err_code": "1061", "msg": "missing"},
                    {"order_id": "9", "err_code": 1071},
                ],
                "successes": "",
            },
            "ts": "1603871951673",
        }
    )
    answer = swap(text)
    first, second = answer.getBody().all()
    assert (first.getOrderId(), first.getErrCode(), first.getErrMsg()) == (
        "770281496367714305",
        1061,
        "missing",
    )
    assert (second.getErrCode(), second.getErrMsg()) == (1071, "")
    assert answer.getCancelled() == []
    assert answer.getTimeMs() == 1603871951673


# -- 1051: nothing to cancel is an empty success --------------------------------------------------


@pytest.mark.parametrize(
    ("endpoint", "fixture"),
    [
        (TestSwapCancelAll, "swap_no_orders.json"),
        (TestCancelAllOrders, "v5_no_orders.json"),
        (TestCancelAllOrders, "swap_no_orders.json"),  # the gateway's shape on the v5 path
    ],
)
@pytest.mark.parametrize("mode", EnumOutputMode.ALL)
def test_no_orders_to_cancel_is_an_empty_success(
    endpoint: type[TestSwapCancelAll] | type[TestCancelAllOrders], fixture: str, mode: int
) -> None:
    text = fixture_text(fixture)
    answer = endpoint().execute(mode, text)
    assert isinstance(answer, HtxResponseDto)
    assert answer.getReturnCode() == 1051
    assert answer.getReturnMessage() == "No orders to cancel."
    assert answer.getCancelled() == []
    assert answer.getFailed() == []
    expected = [text] if mode == EnumOutputMode.MODE_JSON else []
    assert answer.getBody().all() == expected


def test_no_orders_over_http(api: HtxAPI, mock: requests_mock.Mocker) -> None:
    mock.post(f"{HBDM}{SWAP_PATH}", text=fixture_text("swap_no_orders.json"))
    answer = api.rest(SwapCancelAll, SwapCancelAllRequest().setContractCode("BTC-USD"))
    assert answer.getReturnCode() == 1051
    assert answer.getBody().count() == 0


# -- output modes ---------------------------------------------------------------------------------


def test_every_mode_for_v5(api: HtxAPI, mock: requests_mock.Mocker) -> None:
    text = fixture_text("v5_cancel_all_orders.json")
    mock.post(f"{HBDM}{V5_PATH}", text=text)
    entity = api.rest(CancelAllOrders, CancelAllOrdersRequest(), EnumOutputMode.MODE_ENTITY)
    assert isinstance(entity.getBody(), EntityCollection)

    array = api.rest(CancelAllOrders, CancelAllOrdersRequest(), EnumOutputMode.MODE_ARRAY)
    assert isinstance(array.getBody(), ArrayCollection)
    assert array.getBody().all() == json.loads(text)["data"]

    raw = api.rest(CancelAllOrders, CancelAllOrdersRequest(), EnumOutputMode.MODE_JSON)
    assert isinstance(raw.getBody(), StringCollection)
    assert raw.getBody().all() == [text]
    # The split into cancelled and failed is there whatever the mode.
    assert len(array.getCancelled()) == len(raw.getCancelled()) == 14


def test_every_mode_for_swap() -> None:
    text = fixture_text("swap_cancelall_partial.json")
    array = swap(text, EnumOutputMode.MODE_ARRAY)
    assert array.getBody().all() == [
        {"order_id": "769851022939828224", "err_code": None, "err_msg": None},
        {"order_id": "769851022939828225", "err_code": 1061, "err_msg": "This order doesnt exist."},
    ]
    assert swap(text, EnumOutputMode.MODE_JSON).getBody().all() == [text]
    assert len(array.getFailed()) == 1


def test_array_mode_makes_lenient_values_regular() -> None:
    text = '{"code":200,"data":[{"order_id":"1","code":"200","msg":"ok"}],"ts":1}'
    (item,) = v5(text, EnumOutputMode.MODE_ARRAY).getBody().all()
    assert (item["code"], item["message"]) == (200, "ok")


# -- headers --------------------------------------------------------------------------------------


def test_limit_headers(api: HtxAPI, mock: requests_mock.Mocker) -> None:
    mock.post(
        f"{HBDM}{V5_PATH}",
        text=fixture_text("v5_cancel_all_orders.json"),
        headers={**LIMIT_HEADERS, "Recovery-Time": "1737104300000"},
    )
    answer = api.rest(CancelAllOrders, CancelAllOrdersRequest())
    assert isinstance(answer, HtxResponseDto)
    assert answer.getRateLimitLimit() == 72
    assert answer.getRateLimitInterval() == 3000
    assert answer.getRateLimitRemaining() == 69
    assert answer.getRateLimitResetMs() == 1737104247869
    assert answer.getRecoveryTime() == 1737104300000
    # The Bybit-named getters read the same budget.
    assert answer.getRateLimit() == 72
    assert answer.getRateLimitStatus() == 69
    assert answer.getHeader("RateLimit-Remaining") == "69"


def test_limit_headers_missing_or_broken_are_none(api: HtxAPI, mock: requests_mock.Mocker) -> None:
    mock.post(
        f"{HBDM}{SWAP_PATH}",
        text=fixture_text("swap_cancelall.json"),
        headers={"ratelimit-limit": "lots", "ratelimit-remaining": "1.5"},
    )
    answer = api.rest(SwapCancelAll, SwapCancelAllRequest().setContractCode("BTC-USD"))
    assert isinstance(answer, HtxResponseDto)
    assert answer.getRateLimitLimit() is None
    assert answer.getRateLimitRemaining() is None
    assert answer.getRateLimitInterval() is None
    assert answer.getRateLimitResetMs() is None
    assert answer.getRecoveryTime() is None


def test_headers_given_to_handle() -> None:
    handler = HtxResponseHandler(SwapCancelAllResponse)
    answer = handler.handle(fixture_text("swap_cancelall.json"), headers=LIMIT_HEADERS)
    assert isinstance(answer, HtxResponseDto)
    assert answer.getRateLimitRemaining() == 69


@pytest.mark.parametrize("ts", ['"soon"', "null", "true", "1.5", '"1e3"'])
def test_bad_ts_is_no_time(ts: str) -> None:
    answer = swap('{"status":"ok","data":{"successes":"1"},"ts":' + ts + "}")
    assert answer.getTime() is None
    assert answer.getBody().count() == 1


def test_repr_is_short() -> None:
    answer = v5(fixture_text("v5_cancel_all_orders_partial.json"))
    assert repr(answer) == "HtxResponseDto(code=200, message='Success', cancelled=1, failed=1)"


# -- the handler and the builders -----------------------------------------------------------------


def test_handler_through_the_core_builder() -> None:
    answer = ResponseHandlerBuilder.make(
        fixture_text("swap_cancelall.json"), HtxResponseHandler, SwapCancelAllResponse
    )
    assert isinstance(answer, CurlResponseDto)
    assert answer.getBody().count() == 3


def test_handler_refuses_dtos_that_cannot_read_htx_data() -> None:
    with pytest.raises(SDKException, match="not an HTX response DTO class"):
        HtxResponseHandler(CancelAllOrderResponse)
    with pytest.raises(SDKException, match="not an HTX response DTO class"):
        HtxResponseHandler(HtxCancelResult)
    with pytest.raises(SDKException, match="no DTO bound"):
        HtxResponseHandler().handle("{}")
    with pytest.raises(SDKException, match="mode"):
        HtxResponseHandler(SwapCancelAllResponse).handle("{}", 7)


def test_override_needs_json() -> None:
    with pytest.raises(SDKException, match="the JSON text to parse is required"):
        TestCancelAllOrders().execute(EnumOutputMode.MODE_ENTITY)
