"""OrderBookTest of Carpenstar's current line (derivatives 3.1.5), ported line by line.

Source: carpenstar/bybitapi-derivatives src/Derivatives/MarketData/OrderBook/Tests/OrderBookTest.php. The host is the sandbox's (see conftest); ``echo``
is ``print``; PHP's test asserts only ``true``, so the port also asserts that the success branch
ran; ``close()`` ends the Python connection PHP never kept.
"""

from __future__ import annotations

from carpenstar_bybit import BybitAPI
from carpenstar_bybit.Derivatives.MarketData.OrderBook import OrderBook
from carpenstar_bybit.Derivatives.MarketData.OrderBook.Request import OrderBookRequest

from .conftest import php_date


def testOrderBookKlineEndpoint(host: str) -> None:
    print("\n //// --- //// \n")

    bybit = BybitAPI().setCredentials(host)

    response = bybit.publicEndpoint(
        OrderBook, OrderBookRequest().setSymbol("BTCUSDT").setLimit(3)
    ).execute()

    if response.getReturnCode() == 0:
        print(f"CODE: {response.getReturnCode()}\n")
        print(f"MESSAGE: {response.getReturnMessage()}\n")

        orderBook = response.getResult()
        print(f"Timestamp: {php_date(orderBook.getTimestamp())}\n")
        print(f"Symbol: {orderBook.getSymbol()}\n")
        print("ASK: \n")
        for ask in orderBook.getAsk():
            print(" --- \n")
            print(f"  Price: {ask.getPrice()}\n")
            print(f"  Volume: {ask.getQuantity()}\n")
        print("BID: \n")
        for bid in orderBook.getBid():
            print(" --- \n")
            print(f"Price: {bid.getPrice()}\n")
            print(f"Volume: {bid.getQuantity()}\n")

        assert True
    else:
        print("API ERORR: " + "OrderBookTest" + "\n")
        print(f"CODE: {response.getReturnCode()} \n")
        print(f"MESSAGE: {response.getReturnMessage()} \n")
        print("EXTENDED:" + ";\n".join(response.getExtendedInfo()) + "\n")
    assert response.getReturnCode() == 0
    assert (len(orderBook.getAsk()), len(orderBook.getBid())) == (3, 3)
    bybit.close()
