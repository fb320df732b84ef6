"""MyPositionTest, ported mechanically from carpenstar/bybitapi-sdk-derivatives src/Derivatives/Contract/Position/MyPosition/Tests/MyPositionTest.php by tools/port_php_tests.py.

Do not edit by hand: re-run the tool (a port keeps PHP's names and structure line by line).
"""

from __future__ import annotations

import json

from carpenstar_bybit.Core.Builders import ResponseDtoBuilder, ResponseHandlerBuilder, RestBuilder
from carpenstar_bybit.Core.Enums import EnumOutputMode
from carpenstar_bybit.Core.Objects.Collection import EntityCollection
from carpenstar_bybit.Core.Response import CurlResponseDto, CurlResponseHandler
from carpenstar_bybit.Derivatives.Contract.Position.MyPosition.Overrides import TestMyPosition
from carpenstar_bybit.Derivatives.Contract.Position.MyPosition.Request import MyPositionRequest
from carpenstar_bybit.Derivatives.Contract.Position.MyPosition.Response import MyPositionResponse

closedPnLResponse = '{"retCode":0,"retMsg":"OK","result":{"list":[{"positionIdx":0,"riskId":236,"symbol":"ETCUSDT","side":"Sell","size":"5.0","positionValue":"101.025","entryPrice":"20.205","tradeMode":0,"autoAddMargin":0,"leverage":"10","positionBalance":"10.1691765","liqPrice":"1606.060","bustPrice":"1606.260","takeProfit":"0.000","stopLoss":"0.000","trailingStop":"0.000","unrealisedPnl":"1.35","createdTime":"1672986751942","updatedTime":"1673419917797","tpSlMode":"Full","riskLimitValue":"200000","activePrice":"0.000","markPrice":"19.935","cumRealisedPnl":"0.02758243","positionMM":"","positionIM":"","positionStatus": "Normal","sessionAvgPrice":"0.000","occClosingFee":"4.81878","avgPrice":"20.205","adlRankIndicator":2}],"category":"","nextPageCursor":""},"retExtInfo":{},"time":1673421076067}'


def testMyPositionDTOBuilder() -> None:
    for feeRate in json.loads(closedPnLResponse)["result"]["list"]:
        dto = ResponseDtoBuilder.make(MyPositionResponse, feeRate)
        assert isinstance(dto, MyPositionResponse)


def testMyPositionResponseHandlerBuilder() -> None:
    handler = ResponseHandlerBuilder.make(
        closedPnLResponse, CurlResponseHandler, MyPositionResponse
    )
    assert isinstance(handler.getBody(), EntityCollection)
    assert handler.getBody().count() > 0


def testMyPositionEndpoint() -> None:
    endpoint = RestBuilder.make(TestMyPosition, MyPositionRequest())
    entityResponse = endpoint.execute(EnumOutputMode.MODE_ENTITY, closedPnLResponse)
    assert isinstance(entityResponse, CurlResponseDto)
    body = entityResponse.getBody()
    assert isinstance(body, EntityCollection)
    for wallet in body.fetch():
        dto = ResponseDtoBuilder.make(MyPositionResponse, wallet)
        assert isinstance(dto, MyPositionResponse)
