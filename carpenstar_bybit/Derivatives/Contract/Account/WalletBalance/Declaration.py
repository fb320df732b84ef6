"""``WalletBalance``: the unified account's balance per coin (V5 ``/v5/account/wallet-balance``).

V5 answers one object per account with its coins nested (``result.list[].coin[]``); PHP read one
flat item per coin. The items here are the coins, flattened, each with its account reachable
(``getAccount()``) and the account-wide figures PHP read per coin read from it.
"""

from __future__ import annotations

from carpenstar_bybit.Core import Params as p
from carpenstar_bybit.Core.Declarations import Choice, Declaration, Out, Param, Shape
from carpenstar_bybit.Core.Enums import EnumAccountType


def _o(getter: str, wire: str | None, doc: str, kind: str = "float") -> Out:
    return Out(getter, wire, kind, doc)


ACCOUNT = Shape(
    "WalletBalanceAccount",
    (
        _o("getAccountType", "accountType", "UNIFIED", "str"),
        _o("getTotalEquity", "totalEquity", "Equity of the account, in USD"),
        _o("getTotalWalletBalance", "totalWalletBalance", "Wallet balance, in USD"),
        _o("getTotalMarginBalance", "totalMarginBalance", "Wallet balance + perpetual UPL, USD"),
        _o("getTotalAvailableBalance", "totalAvailableBalance", "Available balance, in USD"),
        _o("getTotalPerpUPL", "totalPerpUPL", "Unrealised PnL of perpetuals and futures, USD"),
        _o("getTotalInitialMargin", "totalInitialMargin", "Initial margin, in USD"),
        _o("getTotalMaintenanceMargin", "totalMaintenanceMargin", "Maintenance margin, in USD"),
        _o("getAccountIMRate", "accountIMRate", "Initial margin rate"),
        _o("getAccountMMRate", "accountMMRate", "Maintenance margin rate"),
        _o("getAccountLTV", "accountLTV", "Deprecated by Bybit"),
    ),
    root=None,
    doc="One account of result.list (its coins are the answer's items).",
)

DECLARATION = Declaration(
    name="WalletBalance",
    current=p.current_list("getBalances", "WalletBalanceResponseItem"),
    package="Derivatives.Contract.Account",
    path="/v5/account/wallet-balance",
    method="GET",
    private=True,
    summary=(
        "The unified account's balance, one item per coin (only coins with a balance unless "
        "setCoin); accountType is UNIFIED unless set."
    ),
    params=(
        Param(
            "AccountType",
            "accountType",
            Choice(EnumAccountType.ACCOUNT_TYPE_LIST),
            "Account type: UNIFIED, or CONTRACT on a unified account 1.0 (V5 requires it)",
            php=False,
            default=EnumAccountType.UNIFIED,
        ),
        Param(
            "Coin", "coin", p.COINS, "Coin, or several comma-separated (USDT,USDC)", arg="symbol"
        ),
    ),
    response=Shape(
        "WalletBalanceResponse",
        (
            _o("getCoin", "coin", "Coin", "str"),
            _o("getEquity", "equity", "Equity of the coin"),
            _o("getWalletBalance", "walletBalance", "Wallet balance of the coin"),
            _o(
                "getPositionMargin",
                "totalPositionIM",
                "Margin of the coin's positions (V5 totalPositionIM; None in portfolio margin)",
            ),
            _o(
                "getAvailableBalance",
                "../totalAvailableBalance",
                "Available balance: V5 gives it account-wide in USD (totalAvailableBalance)",
            ),
            _o(
                "getOrderMargin",
                "totalOrderIM",
                "Margin of the coin's open orders (V5 totalOrderIM)",
            ),
            _o("getOccClosingFee", None, "Pre-occupied closing fee: V5 does not return it"),
            _o("getOccFundingFee", None, "Pre-occupied funding fee: V5 does not return it"),
            _o("getUnrealisedPnl", "unrealisedPnl", "Unrealised PnL of the coin's positions"),
            _o("getCumRealisedPnl", "cumRealisedPnl", "Realised PnL, all time"),
            _o("getGivenCash", None, "Trial fund: V5 does not return it (bonus is closest)"),
            _o("getServiceCash", None, "Coupon: V5 does not return it"),
            _o(
                "getAccountIM",
                "../totalInitialMargin",
                "Initial margin: V5 gives it account-wide in USD (totalInitialMargin)",
                "str",
            ),
            _o(
                "getAccountMM",
                "../totalMaintenanceMargin",
                "Maintenance margin: V5 gives it account-wide in USD",
                "str",
            ),
            _o("getUsdValue", "usdValue", "The coin's value in USD"),
            _o("getLocked", "locked", "Locked by spot open orders"),
            _o("getTotalPositionMM", "totalPositionMM", "Maintenance margin of the positions"),
            _o("getBonus", "bonus", "Bonus"),
            _o("getBorrowAmount", "borrowAmount", "Borrowed"),
            _o("getAccruedInterest", "accruedInterest", "Accrued interest"),
            _o("getSpotBorrow", "spotBorrow", "Borrowed by spot"),
            _o("getMarginCollateral", "marginCollateral", "Can be collateral", "bool"),
            _o("getCollateralSwitch", "collateralSwitch", "Used as collateral", "bool"),
            Out(
                "getAccount",
                "..",
                "str",
                "The account this coin belongs to (its totals)",
                shape=ACCOUNT,
            ),
        ),
        root="list.coin",
        setters=("getAccountMM", "getOrderMargin", "getUnrealisedPnl"),  # PHP's public item setters
        doc=(
            "One coin of the unified account: an item of result.list[].coin[] in the answer of "
            "/v5/account/wallet-balance, flattened."
        ),
    ),
)
