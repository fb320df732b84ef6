"""GetOrderListTest, ported mechanically from carpenstar/bybitapi-sdk-derivatives src/Derivatives/Contract/Order/GetOrderList/Tests/GetOrderListTest.php by tools/port_php_tests.py.

Do not edit by hand: re-run the tool (a port keeps PHP's names and structure line by line).
"""

from __future__ import annotations

import json

from carpenstar_bybit.Core.Builders import ResponseDtoBuilder, ResponseHandlerBuilder, RestBuilder
from carpenstar_bybit.Core.Enums import EnumOutputMode
from carpenstar_bybit.Core.Objects.Collection import EntityCollection
from carpenstar_bybit.Core.Response import CurlResponseDto, CurlResponseHandler
from carpenstar_bybit.Derivatives.Contract.Order.GetOrderList.Overrides import TestGetOrderList
from carpenstar_bybit.Derivatives.Contract.Order.GetOrderList.Request import GetOrderListRequest
from carpenstar_bybit.Derivatives.Contract.Order.GetOrderList.Response import GetOrderListResponse

getOrderListResponse = '{"retCode":0,"retMsg":"OK","result":{"nextPageCursor":"c6f055d9-7f21-4079-913d-e6523a9cfffa%3A1672216686849%2Cc6f055d9-7f21-4079-913d-e6523a9cfffa%3A1672216686849","category":"linear","list":[{"symbol":"ETHPERP","orderType":"Limit","orderLinkId":"linear-004","orderId":"c6f055d9-7f21-4079-913d-e6523a9cfffa","stopOrderType":"Stop","orderStatus":"Deactivated","takeProfit":"","cumExecValue":"0","blockTradeId":"","rejectReason":"EC_NoError","price":"1050","createdTime":1672216686849,"tpTriggerBy":"UNKNOWN","timeInForce":"GoodTillCancel","basePrice":"1188","leavesValue":"0","updatedTime":1672217377166,"side":"Sell","triggerPrice":"1145.00000000","cumExecFee":"0","slTriggerBy":"UNKNOWN","leavesQty":"0","closeOnTrigger":false,"cumExecQty":"0","reduceOnly":false,"qty":"0.15","stopLoss":"","triggerBy":"MarkPrice","orderIM":""}]},"retExtInfo":{},"time":1672811958171}'


def testGetOrderListDTOBuilder() -> None:
    for order in json.loads(getOrderListResponse)["result"]["list"]:
        dto = ResponseDtoBuilder.make(GetOrderListResponse, order)
        assert isinstance(dto, GetOrderListResponse)


def testGetOrderListResponseHandlerBuilder() -> None:
    handler = ResponseHandlerBuilder.make(
        getOrderListResponse, CurlResponseHandler, GetOrderListResponse
    )
    assert isinstance(handler.getBody(), EntityCollection)
    assert handler.getBody().count() > 0


def testGetOrderListEndpoint() -> None:
    endpoint = RestBuilder.make(TestGetOrderList, GetOrderListRequest())
    entityResponse = endpoint.execute(EnumOutputMode.MODE_ENTITY, getOrderListResponse)
    assert isinstance(entityResponse, CurlResponseDto)
    body = entityResponse.getBody()
    assert isinstance(body, EntityCollection)
    dto = body.fetch()
    assert isinstance(dto, GetOrderListResponse)
