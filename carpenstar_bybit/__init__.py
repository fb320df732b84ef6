"""carpenstar_bybit: Carpenstar's ByBit SDK order-cancel interfaces, in Python, on Bybit V5.

PHP ``Carpenstar\\ByBitAPI\\<A>\\<B>\\<Class>`` is ``from carpenstar_bybit.<A>.<B> import <Class>``.
"""

from carpenstar_bybit._bybit_api import MAINNET, TESTNET, BybitAPI
from carpenstar_bybit._version import __version__

__all__ = ["MAINNET", "TESTNET", "BybitAPI", "__version__"]
