"""Both PHP lines in one package: one class per PHP name, its role fixed when it is built.

The 2023 line reads ``rest(...)->getBody()`` items and gets ``ApiException`` for the exchange's
"no"; the current line reads ``execute()->getResult()`` (a wrapper for list answers) and gets an
``ExceptionResponse`` for it. The wire is the same.
"""

from __future__ import annotations

import importlib
import json
from datetime import UTC, datetime

import pytest
import requests_mock

from carpenstar_bybit import BybitAPI
from carpenstar_bybit.Core.Auth import Credentials
from carpenstar_bybit.Core.Builders import RestBuilder
from carpenstar_bybit.Core.Enums import EnumOutputMode
from carpenstar_bybit.Core.Exceptions import ApiException, SDKException
from carpenstar_bybit.Core.Objects import ExceptionResponse, SuccessResponse
from carpenstar_bybit.Core.Response import CurlResponseHandler
from carpenstar_bybit.Derivatives.Contract.Account.WalletBalance.Response import (
    WalletBalanceResponse,
    WalletBalanceResponseItem,
)
from carpenstar_bybit.Derivatives.Contract.Order.GetOpenOrders import GetOpenOrders
from carpenstar_bybit.Derivatives.Contract.Order.GetOpenOrders.Overrides import (
    TestGetOpenOrders,
)
from carpenstar_bybit.Derivatives.Contract.Order.GetOpenOrders.Request import (
    GetOpenOrdersRequest,
)
from carpenstar_bybit.Derivatives.Contract.Order.GetOpenOrders.Response import (
    GetOpenOrdersResponse,
    GetOpenOrdersResponseItem,
)
from carpenstar_bybit.Derivatives.Contract.Position.GetClosedPnL.Request import (
    GetClosedPnLRequest,
)
from carpenstar_bybit.Derivatives.Contract.Position.SwitchPositionMode import SwitchPositionMode
from carpenstar_bybit.Derivatives.Contract.Position.SwitchPositionMode.Request import (
    SwitchPositionModeRequest,
)
from carpenstar_bybit.Derivatives.MarketData.InstrumentInfo.Response import (
    InstrumentInfoResponse,
    InstrumentInfoResponseItem,
    PriceFilterResponseItem,
)
from carpenstar_bybit.Derivatives.MarketData.Kline import Kline
from carpenstar_bybit.Derivatives.MarketData.Kline.Request import KlineRequest
from carpenstar_bybit.Derivatives.MarketData.Kline.Response import KlineResponse, KlineResponseItem
from carpenstar_bybit.Derivatives.MarketData.RiskLimit import RiskLimit
from carpenstar_bybit.Derivatives.MarketData.RiskLimit.Request import RiskLimitsRequest
from carpenstar_bybit.Derivatives.MarketData.RiskLimit.Response import RiskLimitsResponse

from .conftest import FROZEN_MS, HOST, KEY, SECRET, envelope, expected_sign

ORDER = {"symbol": "BTCUSDT", "orderId": "o-1", "orderLinkId": "l-1", "price": "66037"}
OPEN_ORDERS = {
    "list": [ORDER, {**ORDER, "orderId": "o-2"}],
    "nextPageCursor": "C1",
    "category": "linear",
}
OPEN_URL = f"{HOST}/v5/order/realtime?category=linear&symbol=BTCUSDT"


def test_build_gives_the_current_line_wrapper_with_its_items() -> None:
    answer = CurlResponseHandler().build(envelope(OPEN_ORDERS), GetOpenOrdersResponse)
    assert isinstance(answer, SuccessResponse)
    assert (answer.getReturnCode(), answer.getReturnMessage()) == (0, "OK")
    assert answer.getExtendedInfo() == {}
    assert answer.getNextPageCursor() == "C1"  # from result: PHP read a key Bybit never sends
    wrapper = answer.getResult()
    assert type(wrapper) is GetOpenOrdersResponse
    assert (wrapper.getNextPageCursor(), wrapper.getCategory()) == ("C1", "linear")
    orders = wrapper.getOpenOrders()
    assert [type(o) for o in orders] == [GetOpenOrdersResponseItem] * 2
    assert [o.getOrderId() for o in orders] == ["o-1", "o-2"]
    assert orders[0].getPrice() == 66037.0
    assert not isinstance(wrapper, GetOpenOrdersResponseItem)  # the roles share no isinstance
    assert answer.getRawResult() == OPEN_ORDERS


