"""``SwapOpenOrders``: the exact wire, every page field, and no answer that reads as an empty list
unless HTX said so."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import requests_mock
from htx_testkit import ACCESS_KEY, FROZEN_MS, SECRET_KEY, expected_signed_query, fixture_text

from carpenstar_bybit.Core.Enums import EnumOutputMode
from carpenstar_bybit.Core.Exceptions import ApiException, SDKException
from carpenstar_bybit.Htx import HBDM, HtxAPI
from carpenstar_bybit.Htx.Swap.Trade.SwapOpenOrders import SwapOpenOrders
from carpenstar_bybit.Htx.Swap.Trade.SwapOpenOrders.Request import SwapOpenOrdersRequest
from carpenstar_bybit.sandbox import Sandbox

PATH = "/swap-api/v1/swap_openorders"
URL = f"{HBDM}{PATH}"


@pytest.mark.parametrize(
    ("request_dto", "body"),
    [
        (SwapOpenOrdersRequest(), b"{}"),
        (
            SwapOpenOrdersRequest().setPageIndex(2).setPageSize(50),
            b'{"page_index":2,"page_size":50}',
        ),
        (
            SwapOpenOrdersRequest()
            .setContractCode("sol-usd")
            .setSortBy("update_time")
            .setTradeType(0),
            b'{"contract_code":"SOL-USD","sort_by":"update_time","trade_type":0}',
        ),
    ],
)
def test_exact_request(
    mock: requests_mock.Mocker, request_dto: SwapOpenOrdersRequest, body: bytes
) -> None:
    mock.post(URL, text=fixture_text("swap_openorders.json"))
    with HtxAPI(HBDM, ACCESS_KEY, SECRET_KEY, clock=lambda: FROZEN_MS) as api:
        api.rest(SwapOpenOrders, request_dto)
    sent = mock.last_request
    assert sent.method == "POST"
    assert sent.url == f"{URL}?{expected_signed_query('api.hbdm.com', PATH)}"
    assert sent.body == body
    assert sent.headers["Content-Type"] == "application/json"


def test_every_field_and_the_pages(mock: requests_mock.Mocker, api: HtxAPI) -> None:
    mock.post(URL, text=fixture_text("swap_openorders.json"))
    answer = api.rest(SwapOpenOrders, SwapOpenOrdersRequest())
    assert (answer.getTotalPage(), answer.getCurrentPage(), answer.getTotalSize()) == (3, 2, 102)
    assert answer.getCancelled() == answer.getFailed() == []
    sol, btc = answer.getBody().all()
    assert (sol.getOrderId(), sol.getClientOrderId(), sol.getContractCode()) == (
        "1329854624000000123",
        None,
        "SOL-USD",
    )
    assert (sol.getSymbol(), sol.getDirection(), sol.getOffset()) == ("SOL", "buy", "open")
    assert (sol.getVolume(), sol.getPrice(), sol.getTradeVolume()) == (3.0, 142.5, 1.0)
    assert (sol.getOrderPriceType(), sol.getLeverRate(), sol.getStatus()) == ("limit", 5, 4)
    assert sol.getCreatedAt() == datetime(2023, 11, 14, 22, 13, 20, tzinfo=UTC)
    assert (btc.getClientOrderId(), btc.getOffset(), btc.getOrderPriceType()) == (
        77,
        "close",
        "post_only",
    )
    rows = api.rest(SwapOpenOrders, SwapOpenOrdersRequest(), EnumOutputMode.MODE_ARRAY)
    assert rows.getBody().all()[0]["order_id_str"] == "1329854624000000123"


@pytest.mark.parametrize(
    ("data", "says"),
    [
        ("null", "data is not an object on a list endpoint"),
        ('{"total_page":0,"current_page":1,"total_size":0}', "data.orders is null or missing"),
        ('{"orders":null,"total_page":0,"current_page":1,"total_size":0}', "data.orders is null"),
        ('{"orders":{},"total_page":0,"current_page":1,"total_size":0}', "data.orders is not a"),
        ('{"orders":[],"current_page":1,"total_size":0}', "data.total_page is not a whole"),
        ('{"orders":[],"total_page":"x","current_page":1,"total_size":0}', "data.total_page"),
        (
            '{"orders":[{"contract_code":"BTC-USD"}],"total_page":1,"current_page":1,'
            '"total_size":1}',
            "has no order id",
        ),
        (
            '{"orders":[{"order_id":1}],"total_page":1,"current_page":1,"total_size":1}',
            "contract_code is not a string",
        ),
    ],
)
def test_no_list_is_never_an_empty_list(
    mock: requests_mock.Mocker, api: HtxAPI, data: str, says: str
) -> None:
    mock.post(URL, text=f'{{"status":"ok","data":{data},"ts":1}}')
    with pytest.raises(ApiException, match=says) as info:
        api.rest(SwapOpenOrders, SwapOpenOrdersRequest())
    assert info.value.getPath() == PATH


def test_an_empty_list_is_said_so(mock: requests_mock.Mocker, api: HtxAPI) -> None:
    body = '{"orders":[],"total_page":0,"current_page":1,"total_size":0}'
    mock.post(URL, text=f'{{"status":"ok","data":{body},"ts":1}}')
    answer = api.rest(SwapOpenOrders, SwapOpenOrdersRequest())
    assert answer.getBody().count() == 0
    assert answer.getTotalPage() == 0


@pytest.mark.parametrize(
    ("setter", "value", "says"),
    [
        ("setPageSize", 51, "page_size: must be at most 50"),
        ("setPageIndex", 0, "page_index: must be at least 1"),
        ("setContractCode", "BTC-USDT", "contract_code: must be a contract code"),
        ("setTradeType", 7, "trade_type: must be one of 0, 1, 2, 3, 4"),
    ],
)
def test_bad_input_is_refused_naming_the_field(setter: str, value: object, says: str) -> None:
    with pytest.raises(SDKException, match=says):
        getattr(SwapOpenOrdersRequest(), setter)(value)


def test_the_sandbox_lists_every_contract_a_page_at_a_time() -> None:
    with Sandbox(keys={ACCESS_KEY: SECRET_KEY}) as sandbox:
        sandbox.seed_htx_orders(ACCESS_KEY, "swap", "BTC-USD", count=3)
        sandbox.seed_htx_orders(ACCESS_KEY, "swap", "SOL-USD", count=2)
        sandbox.seed_htx_orders(ACCESS_KEY, "v5", "BTC-USDT", count=4)  # not a swap order
        with HtxAPI(sandbox.base_url, ACCESS_KEY, SECRET_KEY) as api:
            pages = [
                api.rest(SwapOpenOrders, SwapOpenOrdersRequest().setPageIndex(i).setPageSize(2))
                for i in (1, 2, 3, 4)
            ]
            only = api.rest(SwapOpenOrders, SwapOpenOrdersRequest().setContractCode("sol-usd"))
    assert [p.getBody().count() for p in pages] == [2, 2, 1, 0]
    assert {(p.getTotalPage(), p.getTotalSize()) for p in pages} == {(3, 5)}
    assert [p.getCurrentPage() for p in pages] == [1, 2, 3, 4]
    codes = [o.getContractCode() for p in pages for o in p.getBody().all()]
    assert codes == ["SOL-USD", "SOL-USD", "BTC-USD", "BTC-USD", "BTC-USD"]  # newest first
    assert [o.getContractCode() for o in only.getBody().all()] == ["SOL-USD", "SOL-USD"]
