"""LastTradedPriceTest, ported mechanically from carpenstar/bybitapi-sdk-spot src/Spot/MarketData/LastTradedPrice/Tests/LastTradedPriceTest.php by tools/port_php_tests.py.

Do not edit by hand: re-run the tool (a port keeps PHP's names and structure line by line).
"""

from __future__ import annotations

import json

import pytest

from carpenstar_bybit.Core.Builders import ResponseDtoBuilder, ResponseHandlerBuilder, RestBuilder
from carpenstar_bybit.Core.Enums import EnumOutputMode
from carpenstar_bybit.Core.Exceptions import ApiException
from carpenstar_bybit.Core.Objects.Collection import EntityCollection
from carpenstar_bybit.Core.Response import CurlResponseDto, CurlResponseHandler
from carpenstar_bybit.Spot.MarketData.LastTradedPrice.Overrides import TestLastTradedPrice
from carpenstar_bybit.Spot.MarketData.LastTradedPrice.Request import LastTradedPriceRequest
from carpenstar_bybit.Spot.MarketData.LastTradedPrice.Response import LastTradedPriceResponse
from tests.php_ports import gaps

lastTradedPriceApiResponse = '{"retCode":0,"retMsg":"OK","result":{"symbol":"BTCUSDT","price":"26386.61"},"retExtInfo":{},"time":1683982585451}'


@pytest.mark.xfail(
    gaps.V3_NAMES_NOT_READ,
    strict=True,
    raises=AssertionError,
    reason="v3's price is not read: the Spot package reads V5's lastPrice",
)
def testLastTradedPriceDTOBuilder() -> None:
    dto = ResponseDtoBuilder.make(
        LastTradedPriceResponse, json.loads(lastTradedPriceApiResponse)["result"]
    )
    assert isinstance(dto, LastTradedPriceResponse)
    assert isinstance(dto.getSymbol(), str)
    assert isinstance(dto.getPrice(), float)


@pytest.mark.xfail(
    gaps.OBJECT_RESULT_REFUSED,
    strict=True,
    raises=ApiException,
    reason="v3 answers with one object; V5's tickers answers result.list, and a list answer without its list is refused as unexpected",
)
def testLastTradedPriceResponseHandlerBuilder() -> None:
    handler = ResponseHandlerBuilder.make(
        lastTradedPriceApiResponse, CurlResponseHandler, LastTradedPriceResponse
    )
    assert isinstance(handler.getBody(), EntityCollection)
    assert handler.getBody().count() > 0


@pytest.mark.xfail(
    gaps.OBJECT_RESULT_REFUSED,
    strict=True,
    raises=ApiException,
    reason="v3 answers with one object; V5's tickers answers result.list, and a list answer without its list is refused as unexpected",
)
def testLastTradedPriceEndpoint() -> None:
    endpoint = RestBuilder.make(TestLastTradedPrice, LastTradedPriceRequest().setSymbol("BTCUSDT"))
    entityResponse = endpoint.execute(EnumOutputMode.MODE_ENTITY, lastTradedPriceApiResponse)
    assert isinstance(entityResponse, CurlResponseDto)
    body = entityResponse.getBody()
    assert isinstance(body, EntityCollection)
    dto = body.fetch()
    assert isinstance(dto, LastTradedPriceResponse)
    assert isinstance(dto.getSymbol(), str)
    assert isinstance(dto.getPrice(), float)
