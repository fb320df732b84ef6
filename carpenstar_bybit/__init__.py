"""carpenstar_bybit: Carpenstar's ByBit SDK interfaces, in Python, on Bybit V5.

PHP ``Carpenstar\\ByBitAPI\\<A>\\<B>\\<Class>`` is ``from carpenstar_bybit.<A>.<B> import <Class>``.
``flatten(api)`` is the kill switch (``carpenstar_bybit.killswitch``).

The names below load on first use, so ``carpenstar-bybit sandbox`` or ``--help`` does not import
the HTTP stack.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from carpenstar_bybit._version import __version__

if TYPE_CHECKING:
    from carpenstar_bybit._bybit_api import MAINNET, TESTNET, BybitAPI
    from carpenstar_bybit.killswitch import FlattenReport, flatten

_LAZY = {
    "BybitAPI": "carpenstar_bybit._bybit_api",
    "MAINNET": "carpenstar_bybit._bybit_api",
    "TESTNET": "carpenstar_bybit._bybit_api",
    "FlattenReport": "carpenstar_bybit.killswitch",
    "flatten": "carpenstar_bybit.killswitch",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'carpenstar_bybit' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


__all__ = ["MAINNET", "TESTNET", "BybitAPI", "FlattenReport", "__version__", "flatten"]
