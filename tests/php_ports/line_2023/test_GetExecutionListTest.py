"""GetExecutionListTest, ported mechanically from carpenstar/bybitapi-sdk-derivatives src/Derivatives/Contract/Position/GetExecutionList/Tests/GetExecutionListTest.php by tools/port_php_tests.py.

Do not edit by hand: re-run the tool (a port keeps PHP's names and structure line by line).
"""

from __future__ import annotations

import json

from carpenstar_bybit.Core.Builders import ResponseDtoBuilder, ResponseHandlerBuilder, RestBuilder
from carpenstar_bybit.Core.Enums import EnumOutputMode
from carpenstar_bybit.Core.Objects.Collection import EntityCollection
from carpenstar_bybit.Core.Response import CurlResponseDto, CurlResponseHandler
from carpenstar_bybit.Derivatives.Contract.Position.GetExecutionList.Overrides import (
    TestGetExecutionList,
)
from carpenstar_bybit.Derivatives.Contract.Position.GetExecutionList.Request import (
    GetExecutionListRequest,
)
from carpenstar_bybit.Derivatives.Contract.Position.GetExecutionList.Response import (
    GetExecutionListResponse,
)

closedPnLResponse = '{"retCode":0,"retMsg":"OK","result":{"list":[{"symbol":"ETHUSDT","execFee":"-0.08720013","execId":"208751d8-f70e-4570-a5fd-d208c82af99d","execPrice":"1263.77","execQty":"0.69","execType":"Funding","execValue":"872.0013","feeRate":"-0.0001","lastLiquidityInd":"UNKNOWN","leavesQty":"0.00","orderId":"1673136000-ETHUSDT-592334-Sell","orderLinkId":"","orderPrice":"0.00","orderQty":"0.00","orderType":"UNKNOWN","stopOrderType":"UNKNOWN","side":"Sell","execTime":"1673136000000","closedSize":"0.00","iv":"","blockTradeId":"","markPrice":"","markIv":"","underlyingPrice":"","indexPrice":"","isMaker":false}],"nextPageCursor": "ZzU3NlU4M1JlLzhFTWkzeW9hemRVcitqUk4wVW9LL21KVTRWV3JPR0tYTG9uTENWSkFvUDJuWk44OVBlNnB0ZjJHTTFwdlJRV0tpZFM0Z0RzUlQ0d2FSbzVRN2lpZ0ZrZmt2UTZuRlJVSHdQSHdoYXUvdDN6aExzOEpmcDNFY2NLc2dYTnRvOXhmTmY3NVNreVgzQ2RKUFZtekptU0NQNU1rOWd5YzZRV1ZDejVFM0t0MGdlMENNc04ybzQvc2JQQ3BVRkQycHU3MFdBK3RqdFlWaVRkMTNGQmZRUUZpaVc4MkE1SnRCT09iZDRNL2FlNDVSMithdU96NTROWGFxcTFucW1MSnJSaTluM29pZm85dHVkNzJMSVQwODk4UTJLbHEybDJ0Uk9UYmtCcU5ScU9zZWRCa2Znc0dwbmNEOWJoaCtnZkRkWjlrMEl6elRmWnljeHZpYXBPWVdzZSs0UEtvdnZ4cTJHQ2JZcm1UQkU3TXFKS01yU1dmaloyT3pVS1psbmVaamh3N3Ntc0hFbEgwckxtQT09","category":""},"retExtInfo":{},"time":1673150404910}'


def testGetExecutionListDTOBuilder() -> None:
    for feeRate in json.loads(closedPnLResponse)["result"]["list"]:
        dto = ResponseDtoBuilder.make(GetExecutionListResponse, feeRate)
        assert isinstance(dto, GetExecutionListResponse)


def testGetExecutionListResponseHandlerBuilder() -> None:
    handler = ResponseHandlerBuilder.make(
        closedPnLResponse, CurlResponseHandler, GetExecutionListResponse
    )
    assert isinstance(handler.getBody(), EntityCollection)
    assert handler.getBody().count() > 0


def testGetExecutionListEndpoint() -> None:
    endpoint = RestBuilder.make(TestGetExecutionList, GetExecutionListRequest())
    entityResponse = endpoint.execute(EnumOutputMode.MODE_ENTITY, closedPnLResponse)
    assert isinstance(entityResponse, CurlResponseDto)
    body = entityResponse.getBody()
    assert isinstance(body, EntityCollection)
    for wallet in body.fetch():
        dto = ResponseDtoBuilder.make(GetExecutionListResponse, wallet)
        assert isinstance(dto, GetExecutionListResponse)