def test_an_item_getter_on_the_wrapper_says_what_to_call() -> None:
    wrapper = CurlResponseHandler().build(envelope(OPEN_ORDERS), GetOpenOrdersResponse)
    assert isinstance(wrapper, SuccessResponse)
    with pytest.raises(SDKException, match=r"getOrderId\(\).*wrapper.*call getOpenOrders\(\)"):
        wrapper.getResult().getOrderId()


def test_a_wrapper_getter_on_a_2023_item_says_which_role_it_has() -> None:
    item = (
        RestBuilder.make(TestGetOpenOrders, GetOpenOrdersRequest())
        .execute(EnumOutputMode.MODE_ENTITY, json.dumps(envelope(OPEN_ORDERS)))
        .getBody()
        .fetch()
    )
    assert type(item) is GetOpenOrdersResponse
    assert item.getOrderId() == "o-1"
    with pytest.raises(SDKException, match=r"getOpenOrders\(\): this .* is one item"):
        item.getOpenOrders()
    with pytest.raises(SDKException, match=r"getNextPageCursor\(\): this .* is one item"):
        item.getNextPageCursor()


def test_the_2023_answer_gives_the_dto_from_getresult_and_the_mapping_from_getrawresult() -> None:
    answer = RestBuilder.make(TestGetOpenOrders, GetOpenOrdersRequest()).execute(
        EnumOutputMode.MODE_ENTITY, json.dumps(envelope(OPEN_ORDERS))
    )
    result = answer.getResult()
    assert isinstance(result, GetOpenOrdersResponse)
    assert [o.getOrderId() for o in result.getOpenOrders()] == ["o-1", "o-2"]
    assert answer.getRawResult() == OPEN_ORDERS


def test_the_current_line_on_the_wire(mock: requests_mock.Mocker) -> None:
    mock.get(OPEN_URL, json=envelope(OPEN_ORDERS), complete_qs=True)
    api = BybitAPI(clock=lambda: FROZEN_MS).setCredentials(HOST, KEY, SECRET)
    endpoint = api.privateEndpoint(GetOpenOrders, GetOpenOrdersRequest().setSymbol("BTCUSDT"))
    assert (endpoint.getEndpointRequestMethod(), endpoint.isNeedAuthorization()) == ("GET", True)
    assert endpoint.getRequestClassname() is GetOpenOrdersRequest
    assert endpoint.getResponseClassname() is GetOpenOrdersResponse
    answer = endpoint.execute()
    assert isinstance(answer, SuccessResponse)
    assert [o.getOrderId() for o in answer.getResult().getOpenOrders()] == ["o-1", "o-2"]
    sent = mock.last_request
    assert sent.headers["X-BAPI-SIGN"] == expected_sign(b"category=linear&symbol=BTCUSDT")
    api.close()


def test_the_exchange_s_no_is_returned_on_the_current_path_and_raised_on_the_2023_one(
    mock: requests_mock.Mocker,
) -> None:
    mock.get(OPEN_URL, json={**envelope({}, 10001, "params error"), "retExtInfo": {"a": "b"}})
    with BybitAPI(HOST, KEY, SECRET, clock=lambda: FROZEN_MS) as api:
        answer = api.privateEndpoint(
            GetOpenOrders, GetOpenOrdersRequest().setSymbol("BTCUSDT")
        ).execute()
        assert isinstance(answer, ExceptionResponse)
        assert (answer.getReturnCode(), answer.getReturnMessage()) == (10001, "params error")
        assert answer.getExtendedInfo() == {"a": "b"}
        assert answer.getResult() == []
        assert answer.getTime() == datetime.fromtimestamp(1707381118.116, tz=UTC)
        with pytest.raises(ApiException, match="params error"):
            api.rest(GetOpenOrders, GetOpenOrdersRequest().setSymbol("BTCUSDT"))


