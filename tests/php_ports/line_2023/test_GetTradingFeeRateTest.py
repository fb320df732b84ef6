"""GetTradingFeeRateTest, ported mechanically from carpenstar/bybitapi-sdk-derivatives src/Derivatives/Contract/Account/GetTradingFeeRate/Tests/GetTradingFeeRateTest.php by tools/port_php_tests.py.

Do not edit by hand: re-run the tool (a port keeps PHP's names and structure line by line).
"""

from __future__ import annotations

import json

from carpenstar_bybit.Core.Builders import ResponseDtoBuilder, ResponseHandlerBuilder, RestBuilder
from carpenstar_bybit.Core.Enums import EnumOutputMode
from carpenstar_bybit.Core.Objects.Collection import EntityCollection
from carpenstar_bybit.Core.Response import CurlResponseDto, CurlResponseHandler
from carpenstar_bybit.Derivatives.Contract.Account.GetTradingFeeRate.Overrides import (
    TestGetTradingFeeRate,
)
from carpenstar_bybit.Derivatives.Contract.Account.GetTradingFeeRate.Request import (
    GetTradingFeeRateRequest,
)
from carpenstar_bybit.Derivatives.Contract.Account.GetTradingFeeRate.Response import (
    GetTradingFeeRateResponse,
)

tradingFeeRateResponse = '{"retCode":0,"retMsg":"OK","result":{"list":[{"symbol":"SOLUSDT","takerFeeRate": "0.0006","makerFeeRate": "0.0001"},{"symbol":"BTCUSDT","takerFeeRate": "0.0006","makerFeeRate": "0.0001"}]},"retExtInfo": {},"time": 1670924050413}'


def testGetTradingFeeRateDTOBuilder() -> None:
    for feeRate in json.loads(tradingFeeRateResponse)["result"]["list"]:
        dto = ResponseDtoBuilder.make(GetTradingFeeRateResponse, feeRate)
        assert isinstance(dto, GetTradingFeeRateResponse)
        assert dto.getSymbol() is not None
        assert dto.getMakerFeeRate() is not None
        assert dto.getTakerFeeRate() is not None


def testGetTradingFeeRateResponseHandlerBuilder() -> None:
    handler = ResponseHandlerBuilder.make(
        tradingFeeRateResponse, CurlResponseHandler, GetTradingFeeRateResponse
    )
    assert isinstance(handler.getBody(), EntityCollection)
    assert handler.getBody().count() > 0


def testGetTradingFeeRateEndpoint() -> None:
    endpoint = RestBuilder.make(TestGetTradingFeeRate, GetTradingFeeRateRequest())
    entityResponse = endpoint.execute(EnumOutputMode.MODE_ENTITY, tradingFeeRateResponse)
    assert isinstance(entityResponse, CurlResponseDto)
    body = entityResponse.getBody()
    assert isinstance(body, EntityCollection)
    for wallet in body.fetch():
        dto = ResponseDtoBuilder.make(GetTradingFeeRateResponse, wallet)
        assert isinstance(dto, GetTradingFeeRateResponse)
        assert dto.getSymbol() is not None
        assert dto.getMakerFeeRate() is not None
        assert dto.getTakerFeeRate() is not None
