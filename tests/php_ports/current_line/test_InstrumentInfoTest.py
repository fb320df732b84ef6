"""InstrumentInfoTest of Carpenstar's current line (derivatives 3.1.5), ported line by line.

Source: carpenstar/bybitapi-derivatives src/Derivatives/MarketData/InstrumentInfo/Tests/
InstrumentInfoTest.php. The host is the sandbox's (see conftest); ``echo`` is ``print``; PHP's
test asserts only ``true``, so the port also asserts that the success branch ran; ``close()``
ends the Python connection PHP never kept.
"""

from __future__ import annotations

import pytest

from carpenstar_bybit import BybitAPI
from carpenstar_bybit.Derivatives.MarketData.InstrumentInfo import InstrumentInfo
from carpenstar_bybit.Derivatives.MarketData.InstrumentInfo.Request import InstrumentInfoRequest
from tests.php_ports import gaps

from .conftest import php_date


@pytest.mark.xfail(
    gaps.FILTER_NOT_A_COLLECTION,
    strict=True,
    raises=AttributeError,
    reason="an instrument filter is one object here, PHP's an EntityCollection with all()",
)
def testInstrumentInfoResponse(host: str) -> None:
    print("\n //// --- //// \n")

    bybit = BybitAPI().setCredentials(host)

    response = bybit.publicEndpoint(
        InstrumentInfo, InstrumentInfoRequest().setSymbol("BTCUSDT")
    ).execute()

    if response.getReturnCode() == 0:
        print(f"CODE: {response.getReturnCode()}\n")
        print(f"MESSAGE: {response.getReturnMessage()}\n")

        instrumentInfo = response.getResult().getInstrumentInfoList()

        print(f"Next Page Cursor: {instrumentInfo.getNextPageCursor()} \n")
        print(f"Symbol: {instrumentInfo.getSymbol()}\n")
        print(f"Contract Type: {instrumentInfo.getContractType()}\n")
        print(f"Status: {instrumentInfo.getStatus()}\n")
        print(f"Base Coin: {instrumentInfo.getBaseCoin()}\n")
        print(f"Settle Coin: {instrumentInfo.getSettleCoin()} \n")
        print(f"Quote Coin: {instrumentInfo.getQuoteCoin()}\n")
        print(f"Launch Time: {php_date(instrumentInfo.getLaunchTime())}\n")
        print(f"Delivery Time: {php_date(instrumentInfo.getDeliveryTime())} {{}}\n")
        print(f"Delivery Fee Rate: {instrumentInfo.getDeliveryFeeRate()} {{}}\n")
        print(f"Price Scale: {instrumentInfo.getPriceScale()}\n")
        print(f"Unified Margin Trade: {instrumentInfo.getUnifiedMarginTrade()}\n")
        print(f"Funding Interval: {instrumentInfo.getFundingInterval()}\n")
        print("Leverage Filter: \n")
        for filterItem in instrumentInfo.getLeverageFilter().all():
            print(f"  - Minimal Leverage: {filterItem.getMinLeverage()} \n")
            print(f"  - Maximal Leverage: {filterItem.getMaxLeverage()} \n")
            print(f"  - Leverage Step: {filterItem.getLeverageStep()} \n")
        print("Price Filter: \n")
        for priceFilter in instrumentInfo.getPriceFilter().all():
            print(f"  - Minimal Price: {priceFilter.getMinPrice()} \n")
            print(f"  - Maximal Price: {priceFilter.getMaxPrice()} \n")
            print(f"  - Tick Size: {priceFilter.getTickSize()} \n")
        print("Lot Size Filter: \n")
        for lotSizeFilter in instrumentInfo.getLotSizeFilter().all():
            print(f"  - Maximal Order Quantity: {lotSizeFilter.getMaxOrderQty()} \n")
            print(f"  - Minimal Order Quantity: {lotSizeFilter.getMinOrderQty()} \n")
            print(f"  - Quantity Step: {lotSizeFilter.getQtyStep()} \n")

        assert True
    else:
        print("API ERORR: " + "InstrumentInfoTest" + "\n")
        print(f"CODE: {response.getReturnCode()} \n")
        print(f"MESSAGE: {response.getReturnMessage()} \n")
        print("EXTENDED:" + ";\n".join(response.getExtendedInfo()) + "\n")
    assert response.getReturnCode() == 0
    assert instrumentInfo.getSymbol() == "BTCUSDT"
    bybit.close()
