"""KlineTest, ported mechanically from carpenstar/bybitapi-sdk-derivatives src/Derivatives/MarketData/Kline/Tests/KlineTest.php by tools/port_php_tests.py.

Do not edit by hand: re-run the tool (a port keeps PHP's names and structure line by line).
"""

from __future__ import annotations

import json

import pytest

from carpenstar_bybit.Core.Builders import ResponseDtoBuilder, ResponseHandlerBuilder, RestBuilder
from carpenstar_bybit.Core.Enums import EnumOutputMode
from carpenstar_bybit.Core.Exceptions import SDKException
from carpenstar_bybit.Core.Objects.Collection import EntityCollection
from carpenstar_bybit.Core.Response import CurlResponseDto, CurlResponseHandler
from carpenstar_bybit.Derivatives.MarketData.Kline.Overrides import TestKline
from carpenstar_bybit.Derivatives.MarketData.Kline.Request import KlineRequest
from carpenstar_bybit.Derivatives.MarketData.Kline.Response import KlineResponse
from tests.php_ports import gaps

klineResponse = '{"retCode":0,"retMsg":"OK","result":{"symbol":"BTCPERP","category": "linear","list": [["1670371200000","17077","17084","17077","17084","0.017","290.412"],["1670371140000","17074","17077.5","17074","17077","0.006","102.457"]]},"retExtInfo":{},"time":1671968612436}'


@pytest.mark.xfail(
    gaps.ROW_REFUSED,
    strict=True,
    raises=SDKException,
    reason="ResponseDtoBuilder.make(<kline response>, row) refuses a candle row given as a list",
)
def testKlineTestDTOBuilder() -> None:
    for feeRate in json.loads(klineResponse)["result"]["list"]:
        dto = ResponseDtoBuilder.make(KlineResponse, feeRate)
        assert isinstance(dto, KlineResponse)


def testKlineTestResponseHandlerBuilder() -> None:
    handler = ResponseHandlerBuilder.make(klineResponse, CurlResponseHandler, KlineResponse)
    assert isinstance(handler.getBody(), EntityCollection)
    assert handler.getBody().count() > 0


def testKlineTestEndpoint() -> None:
    endpoint = RestBuilder.make(TestKline, KlineRequest().setSymbol("BTCPERP"))
    entityResponse = endpoint.execute(EnumOutputMode.MODE_ENTITY, klineResponse)
    assert isinstance(entityResponse, CurlResponseDto)
    body = entityResponse.getBody()
    assert isinstance(body, EntityCollection)
    for wallet in body.fetch():
        dto = ResponseDtoBuilder.make(KlineResponse, wallet)
        assert isinstance(dto, KlineResponse)
