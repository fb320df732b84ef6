"""BatchCancelOrderByIdTest, ported mechanically from carpenstar/bybitapi-sdk-spot src/Spot/Trade/BatchCancelOrderById/Tests/BatchCancelOrderByIdTest.php by tools/port_php_tests.py.

Do not edit by hand: re-run the tool (a port keeps PHP's names and structure line by line).
"""

from __future__ import annotations

from carpenstar_bybit.Core.Builders import ResponseDtoBuilder, ResponseHandlerBuilder, RestBuilder
from carpenstar_bybit.Core.Enums import EnumOutputMode
from carpenstar_bybit.Core.Objects.Collection import EntityCollection
from carpenstar_bybit.Core.Response import CurlResponseDto, CurlResponseHandler
from carpenstar_bybit.Spot.Trade.BatchCancelOrderById.Overrides import TestBatchCancelOrderById
from carpenstar_bybit.Spot.Trade.BatchCancelOrderById.Request import BatchCancelOrderByIdRequest
from carpenstar_bybit.Spot.Trade.BatchCancelOrderById.Response import BatchCancelOrderByIdResponse

batchCancelOrderByIdResponse = (
    '{"retCode":0,"retMsg":"OK","result":{"list":[]},"retExtInfo":{},"time":1659080815222}'
)


def testBatchCancelOrderByIdDTOBuilder() -> None:
    dto = ResponseDtoBuilder.make(
        BatchCancelOrderByIdResponse, {"orderId": 12345, "code": "test-error"}
    )
    assert isinstance(dto, BatchCancelOrderByIdResponse)


def testBatchCancelOrderByIdResponseHandlerBuilder() -> None:
    handler = ResponseHandlerBuilder.make(
        batchCancelOrderByIdResponse, CurlResponseHandler, BatchCancelOrderByIdResponse
    )
    assert isinstance(handler.getBody(), EntityCollection)


def testBatchCancelOrderByIdEndpoint() -> None:
    endpoint = RestBuilder.make(
        TestBatchCancelOrderById, BatchCancelOrderByIdRequest().setOrderIds("12345")
    )
    entityResponse = endpoint.execute(EnumOutputMode.MODE_ENTITY, batchCancelOrderByIdResponse)
    assert isinstance(entityResponse, CurlResponseDto)
    body = entityResponse.getBody()
    assert isinstance(body, EntityCollection)
