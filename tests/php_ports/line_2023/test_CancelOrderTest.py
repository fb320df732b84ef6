"""CancelOrderTest, ported mechanically from carpenstar/bybitapi-sdk-derivatives src/Derivatives/Contract/Order/CancelOrder/Tests/CancelOrderTest.php by tools/port_php_tests.py.

Do not edit by hand: re-run the tool (a port keeps PHP's names and structure line by line).
"""

from __future__ import annotations

import json

from carpenstar_bybit.Core.Builders import ResponseDtoBuilder, ResponseHandlerBuilder, RestBuilder
from carpenstar_bybit.Core.Enums import EnumOutputMode
from carpenstar_bybit.Core.Objects.Collection import EntityCollection
from carpenstar_bybit.Core.Response import CurlResponseDto, CurlResponseHandler
from carpenstar_bybit.Derivatives.Contract.Order.CancelOrder.Overrides import TestCancelOrder
from carpenstar_bybit.Derivatives.Contract.Order.CancelOrder.Request import CancelOrderRequest
from carpenstar_bybit.Derivatives.Contract.Order.CancelOrder.Response import CancelOrderResponse

cancelOrderResponse = '{"retCode":0,"retMsg":"OK","result":{"orderId":"4c51a45f-7795-4b38-9b66-3c306b73f112","orderLinkId":"e80d558e-ed"}}'


def testCancelOrderDTOBuilder() -> None:
    dto = ResponseDtoBuilder.make(CancelOrderResponse, json.loads(cancelOrderResponse)["result"])
    assert isinstance(dto, CancelOrderResponse)


def testCancelOrderResponseHandlerBuilder() -> None:
    handler = ResponseHandlerBuilder.make(
        cancelOrderResponse, CurlResponseHandler, CancelOrderResponse
    )
    assert isinstance(handler.getBody(), EntityCollection)
    assert handler.getBody().count() > 0


def testCancelOrderEndpoint() -> None:
    endpoint = RestBuilder.make(TestCancelOrder, CancelOrderRequest().setOrderId(12345))
    entityResponse = endpoint.execute(EnumOutputMode.MODE_ENTITY, cancelOrderResponse)
    assert isinstance(entityResponse, CurlResponseDto)
    body = entityResponse.getBody()
    assert isinstance(body, EntityCollection)
    for wallet in body.fetch():
        dto = ResponseDtoBuilder.make(CancelOrderResponse, wallet)
        assert isinstance(dto, CancelOrderResponse)
