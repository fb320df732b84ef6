"""OrderBookTest, ported mechanically from carpenstar/bybitapi-sdk-derivatives src/Derivatives/MarketData/OrderBook/Tests/OrderBookTest.php by tools/port_php_tests.py.

Do not edit by hand: re-run the tool (a port keeps PHP's names and structure line by line).
"""

from __future__ import annotations

import json

from carpenstar_bybit.Core.Builders import ResponseDtoBuilder, ResponseHandlerBuilder, RestBuilder
from carpenstar_bybit.Core.Enums import EnumOutputMode
from carpenstar_bybit.Core.Objects.Collection import EntityCollection
from carpenstar_bybit.Core.Response import CurlResponseDto, CurlResponseHandler
from carpenstar_bybit.Derivatives.MarketData.OrderBook.Overrides import TestOrderBook
from carpenstar_bybit.Derivatives.MarketData.OrderBook.Request import OrderBookRequest
from carpenstar_bybit.Derivatives.MarketData.OrderBook.Response import OrderBookResponse

orderBookResponse = '{"retCode":0,"retMsg":"OK","result":{"s":"BTCPERP","b":[["16818","0.156"],["16818.5","0.183"]],"a":[["16819","0.454"],["16819.5","0.054"]],"ts":1671969122791,"u":6404345},"retExtInfo":{},"time":1671969122869}'


def testOrderBookDTOBuilder() -> None:
    dto = ResponseDtoBuilder.make(OrderBookResponse, json.loads(orderBookResponse)["result"])
    assert isinstance(dto, OrderBookResponse)


def testOrderBookResponseHandlerBuilder() -> None:
    handler = ResponseHandlerBuilder.make(orderBookResponse, CurlResponseHandler, OrderBookResponse)
    assert isinstance(handler.getBody(), EntityCollection)
    assert handler.getBody().count() > 0


def testOrderBookKlineEndpoint() -> None:
    endpoint = RestBuilder.make(TestOrderBook, OrderBookRequest().setSymbol("ETHUSDT"))
    entityResponse = endpoint.execute(EnumOutputMode.MODE_ENTITY, orderBookResponse)
    assert isinstance(entityResponse, CurlResponseDto)
    body = entityResponse.getBody()
    assert isinstance(body, EntityCollection)
    for price in body.fetch():
        dto = ResponseDtoBuilder.make(OrderBookResponse, price)
        assert isinstance(dto, OrderBookResponse)
