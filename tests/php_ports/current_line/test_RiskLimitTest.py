"""RiskLimitTest of Carpenstar's current line (derivatives 3.1.5), ported line by line.

Source: carpenstar/bybitapi-derivatives src/Derivatives/MarketData/RiskLimit/Tests/
RiskLimitTest.php. The host is the sandbox's (see conftest); ``echo`` is ``print``; the PHP test
asserts only ``true``, so the port also asserts that the success branch ran; ``close()`` ends the
Python connection PHP never kept.
"""

from __future__ import annotations

from carpenstar_bybit import BybitAPI
from carpenstar_bybit.Derivatives.MarketData.RiskLimit import RiskLimit
from carpenstar_bybit.Derivatives.MarketData.RiskLimit.Request import RiskLimitsRequest
from carpenstar_bybit.Derivatives.MarketData.RiskLimit.Response import RiskLimitsResponse


def testRiskLimitEndpoint(host: str) -> None:
    print("\n //// --- //// \n")

    bybit = BybitAPI().setCredentials(host)

    response = bybit.publicEndpoint(RiskLimit, RiskLimitsRequest().setSymbol("BTCUSDT")).execute()

    assert True

    if response.getReturnCode() == 0:
        print(f"CODE: {response.getReturnCode()}\n")
        print(f"MESSAGE: {response.getReturnMessage()}\n")

        riskLimit: RiskLimitsResponse = response.getResult()
        for risk in riskLimit.getRiskLimitList():
            print("--- \n")
            print(f"ID: {risk.getId()}\n")
            print(f"Symbol: {risk.getSymbol()}\n")
            print(f"Limit: {risk.getLimit()}\n")
            print(f"Maintain Margin: {risk.getMaintainMargin()}\n")
            print(f"Initial Margin: {risk.getInitialMargin()}\n")
            print(f"Is Lower Risk: {risk.getIsLowerRisk()}\n")
            print(f"Maximal Leverage: {risk.getMaxLeverage()}\n")
    else:
        print("API ERORR: " + "RiskLimitTest" + "\n")
        print(f"CODE: {response.getReturnCode()} \n")
        print(f"MESSAGE: {response.getReturnMessage()} \n")
        print("EXTENDED:" + ";\n".join(response.getExtendedInfo()) + "\n")
    assert response.getReturnCode() == 0
    assert riskLimit.getRiskLimitList()
    bybit.close()
