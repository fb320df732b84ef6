"""WalletBalanceTest of Carpenstar's current line (derivatives 3.1.5), ported line by line.

Source: carpenstar/bybitapi-derivatives src/Derivatives/Contract/Account/WalletBalance/Tests/WalletBalanceTest.php. The host and key are the sandbox's (PHP's holds a literal testnet key) (see conftest); ``echo``
is ``print``; PHP's test asserts only ``true``, so the port also asserts that the success branch
ran; ``close()`` ends the Python connection PHP never kept.
"""

from __future__ import annotations

from carpenstar_bybit import BybitAPI
from carpenstar_bybit.Derivatives.Contract.Account.WalletBalance import WalletBalance
from carpenstar_bybit.Derivatives.Contract.Account.WalletBalance.Request import WalletBalanceRequest

from .conftest import KEY, SECRET


def testSuccessEndpoint(host: str) -> None:
    bybit = BybitAPI().setCredentials(host, KEY, SECRET)

    response = bybit.privateEndpoint(WalletBalance, WalletBalanceRequest()).execute()

    print(f"Return code: {response.getReturnCode()} \n")
    print(f"Return message: {response.getReturnMessage()} \n")

    walletBalances = response.getResult().getBalances()[0:3]

    for balance in walletBalances:
        print("----- \n")
        print(f"Coin: {balance.getCoin()} \n")
        print(f"Equity: {balance.getEquity()} \n")
        print(f"Wallet Balance: {balance.getWalletBalance()} \n")
        print(f"Position Margin: {balance.getPositionMargin()} \n")
        print(f"Available Balance: {balance.getAvailableBalance()} \n")
        print(f"Order Margin: {balance.getOrderMargin()} \n")
        print(f"Occ Closing Fee: {balance.getOccClosingFee()} \n")
        print(f"Occ Funding Fee: {balance.getOccFundingFee()} \n")
        print(f"Unrealised PnL: {balance.getUnrealisedPnl()} \n")
        print(f"Cumulative Realised PnL: {balance.getCumRealisedPnl()} \n")
        print(f"Given Cash: {balance.getGivenCash()} \n")
        print(f"Service Cash: {balance.getServiceCash()} \n")
        print(f"Account IM: {balance.getAccountIM()} \n")
        print(f"Account MM: {balance.getAccountMM()} \n")

    assert True
    assert response.getReturnCode() == 0
    assert walletBalances
    bybit.close()
