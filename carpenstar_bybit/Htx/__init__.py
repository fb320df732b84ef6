"""HTX (Huobi) derivatives behind the Bybit façade: ``from carpenstar_bybit.Htx import HtxAPI``.

Endpoints: ``Htx.V5.Trade.CancelAllOrders`` (USDT-margined, unified account),
``Htx.Swap.Trade.SwapCancelAll`` and ``Htx.Swap.Trade.SwapOpenOrders`` (coin-margined swap).
"""

from carpenstar_bybit.Htx._htx_api import HBDM, HBDM_AWS, HtxAPI

__all__ = ["HBDM", "HBDM_AWS", "HtxAPI"]