def test_a_body_that_is_no_envelope_still_raises_on_the_current_path(
    mock: requests_mock.Mocker,
) -> None:
    mock.get(OPEN_URL, text="<html>busy</html>", status_code=200)
    with BybitAPI(HOST, KEY, SECRET, clock=lambda: FROZEN_MS) as api:
        endpoint = api.privateEndpoint(GetOpenOrders, GetOpenOrdersRequest().setSymbol("BTCUSDT"))
        with pytest.raises(ApiException, match="not JSON"):
            endpoint.execute()


def test_restbuilder_with_credentials_calls_on_its_own_connection(
    mock: requests_mock.Mocker,
) -> None:
    """Core 5.1's ``RestBuilder::make(cls, Credentials, params)`` then ``execute()``."""
    mock.get(OPEN_URL, json=envelope(OPEN_ORDERS))
    endpoint = RestBuilder.make(
        GetOpenOrders, Credentials(HOST, KEY, SECRET), GetOpenOrdersRequest().setSymbol("BTCUSDT")
    )
    answer = endpoint.execute()
    assert isinstance(answer, SuccessResponse)
    assert answer.getResult().getCategory() == "linear"
    assert mock.last_request.headers["X-BAPI-API-KEY"] == KEY
    with pytest.raises(SDKException, match="needs Credentials"):
        RestBuilder.make(GetOpenOrders, None, GetOpenOrdersRequest())  # type: ignore[call-overload]


def test_one_item_per_call_never_a_type_error_on_an_empty_list() -> None:
    """PHP's InstrumentInfoResponse::getInstrumentInfoList() gives the next item each call."""
    filters = {"priceFilter": {"minPrice": "0.5", "maxPrice": "9", "tickSize": "0.5"}}
    result = {
        "category": "linear",
        "list": [{"symbol": "BTCUSDT", **filters}, {"symbol": "ETHUSDT"}],
    }
    answer = CurlResponseHandler().build(envelope(result), InstrumentInfoResponse)
    assert isinstance(answer, SuccessResponse)
    wrapper = answer.getResult()
    first = wrapper.getInstrumentInfoList()
    assert isinstance(first, InstrumentInfoResponseItem)
    assert first.getSymbol() == "BTCUSDT"
    price = first.getPriceFilter().fetch()  # an EntityCollection, as in both PHP lines
    assert isinstance(price, PriceFilterResponseItem)
    assert price.getTickSize() == 0.5
    second = wrapper.getInstrumentInfoList()
    assert second is not None
    assert second.getSymbol() == "ETHUSDT"
    assert wrapper.getInstrumentInfoList() is None
    empty = CurlResponseHandler().build(envelope({"list": []}), InstrumentInfoResponse)
    assert isinstance(empty, SuccessResponse)
    assert empty.getResult().getInstrumentInfoList() is None


def test_rows_and_flattened_items_keep_their_2023_reading_in_the_wrapper() -> None:
    rows = {"list": [["1670371200000", "17077", "17084", "17077", "17084", "0.017", "290.4"]]}
    kline = CurlResponseHandler().build(envelope(rows), KlineResponse)
    assert isinstance(kline, SuccessResponse)
    (candle,) = kline.getResult().getKlineList()
    assert isinstance(candle, KlineResponseItem)
    assert (candle.getOpen(), candle.getTurnover()) == (17077.0, 290.4)
    wallet = {"list": [{"accountType": "UNIFIED", "coin": [{"coin": "USDT"}, {"coin": "BTC"}]}]}
    balance = CurlResponseHandler().build(envelope(wallet), WalletBalanceResponse)
    assert isinstance(balance, SuccessResponse)
    coins = balance.getResult().getBalances()
    assert [type(c) for c in coins] == [WalletBalanceResponseItem] * 2
    assert [c.getCoin() for c in coins] == ["USDT", "BTC"]


def test_a_wrapper_field_missing_from_the_answer_reads_empty_not_a_type_error() -> None:
    answer = CurlResponseHandler().build(envelope({"list": []}), RiskLimitsResponse)
    assert isinstance(answer, SuccessResponse)
    assert (answer.getResult().getCursor(), answer.getResult().getRiskLimitList()) == ("", [])


