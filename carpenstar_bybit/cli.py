"""The command line: ``python -m carpenstar_bybit demo | cancel | cancel-all | sandbox``.

Exit codes: 0 success, 1 the exchange refused (ApiException), 2 a usage error (bad flags, missing
keys, a request that fails validation), 3 the exchange could not be reached (transport, timeout).
Keys come only from the environment, never from flags (flags land in shell history and ``ps``).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Callable, Sequence
from typing import Any, TextIO

from carpenstar_bybit._bybit_api import MAINNET, TESTNET, BybitAPI
from carpenstar_bybit.Core.Exceptions import (
    ApiException,
    CarpenstarException,
    SDKException,
    TransportException,
)
from carpenstar_bybit.Core.Response import CurlResponseDto
from carpenstar_bybit.Derivatives.Contract.Order.CancelAllOrder import CancelAllOrder
from carpenstar_bybit.Derivatives.Contract.Order.CancelAllOrder.Request import (
    CancelAllOrderRequest,
)
from carpenstar_bybit.Derivatives.Contract.Order.CancelOrder import CancelOrder
from carpenstar_bybit.Derivatives.Contract.Order.CancelOrder.Request import CancelOrderRequest

EXIT_OK = 0
EXIT_API_ERROR = 1
EXIT_USAGE = 2
EXIT_TRANSPORT = 3

DEFAULT_SANDBOX_PORT = 8181
KEY_ENV = "BYBIT_API_KEY"
SECRET_ENV = "BYBIT_API_SECRET"  # noqa: S105  # the name of a variable, not a secret
MAX_ROUNDS = 100


class UsageError(Exception):
    """A command-line mistake: printed with the usage hint, exit code 2."""


def resolve_host(host: str, sandbox_port: int) -> str:
    named = {
        "mainnet": MAINNET,
        "testnet": TESTNET,
        "sandbox": f"http://127.0.0.1:{sandbox_port}",
    }
    return named.get(host, host)


def _credentials(key_env: str, secret_env: str) -> tuple[str, str]:
    key, secret = os.environ.get(key_env, ""), os.environ.get(secret_env, "")
    if not key or not secret:
        raise UsageError(
            f"set {key_env} and {secret_env} in the environment (keys are never flags)"
        )
    return key, secret


def _items(answer: CurlResponseDto) -> list[dict[str, str]]:
    return [
        {"orderId": item.getOrderId(), "orderLinkId": item.getOrderLinkId()}
        for item in answer.getBody().all()
    ]


def _summary(answer: CurlResponseDto, items: list[dict[str, str]]) -> dict[str, Any]:
    return {
        "retCode": answer.getReturnCode(),
        "retMsg": answer.getReturnMessage(),
        "success": answer.getSuccess(),
        "cancelled": items,
        "count": len(items),
        "rateLimit": {
            "limit": answer.getRateLimit(),
            "remaining": answer.getRateLimitStatus(),
            "resetTimestamp": answer.getRateLimitResetTimestamp(),
        },
    }


def _print_orders(items: list[dict[str, str]], out: TextIO) -> None:
    if not items:
        out.write("no orders cancelled\n")
        return
    width = max(len("orderId"), *(len(i["orderId"]) for i in items))
    out.write(f"{'orderId':<{width}}  orderLinkId\n")
    for item in items:
        out.write(f"{item['orderId']:<{width}}  {item['orderLinkId']}\n")
    out.write(f"{len(items)} cancelled\n")


def _cancel(args: argparse.Namespace, api: BybitAPI, out: TextIO, err: TextIO) -> int:
    request = CancelOrderRequest()
    for setter, value in (
        (request.setCategory, args.category),
        (request.setSymbol, args.symbol),
        (request.setOrderId, args.order_id),
        (request.setOrderLinkId, args.order_link_id),
        (request.setOrderFilter, args.order_filter),
    ):
        if value is not None:
            setter(value)
    answer = api.rest(CancelOrder, request)
    items = _items(answer)
    if args.json:
        out.write(json.dumps(_summary(answer, items)) + "\n")
    else:
        _print_orders(items, out)
    return EXIT_OK


def _cancel_all(args: argparse.Namespace, api: BybitAPI, out: TextIO, err: TextIO) -> int:
    request = CancelAllOrderRequest()
    for setter, value in (
        (request.setCategory, args.category),
        (request.setSymbol, args.symbol),
        (request.setBaseCoin, args.base_coin),
        (request.setSettleCoin, args.settle_coin),
        (request.setOrderFilter, args.order_filter),
        (request.setStopOrderType, args.stop_order_type),
    ):
        if value is not None:
            setter(value)
    request.validate()
    everything: list[dict[str, str]] = []
    rounds = 0
    answer: CurlResponseDto | None = None
    while True:
        rounds += 1
        answer = api.rest(CancelAllOrder, request)
        items = _items(answer)
        everything.extend(items)
        if args.until_empty:
            err.write(f"round {rounds}: {len(items)} cancelled, {len(everything)} in all\n")
        if not args.until_empty or not items:
            break
        if rounds >= args.max_rounds:
            err.write(f"stopped after {rounds} rounds (--max-rounds); orders may remain open\n")
            break
    summary = _summary(answer, everything)
    summary["rounds"] = rounds
    if args.json:
        out.write(json.dumps(summary) + "\n")
    else:
        _print_orders(everything, out)
        if args.until_empty:
            out.write(f"{rounds} calls\n")
    return EXIT_OK


def _run_private(
    args: argparse.Namespace, action: Callable[..., int], out: TextIO, err: TextIO
) -> int:
    key, secret = _credentials(KEY_ENV, SECRET_ENV)
    host = resolve_host(args.host, args.sandbox_port)
    with BybitAPI(host, key, secret, timeout=args.timeout) as api:
        return action(args, api, out, err)


def _serve(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from carpenstar_bybit.sandbox import Sandbox

    keys: dict[str, str] = {}
    for pair in args.key or []:
        key, sep, secret = pair.partition(":")
        if not sep or not key or not secret:
            raise UsageError(f"--key takes KEY:SECRET (got {pair.split(':')[0]!r}:…)")
        keys[key] = secret
    if not keys:
        raise UsageError("give at least one --key KEY:SECRET")
    rate_limit = None if args.rate_limit == 0 else args.rate_limit
    sandbox = Sandbox(keys=keys, port=args.port, rate_limit=rate_limit, host=args.bind)
    sandbox.start()
    for key in keys:
        if args.seed:
            sandbox.seed_orders(
                key, "linear", "BTCUSDT", count=args.seed, order_link_prefix="seed-"
            )
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


def _demo(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from carpenstar_bybit.demo import run_demo

    return run_demo(out, orders=args.orders)


def _selfcheck(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from carpenstar_bybit.selfcheck import run_selfcheck

    return run_selfcheck(out, fuzz_count=args.fuzz, threads=args.threads, per_thread=args.calls)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="carpenstar-bybit",
        description="Cancel Bybit V5 orders, or try it all on an embedded sandbox exchange.",
        epilog="exit codes: 0 ok, 1 API error, 2 usage error, 3 network error. "
        f"Keys come from {KEY_ENV} and {SECRET_ENV}.",
    )
    commands = parser.add_subparsers(dest="command", required=True)

    demo = commands.add_parser("demo", help="cancel orders end to end on an embedded sandbox")
    demo.add_argument("--orders", type=int, default=1203, help="open orders to seed (default 1203)")
    demo.set_defaults(handler=_demo)

    def common(sub: argparse.ArgumentParser) -> None:
        sub.add_argument(
            "--host",
            default="sandbox",
            help="mainnet, testnet, sandbox (default: 127.0.0.1:--sandbox-port) or a URL",
        )
        sub.add_argument("--sandbox-port", type=int, default=DEFAULT_SANDBOX_PORT)
        sub.add_argument("--timeout", type=float, default=None, help="seconds (default 5/10)")
        sub.add_argument("--json", action="store_true", help="print the result as JSON")
        sub.add_argument("--category", help="linear, inverse, spot or option (told if left out)")
        sub.add_argument("--symbol")
        sub.add_argument("--order-filter")

    cancel = commands.add_parser("cancel", help="cancel one order (POST /v5/order/cancel)")
    common(cancel)
    cancel.add_argument("--order-id")
    cancel.add_argument("--order-link-id")
    cancel.set_defaults(handler=lambda a, o, e: _run_private(a, _cancel, o, e))

    cancel_all = commands.add_parser(
        "cancel-all", help="cancel all matching orders (POST /v5/order/cancel-all)"
    )
    common(cancel_all)
    cancel_all.add_argument("--base-coin")
    cancel_all.add_argument("--settle-coin")
    cancel_all.add_argument("--stop-order-type")
    cancel_all.add_argument(
        "--until-empty",
        action="store_true",
        help="call again until nothing is left (Bybit cancels at most 500 per call)",
    )
    cancel_all.add_argument("--max-rounds", type=int, default=MAX_ROUNDS)
    cancel_all.set_defaults(handler=lambda a, o, e: _run_private(a, _cancel_all, o, e))

    check = commands.add_parser(
        "selfcheck", help="run fault, fuzz and load checks against an embedded sandbox"
    )
    check.add_argument("--fuzz", type=int, default=1500, help="random requests (default 1500)")
    check.add_argument("--threads", type=int, default=8)
    check.add_argument("--calls", type=int, default=150, help="calls per thread (default 150)")
    check.set_defaults(handler=_selfcheck)

    serve = commands.add_parser("sandbox", help="run a sandbox exchange in the foreground")
    serve.add_argument("--port", type=int, default=DEFAULT_SANDBOX_PORT)
    serve.add_argument("--bind", default="127.0.0.1", help="a loopback address")
    serve.add_argument("--key", action="append", help="KEY:SECRET (repeatable)")
    serve.add_argument("--rate-limit", type=int, default=10, help="per second; 0 turns it off")
    serve.add_argument("--seed", type=int, default=0, help="open BTCUSDT orders per key")
    serve.set_defaults(handler=_serve)
    return parser


def main(
    argv: Sequence[str] | None = None, out: TextIO | None = None, err: TextIO | None = None
) -> int:
    out = out or sys.stdout
    err = err or sys.stderr
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on bad flags, 0 on --help
        return int(exc.code or 0)
    started = time.perf_counter()
    try:
        code: int = args.handler(args, out, err)
    except UsageError as exc:
        err.write(f"usage error: {exc}\n")
        return EXIT_USAGE
    except SDKException as exc:
        err.write(f"usage error: {exc}\n")
        return EXIT_USAGE
    except ApiException as exc:
        err.write(f"API error: {exc}\n")
        return EXIT_API_ERROR
    except TransportException as exc:
        err.write(f"network error: {exc}\n")
        return EXIT_TRANSPORT
    except CarpenstarException as exc:
        err.write(f"error: {exc}\n")
        return EXIT_API_ERROR
    if args.command in ("cancel", "cancel-all") and not getattr(args, "json", False):
        err.write(f"done in {(time.perf_counter() - started) * 1000:.1f} ms\n")
    return code


__all__ = ["EXIT_API_ERROR", "EXIT_OK", "EXIT_TRANSPORT", "EXIT_USAGE", "main", "resolve_host"]
