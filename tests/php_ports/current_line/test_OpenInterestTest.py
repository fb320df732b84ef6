"""OpenInterestTest of Carpenstar's current line (derivatives 3.1.5), ported line by line.

Source: carpenstar/bybitapi-derivatives src/Derivatives/MarketData/OpenInterest/Tests/OpenInterestTest.php. The host is the sandbox's (see conftest); ``echo``
is ``print``; PHP's test asserts only ``true``, so the port also asserts that the success branch
ran; ``close()`` ends the Python connection PHP never kept.
"""

from __future__ import annotations

from carpenstar_bybit import BybitAPI
from carpenstar_bybit.Derivatives.MarketData.OpenInterest import OpenInterest
from carpenstar_bybit.Derivatives.MarketData.OpenInterest.Request import OpenInterestRequest

from .conftest import php_date


def testOpenInterestEndpoint(host: str) -> None:
    print("\n //// --- //// \n")

    bybit = BybitAPI().setCredentials(host)

    response = bybit.publicEndpoint(
        OpenInterest,
        OpenInterestRequest()
        .setSymbol("BTCUSDT")
        .setInterval("5min")
        .setStart("2024-07-11 10:00:00")
        .setEnd("2024-07-12 11:00:00")
        .setLimit(10),
    ).execute()

    if response.getReturnCode() == 0:
        print(f"CODE: {response.getReturnCode()}\n")
        print(f"MESSAGE: {response.getReturnMessage()}\n")

        for interest in response.getResult().getOpenInterestList():
            print(" --- \n")
            print(f"Time: {php_date(interest.getTimestamp())}\n")
            print(f"Open Interest: {interest.getOpenInterest()}\n")

        assert True
    else:
        print("API ERORR: " + "OpenInterestTest" + "\n")
        print(f"CODE: {response.getReturnCode()} \n")
        print(f"MESSAGE: {response.getReturnMessage()} \n")
        print("EXTENDED:" + ";\n".join(response.getExtendedInfo()) + "\n")
    assert response.getReturnCode() == 0
    assert len(response.getResult().getOpenInterestList()) == 10
    bybit.close()
