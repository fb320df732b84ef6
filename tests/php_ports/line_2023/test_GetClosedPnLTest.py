"""GetClosedPnLTest, ported mechanically from carpenstar/bybitapi-sdk-derivatives src/Derivatives/Contract/Position/GetClosedPnL/Tests/GetClosedPnLTest.php by tools/port_php_tests.py.

Do not edit by hand: re-run the tool (a port keeps PHP's names and structure line by line).
"""

from __future__ import annotations

import json

from carpenstar_bybit.Core.Builders import ResponseDtoBuilder, ResponseHandlerBuilder, RestBuilder
from carpenstar_bybit.Core.Enums import EnumOutputMode
from carpenstar_bybit.Core.Objects.Collection import EntityCollection
from carpenstar_bybit.Core.Response import CurlResponseDto, CurlResponseHandler
from carpenstar_bybit.Derivatives.Contract.Position.GetClosedPnL.Overrides import TestGetClosedPnL
from carpenstar_bybit.Derivatives.Contract.Position.GetClosedPnL.Request import GetClosedPnLRequest
from carpenstar_bybit.Derivatives.Contract.Position.GetClosedPnL.Response import (
    GetClosedPnLResponse,
)

closedPnLResponse = '{"retCode":0,"retMsg":"OK","result":{"list":[{"symbol":"ETHUSDT","orderId":"ee650123-74bf-4094-aadb-efa139d99c50","side":"Buy","qty":"0.30","orderPrice":"1314.75","orderType":"Market","execType":"Trade","closedSize":"0.30","cumEntryValue":"373.71078947","avgEntryPrice":"1245.7026","cumExitValue":"375.532","avgExitPrice":"1251.7734","closedPnl":"-2.27050237","fillCount":"2","leverage":"50","createdAt":"1670838034412"}],"nextPageCursor":"eyJza2lwX2xvY2FsX3N5bWJvbCI6ZmFsc2UsInBhZ2VfdG9rZW4iOiJleUpOSWpwN0lsOTFjM2N4WHlJNmV5SkNJam9pUVRnMlZFcEJSVWRCVVVVOUluMHNJbkJySWpwN0lrSWlPaUpLUjFac1RtcFZkMDFVU1hwTVZHTXdXVzFaZEU1RVFUVk9RekZvV1ZkU2FVeFhWbTFaVkVWNlQxZFJOVTlYVFRGTlFUMDlJbjBzSWw5emExOGlPbnNpUWlJNklrWjZRVU5XZGpWcVkyTXlSblJoTTJSQlp6MDlJbjE5ZlE9PSJ9"},"retExtInfo":{},"time":1670855140831}'


def testGetClosedPnLDTOBuilder() -> None:
    for feeRate in json.loads(closedPnLResponse)["result"]["list"]:
        dto = ResponseDtoBuilder.make(GetClosedPnLResponse, feeRate)
        assert isinstance(dto, GetClosedPnLResponse)


def testGetClosedPnLResponseHandlerBuilder() -> None:
    handler = ResponseHandlerBuilder.make(
        closedPnLResponse, CurlResponseHandler, GetClosedPnLResponse
    )
    assert isinstance(handler.getBody(), EntityCollection)
    assert handler.getBody().count() > 0


def testGetClosedPnLEndpoint() -> None:
    endpoint = RestBuilder.make(TestGetClosedPnL, GetClosedPnLRequest())
    entityResponse = endpoint.execute(EnumOutputMode.MODE_ENTITY, closedPnLResponse)
    assert isinstance(entityResponse, CurlResponseDto)
    body = entityResponse.getBody()
    assert isinstance(body, EntityCollection)
    for wallet in body.fetch():
        dto = ResponseDtoBuilder.make(GetClosedPnLResponse, wallet)
        assert isinstance(dto, GetClosedPnLResponse)
