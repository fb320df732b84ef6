"""One account of the private ``wallet`` stream: the REST wallet totals, and ``getCoins()``
(the REST per-coin DTOs, whose ``getAccount()`` is this account)."""

from __future__ import annotations

from carpenstar_bybit.Core.Objects.Collection import EntityCollection
from carpenstar_bybit.Derivatives.Contract.Account.WalletBalance.Response import (
    WalletBalanceAccount,
    WalletBalanceResponse,
)
from carpenstar_bybit.WebSockets._entity import PrivateEntity


class WalletEntity(PrivateEntity, WalletBalanceAccount):
    __slots__ = ()

    def getCoins(self) -> EntityCollection[WalletBalanceResponse]:
        coins = self._get("coin")
        made = []
        for coin in coins if isinstance(coins, list) else ():
            if isinstance(coin, dict):
                item = WalletBalanceResponse.fromItem(coin)
                item._parent = self._raw
                made.append(item)
        return EntityCollection(made)


__all__ = ["WalletEntity"]
