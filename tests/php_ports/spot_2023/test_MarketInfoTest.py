"""MarketInfoTest, ported mechanically from carpenstar/bybitapi-sdk-spot src/Spot/LeverageToken/MarketInfo/Tests/MarketInfoTest.php by tools/port_php_tests.py.

Do not edit by hand: re-run the tool (a port keeps PHP's names and structure line by line).
"""

from __future__ import annotations

import json

from carpenstar_bybit.Core.Builders import ResponseDtoBuilder, ResponseHandlerBuilder, RestBuilder
from carpenstar_bybit.Core.Enums import EnumOutputMode
from carpenstar_bybit.Core.Objects.Collection import EntityCollection
from carpenstar_bybit.Core.Response import CurlResponseDto, CurlResponseHandler
from carpenstar_bybit.Spot.LeverageToken.MarketInfo.Overrides import TestMarketInfo
from carpenstar_bybit.Spot.LeverageToken.MarketInfo.Request import MarketInfoRequest
from carpenstar_bybit.Spot.LeverageToken.MarketInfo.Response import MarketInfoResponse

marketInfoResponse = '{"retCode":0,"retMsg":"OK","result":{"basket":"230666.700009559600667216","circulation":"24999.840207851103706443","leverage": "2.302545313639639446","ltCode":"EOS2L","nav":"3.790797803797135639","navTime":1673346095226},"retExtInfo":{},"time":1673346095239}'


def testMarketInfoDTOBuilder() -> None:
    dto = ResponseDtoBuilder.make(MarketInfoResponse, json.loads(marketInfoResponse)["result"])
    assert isinstance(dto, MarketInfoResponse)


def testMarketInfoResponseHandlerBuilder() -> None:
    handler = ResponseHandlerBuilder.make(
        marketInfoResponse, CurlResponseHandler, MarketInfoResponse
    )
    assert isinstance(handler.getBody(), EntityCollection)
    assert handler.getBody().count() > 0


def testMarketInfoEndpoint() -> None:
    endpoint = RestBuilder.make(TestMarketInfo, MarketInfoRequest())
    entityResponse = endpoint.execute(EnumOutputMode.MODE_ENTITY, marketInfoResponse)
    assert isinstance(entityResponse, CurlResponseDto)
    body = entityResponse.getBody()
    assert isinstance(body, EntityCollection)
    for wallet in body.fetch():
        dto = ResponseDtoBuilder.make(MarketInfoResponse, wallet)
        assert isinstance(dto, MarketInfoResponse)
