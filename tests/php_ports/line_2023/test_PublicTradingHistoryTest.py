"""PublicTradingHistoryTest, ported mechanically from carpenstar/bybitapi-sdk-derivatives src/Derivatives/MarketData/PublicTradingHistory/Tests/PublicTradingHistoryTest.php by tools/port_php_tests.py.

Do not edit by hand: re-run the tool (a port keeps PHP's names and structure line by line).
"""

from __future__ import annotations

import json

from carpenstar_bybit.Core.Builders import ResponseDtoBuilder, ResponseHandlerBuilder, RestBuilder
from carpenstar_bybit.Core.Enums import EnumOutputMode
from carpenstar_bybit.Core.Objects.Collection import EntityCollection
from carpenstar_bybit.Core.Response import CurlResponseDto, CurlResponseHandler
from carpenstar_bybit.Derivatives.MarketData.PublicTradingHistory.Overrides import (
    TestPublicTradingHistory,
)
from carpenstar_bybit.Derivatives.MarketData.PublicTradingHistory.Request import (
    PublicTradingHistoryRequest,
)
from carpenstar_bybit.Derivatives.MarketData.PublicTradingHistory.Response import (
    PublicTradingHistoryResponse,
)

publicTradingHistoryResponse = '{"retCode":0,"retMsg":"OK","result":{"category":"linear","list":[{"execId":"5706445b-8543-59bc-8988-93e0f4a3f0f9","symbol":"BTCUSDT","price":"16814.50","size":"0.001","side":"Buy","time":"1671970297430","isBlockTrade":false}]},"retExtInfo":{},"time":1671970297723}'


def testPublicTradingHistoryDTOBuilder() -> None:
    for feeRate in json.loads(publicTradingHistoryResponse)["result"]["list"]:
        dto = ResponseDtoBuilder.make(PublicTradingHistoryResponse, feeRate)
        assert isinstance(dto, PublicTradingHistoryResponse)


def testPublicTradingHistoryResponseHandlerBuilder() -> None:
    handler = ResponseHandlerBuilder.make(
        publicTradingHistoryResponse, CurlResponseHandler, PublicTradingHistoryResponse
    )
    assert isinstance(handler.getBody(), EntityCollection)
    assert handler.getBody().count() > 0


def testPublicTradingHistoryEndpoint() -> None:
    endpoint = RestBuilder.make(
        TestPublicTradingHistory, PublicTradingHistoryRequest().setSymbol("ETHUSDT")
    )
    entityResponse = endpoint.execute(EnumOutputMode.MODE_ENTITY, publicTradingHistoryResponse)
    assert isinstance(entityResponse, CurlResponseDto)
    body = entityResponse.getBody()
    assert isinstance(body, EntityCollection)
    for price in body.fetch():
        dto = ResponseDtoBuilder.make(PublicTradingHistoryResponse, price)
        assert isinstance(dto, PublicTradingHistoryResponse)
