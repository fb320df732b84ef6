"""PlaceOrderTest, ported mechanically from carpenstar/bybitapi-sdk-spot src/Spot/Trade/PlaceOrder/Tests/PlaceOrderTest.php by tools/port_php_tests.py.

Do not edit by hand: re-run the tool (a port keeps PHP's names and structure line by line).
"""

from __future__ import annotations

import json
from datetime import datetime

import pytest

from carpenstar_bybit.Core.Builders import ResponseDtoBuilder, ResponseHandlerBuilder, RestBuilder
from carpenstar_bybit.Core.Enums import EnumOrderType, EnumOutputMode, EnumSide
from carpenstar_bybit.Core.Objects.Collection import EntityCollection
from carpenstar_bybit.Core.Response import CurlResponseDto, CurlResponseHandler
from carpenstar_bybit.Spot.Trade.PlaceOrder.Overrides import TestPlaceOrder
from carpenstar_bybit.Spot.Trade.PlaceOrder.Request import PlaceOrderRequest
from carpenstar_bybit.Spot.Trade.PlaceOrder.Response import PlaceOrderResponse
from tests.php_ports import gaps

placeOrderResponse = '{"retCode":0,"retMsg":"OK","result":{"orderId":"1477137337600322304","orderLinkId":"64c7ef2bdf040","symbol":"BTCUSDT","createTime":"1690824492584","orderPrice":"1000","orderQty":"0.001","orderType":"LIMIT","side":"BUY","status":"NEW","timeInForce":"GTC","accountId":"1111837","execQty":"0","orderCategory":0,"smpType":"None"},"retExtInfo":{},"time":1690824492593}'


@pytest.mark.xfail(
    gaps.IDS_ARE_STRINGS,
    strict=True,
    raises=AssertionError,
    reason="PHP casts v3's orderId to int; V5's IDs are strings and kept as str",
)
def testPlaceOrderDTOBuilder() -> None:
    dto = ResponseDtoBuilder.make(PlaceOrderResponse, json.loads(placeOrderResponse)["result"])
    assert isinstance(dto, PlaceOrderResponse)
    assert isinstance(dto.getOrderId(), int)
    assert isinstance(dto.getOrderLinkId(), str)
    assert isinstance(dto.getSymbol(), str)
    assert isinstance(dto.getCreateTime(), datetime)
    assert isinstance(dto.getOrderPrice(), float)
    assert dto.getOrderPrice()
    assert isinstance(dto.getOrderQty(), float)
    assert dto.getOrderQty()
    assert isinstance(dto.getSide(), str)
    assert dto.getSide()
    assert isinstance(dto.getStatus(), str)
    assert dto.getStatus()
    assert isinstance(dto.getTimeInForce(), str)
    assert dto.getTimeInForce()
    assert isinstance(dto.getAccountId(), str)
    assert dto.getAccountId()
    assert isinstance(dto.getOrderCategory(), int)


def testPlaceOrderResponseHandlerBuilder() -> None:
    handler = ResponseHandlerBuilder.make(
        placeOrderResponse, CurlResponseHandler, PlaceOrderResponse
    )
    assert isinstance(handler.getBody(), EntityCollection)
    assert handler.getBody().count() > 0


def testPlaceOrderEndpoint() -> None:
    endpoint = RestBuilder.make(
        TestPlaceOrder,
        PlaceOrderRequest()
        .setSymbol("BTCUSDT")
        .setOrderQty(0.001)
        .setSide(EnumSide.BUY)
        .setOrderType(EnumOrderType.MARKET),
    )
    entityResponse = endpoint.execute(EnumOutputMode.MODE_ENTITY, placeOrderResponse)
    assert isinstance(entityResponse, CurlResponseDto)
    body = entityResponse.getBody()
    assert isinstance(body, EntityCollection)
    for order in body.fetch():
        dto = ResponseDtoBuilder.make(PlaceOrderResponse, order)
        assert isinstance(dto, PlaceOrderResponse)
        assert isinstance(dto.getOrderId(), int)
        assert isinstance(dto.getOrderLinkId(), str)
        assert isinstance(dto.getSymbol(), str)
        assert isinstance(dto.getCreateTime(), datetime)
        assert isinstance(dto.getOrderPrice(), float)
        assert dto.getOrderPrice()
        assert isinstance(dto.getOrderQty(), float)
        assert dto.getOrderQty()
        assert isinstance(dto.getSide(), str)
        assert dto.getSide()
        assert isinstance(dto.getStatus(), str)
        assert dto.getStatus()
        assert isinstance(dto.getTimeInForce(), str)
        assert dto.getTimeInForce()
        assert isinstance(dto.getAccountId(), str)
        assert dto.getAccountId()
        assert isinstance(dto.getOrderCategory(), int)