def test_a_list_answer_without_its_list_is_unexpected_on_the_current_line_too() -> None:
    # No list is not an empty list: it raises, never reads as "nothing there".
    for result in ({"category": "linear"}, None):
        with pytest.raises(ApiException, match="unexpected response: result"):
            CurlResponseHandler().build(envelope(result), RiskLimitsResponse)


def test_renamed_setters_of_the_current_line_send_the_same_wire(mock: requests_mock.Mocker) -> None:
    mock.post(f"{HOST}/v5/position/switch-mode", json=envelope({}))
    mock.get(requests_mock.ANY, json=envelope({"list": []}))
    with BybitAPI(HOST, KEY, SECRET, clock=lambda: FROZEN_MS) as api:
        mode = SwitchPositionModeRequest().setSymbol("BTCUSDT").setMode(3)
        assert (mode.getMode(), mode.getPositionMode()) == (3, 3)
        answer = api.privateEndpoint(SwitchPositionMode, mode).execute()
        assert isinstance(answer, SuccessResponse)
        assert mock.last_request.body == b'{"category":"linear","symbol":"BTCUSDT","mode":3}'
        kline = KlineRequest().setSymbol("BTCUSDT").setInterval(60)
        kline.setStart("2024-07-11 10:00:00").setEnd(datetime(2024, 7, 11, 11, tzinfo=UTC))
        assert kline.getStart() == kline.getStartTime() == 1720692000000
        api.publicEndpoint(Kline, kline).execute()
        assert mock.last_request.qs["start"] == ["1720692000000"]
        assert mock.last_request.qs["end"] == ["1720695600000"]
        api.publicEndpoint(RiskLimit, RiskLimitsRequest().setCursor("abc")).execute()
        assert mock.last_request.qs["cursor"] == ["abc"]
    with pytest.raises(SDKException, match=r"KlineRequest\.start: must be a date"):
        KlineRequest().setStart("11.07.2024")
    with pytest.raises(SDKException, match=r"KlineRequest\.start: must be ms"):
        KlineRequest().setStartTime("2024-07-11 10:00:00")  # type: ignore[arg-type]  # 2023: ms


def test_closed_pnl_start_time_takes_both_lines_values() -> None:
    request = GetClosedPnLRequest().setStartTime(1720692000000).setEndTime("2024-07-12 10:00:00")
    assert (request.getStartTime(), request.getEndTime()) == (1720692000000, 1720778400000)
    with pytest.raises(SDKException, match=r"startTime: is not a real date"):
        GetClosedPnLRequest().setStartTime("2024-02-30 00:00:00")


def test_endpoint_set_credentials_refuses_anything_else() -> None:
    with pytest.raises(SDKException, match="must be a Credentials"):
        GetOpenOrders().setCredentials("https://x")  # type: ignore[arg-type]


def test_php_item_setters_change_what_the_getter_reads() -> None:
    """The 2023 line's items had a few public setters (GetOrderListResponse::setPrice, …)."""
    from carpenstar_bybit.Derivatives.Contract.Order.GetOrderList.Response import (
        GetOrderListResponse,
    )

    item = GetOrderListResponse.fromItem({"price": "1", "cumExecQty": "0"})
    assert item.setPrice("2.5").setCumExecQty(3) is item
    assert (item.getPrice(), item.getCumExecQty()) == (2.5, 3.0)
    candle = KlineResponse.fromItem(["1670371200000", "1", "2", "0.5", "1.5", "10", "15"])
    candle.setStartTime(1670371260000).setTurnover("16")
    assert candle.getStartTime() == datetime(2022, 12, 7, 0, 1, tzinfo=UTC)
    assert candle.getTurnover() == 16.0
    coin = WalletBalanceResponse.fromItem({"coin": "USDT"}).setAccountMM("7")
    assert coin.getAccountMM() == "7"  # an account-wide field: set on the enclosing account
    wrapper = CurlResponseHandler().build(envelope({"list": []}), KlineResponse)
    assert isinstance(wrapper, SuccessResponse)
    with pytest.raises(SDKException, match=r"wrapper .* call getKlineList\(\)"):
        wrapper.getResult().setTurnover("1")


