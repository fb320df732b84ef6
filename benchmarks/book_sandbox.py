"""The sandbox with Bybit's rate limits and an added round trip, and a book to flatten, for the
benchmark's time-to-flat section.

    python benchmarks/book_sandbox.py --key K:S [--delay-ms 20] [--htx-key K:S]

It prints one banner line, ``sandbox listening on http://127.0.0.1:PORT ...``, then reads
commands on stdin, one a line, and answers each with one line: ``seed`` (clear every order and
rate window, then open the book: ``seeded N``), ``count`` (open orders left: ``open N``),
``quit``. Loopback only.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from carpenstar_bybit.sandbox import Sandbox

# The 5,000-order book: 20 linear symbols (16 settled in USDT, 4 in USDC), 2 inverse, 4 options.
LINEAR_USDT = tuple(
    f"{coin}USDT"
    for coin in (
        "BTC", "ETH", "SOL", "XRP", "DOGE", "ADA", "AVAX", "LINK",
        "DOT", "LTC", "BCH", "NEAR", "ATOM", "APT", "ARB", "OP",
    )
)  # fmt: skip
LINEAR_USDC = ("BTCPERP", "ETHPERP", "SOLPERP", "XRPPERP")
INVERSE = ("BTCUSD", "ETHUSD")
OPTIONS = (
    "BTC-26DEC26-60000-C",
    "BTC-26DEC26-50000-P",
    "ETH-26DEC26-3000-C",
    "ETH-26DEC26-2500-P",
)
BOOK: tuple[tuple[str, str, int], ...] = (
    *(("linear", symbol, 290) for symbol in LINEAR_USDT),
    *(("linear", symbol, 25) for symbol in LINEAR_USDC),
    *(("inverse", symbol, 100) for symbol in INVERSE),
    *(("option", symbol, 15) for symbol in OPTIONS),
)
assert sum(count for _, _, count in BOOK) == 5000


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--key", required=True, help="API KEY:SECRET")
    parser.add_argument("--delay-ms", type=int, default=20, help="added to every answer")
    args = parser.parse_args(argv)
    key, _, secret = str(args.key).partition(":")
    if not key or not secret:
        parser.error("--key takes KEY:SECRET")
    with Sandbox(keys={key: secret}, rate_limit="bybit", delay_ms=args.delay_ms, seed=1) as box:
        sys.stdout.write(f"sandbox listening on {box.base_url} with 1 key(s); quit stops it\n")
        sys.stdout.flush()
        for line in sys.stdin:
            command = line.strip()
            if command == "seed":
                box.reset()
                for category, symbol, count in BOOK:
                    box.seed_orders(key, category, symbol, count=count)
                sys.stdout.write(f"seeded {box.open_count(key)}\n")
            elif command == "count":
                sys.stdout.write(f"open {box.open_count(key)}\n")
            elif command == "quit":
                break
            else:
                sys.stdout.write(f"unknown command {command!r}\n")
            sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
