"""PublicTradingHistoryTest of Carpenstar's current line (derivatives 3.1.5), ported line by line.

Source: carpenstar/bybitapi-derivatives src/Derivatives/MarketData/PublicTradingHistory/Tests/PublicTradingHistoryTest.php. The host is the sandbox's (see conftest); ``echo``
is ``print``; PHP's test asserts only ``true``, so the port also asserts that the success branch
ran; ``close()`` ends the Python connection PHP never kept.
"""

from __future__ import annotations

from carpenstar_bybit import BybitAPI
from carpenstar_bybit.Derivatives.MarketData.PublicTradingHistory import PublicTradingHistory
from carpenstar_bybit.Derivatives.MarketData.PublicTradingHistory.Request import (
    PublicTradingHistoryRequest,
)

from .conftest import php_date


def testPublicTradingHistoryEndpoint(host: str) -> None:
    print("\n //// --- //// \n")

    bybit = BybitAPI().setCredentials(host)

    response = bybit.publicEndpoint(
        PublicTradingHistory, PublicTradingHistoryRequest().setSymbol("BTCUSDT").setLimit(3)
    ).execute()

    if response.getReturnCode() == 0:
        print(f"CODE: {response.getReturnCode()}\n")
        print(f"MESSAGE: {response.getReturnMessage()}\n")

        tradeHistoryList = response.getResult()

        print("Trade history data: \n")
        for historyItem in tradeHistoryList.getTradingList():
            print(" --- \n")
            print(f"Time: {php_date(historyItem.getTime())}\n")
            print(f"Exec ID: {historyItem.getExecId()}\n")
            print(f"Symbol: {historyItem.getSymbol()}\n")
            print(f"Price: {historyItem.getPrice()}\n")
            print(f"Size: {historyItem.getSize()}\n")
            print(f"Side: {historyItem.getSide()}\n")
            print(f"Is Block Trade: {historyItem.isBlockTrade()}\n")

        assert True
    else:
        print("API ERORR: " + "PublicTradingHistoryTest" + "\n")
        print(f"CODE: {response.getReturnCode()} \n")
        print(f"MESSAGE: {response.getReturnMessage()} \n")
        print("EXTENDED:" + ";\n".join(response.getExtendedInfo()) + "\n")
    assert response.getReturnCode() == 0
    assert len(tradeHistoryList.getTradingList()) == 3
    bybit.close()
