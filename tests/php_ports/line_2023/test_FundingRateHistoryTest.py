"""FundingRateHistoryTest, ported mechanically from carpenstar/bybitapi-sdk-derivatives src/Derivatives/MarketData/FundingRateHistory/Tests/FundingRateHistoryTest.php by tools/port_php_tests.py.

Do not edit by hand: re-run the tool (a port keeps PHP's names and structure line by line).
"""

from __future__ import annotations

from datetime import datetime

from carpenstar_bybit.Core.Builders import ResponseHandlerBuilder
from carpenstar_bybit.Core.Enums import EnumOutputMode
from carpenstar_bybit.Core.Objects.Collection import EntityCollection
from carpenstar_bybit.Core.Response import CurlResponseHandler
from carpenstar_bybit.Derivatives.MarketData.FundingRateHistory.Response import (
    FundingRateHistoryResponse,
)

fundingRateHistory = '{"retCode":0,"retMsg":"OK","result":{"category":"linear","list":[{"symbol":"BTCUSDT","fundingRate":"0.0001","fundingRateTimestamp":"1683993600000"},{"symbol":"BTCUSDT","fundingRate":"0.00009144","fundingRateTimestamp":"1683964800000"},{"symbol":"BTCUSDT","fundingRate":"0.0008453","fundingRateTimestamp":"1683936000000"}]},"retExtInfo":{},"time":1684004110974}'


def testFundingRateHistoryResponse() -> None:
    fundingRateHistoryData = ResponseHandlerBuilder.make(
        fundingRateHistory,
        CurlResponseHandler,
        FundingRateHistoryResponse,
        EnumOutputMode.MODE_ENTITY,
    )
    assert isinstance(fundingRateHistoryData.getBody(), EntityCollection)
    assert fundingRateHistoryData.getBody().count()
    while historyItem := fundingRateHistoryData.getBody().fetch():
        assert isinstance(historyItem, FundingRateHistoryResponse)
        assert isinstance(historyItem.getSymbol(), str)
        assert isinstance(historyItem.getFundingRate(), float)
        assert isinstance(historyItem.getFundingRateTimestamp(), datetime)
