"""TickerInfoTest of Carpenstar's current line (derivatives 3.1.5), ported line by line.

Source: carpenstar/bybitapi-derivatives src/Derivatives/MarketData/TickerInfo/Tests/TickerInfoTest.php. The host is the sandbox's (see conftest); ``echo``
is ``print``; PHP's test asserts only ``true``, so the port also asserts that the success branch
ran; ``close()`` ends the Python connection PHP never kept.
"""

from __future__ import annotations

from carpenstar_bybit import BybitAPI
from carpenstar_bybit.Derivatives.MarketData.TickerInfo import TickerInfo
from carpenstar_bybit.Derivatives.MarketData.TickerInfo.Request import TickerInfoRequest

from .conftest import php_date


def testRiskLimitEndpoint(host: str) -> None:
    print("\n //// --- //// \n")

    bybit = BybitAPI().setCredentials(host)

    response = bybit.publicEndpoint(TickerInfo, TickerInfoRequest().setSymbol("BTCUSDT")).execute()

    if response.getReturnCode() == 0:
        print(f"CODE: {response.getReturnCode()}\n")
        print(f"MESSAGE: {response.getReturnMessage()}\n")

        tickerInfo = response.getResult().getTickerInfo()

        print(f"Symbol: {tickerInfo.getSymbol()}\n")
        print(f"Bid Price: {tickerInfo.getBidPrice()}\n")
        print(f"Ask Price: {tickerInfo.getAskPrice()}\n")
        print(f"Last Price: {tickerInfo.getLastPrice()}\n")
        print(f"Last Tick Direction: {tickerInfo.getLastTickDirection()}\n")
        print(f"Prev Price 24 hours: {tickerInfo.getPrevPrice24h()}\n")
        print(f"Prev Price 24 hours(%): {tickerInfo.getPrice24hPcnt()}\n")
        print(f"High Price 24 hours: {tickerInfo.getHighPrice24h()}\n")
        print(f"Low Price 24 hours: {tickerInfo.getLowPrice24h()}\n")
        print(f"Prev price 1 hour: {tickerInfo.getPrevPrice1h()}\n")
        print(f"Mark Price: {tickerInfo.getMarkPrice()}\n")
        print(f"Index Price: {tickerInfo.getIndexPrice()}\n")
        print(f"Open Interest: {tickerInfo.getOpenInterests()}\n")
        print(f"Open Interest Value: {tickerInfo.getOpenInterestValue()}\n")
        print(f"Turnover 24 hours: {tickerInfo.getTurnover24h()}\n")
        print(f"Volume 24 hours: {tickerInfo.getVolume24h()}\n")
        print(f"Funding Rate: {tickerInfo.getFundingRate()}\n")
        print(f"Next Funding Time: {php_date(tickerInfo.getNextFundingTime())}\n")
        print(f"Predicted Delivery Price: {tickerInfo.getPredictedDeliveryPrice()}\n")
        print(f"Basis Rate: {tickerInfo.getBasisRate()}\n")
        print(f"Delivery Fee Rate: {tickerInfo.getDeliveryFeeRate()}\n")
        print(f"Open Interests Value: {tickerInfo.getOpenInterestValue()}\n")

        assert True
    else:
        print("API ERORR: " + "TickerInfoTest" + "\n")
        print(f"CODE: {response.getReturnCode()} \n")
        print(f"MESSAGE: {response.getReturnMessage()} \n")
        print("EXTENDED:" + ";\n".join(response.getExtendedInfo()) + "\n")
    assert response.getReturnCode() == 0
    assert tickerInfo.getLastPrice() == 65000.5  # the price the sandbox was given
    bybit.close()
