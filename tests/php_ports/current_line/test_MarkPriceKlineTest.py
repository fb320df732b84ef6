"""MarkPriceKlineTest of Carpenstar's current line (derivatives 3.1.5), ported line by line.

Source: carpenstar/bybitapi-derivatives src/Derivatives/MarketData/MarkPriceKline/Tests/MarkPriceKlineTest.php. The host is the sandbox's (see conftest); ``echo``
is ``print``; PHP's test asserts only ``true``, so the port also asserts that the success branch
ran; ``close()`` ends the Python connection PHP never kept.
"""

from __future__ import annotations

from carpenstar_bybit import BybitAPI
from carpenstar_bybit.Core.Enums import EnumIntervals
from carpenstar_bybit.Derivatives.MarketData.MarkPriceKline import MarkPriceKline
from carpenstar_bybit.Derivatives.MarketData.MarkPriceKline.Request import MarkPriceKlineRequest

from .conftest import php_date


def testMarkPriceKlineEndpoint(host: str) -> None:
    print("\n //// --- //// \n")

    bybit = BybitAPI().setCredentials(host)

    response = bybit.publicEndpoint(
        MarkPriceKline,
        MarkPriceKlineRequest()
        .setSymbol("BTCUSDT")
        .setInterval(EnumIntervals.HOUR_1)
        .setStart("2024-07-11 10:00:00")
        .setEnd("2024-07-12 11:00:00")
        .setLimit(4),
    ).execute()

    if response.getReturnCode() == 0:
        print(f"CODE: {response.getReturnCode()}\n")
        print(f"MESSAGE: {response.getReturnMessage()}\n")

        for klineItem in response.getResult().getKlineList():
            print(" --- \n")
            print(f"Start Time: {php_date(klineItem.getStartTime())}\n")
            print(f"Open Price: {klineItem.getOpen()}\n")
            print(f"High Price: {klineItem.getHigh()}\n")
            print(f"Low Price: {klineItem.getLow()}\n")
            print(f"Close Price: {klineItem.getClose()}\n")

        assert True
    else:
        print("API ERORR: " + "MarkPriceKlineTest" + "\n")
        print(f"CODE: {response.getReturnCode()} \n")
        print(f"MESSAGE: {response.getReturnMessage()} \n")
        print("EXTENDED:" + ";\n".join(response.getExtendedInfo()) + "\n")
    assert response.getReturnCode() == 0
    assert len(response.getResult().getKlineList()) == 4
    bybit.close()
