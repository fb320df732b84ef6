"""``TestCancelAllOrders``: CancelAllOrders that parses a given JSON text instead of calling HTX."""

from __future__ import annotations

from carpenstar_bybit.Core.Endpoints import OverrideEndpoint
from carpenstar_bybit.Htx.V5.Trade.CancelAllOrders import CancelAllOrders


class TestCancelAllOrders(OverrideEndpoint, CancelAllOrders):
    __test__ = False  # not a pytest test class despite the PHP-style name


__all__ = ["TestCancelAllOrders"]
