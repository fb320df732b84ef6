"""A book over every category and settle coin, seeded straight into the sandbox."""

from __future__ import annotations

from carpenstar_bybit.sandbox import Sandbox

# (category, symbol, count): linear USDT over the 500 cap twice, linear USDC, inverse over the cap,
# options in both settle coins, and spot.
BOOK = (
    ("linear", "BTCUSDT", 700),
    ("linear", "ETHUSDT", 420),
    ("linear", "BTCPERP", 30),
    ("inverse", "BTCUSD", 520),
    ("inverse", "ETHUSD", 15),
    ("option", "BTC-30DEC26-60000-C", 12),
    ("option", "ETH-30DEC26-3000-P-USDT", 6),
    ("spot", "BTCUSDT", 25),
)


def seed_book(sandbox: Sandbox, key: str, book: tuple[tuple[str, str, int], ...] = BOOK) -> int:
    for category, symbol, count in book:
        sandbox.seed_orders(key, category, symbol, count=count)
    return sum(count for _, _, count in book)
