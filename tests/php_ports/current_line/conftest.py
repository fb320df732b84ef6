"""The sandbox that Carpenstar's current-line tests call instead of the live testnet.

PHP's tests call ``https://api-testnet.bybit.com`` (and one holds a literal testnet key); the
ports call the library's own sandbox on loopback with a sandbox key, over real HTTP.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from carpenstar_bybit.sandbox import Sandbox

KEY, SECRET = "port-key", "port-secret"


@pytest.fixture(scope="package")
def sandbox() -> Iterator[Sandbox]:
    with Sandbox(keys={KEY: SECRET}, rate_limit=None, seed=7) as server:
        server.set_price("BTCUSDT", "65000.5")
        yield server


@pytest.fixture
def host(sandbox: Sandbox) -> str:
    """Stands for ``'https://api-testnet.bybit.com'`` in the PHP tests."""
    return sandbox.base_url


def php_date(value: object) -> str:
    """PHP's ``->format('Y-m-d H:i:s')``; a getter that gives None (PHP: the epoch) prints ''."""
    return value.strftime("%Y-%m-%d %H:%M:%S") if hasattr(value, "strftime") else ""
