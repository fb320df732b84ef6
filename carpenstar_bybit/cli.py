"""The command line: ``python -m carpenstar_bybit demo|cancel|cancel-all|sandbox|selfcheck``.

Exit codes: 0 success, 1 the exchange refused (ApiException), 2 a usage error (bad flags, missing
keys, a request that fails validation), 3 the exchange could not be reached (transport, timeout),
4 ``--until-empty`` stopped at ``--max-rounds`` with orders perhaps still open.
Keys come only from the environment, never from flags (flags land in shell history and ``ps``):
``BYBIT_API_KEY`` / ``BYBIT_API_SECRET`` for Bybit, ``HTX_ACCESS_KEY`` / ``HTX_SECRET_KEY`` for HTX.

``cancel-all --exchange htx`` cancels through HTX's ``/swap-api/v1/swap_cancelall`` (coin-margined
swap, ``--product swap``) or ``/v5/trade/cancel_all_orders`` (USDT-margined, ``--product v5``).
Without ``--product``: swap when ``--direction``/``--offset`` is given or the contract code looks
like ``BTC-USD``; v5 when ``--side``/``--position-side`` is given, or otherwise. HTX has no
single-order cancel here, so ``cancel --exchange htx`` is a usage error. Hosts for HTX: ``mainnet``
(https://api.hbdm.com), ``aws`` (https://api.hbdm.vn), ``sandbox`` or a URL; HTX has no testnet.
HTX's "1051 No orders to cancel" is an empty success (exit 0).
"""

from __future__ import annotations

import argparse
import json
import os
import re
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
from carpenstar_bybit.Htx import HBDM, HBDM_AWS, HtxAPI
from carpenstar_bybit.Htx.Response import HtxResponseDto
from carpenstar_bybit.Htx.Swap.Trade.SwapCancelAll import SwapCancelAll
from carpenstar_bybit.Htx.Swap.Trade.SwapCancelAll.Request import SwapCancelAllRequest
from carpenstar_bybit.Htx.V5.Trade.CancelAllOrders import CancelAllOrders
from carpenstar_bybit.Htx.V5.Trade.CancelAllOrders.Request import CancelAllOrdersRequest

EXIT_OK = 0
EXIT_API_ERROR = 1
EXIT_USAGE = 2
EXIT_TRANSPORT = 3
EXIT_INCOMPLETE = 4  # --until-empty stopped at --max-rounds: orders may remain open
# The outcome is unknown: a try may have reached the exchange and acted (a read timeout, a
# dropped connection, the total time ran out). Check the open orders before anything else.
EXIT_UNKNOWN = 5

DEFAULT_SANDBOX_PORT = 8181
KEY_ENV = "BYBIT_API_KEY"
SECRET_ENV = "BYBIT_API_SECRET"  # noqa: S105  # the name of a variable, not a secret
HTX_KEY_ENV = "HTX_ACCESS_KEY"
HTX_SECRET_ENV = "HTX_SECRET_KEY"  # noqa: S105  # the name of a variable, not a secret
MAX_ROUNDS = 100
EXCHANGES = ("bybit", "htx")
HTX_PRODUCTS = ("swap", "v5")

_NAMED_HOSTS: dict[str, dict[str, str]] = {
    "bybit": {"mainnet": MAINNET, "testnet": TESTNET},
    "htx": {"mainnet": HBDM, "aws": HBDM_AWS},
}
_COIN_MARGINED = re.compile(r"[A-Z0-9]+-USD")  # BTC-USD (any case): a coin-margined swap


class UsageError(Exception):
    """A command-line mistake: printed with the usage hint, exit code 2."""


