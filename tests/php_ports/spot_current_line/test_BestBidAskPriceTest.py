"""BestBidAskPriceTest of the current line, ported mechanically from carpenstar/bybitapi-spot src/Spot/MarketData/BestBidAskPrice/Tests/BestBidAskPriceTest.php by tools/port_php_tests.py.

Do not edit by hand: re-run the tool (a port keeps PHP's names and structure line by line).
"""

from __future__ import annotations

from datetime import datetime
from json import loads as json_decode

import pytest

from carpenstar_bybit.Core.Exceptions import ApiException
from carpenstar_bybit.Core.Response import CurlResponseHandler
from carpenstar_bybit.Spot.MarketData.BestBidAskPrice.Response import BestBidAskPriceResponse
from tests.php_ports import gaps


@pytest.mark.xfail(
    gaps.OBJECT_RESULT_REFUSED,
    strict=True,
    raises=ApiException,
    reason="v3 answers with one object; V5's tickers answers result.list, and a list answer without its list is refused as unexpected",
)
def testBuildResponseData() -> None:
    json = '{"retCode":0,"retMsg":"OK","result":{"symbol":"BTCUSDT","bidPrice":"26298.69","bidQty":"0.106418","askPrice":"26298.7","askQty":"0.008773","time":1683979447464},"retExtInfo":{},"time":1683979447820}'

    data = CurlResponseHandler().build(json_decode(json), BestBidAskPriceResponse)
    assert data.getReturnCode() == 0
    assert data.getReturnMessage() == "OK"
    assert isinstance(data.getResult(), BestBidAskPriceResponse)
    priceInfo = data.getResult()
    assert isinstance(priceInfo.getTime(), datetime)
    assert priceInfo.getSymbol() == "BTCUSDT"
    assert priceInfo.getBidPrice() == 26298.69
    assert priceInfo.getBidQty() == 0.106418
    assert priceInfo.getAskPrice() == 26298.7
    assert priceInfo.getAskQty() == 0.008773
