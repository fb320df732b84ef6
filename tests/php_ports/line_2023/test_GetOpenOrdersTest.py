"""GetOpenOrdersTest, ported mechanically from carpenstar/bybitapi-sdk-derivatives src/Derivatives/Contract/Order/GetOpenOrders/Tests/GetOpenOrdersTest.php by tools/port_php_tests.py.

Do not edit by hand: re-run the tool (a port keeps PHP's names and structure line by line).
"""

from __future__ import annotations

import json

from carpenstar_bybit.Core.Builders import ResponseDtoBuilder, ResponseHandlerBuilder, RestBuilder
from carpenstar_bybit.Core.Enums import EnumOutputMode
from carpenstar_bybit.Core.Objects.Collection import EntityCollection
from carpenstar_bybit.Core.Response import CurlResponseDto, CurlResponseHandler
from carpenstar_bybit.Derivatives.Contract.Order.GetOpenOrders.Overrides import TestGetOpenOrders
from carpenstar_bybit.Derivatives.Contract.Order.GetOpenOrders.Request import GetOpenOrdersRequest
from carpenstar_bybit.Derivatives.Contract.Order.GetOpenOrders.Response import GetOpenOrdersResponse

getOpenOrdersResponse = '{"retCode":0,"retMsg":"OK","result":{"list":[{"symbol":"BTCUSDT","orderId":"6753a9db-3d47-4b06-8c35-599511c0fb00","side":"Buy","orderType":"Limit","stopOrderType":"UNKNOWN","price":"28000.00","qty":"0.022","timeInForce":"GoodTillCancel","orderStatus":"New","triggerPrice":"0.00","orderLinkId":"","createdTime":"1690997416487","updatedTime":"1690997416490","takeProfit":"0.00","stopLoss":"0.00","tpTriggerBy":"UNKNOWN","slTriggerBy":"UNKNOWN","triggerBy":"UNKNOWN","reduceOnly":false,"leavesQty":"0.022","leavesValue":"616","cumExecQty":"0.000","cumExecValue":"0","cumExecFee":"0","triggerDirection":0,"cancelType":"UNKNOWN","lastPriceOnCreated":"","iv":"","closeOnTrigger":false,"tpslMode":"","tpLimitPrice":"","slLimitPrice":"","smpType":"None","smpGroup":0,"smpOrderId":""}],"nextPageCursor":"ME51NFhyekVsNFlrUitoZVd0TWNGZ3FPZkVpMmswT2Z0aDdQR2g3eTMwWDFOZkNoM2tFVkNZWmYzeHVqaGpZcGgyWHQ2RGRqR3VSdElUVmdzSmJQZkE9PQ==","category":""},"retExtInfo":{},"time":1691001728355}'


def testGetOpenOrdersDTOBuilder() -> None:
    for order in json.loads(getOpenOrdersResponse)["result"]["list"]:
        dto = ResponseDtoBuilder.make(GetOpenOrdersResponse, order)
        assert isinstance(dto, GetOpenOrdersResponse)


def testGetOpenOrdersResponseHandlerBuilder() -> None:
    handler = ResponseHandlerBuilder.make(
        getOpenOrdersResponse, CurlResponseHandler, GetOpenOrdersResponse
    )
    assert isinstance(handler.getBody(), EntityCollection)
    assert handler.getBody().count() > 0


def testGetOpenOrdersEndpoint() -> None:
    endpoint = RestBuilder.make(TestGetOpenOrders, GetOpenOrdersRequest().setSymbol("BTCUSDT"))
    entityResponse = endpoint.execute(EnumOutputMode.MODE_ENTITY, getOpenOrdersResponse)
    assert isinstance(entityResponse, CurlResponseDto)
    body = entityResponse.getBody()
    assert isinstance(body, EntityCollection)
    dto = body.fetch()
    assert isinstance(dto, GetOpenOrdersResponse)