def resolve_host(host: str, sandbox_port: int, exchange: str = "bybit") -> str:
    """The base URL for ``--host``: a name of the exchange, ``sandbox``, or a URL as given.

    A name that only the other exchange has (``testnet`` for HTX, ``aws`` for Bybit) is a
    UsageError.
    """
    if host == "sandbox":
        return f"http://127.0.0.1:{sandbox_port}"
    named = _NAMED_HOSTS[exchange]
    if host in named:
        return named[host]
    if any(host in other for other in _NAMED_HOSTS.values()):
        if exchange == "htx" and host == "testnet":
            raise UsageError(
                "HTX has no testnet for these endpoints: use --host sandbox, mainnet or aws"
            )
        names = ", ".join([*named, "sandbox"])
        raise UsageError(f"--host {host} is not a {exchange} host; use {names} or a URL")
    return host


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
        "attempts": answer.getAttempts(),
        "uncertain": answer.isUncertain(),
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
    incomplete = False
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
            incomplete = True
            break
    summary = _summary(answer, everything)
    summary["rounds"] = rounds
    if args.json:
        out.write(json.dumps(summary) + "\n")
    else:
        _print_orders(everything, out)
        if args.until_empty:
            out.write(f"{rounds} calls\n")
    return EXIT_INCOMPLETE if incomplete else EXIT_OK


_BYBIT_ONLY = (
    ("--category", "category"),
    ("--symbol", "symbol"),
    ("--order-filter", "order_filter"),
    ("--base-coin", "base_coin"),
    ("--settle-coin", "settle_coin"),
    ("--stop-order-type", "stop_order_type"),
)
_SWAP_ONLY = (("--direction", "direction"), ("--offset", "offset"))
_V5_ONLY = (("--side", "side"), ("--position-side", "position_side"))
_HTX_ONLY = (("--contract-code", "contract_code"), ("--product", "product"), *_SWAP_ONLY, *_V5_ONLY)


def _given(args: argparse.Namespace, flags: Sequence[tuple[str, str]]) -> list[str]:
    return [flag for flag, name in flags if getattr(args, name, None) is not None]


def _run_private(
    args: argparse.Namespace, action: Callable[..., int], out: TextIO, err: TextIO
) -> int:
    if args.exchange == "htx":
        if args.command == "cancel":
            raise UsageError(
                "HTX has no single-order cancel here: use cancel-all --exchange htx "
                "(swap_cancelall or v5 cancel_all_orders)"
            )
        return _run_htx(args, out, err)
    htx_flags = _given(args, _HTX_ONLY)
    if htx_flags:
        raise UsageError(f"{', '.join(htx_flags)}: HTX flags; add --exchange htx")
    host = resolve_host(args.host, args.sandbox_port)
    key, secret = _credentials(KEY_ENV, SECRET_ENV)
    with BybitAPI(host, key, secret, timeout=args.timeout) as api:
        return action(args, api, out, err)


# --- HTX ----------------------------------------------------------------------------------------


def htx_product(args: argparse.Namespace) -> str:
    """``swap`` or ``v5``: ``--product`` if given, else guessed from the flags and contract code."""
    swap_flags, v5_flags = _given(args, _SWAP_ONLY), _given(args, _V5_ONLY)
    product: str | None = args.product
    if product is None:
        if swap_flags and v5_flags:
            raise UsageError(
                f"{', '.join(swap_flags)} (swap) and {', '.join(v5_flags)} (v5) do not mix"
            )
        if swap_flags:
            product = "swap"
        elif v5_flags:
            product = "v5"
        elif args.contract_code is not None and _COIN_MARGINED.fullmatch(
            args.contract_code.upper()
        ):
            product = "swap"
        else:
            product = "v5"
    wrong = v5_flags if product == "swap" else swap_flags
    if wrong:
        takes = "--direction/--offset" if product == "swap" else "--side/--position-side"
        raise UsageError(f"{', '.join(wrong)}: not a {product} flag ({product} takes {takes})")
    return product


def _htx_request(
    args: argparse.Namespace, product: str
) -> SwapCancelAllRequest | CancelAllOrdersRequest:
    if product == "swap":
        swap = SwapCancelAllRequest()
        for swap_setter, value in (
            (swap.setContractCode, args.contract_code),
            (swap.setDirection, args.direction),
            (swap.setOffset, args.offset),
        ):
            if value is not None:
                swap_setter(value)
        swap.validate()
        return swap
    v5 = CancelAllOrdersRequest()
    for v5_setter, value in (
        (v5.setContractCode, args.contract_code),
        (v5.setSide, args.side),
        (v5.setPositionSide, args.position_side),
    ):
        if value is not None:
            v5_setter(value)
    v5.validate()
    return v5


