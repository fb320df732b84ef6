"""``WalletBalance``: spot balances per coin (PHP: v3 ``/spot/v3/private/account``, no request).

V5 has no spot wallet any more: the unified account's coins are read
(``/v5/account/wallet-balance``, ``accountType=UNIFIED``), one item per coin as v3's
``balances``. ``getLocked()`` is the locked amount (PHP's cast it to bool and lost it).
"""

from __future__ import annotations

from carpenstar_bybit.Core import Params as p
from carpenstar_bybit.Core.Declarations import Choice, Declaration, Out, Param, Shape
from carpenstar_bybit.Core.Enums import EnumAccountType
from carpenstar_bybit.Derivatives.Contract.Account.WalletBalance.Declaration import (
    DECLARATION as V5,
)
from carpenstar_bybit.Spot import _fields as f

DECLARATION = Declaration(
    name="WalletBalance",
    # the current PHP line: <Name>Response wraps result, items are <Name>ResponseItem
    current=p.current_list("getBalance", "WalletBalanceResponseItem"),
    package="Spot.Account",
    path="/v5/account/wallet-balance",
    method="GET",
    private=True,
    summary="Balances per coin of the unified account (V5 has no spot wallet any more).",
    params=(
        Param(
            "AccountType",
            "accountType",
            Choice((EnumAccountType.UNIFIED,)),
            "UNIFIED (V5 requires it; the only one V5 has for spot)",
            php=False,
            default=EnumAccountType.UNIFIED,
        ),
        Param("Coin", "coin", p.COINS, "Coin, or several comma-separated", php=False),
    ),
    response=Shape(
        "WalletBalanceResponse",
        f.with_v5(
            (
                Out("getCoin", "coin", "str", "Coin"),
                Out("getCoinId", None, "str", "v3 coinId: V5 has no such field"),
                Out("getTotal", "walletBalance", "float", "Wallet balance of the coin"),
                Out(
                    "getFree", "free", "float", "Deprecated by Bybit (no spot wallet): often empty"
                ),
                Out("getLocked", "locked", "float", "Locked by open spot orders (an amount)"),
                Out("getEquity", "equity", "float", "Equity of the coin (V5)"),
            ),
            V5.response,
        ),
        root="list.coin",
        doc="One coin of the unified account (result.list[].coin[], flattened).",
    ),
    # PHP's spelling of the response interface (sic)
    php_interfaces=(
        ("IWalletBalanceResponseInterfaces", "IWalletBalanceResponseInterface"),
        ("IWalletBalanceResponseItemInterfaces", "IWalletBalanceResponseItemInterface"),
    ),
)
