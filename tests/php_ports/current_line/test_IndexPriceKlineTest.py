"""IndexPriceKlineTest of Carpenstar's current line (derivatives 3.1.5), ported line by line.

Source: carpenstar/bybitapi-derivatives src/Derivatives/MarketData/IndexPriceKline/Tests/IndexPriceKlineTest.php. The host is the sandbox's (see conftest); ``echo``
is ``print``; PHP's test asserts only ``true``, so the port also asserts that the success branch
ran; ``close()`` ends the Python connection PHP never kept.
"""

from __future__ import annotations

from carpenstar_bybit import BybitAPI
from carpenstar_bybit.Core.Enums import EnumIntervals
from carpenstar_bybit.Derivatives.MarketData.IndexPriceKline import IndexPriceKline
from carpenstar_bybit.Derivatives.MarketData.IndexPriceKline.Request import IndexPriceKlineRequest

from .conftest import php_date


def testSuccessEndpoint(host: str) -> None:
    print("\n //// --- //// \n")

    bybit = BybitAPI().setCredentials(host)

    response = bybit.publicEndpoint(
        IndexPriceKline,
        IndexPriceKlineRequest()
        .setSymbol("BTCUSDT")
        .setInterval(EnumIntervals.HOUR_1)
        .setStart("2024-07-26 10:00:00")
        .setEnd("2024-07-27 11:00:00")
        .setLimit(4),
    ).execute()

    if response.getReturnCode() == 0:
        print(f"CODE: {response.getReturnCode()}\n")
        print(f"MESSAGE: {response.getReturnMessage()}\n")

        for indexItem in response.getResult().getKlineList():
            print(" --- \n")
            print(f"Start Time: {php_date(indexItem.getStartTime())}\n")
            print(f"Open Price: {indexItem.getOpen()}\n")
            print(f"High Price: {indexItem.getHigh()}\n")
            print(f"Low Price: {indexItem.getLow()}\n")
            print(f"Close Price: {indexItem.getClose()}\n")

        assert True
    else:
        print("API ERORR: " + "IndexPriceKlineTest" + "\n")
        print(f"CODE: {response.getReturnCode()} \n")
        print(f"MESSAGE: {response.getReturnMessage()} \n")
        print("EXTENDED:" + ";\n".join(response.getExtendedInfo()) + "\n")
    assert response.getReturnCode() == 0
    assert len(response.getResult().getKlineList()) == 4
    bybit.close()
