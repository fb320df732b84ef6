"""PurchaseRedeemHistoryTest, ported mechanically from carpenstar/bybitapi-sdk-spot src/Spot/LeverageToken/PurchaseRedeemHistory/Tests/PurchaseRedeemHistoryTest.php by tools/port_php_tests.py.

Do not edit by hand: re-run the tool (a port keeps PHP's names and structure line by line).
"""

from __future__ import annotations

import json

from carpenstar_bybit.Core.Builders import ResponseDtoBuilder, ResponseHandlerBuilder, RestBuilder
from carpenstar_bybit.Core.Enums import EnumOutputMode
from carpenstar_bybit.Core.Objects.Collection import EntityCollection
from carpenstar_bybit.Core.Response import CurlResponseDto, CurlResponseHandler
from carpenstar_bybit.Spot.LeverageToken.PurchaseRedeemHistory.Overrides import (
    TestPurchaseRedeemHistory,
)
from carpenstar_bybit.Spot.LeverageToken.PurchaseRedeemHistory.Request import (
    PurchaseRedeemHistoryRequest,
)
from carpenstar_bybit.Spot.LeverageToken.PurchaseRedeemHistory.Response import (
    PurchaseRedeemHistoryResponse,
)

purchaseRedeemResponse = '{"retCode":0,"retMsg":"success","result":{"list":[{"amount":"","excTime":1662549752000,"fee":"","ltCode":"DOT3L","orderId":"2083","orderStatus":"3","orderTime":1662549752000,"orderType":1,"serialNo":"x003","value":"","valueCoin":"USDT"},{"amount":"","excTime":1662549702000,"fee":"","ltCode":"DOT3L","orderId":"2082","orderStatus":"3","orderTime":1662549702000,"orderType":1,"serialNo":"x002","value":"","valueCoin":"USDT"}]},"retExtInfo":{},"time":1662608374640}'


def testPurchaseRedeemHistoryDTOBuilder() -> None:
    for item in json.loads(purchaseRedeemResponse)["result"]["list"]:
        dto = ResponseDtoBuilder.make(PurchaseRedeemHistoryResponse, item)
        assert isinstance(dto, PurchaseRedeemHistoryResponse)


def testPurchaseRedeemHistoryResponseHandlerBuilder() -> None:
    handler = ResponseHandlerBuilder.make(
        purchaseRedeemResponse, CurlResponseHandler, PurchaseRedeemHistoryResponse
    )
    assert isinstance(handler.getBody(), EntityCollection)
    assert handler.getBody().count() > 0


def testPurchaseRedeemHistoryEndpoint() -> None:
    endpoint = RestBuilder.make(TestPurchaseRedeemHistory, PurchaseRedeemHistoryRequest())
    entityResponse = endpoint.execute(EnumOutputMode.MODE_ENTITY, purchaseRedeemResponse)
    assert isinstance(entityResponse, CurlResponseDto)
    body = entityResponse.getBody()
    assert isinstance(body, EntityCollection)
    for item in body.fetch():
        dto = ResponseDtoBuilder.make(PurchaseRedeemHistoryResponse, item)
        assert isinstance(dto, PurchaseRedeemHistoryResponse)
