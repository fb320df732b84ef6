"""MarkPriceKlineTest, ported mechanically from carpenstar/bybitapi-sdk-derivatives src/Derivatives/MarketData/MarkPriceKline/Tests/MarkPriceKlineTest.php by tools/port_php_tests.py.

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
from carpenstar_bybit.Derivatives.MarketData.MarkPriceKline.Overrides import TestMarkPriceKline
from carpenstar_bybit.Derivatives.MarketData.MarkPriceKline.Request import MarkPriceKlineRequest
from carpenstar_bybit.Derivatives.MarketData.MarkPriceKline.Response import MarkPriceKlineResponse
from tests.php_ports import gaps

markPriceKlineResponse = '{"retCode":0,"retMsg":"OK","result":{"symbol":"BTCUSD","category":"inverse","list":[["1670261280000","17064.76","17068.45","17063.5","17067"],["1670261220000","17062.5","17064.88","17062.5","17064.76"],["1670261160000","17064","17064","17062.5","17062.5"],["1670261100000","17072","17072","17064","17064"]]},"retExtInfo":{},"time":1671968706092}'


@pytest.mark.xfail(
    gaps.ROW_REFUSED,
    strict=True,
    raises=SDKException,
    reason="ResponseDtoBuilder.make(<kline response>, row) refuses a candle row given as a list",
)
def testMarkPriceKlineDTOBuilder() -> None:
    for feeRate in json.loads(markPriceKlineResponse)["result"]["list"]:
        dto = ResponseDtoBuilder.make(MarkPriceKlineResponse, feeRate)
        assert isinstance(dto, MarkPriceKlineResponse)


def testMarkPriceKlineResponseHandlerBuilder() -> None:
    handler = ResponseHandlerBuilder.make(
        markPriceKlineResponse, CurlResponseHandler, MarkPriceKlineResponse
    )
    assert isinstance(handler.getBody(), EntityCollection)
    assert handler.getBody().count() > 0


def testMarkPriceKlineEndpoint() -> None:
    endpoint = RestBuilder.make(TestMarkPriceKline, MarkPriceKlineRequest().setSymbol("BTCPERP"))
    entityResponse = endpoint.execute(EnumOutputMode.MODE_ENTITY, markPriceKlineResponse)
    assert isinstance(entityResponse, CurlResponseDto)
    body = entityResponse.getBody()
    assert isinstance(body, EntityCollection)
    for price in body.fetch():
        dto = ResponseDtoBuilder.make(MarkPriceKlineResponse, price)
        assert isinstance(dto, MarkPriceKlineResponse)