def _htx_items(
    answer: HtxResponseDto, product: str
) -> tuple[list[dict[str, str]], list[dict[str, Any]]]:
    cancelled: list[dict[str, str]] = []
    for item in answer.getCancelled():
        entry = {"order_id": item.getOrderId()}
        if product == "v5":
            entry["client_order_id"] = item.getClientOrderId()
        cancelled.append(entry)
    failed: list[dict[str, Any]] = []
    for item in answer.getFailed():
        if product == "v5":
            code, message = item.getCode(), item.getMessage()
        else:
            code, message = item.getErrCode(), item.getErrMsg()
        failed.append({"order_id": item.getOrderId(), "code": code, "message": message})
    return cancelled, failed


def _print_htx(
    answer: HtxResponseDto,
    product: str,
    cancelled: list[dict[str, str]],
    failed: list[dict[str, Any]],
    out: TextIO,
) -> None:
    if cancelled:
        width = max(len("order_id"), *(len(i["order_id"]) for i in cancelled))
        out.write(f"{'order_id':<{width}}  client_order_id\n" if product == "v5" else "order_id\n")
        for item in cancelled:
            out.write(f"{item['order_id']:<{width}}  {item.get('client_order_id', '')}".rstrip())
            out.write("\n")
        out.write(f"{len(cancelled)} cancelled\n")
    elif answer.getReturnCode() != 200:  # 1051
        out.write(f"no orders cancelled ({answer.getReturnCode()} {answer.getReturnMessage()})\n")
    else:
        out.write("no orders cancelled\n")
    for item in failed:
        out.write(f"not cancelled: {item['order_id']} [{item['code']}] {item['message']}\n")


