"""OpenInterestTest, ported mechanically from carpenstar/bybitapi-sdk-derivatives src/Derivatives/MarketData/OpenInterest/Tests/OpenInterestTest.php by tools/port_php_tests.py.

Do not edit by hand: re-run the tool (a port keeps PHP's names and structure line by line).
"""

from __future__ import annotations

import json

from carpenstar_bybit.Core.Builders import ResponseDtoBuilder, ResponseHandlerBuilder, RestBuilder
from carpenstar_bybit.Core.Enums import EnumOutputMode
from carpenstar_bybit.Core.Objects.Collection import EntityCollection
from carpenstar_bybit.Core.Response import CurlResponseDto, CurlResponseHandler
from carpenstar_bybit.Derivatives.MarketData.OpenInterest.Overrides import TestOpenInterest
from carpenstar_bybit.Derivatives.MarketData.OpenInterest.Request import OpenInterestRequest
from carpenstar_bybit.Derivatives.MarketData.OpenInterest.Response import OpenInterestResponse

openInterestResponse = '{"retCode":0,"retMsg":"OK","result":{"symbol":"ETHUSDT","category":"linear","list":[{"openInterest":"411496.22000000","timestamp":"1677832800000"},{"openInterest":"411484.61000000","timestamp":"1677832500000"}],"nextPageCursor": "lastid%3D44487872"},"retExtInfo":{},"time":1677832955976}'


def testOpenInterestDTOBuilder() -> None:
    for feeRate in json.loads(openInterestResponse)["result"]["list"]:
        dto = ResponseDtoBuilder.make(OpenInterestResponse, feeRate)
        assert isinstance(dto, OpenInterestResponse)


def testOpenInterestResponseHandlerBuilder() -> None:
    handler = ResponseHandlerBuilder.make(
        openInterestResponse, CurlResponseHandler, OpenInterestResponse
    )
    assert isinstance(handler.getBody(), EntityCollection)
    assert handler.getBody().count() > 0


def testOpenInterestEndpoint() -> None:
    endpoint = RestBuilder.make(TestOpenInterest, OpenInterestRequest().setSymbol("ETHUSDT"))
    entityResponse = endpoint.execute(EnumOutputMode.MODE_ENTITY, openInterestResponse)
    assert isinstance(entityResponse, CurlResponseDto)
    body = entityResponse.getBody()
    assert isinstance(body, EntityCollection)
    for price in body.fetch():
        dto = ResponseDtoBuilder.make(OpenInterestResponse, price)
        assert isinstance(dto, OpenInterestResponse)
