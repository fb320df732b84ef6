"""``TestCancelOrder``: CancelOrder that parses a given JSON text instead of calling Bybit."""

from __future__ import annotations

from carpenstar_bybit.Core.Endpoints import OverrideEndpoint
from carpenstar_bybit.Derivatives.Contract.Order.CancelOrder import CancelOrder


class TestCancelOrder(OverrideEndpoint, CancelOrder):
    __test__ = False  # not a pytest test class despite the PHP name


__all__ = ["TestCancelOrder"]
