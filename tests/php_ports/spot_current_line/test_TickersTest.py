"""TickersTest of the current line, ported mechanically from carpenstar/bybitapi-spot src/Spot/MarketData/Tickers/Tests/TickersTest.php by tools/port_php_tests.py.

Do not edit by hand: re-run the tool (a port keeps PHP's names and structure line by line).
"""

from __future__ import annotations

from datetime import datetime
from json import loads as json_decode

import pytest

from carpenstar_bybit.Core.Exceptions import ApiException
from carpenstar_bybit.Core.Response import CurlResponseHandler
from carpenstar_bybit.Spot.MarketData.Tickers.Response import TickersResponse
from tests.php_ports import gaps


@pytest.mark.xfail(
    gaps.OBJECT_RESULT_REFUSED,
    strict=True,
    raises=ApiException,
    reason="v3 answers with one object; V5's tickers answers result.list, and a list answer without its list is refused as unexpected",
)
def testBuildResponseData() -> None:
    json = '{"retCode":0,"retMsg":"OK","result":{"t":1683986136017,"s":"BTCUSDT","bp":"26799.99","ap":"26810.3","lp":"26810.3","o":"26875.03","h":"28073.41","l":"25992.06","v":"2389.959483","qv":"65100545.90244497"},"retExtInfo":{},"time":1683986136450}'
    data = CurlResponseHandler().build(json_decode(json), TickersResponse)
    assert data.getReturnCode() == 0
    assert data.getReturnMessage() == "OK"
    assert isinstance(data.getResult(), TickersResponse)
    tickerInfo = data.getResult()
    assert isinstance(tickerInfo.getTime(), datetime)
    assert tickerInfo.getSymbol() == "BTCUSDT"
    assert tickerInfo.getLastTradedPrice() == 26810.3
    assert tickerInfo.getHighPrice() == 28073.41
    assert tickerInfo.getLowPrice() == 25992.06
    assert tickerInfo.getOpenPrice() == 26875.03
    assert tickerInfo.getBestBidPrice() == 26799.99
    assert tickerInfo.getBestAskPrice() == 26810.3
    assert tickerInfo.getTradingVolume() == 2389.959483
    assert tickerInfo.getTradingQuoteVolume() == 65100545.90244497
