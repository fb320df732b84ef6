"""Core 5.1's classes beside core 3.0.5's: the same names, both argument lists, one wire."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import requests_mock

from carpenstar_bybit.Core.Auth import Credentials, SignGenerator
from carpenstar_bybit.Core.Builders import CurlBuilder, ResponseHandlerBuilder
from carpenstar_bybit.Core.Endpoints import OverrideEndpoint
from carpenstar_bybit.Core.Enums import EnumOutputMode
from carpenstar_bybit.Core.Exceptions import ApiException, SDKException, TextConstants
from carpenstar_bybit.Core.Helpers import ArrayHelper, DateTimeHelper, NumericHelper, StringHelper
from carpenstar_bybit.Core.Objects import ExceptionResponse, StubQueryBag, SuccessResponse
from carpenstar_bybit.Core.Request import GetRequest, PostRequest
from carpenstar_bybit.Core.Response import CurlResponseDto, CurlResponseHandler
from carpenstar_bybit.Core.Traits import OverrideExecuteTrait
from carpenstar_bybit.Derivatives.MarketData.InstrumentInfo.Response import InstrumentInfoResponse
from carpenstar_bybit.Derivatives.MarketData.RiskLimit.Response import RiskLimitsResponse

from .conftest import HOST, KEY, SECRET, envelope, expected_sign


def test_sign_generator_takes_both_lines_arguments() -> None:
    old = SignGenerator.make("test-key", "test-secret", "accountType=UNIFIED", 1700000000000, 5000)
    assert old == "3f10586267639c9f3f4f5e32e491a6ef80d157db06f51eb79e4988e24f97adba"
    new = SignGenerator.make(
        Credentials(HOST, "test-key", "test-secret"), "accountType=UNIFIED", 1700000000000, 5000
    )
    assert new == old


def test_response_handler_builder_tells_the_lines_by_the_answer_s_type() -> None:
    text = '{"retCode":0,"retMsg":"OK","result":{"list":[{"id":"1"}],"nextPageCursor":"n"}}'
    old = ResponseHandlerBuilder.make(text, CurlResponseHandler, RiskLimitsResponse)
    assert isinstance(old, CurlResponseDto)
    assert old.getBody().count() == 1
    new = ResponseHandlerBuilder.make(
        envelope({"list": [{"id": "1"}], "nextPageCursor": "n"}),
        CurlResponseHandler,
        RiskLimitsResponse,
    )
    assert isinstance(new, SuccessResponse)
    assert new.getResult().getCursor() == "n"
    assert [r.getId() for r in new.getResult().getRiskLimitList()] == ["1"]
    refused = ResponseHandlerBuilder.make(
        envelope({}, 10001, "bad"), CurlResponseHandler, RiskLimitsResponse
    )
    assert isinstance(refused, ExceptionResponse)
    with pytest.raises(ApiException, match="bad"):
        ResponseHandlerBuilder.make(
            '{"retCode":10001,"retMsg":"bad","result":{}}', CurlResponseHandler, RiskLimitsResponse
        )


def test_the_2023_answer_s_getresult_is_one_object() -> None:
    """One DTO per answer, so a one-item-per-call getter walks the list instead of restarting."""
    text = '{"retCode":0,"retMsg":"OK","result":{"list":[{"symbol":"A"},{"symbol":"B"}]}}'
    answer = ResponseHandlerBuilder.make(text, CurlResponseHandler, InstrumentInfoResponse)
    wrapper = answer.getResult()
    assert isinstance(wrapper, InstrumentInfoResponse)
    assert answer.getResult() is wrapper
    symbols = []
    while (item := wrapper.getInstrumentInfoList()) is not None:
        symbols.append(item.getSymbol())
    assert symbols == ["A", "B"]


def test_curl_builder_and_the_request_classes(mock: requests_mock.Mocker) -> None:
    assert type(CurlBuilder.make("GET")) is GetRequest
    assert type(CurlBuilder.make("POST")) is PostRequest
    with pytest.raises(SDKException, match="Wrong http method detected: 'PUT'"):
        CurlBuilder.make("PUT")
    mock.get(f"{HOST}/v5/account/fee-rate?symbol=BTCUSDT", json=envelope({"list": []}))
    answer = (
        GetRequest()
        .init(True, Credentials(HOST, KEY, SECRET))
        .execute("/v5/account/fee-rate", {"symbol": "BTCUSDT"})
    )
    assert answer["retCode"] == 0
    sent = mock.last_request.headers
    assert sent["X-BAPI-API-KEY"] == KEY
    assert sent["X-BAPI-SIGN"] == expected_sign(
        b"symbol=BTCUSDT", timestamp=int(sent["X-BAPI-TIMESTAMP"])
    )
    mock.post(f"{HOST}/v5/x", text="not json")
    assert PostRequest.getInstance(False).init(False, Credentials(HOST)).exec("/v5/x", {}) == (
        "not json"
    )
    with pytest.raises(ApiException, match="not a JSON object"):
        PostRequest().init(False, Credentials(HOST)).execute("/v5/x", {})
    with pytest.raises(SDKException, match="call init"):
        GetRequest.getInstance(True).exec("/v5/x", {})


def test_helpers() -> None:
    assert DateTimeHelper.makeFromTimestamp(1673333450646) == datetime(
        2023, 1, 10, 6, 50, 50, 646000, tzinfo=UTC
    )
    assert DateTimeHelper.makeTimestampFromDateString("2023-01-10 06:50:50") == 1673333450000
    assert DateTimeHelper.makeDateTimeFromDateString("2023-01-10") == datetime(
        2023, 1, 10, tzinfo=UTC
    )
    with pytest.raises(SDKException, match="must be a date"):
        DateTimeHelper.makeTimestampFromDateString("yesterday")
    assert StringHelper.clearInterval("15m") == 15
    with pytest.raises(SDKException, match="'D' has no number"):
        StringHelper.clearInterval("D")
    ArrayHelper.checkValueWithStack("Buy", ["Buy", "Sell"])
    with pytest.raises(SDKException, match=r"^Value Hold should be one of Buy,Sell$"):
        ArrayHelper.checkValueWithStack("Hold", ["Buy", "Sell"])
    with pytest.raises(SDKException, match=r"^Value 1 less than 2$"):
        NumericHelper.checkValueMoreThan(1, 2)
    with pytest.raises(SDKException, match=r"^Value 3 more than 2$"):
        NumericHelper.checkValueLessThan(3, 2)


def test_constants_and_small_classes() -> None:
    assert EnumOutputMode.MODE_JSON == 2  # one value per constant: the 2023 line's
    assert TextConstants.WRONG_REQUEST_PARAMETER_CATEGORY == "Wrong request parameter: category"
    assert SDKException.EXCEPTION_REQUIRED_FIELD_TEXT % "symbol" == (
        "You must specify the following parameters: symbol"
    )
    assert StubQueryBag().array() == {}
    assert OverrideExecuteTrait is OverrideEndpoint
