"""PurchaseTest, ported mechanically from carpenstar/bybitapi-sdk-spot src/Spot/LeverageToken/Purchase/Tests/PurchaseTest.php by tools/port_php_tests.py.

Do not edit by hand: re-run the tool (a port keeps PHP's names and structure line by line).
"""

from __future__ import annotations

import json

from carpenstar_bybit.Core.Builders import ResponseDtoBuilder, ResponseHandlerBuilder, RestBuilder
from carpenstar_bybit.Core.Enums import EnumOutputMode
from carpenstar_bybit.Core.Objects.Collection import EntityCollection
from carpenstar_bybit.Core.Response import CurlResponseDto, CurlResponseHandler
from carpenstar_bybit.Spot.LeverageToken.Purchase.Overrides import TestPurchase
from carpenstar_bybit.Spot.LeverageToken.Purchase.Request import PurchaseRequest
from carpenstar_bybit.Spot.LeverageToken.Purchase.Response import PurchaseResponse

purchaseResponse = '{"retCode":0,"retMsg":"success","result":{"amount":"100","id":"2085","ltCode":"DOT3LUSDT","orderAmount":"","orderQuantity":"","orderStatus":"2","serialNo":"x005","timestamp": 1662549845373,"valueCoin":"USDT"},"retExtInfo":{},"time":1662549845453}'


def testMarketInfoDTOBuilder() -> None:
    dto = ResponseDtoBuilder.make(PurchaseResponse, json.loads(purchaseResponse)["result"])
    assert isinstance(dto, PurchaseResponse)


def testMarketInfoResponseHandlerBuilder() -> None:
    handler = ResponseHandlerBuilder.make(purchaseResponse, CurlResponseHandler, PurchaseResponse)
    assert isinstance(handler.getBody(), EntityCollection)
    assert handler.getBody().count() > 0


def testMarketInfoEndpoint() -> None:
    endpoint = RestBuilder.make(TestPurchase, PurchaseRequest())
    entityResponse = endpoint.execute(EnumOutputMode.MODE_ENTITY, purchaseResponse)
    assert isinstance(entityResponse, CurlResponseDto)
    body = entityResponse.getBody()
    assert isinstance(body, EntityCollection)
    for wallet in body.fetch():
        dto = ResponseDtoBuilder.make(PurchaseResponse, wallet)
        assert isinstance(dto, PurchaseResponse)
