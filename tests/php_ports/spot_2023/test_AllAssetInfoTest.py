"""AllAssetInfoTest, ported mechanically from carpenstar/bybitapi-sdk-spot src/Spot/LeverageToken/AllAssetInfo/Tests/AllAssetInfoTest.php by tools/port_php_tests.py.

Do not edit by hand: re-run the tool (a port keeps PHP's names and structure line by line).
"""

from __future__ import annotations

import json

from carpenstar_bybit.Core.Builders import ResponseDtoBuilder, ResponseHandlerBuilder, RestBuilder
from carpenstar_bybit.Core.Enums import EnumOutputMode
from carpenstar_bybit.Core.Objects.Collection import EntityCollection
from carpenstar_bybit.Core.Response import CurlResponseDto, CurlResponseHandler
from carpenstar_bybit.Spot.LeverageToken.AllAssetInfo.Overrides import TestAllAssetInfo
from carpenstar_bybit.Spot.LeverageToken.AllAssetInfo.Request import AllAssetInfoRequest
from carpenstar_bybit.Spot.LeverageToken.AllAssetInfo.Response import AllAssetInfoResponse

allAssetInfoResponse = '{"retCode":0,"retMsg":"OK","result":{"list":[{"fundFee":"21.79800315","fundFeeTime":1673366400000,"ltCode":"EOS2LUSDT","ltName":"Long EOS (2x Leverage)","manageFeeRate":"0.00005","manageFeeTime":1673398800000,"maxPurchase":"5000","maxPurchaseDaily":"200000","maxRedeem":"861","maxRedeemDaily":"20000","minPurchase":"100","minRedeem":"17","netValue":"3.781571076822412032","purchaseFeeRate":"0.0005","redeemFeeRate":"0.0005","status":"1","total":"5000000","value":"23624.848996419293002588635"}]},"retExtInfo":{},"time": 1673345413125}'


def testAllAssetInfoDTOBuilder() -> None:
    for info in json.loads(allAssetInfoResponse)["result"]["list"]:
        dto = ResponseDtoBuilder.make(AllAssetInfoResponse, info)
        assert isinstance(dto, AllAssetInfoResponse)


def testAllAssetInfoResponseHandlerBuilder() -> None:
    handler = ResponseHandlerBuilder.make(
        allAssetInfoResponse, CurlResponseHandler, AllAssetInfoResponse
    )
    assert isinstance(handler.getBody(), EntityCollection)
    assert handler.getBody().count() > 0


def testAllAssetInfoEndpoint() -> None:
    endpoint = RestBuilder.make(TestAllAssetInfo, AllAssetInfoRequest())
    entityResponse = endpoint.execute(EnumOutputMode.MODE_ENTITY, allAssetInfoResponse)
    assert isinstance(entityResponse, CurlResponseDto)
    body = entityResponse.getBody()
    assert isinstance(body, EntityCollection)
    for info in body.fetch():
        dto = ResponseDtoBuilder.make(AllAssetInfoResponse, info)
        assert isinstance(dto, AllAssetInfoResponse)