def test_a_refusal_returned_on_the_current_path_hides_what_it_quotes_of_the_request(
    mock: requests_mock.Mocker,
) -> None:
    quoted = f"error sign! origin_string[1700000000000{KEY}5000category=linear&symbol=BTCUSDT]"
    mock.get(OPEN_URL, json=envelope({}, 10004, quoted))
    with BybitAPI(HOST, KEY, SECRET, clock=lambda: FROZEN_MS) as api:
        answer = api.privateEndpoint(
            GetOpenOrders, GetOpenOrdersRequest().setSymbol("BTCUSDT")
        ).execute()
    assert isinstance(answer, ExceptionResponse)
    assert answer.getReturnCode() == 10004
    assert KEY not in answer.getReturnMessage()
    assert KEY not in repr(answer)
    assert answer.getReturnMessage().startswith("error sign! origin_string[<hidden")


def test_a_transport_failure_still_raises_on_the_current_path(mock: requests_mock.Mocker) -> None:
    from carpenstar_bybit.Core.Exceptions import TransportException
    from carpenstar_bybit.Core.Retry import RetryPolicy

    from .conftest import refused_error

    mock.get(OPEN_URL, exc=refused_error())
    with BybitAPI(HOST, KEY, SECRET, retry=RetryPolicy.off()) as api:
        endpoint = api.privateEndpoint(GetOpenOrders, GetOpenOrdersRequest().setSymbol("BTCUSDT"))
        with pytest.raises(TransportException):
            endpoint.execute()


def test_two_wrappers_of_one_answer_are_equal_and_hash_alike() -> None:
    first = CurlResponseHandler().build(envelope(OPEN_ORDERS), GetOpenOrdersResponse)
    second = CurlResponseHandler().build(envelope(OPEN_ORDERS), GetOpenOrdersResponse)
    assert isinstance(first, SuccessResponse)
    assert isinstance(second, SuccessResponse)
    assert first.getResult() == second.getResult()
    assert hash(first.getResult()) == hash(second.getResult())
    assert repr(first.getResult()) == "GetOpenOrdersResponse(count=2)"
    assert first.getResult().toArray() == OPEN_ORDERS


def _current_line_endpoints() -> list[str]:
    from carpenstar_bybit.Core.Registry import ENDPOINTS

    names = []
    for name, module in sorted(ENDPOINTS.items()):  # full names: the class is the last part
        endpoint = getattr(importlib.import_module(module), name.rsplit(".", 1)[-1])
        if endpoint.RESPONSE_CLASS.CURRENT is not None:
            names.append(name)
    return names


@pytest.mark.parametrize("name", _current_line_endpoints())
def test_every_declared_wrapper_keeps_its_two_roles_apart(name: str) -> None:
    from carpenstar_bybit.Core.Registry import ENDPOINTS

    endpoint = getattr(importlib.import_module(ENDPOINTS[name]), name.rsplit(".", 1)[-1])
    dto = endpoint.RESPONSE_CLASS
    current, shape = dto.CURRENT, dto.SHAPE
    item: object = ["1670371200000", "1", "2", "3", "4", "5", "6"] if dto.ROWS else {"x": "1"}
    root = dto.rootDataKey.split(".")
    result: dict[str, object] = {root[0]: [item], "nextPageCursor": "c", "category": "linear"}
    if len(root) == 2:  # a flattened answer: the items sit one level down
        result[root[0]] = [{root[1]: [item]}]
    answer = CurlResponseHandler().build(envelope(result), dto)
    assert isinstance(answer, SuccessResponse)
    wrapper = answer.getResult()
    listed = getattr(wrapper, current.list_getter)()
    first = listed if current.one else listed[0]
    assert type(first) is dto.ITEM_CLASS
    assert first.toArray() == item
    for out in current.fields:
        assert getattr(wrapper, out.getter)() == result[out.wire]
    readable = [o for o in shape.fields if o.wire is not None]
    for out in readable:
        with pytest.raises(SDKException, match=f"call {current.list_getter}"):
            getattr(wrapper, out.getter)()
        getattr(first, out.getter)()  # the item reads it
    one_item = dto.fromItem(item)
    for getter in (current.list_getter, *(o.getter for o in current.fields)):
        with pytest.raises(SDKException, match="is one item"):
            getattr(one_item, getter)()
