"""ReedemTest, ported mechanically from carpenstar/bybitapi-sdk-spot src/Spot/LeverageToken/Redeem/Tests/ReedemTest.php by tools/port_php_tests.py.

Do not edit by hand: re-run the tool (a port keeps PHP's names and structure line by line).
"""

from __future__ import annotations

import json

from carpenstar_bybit.Core.Builders import ResponseDtoBuilder, ResponseHandlerBuilder, RestBuilder
from carpenstar_bybit.Core.Enums import EnumOutputMode
from carpenstar_bybit.Core.Objects.Collection import EntityCollection
from carpenstar_bybit.Core.Response import CurlResponseDto, CurlResponseHandler
from carpenstar_bybit.Spot.LeverageToken.Redeem.Overrides import TestReedem
from carpenstar_bybit.Spot.LeverageToken.Redeem.Request import ReedemRequest
from carpenstar_bybit.Spot.LeverageToken.Redeem.Response import ReedemResponse

redeemResponse = '{"retCode":0,"retMsg":"success","result":{"id":"2087","ltCode":"DOT3LUSDT","orderAmount":"","orderQuantity":"50","orderStatus":"2","quantity":"","serialNo":"r001","timestamp":1662605726326,"valueCoin":"DOT3L"},"retExtInfo":{},"time":1662605727987}'


def testReedemDTOBuilder() -> None:
    dto = ResponseDtoBuilder.make(ReedemResponse, json.loads(redeemResponse)["result"])
    assert isinstance(dto, ReedemResponse)


def testReedemResponseHandlerBuilder() -> None:
    handler = ResponseHandlerBuilder.make(redeemResponse, CurlResponseHandler, ReedemResponse)
    assert isinstance(handler.getBody(), EntityCollection)
    assert handler.getBody().count() > 0


def testReedemEndpoint() -> None:
    endpoint = RestBuilder.make(TestReedem, ReedemRequest())
    entityResponse = endpoint.execute(EnumOutputMode.MODE_ENTITY, redeemResponse)
    assert isinstance(entityResponse, CurlResponseDto)
    body = entityResponse.getBody()
    assert isinstance(body, EntityCollection)
    for item in body.fetch():
        dto = ResponseDtoBuilder.make(ReedemResponse, item)
        assert isinstance(dto, ReedemResponse)
