"""``sandbox``, ``demo`` and ``selfcheck``: the commands that run the embedded exchange."""

from __future__ import annotations

import argparse
import time
from typing import TextIO

from carpenstar_bybit.cli.common import EXIT_OK, UsageError


def run_sandbox(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from carpenstar_bybit.sandbox import Sandbox

    keys: dict[str, str] = {}
    for pair in args.key or []:
        key, sep, secret = pair.partition(":")
        if not sep or not key or not secret:
            raise UsageError(f"--key takes KEY:SECRET (got {pair.split(':')[0]!r}:…)")
        keys[key] = secret
    if not keys:
        raise UsageError("give at least one --key KEY:SECRET")
    rate_limit: int | str | None
    if args.rate_limit == "bybit":
        rate_limit = "bybit"
    elif args.rate_limit.isdigit():
        rate_limit = int(args.rate_limit) or None
    else:
        raise UsageError(f"--rate-limit takes bybit, a number or 0 (got {args.rate_limit!r})")
    try:
        sandbox = Sandbox(
            keys=keys,
            port=args.port,
            rate_limit=rate_limit,
            host=args.bind,
            delay_ms=args.delay_ms,
            stream_tick_s=args.stream_tick_s,
        )
        sandbox.start()
    # not a loopback address, the port is taken, a bad delay or tick
    except (ValueError, OSError) as exc:
        raise UsageError(f"cannot start the sandbox: {exc}") from None
    for key in keys:
        if args.seed:
            sandbox.seed_orders(
                key, "linear", "BTCUSDT", count=args.seed, order_link_prefix="seed-"
            )
        if args.htx_seed:
            sandbox.seed_htx_orders(key, "swap", "BTC-USD", count=args.htx_seed)
            sandbox.seed_htx_orders(key, "v5", "BTC-USDT", count=args.htx_seed)
    out.write(f"sandbox listening on {sandbox.base_url} with {len(keys)} key(s); Ctrl+C stops it\n")
    out.flush()
    try:
        while sandbox.running:
            time.sleep(0.5)
    except KeyboardInterrupt:
        pass
    finally:
        sandbox.stop()
    return EXIT_OK


def run_demo(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from carpenstar_bybit.demo import run_demo as demo

    return demo(out, orders=args.orders)


def run_selfcheck(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from carpenstar_bybit.selfcheck import run_selfcheck as check

    return check(out, fuzz_count=args.fuzz, threads=args.threads, per_thread=args.calls)
