"""RiskLimitTest, ported mechanically from carpenstar/bybitapi-sdk-derivatives src/Derivatives/MarketData/RiskLimit/Tests/RiskLimitTest.php by tools/port_php_tests.py.

Do not edit by hand: re-run the tool (a port keeps PHP's names and structure line by line).
"""

from __future__ import annotations

import json

from carpenstar_bybit.Core.Builders import ResponseDtoBuilder, ResponseHandlerBuilder, RestBuilder
from carpenstar_bybit.Core.Enums import EnumOutputMode
from carpenstar_bybit.Core.Objects.Collection import EntityCollection
from carpenstar_bybit.Core.Response import CurlResponseDto, CurlResponseHandler
from carpenstar_bybit.Derivatives.MarketData.RiskLimit.Overrides import TestRiskLimit
from carpenstar_bybit.Derivatives.MarketData.RiskLimit.Request import RiskLimitsRequest
from carpenstar_bybit.Derivatives.MarketData.RiskLimit.Response import RiskLimitsResponse

riskLimitResponse = '{"retCode":0,"retMsg":"OK","result":{"category":"","list":[{"id":1,"symbol":"ETHPERP","limit":"500000","maintainMargin":"0.01","initialMargin":"0.015","isLowestRisk":1,"maxLeverage":"66.67"}]},"retExtInfo":{},"time":1671970615467}'


def testRiskLimitDTOBuilder() -> None:
    for feeRate in json.loads(riskLimitResponse)["result"]["list"]:
        dto = ResponseDtoBuilder.make(RiskLimitsResponse, feeRate)
        assert isinstance(dto, RiskLimitsResponse)


def testRiskLimitResponseHandlerBuilder() -> None:
    handler = ResponseHandlerBuilder.make(
        riskLimitResponse, CurlResponseHandler, RiskLimitsResponse
    )
    assert isinstance(handler.getBody(), EntityCollection)
    assert handler.getBody().count() > 0


def testRiskLimitEndpoint() -> None:
    endpoint = RestBuilder.make(TestRiskLimit, RiskLimitsRequest().setSymbol("ETHPERP"))
    entityResponse = endpoint.execute(EnumOutputMode.MODE_ENTITY, riskLimitResponse)
    assert isinstance(entityResponse, CurlResponseDto)
    body = entityResponse.getBody()
    assert isinstance(body, EntityCollection)
    for price in body.fetch():
        dto = ResponseDtoBuilder.make(RiskLimitsResponse, price)
        assert isinstance(dto, RiskLimitsResponse)
