"""InstrumentInfoTest of the current line, ported mechanically from carpenstar/bybitapi-spot src/Spot/MarketData/InstrumentInfo/Tests/InstrumentInfoTest.php by tools/port_php_tests.py.

Do not edit by hand: re-run the tool (a port keeps PHP's names and structure line by line).
"""

from __future__ import annotations

from json import loads as json_decode

import pytest

from carpenstar_bybit.Core.Response import CurlResponseHandler
from carpenstar_bybit.Spot.MarketData.InstrumentInfo.Response import (
    InstrumentInfoResponse,
)
from tests.php_ports import gaps
from tests.php_ports.php import current


@pytest.mark.xfail(
    gaps.V3_NAMES_NOT_READ,
    strict=True,
    raises=AssertionError,
    reason="v3's name is not read: the Spot package reads V5's symbol",
)
def testBuildResponseData() -> None:
    json = '{"retCode":0,"retMsg":"OK","result":{"list":[{"name":"BTCUSDT","alias":"BTCUSDT","baseCoin":"BTC","quoteCoin":"USDT","basePrecision":"0.000001","quotePrecision":"0.00000001","minTradeQty":"0.00004","minTradeAmt":"1","maxTradeQty":"500","maxTradeAmt":"1200000","minPricePrecision":"0.01","category":"1","showStatus":"1","innovation":"0"},{"name":"ETHUSDT","alias":"ETHUSDT","baseCoin":"ETH","quoteCoin":"USDT","basePrecision":"0.00001","quotePrecision":"0.0000001","minTradeQty":"0.0005","minTradeAmt":"1","maxTradeQty":"100000000","maxTradeAmt":"1200000","minPricePrecision":"0.01","category":"1","showStatus":"1","innovation":"0"},{"name":"EOSUSDT","alias":"EOSUSDT","baseCoin":"EOS","quoteCoin":"USDT","basePrecision":"0.01","quotePrecision":"0.000001","minTradeQty":"0.01","minTradeAmt":"0.01","maxTradeQty":"90909.090909","maxTradeAmt":"10000","minPricePrecision":"0.0001","category":"1","showStatus":"1","innovation":"0"}]},"retExtInfo":{},"time":1683980087416}'

    data = CurlResponseHandler().build(json_decode(json), InstrumentInfoResponse)
    assert data.getReturnCode() == 0
    assert data.getReturnMessage() == "OK"
    assert isinstance(data.getResult(), InstrumentInfoResponse)
    instrumentInfo = current(data.getResult().getInstrumentInfoList())
    assert instrumentInfo.getName() == "BTCUSDT"
    assert instrumentInfo.getAlias() == "BTCUSDT"
    assert instrumentInfo.getBaseCoin() == "BTC"
    assert instrumentInfo.getQuoteCoin() == "USDT"
    assert instrumentInfo.getBasePrecision() == 0.000001
    assert instrumentInfo.getQuotePrecision() == 0.00000001
    assert instrumentInfo.getMinTradeQty() == 0.00004
    assert instrumentInfo.getMinTradeAmt() == 1
    assert instrumentInfo.getMaxTradeQty() == 500
    assert instrumentInfo.getMaxTradeAmt() == 1200000
    assert instrumentInfo.getMinPricePrecision() == 0.01
    assert instrumentInfo.getCategory() == 1
    assert instrumentInfo.getShowStatus() == 1
    assert instrumentInfo.getInnovation() == 0
