"""FundingRateHistoryTest of Carpenstar's current line (derivatives 3.1.5), ported line by line.

Source: carpenstar/bybitapi-derivatives src/Derivatives/MarketData/FundingRateHistory/Tests/FundingRateHistoryTest.php. The host is the sandbox's (see conftest); ``echo``
is ``print``; PHP's test asserts only ``true``, so the port also asserts that the success branch
ran; ``close()`` ends the Python connection PHP never kept.
"""

from __future__ import annotations

from carpenstar_bybit import BybitAPI
from carpenstar_bybit.Derivatives.MarketData.FundingRateHistory import FundingRateHistory
from carpenstar_bybit.Derivatives.MarketData.FundingRateHistory.Request import (
    FundingRateHistoryRequest,
)

from .conftest import php_date


def testFundingRateHistoryResponse(host: str) -> None:
    print("\n //// --- //// \n")

    bybit = BybitAPI().setCredentials(host)

    response = bybit.publicEndpoint(
        FundingRateHistory, FundingRateHistoryRequest().setSymbol("BTCUSDT")
    ).execute()

    if response.getReturnCode() == 0:
        print(f"CODE: {response.getReturnCode()}\n")
        print(f"MESSAGE: {response.getReturnMessage()}\n")

        fundingRatesInfo = response.getResult()
        for fundingRate in fundingRatesInfo.getFundingRates():
            print("-----\n")
            print(f"Time: {php_date(fundingRate.getFundingRateTimestamp())}\n")
            print(f"Symbol: {fundingRate.getSymbol()}\n")
            print(f"Rate: {fundingRate.getFundingRate()}\n")

        assert True
    else:
        print("API ERORR: " + "FundingRateHistoryTest" + "\n")
        print(f"CODE: {response.getReturnCode()} \n")
        print(f"MESSAGE: {response.getReturnMessage()} \n")
        print("EXTENDED:" + ";\n".join(response.getExtendedInfo()) + "\n")
    assert response.getReturnCode() == 0
    assert fundingRatesInfo.getFundingRates()
    bybit.close()