def _run_htx(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    bybit_flags = _given(args, _BYBIT_ONLY)
    if bybit_flags:
        raise UsageError(
            f"{', '.join(bybit_flags)}: Bybit flags; HTX takes --contract-code, --product, "
            "--side, --position-side, --direction, --offset"
        )
    product = htx_product(args)
    request = _htx_request(args, product)
    host = resolve_host(args.host, args.sandbox_port, "htx")
    key, secret = _credentials(HTX_KEY_ENV, HTX_SECRET_ENV)
    endpoint = SwapCancelAll if product == "swap" else CancelAllOrders
    cancelled: list[dict[str, str]] = []
    failed: list[dict[str, Any]] = []
    rounds = 0
    incomplete = False
    with HtxAPI(host, key, secret, timeout=args.timeout) as api:
        while True:
            rounds += 1
            answer = api.rest(endpoint, request)
            done, refused = _htx_items(answer, product)
            cancelled.extend(done)
            failed.extend(refused)
            if args.until_empty:
                err.write(f"round {rounds}: {len(done)} cancelled, {len(cancelled)} in all\n")
            # HTX cancels every match at once: the next round normally answers 1051.
            if not args.until_empty or not done:
                break
            if rounds >= args.max_rounds:
                err.write(f"stopped after {rounds} rounds (--max-rounds); orders may remain open\n")
                incomplete = True
                break
    if args.json:
        summary = {
            "exchange": "htx",
            "product": product,
            "code": answer.getReturnCode(),
            "message": answer.getReturnMessage(),
            "cancelled": cancelled,
            "failed": failed,
            "count": len(cancelled),
            "rounds": rounds,
            "rateLimit": {
                "limit": answer.getRateLimitLimit(),
                "interval": answer.getRateLimitInterval(),
                "remaining": answer.getRateLimitRemaining(),
                "reset": answer.getRateLimitResetMs(),
            },
        }
        out.write(json.dumps(summary, ensure_ascii=False) + "\n")
    else:
        _print_htx(answer, product, cancelled, failed, out)
        if args.until_empty:
            out.write(f"{rounds} calls\n")
    return EXIT_INCOMPLETE if incomplete else EXIT_OK


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
    try:
        sandbox = Sandbox(keys=keys, port=args.port, rate_limit=rate_limit, host=args.bind)
        sandbox.start()
    except (ValueError, OSError) as exc:  # not a loopback address, or the port is taken
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


def _demo(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from carpenstar_bybit.demo import run_demo

    return run_demo(out, orders=args.orders)


def _selfcheck(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from carpenstar_bybit.selfcheck import run_selfcheck

    return run_selfcheck(out, fuzz_count=args.fuzz, threads=args.threads, per_thread=args.calls)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="carpenstar-bybit",
        description="Cancel Bybit V5 or HTX orders, or try it all on an embedded sandbox exchange.",
        epilog="exit codes: 0 ok, 1 API error, 2 usage error, 3 network error, "
        "4 --until-empty stopped at --max-rounds. "
        f"Keys come from {KEY_ENV} and {SECRET_ENV} (Bybit), {HTX_KEY_ENV} and {HTX_SECRET_ENV} "
        "(HTX).",
    )
    commands = parser.add_subparsers(dest="command", required=True)

    demo = commands.add_parser("demo", help="cancel orders end to end on an embedded sandbox")
    demo.add_argument("--orders", type=int, default=1203, help="open orders to seed (default 1203)")
    demo.set_defaults(handler=_demo)

    def common(sub: argparse.ArgumentParser) -> None:
        sub.add_argument(
            "--exchange",
            choices=EXCHANGES,
            default="bybit",
            help=f"bybit (default; keys {KEY_ENV}/{SECRET_ENV}) or htx (keys {HTX_KEY_ENV}/"
            f"{HTX_SECRET_ENV}; cancel-all only)",
        )
        sub.add_argument(
            "--host",
            default="sandbox",
            help="sandbox (default: 127.0.0.1:--sandbox-port), a URL, or: for bybit mainnet or "
            "testnet; for htx mainnet (api.hbdm.com) or aws (api.hbdm.vn), no testnet",
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
        help="call again until nothing is left (Bybit cancels at most 500 per call; HTX cancels "
        "all matches at once, so with htx this only adds a call that answers 1051)",
    )
    cancel_all.add_argument("--max-rounds", type=int, default=MAX_ROUNDS)
    htx = cancel_all.add_argument_group("HTX (with --exchange htx)")
    htx.add_argument(
        "--product",
        choices=HTX_PRODUCTS,
        help="swap: coin-margined, POST /swap-api/v1/swap_cancelall (needs --contract-code); "
        "v5: USDT-margined unified account, POST /v5/trade/cancel_all_orders. Default: swap when "
        "--direction/--offset is given or the contract code looks like BTC-USD, else v5 (which "
        "with no filter cancels every v5 order of the account)",
    )
    htx.add_argument("--contract-code", help="e.g. BTC-USD (swap), BTC-USDT (v5); any case")
    htx.add_argument("--direction", help="swap: buy or sell")
    htx.add_argument("--offset", help="swap: open or close")
    htx.add_argument("--side", help="v5: buy or sell")
    htx.add_argument("--position-side", help="v5: long, short or both")
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
    serve.add_argument(
        "--htx-seed",
        type=int,
        default=0,
        help="open HTX orders per key: this many swap BTC-USD and as many v5 BTC-USDT",
    )
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
        code = EXIT_UNKNOWN if exc.uncertain else EXIT_TRANSPORT
        if getattr(args, "json", False):
            failure = {
                "error": exc.kind.name.lower(),
                "message": exc.message,
                "attempts": exc.attempts,
                "uncertain": exc.uncertain,
                "exitCode": code,
            }
            out.write(json.dumps(failure) + "\n")
        return code
    except CarpenstarException as exc:
        err.write(f"error: {exc}\n")
        return EXIT_API_ERROR
    if args.command in ("cancel", "cancel-all") and not getattr(args, "json", False):
        err.write(f"done in {(time.perf_counter() - started) * 1000:.1f} ms\n")
    return code


__all__ = [
    "EXIT_API_ERROR",
    "EXIT_INCOMPLETE",
    "EXIT_OK",
    "EXIT_TRANSPORT",
    "EXIT_UNKNOWN",
    "EXIT_USAGE",
    "htx_product",
    "main",
    "resolve_host",
]
