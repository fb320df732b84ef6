"""TickersTest, ported mechanically from carpenstar/bybitapi-sdk-spot src/Spot/MarketData/Tickers/Tests/TickersTest.php by tools/port_php_tests.py.

Do not edit by hand: re-run the tool (a port keeps PHP's names and structure line by line).
"""

from __future__ import annotations

import json
from datetime import datetime

import pytest

from carpenstar_bybit.Core.Builders import ResponseDtoBuilder, ResponseHandlerBuilder, RestBuilder
from carpenstar_bybit.Core.Enums import EnumOutputMode
from carpenstar_bybit.Core.Exceptions import ApiException
from carpenstar_bybit.Core.Objects.Collection import EntityCollection
from carpenstar_bybit.Core.Response import CurlResponseDto, CurlResponseHandler
from carpenstar_bybit.Spot.MarketData.Tickers.Overrides import TestTickers
from carpenstar_bybit.Spot.MarketData.Tickers.Request import TickersRequest
from carpenstar_bybit.Spot.MarketData.Tickers.Response import TickersResponse
from tests.php_ports import gaps

tickersApiResponse = '{"retCode":0,"retMsg":"OK","result":{"t":1683986136017,"s":"BTCUSDT","bp":"26799.99","ap":"26810.3","lp":"26810.3","o":"26875.03","h":"28073.41","l":"25992.06","v":"2389.959483","qv":"65100545.90244497"},"retExtInfo":{},"time":1683986136450}'


@pytest.mark.xfail(
    gaps.V3_NAMES_NOT_READ,
    strict=True,
    raises=AssertionError,
    reason="v3's t is not read: the Spot package reads V5's time",
)
def testTickersDTOBuilder() -> None:
    dto = ResponseDtoBuilder.make(TickersResponse, json.loads(tickersApiResponse)["result"])
    assert isinstance(dto, TickersResponse)
    assert isinstance(dto.getTime(), datetime)
    assert isinstance(dto.getHighPrice(), float)
    assert isinstance(dto.getTradingVolume(), float)
    assert isinstance(dto.getOpenPrice(), float)
    assert isinstance(dto.getLowPrice(), float)
    assert isinstance(dto.getBestAskPrice(), float)
    assert isinstance(dto.getBestBidPrice(), float)
    assert isinstance(dto.getLastTradedPrice(), float)
    assert isinstance(dto.getTradingQuoteVolume(), float)
    assert isinstance(dto.getSymbol(), str)


@pytest.mark.xfail(
    gaps.OBJECT_RESULT_REFUSED,
    strict=True,
    raises=ApiException,
    reason="v3 answers with one object; V5's tickers answers result.list, and a list answer without its list is refused as unexpected",
)
def testTickersResponseHandlerBuilder() -> None:
    handler = ResponseHandlerBuilder.make(tickersApiResponse, CurlResponseHandler, TickersResponse)
    assert isinstance(handler.getBody(), EntityCollection)
    assert handler.getBody().count() > 0


@pytest.mark.xfail(
    gaps.OBJECT_RESULT_REFUSED,
    strict=True,
    raises=ApiException,
    reason="v3 answers with one object; V5's tickers answers result.list, and a list answer without its list is refused as unexpected",
)
def testTickersEndpoint() -> None:
    endpoint = RestBuilder.make(TestTickers, TickersRequest().setSymbol("BTCUSDT"))
    entityResponse = endpoint.execute(EnumOutputMode.MODE_ENTITY, tickersApiResponse)
    assert isinstance(entityResponse, CurlResponseDto)
    body = entityResponse.getBody()
    assert isinstance(body, EntityCollection)
    body = body.fetch()
    assert isinstance(body, TickersResponse)
    assert isinstance(body.getTime(), datetime)
    assert isinstance(body.getHighPrice(), float)
    assert isinstance(body.getTradingVolume(), float)
    assert isinstance(body.getOpenPrice(), float)
    assert isinstance(body.getLowPrice(), float)
    assert isinstance(body.getBestAskPrice(), float)
    assert isinstance(body.getBestBidPrice(), float)
    assert isinstance(body.getLastTradedPrice(), float)
    assert isinstance(body.getTradingQuoteVolume(), float)
    assert isinstance(body.getSymbol(), str)
