"""``TestSwapCancelAll``: SwapCancelAll that parses a given JSON text instead of calling HTX."""

from __future__ import annotations

from carpenstar_bybit.Core.Endpoints import OverrideEndpoint
from carpenstar_bybit.Htx.Swap.Trade.SwapCancelAll import SwapCancelAll


class TestSwapCancelAll(OverrideEndpoint, SwapCancelAll):
    __test__ = False  # not a pytest test class despite the PHP-style name


__all__ = ["TestSwapCancelAll"]
