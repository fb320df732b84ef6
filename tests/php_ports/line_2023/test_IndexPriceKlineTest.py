"""indexPriceKlineTest, ported mechanically from carpenstar/bybitapi-sdk-derivatives src/Derivatives/MarketData/IndexPriceKline/Tests/IndexPriceKlineTest.php by tools/port_php_tests.py.

Do not edit by hand: re-run the tool (a port keeps PHP's names and structure line by line).
"""

from __future__ import annotations

from datetime import datetime

from carpenstar_bybit.Core.Builders import ResponseHandlerBuilder
from carpenstar_bybit.Core.Enums import EnumOutputMode
from carpenstar_bybit.Core.Objects.Collection import EntityCollection
from carpenstar_bybit.Core.Response import CurlResponseHandler
from carpenstar_bybit.Derivatives.MarketData.IndexPriceKline.Response import IndexPriceKlineResponse

indexPriceKlineApiResponse = '{"retCode":0,"retMsg":"","result":{"symbol":"ETHUSDT","category":"linear","list":[["1682935440000","1847.37","1847.65","1847.37","1847.4"],["1682935380000","1847.45","1847.57","1847.36","1847.37"],["1682935320000","1847.65","1847.79","1847.41","1847.45"],["1682935260000","1847.63","1847.66","1847.27","1847.65"],["1682935200000","1847.25","1847.68","1847.25","1847.63"]]},"retExtInfo":{},"time":1684006703286}'


def testIndexPriceKlineResponse() -> None:
    indexPriceKlineData = ResponseHandlerBuilder.make(
        indexPriceKlineApiResponse,
        CurlResponseHandler,
        IndexPriceKlineResponse,
        EnumOutputMode.MODE_ENTITY,
    )
    assert isinstance(indexPriceKlineData.getBody(), EntityCollection)
    assert indexPriceKlineData.getBody().count()
    while klineItem := indexPriceKlineData.getBody().fetch():
        assert isinstance(klineItem, IndexPriceKlineResponse)
        assert isinstance(klineItem.getStartTime(), datetime)
        assert isinstance(klineItem.getOpen(), float)
        assert isinstance(klineItem.getHigh(), float)
        assert isinstance(klineItem.getLow(), float)
        assert isinstance(klineItem.getClose(), float)
