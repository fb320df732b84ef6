"""CancelAllOrderTest, ported mechanically from carpenstar/bybitapi-sdk-derivatives src/Derivatives/Contract/Order/CancelAllOrder/Tests/CancelAllOrderTest.php by tools/port_php_tests.py.

Do not edit by hand: re-run the tool (a port keeps PHP's names and structure line by line).
"""

from __future__ import annotations

import json

from carpenstar_bybit.Core.Builders import ResponseDtoBuilder, ResponseHandlerBuilder, RestBuilder
from carpenstar_bybit.Core.Enums import EnumOutputMode
from carpenstar_bybit.Core.Objects.Collection import EntityCollection
from carpenstar_bybit.Core.Response import CurlResponseDto, CurlResponseHandler
from carpenstar_bybit.Derivatives.Contract.Order.CancelAllOrder.Overrides import TestCancelAllOrder
from carpenstar_bybit.Derivatives.Contract.Order.CancelAllOrder.Request import CancelAllOrderRequest
from carpenstar_bybit.Derivatives.Contract.Order.CancelAllOrder.Response import (
    CancelAllOrderResponse,
)

cancelAllOrderResponse = '{"retCode":0,"retMsg":"OK","result":{"list":[{"category":"linear","symbol":"ETHUSDT","orderId":"6cba55ea-6996-44f5-bd0f-ac09ffda4ab1","orderLinkId": "liang-001"}]},"retExtInfo":{"list":[{"code":0,"msg":"success"}]},"time": 1672810388787}'


def testCancelAllOrderDTOBuilder() -> None:
    for feeRate in json.loads(cancelAllOrderResponse)["result"]["list"]:
        dto = ResponseDtoBuilder.make(CancelAllOrderResponse, feeRate)
        assert isinstance(dto, CancelAllOrderResponse)


def testCancelAllOrderResponseHandlerBuilder() -> None:
    handler = ResponseHandlerBuilder.make(
        cancelAllOrderResponse, CurlResponseHandler, CancelAllOrderResponse
    )
    assert isinstance(handler.getBody(), EntityCollection)
    assert handler.getBody().count() > 0


def testCancelAllOrderEndpoint() -> None:
    endpoint = RestBuilder.make(TestCancelAllOrder, CancelAllOrderRequest())
    entityResponse = endpoint.execute(EnumOutputMode.MODE_ENTITY, cancelAllOrderResponse)
    assert isinstance(entityResponse, CurlResponseDto)
    body = entityResponse.getBody()
    assert isinstance(body, EntityCollection)
    for wallet in body.fetch():
        dto = ResponseDtoBuilder.make(CancelAllOrderResponse, wallet)
        assert isinstance(dto, CancelAllOrderResponse)
