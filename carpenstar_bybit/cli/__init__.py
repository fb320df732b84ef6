"""The command line: ``carpenstar-bybit`` / ``python -m carpenstar_bybit``.

Commands: ``flatten`` (the kill switch), ``cancel``, ``cancel-all``, ``call`` (any declared
endpoint, flags from its declaration), ``positions``, ``stream`` (a live V5 stream until Ctrl-C),
``demo``, ``sandbox``, ``selfcheck``. Each
command's module is imported only when it runs, so a cold start pays for one command.

Exit codes: 0 done (flatten: flat and verified), 1 the exchange refused (ApiException), 2 a usage
error (bad flags, missing keys, a request that fails validation: nothing sent), 3 the exchange
could not be reached (nothing sent), 4 orders may remain open (the 500 cap, ``--max-rounds``, or
the final open-orders list shows some), 5 the outcome is unknown (the request went out and its
answer was lost: the exchange may have acted). Keys come only from the environment, never from
flags (flags land in shell history and ``ps``): ``BYBIT_API_KEY`` / ``BYBIT_API_SECRET`` for Bybit,
``HTX_ACCESS_KEY`` / ``HTX_SECRET_KEY`` for HTX. Every command's first line (on stderr) names the
exchange, the host and the account (the key masked).
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
import time
from collections.abc import Sequence
from typing import Any, TextIO

from carpenstar_bybit.cli.common import (
    DEFAULT_SANDBOX_PORT,
    EXCHANGES,
    EXIT_API_ERROR,
    EXIT_CODES_TEXT,
    EXIT_INCOMPLETE,
    EXIT_OK,
    EXIT_TRANSPORT,
    EXIT_UNKNOWN,
    EXIT_USAGE,
    HTX_KEY_ENV,
    HTX_SECRET_ENV,
    KEY_ENV,
    MAX_ROUNDS,
    SECRET_ENV,
    UsageError,
    flag_hint,
    resolve_host,
    upper,
)
from carpenstar_bybit.Core.Exceptions import (
    ApiException,
    CarpenstarException,
    SDKException,
    TransportException,
)

HTX_PRODUCTS = ("swap", "v5")
CATEGORIES = ("linear", "inverse", "option", "spot")


def at_least_one(text: str) -> int:
    """``--max-rounds`` and friends: a whole number >= 1."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a whole number >= 1 (got {text!r})") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number >= 1 (got {value})")
    return value


def _lazy(module: str, function: str) -> Any:
    """A handler that imports its command's module only when the command runs."""

    def handler(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
        found = getattr(importlib.import_module(f"carpenstar_bybit.cli.{module}"), function)
        code: int = found(args, out, err)
        return code

    return handler


def _private(function: str) -> Any:
    def handler(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
        from carpenstar_bybit.cli import cancel

        code: int = cancel.run_private(args, getattr(cancel, function), out, err)
        return code

    return handler


def htx_product(args: argparse.Namespace) -> str:
    from carpenstar_bybit.cli.cancel import htx_product as product

    return product(args)


def _host_flags(sub: argparse.ArgumentParser, htx: bool = True) -> None:
    sub.add_argument(
        "--host",
        default="sandbox",
        help="sandbox (default: 127.0.0.1:--sandbox-port), a URL, or: for bybit mainnet or "
        "testnet"
        + ("; for htx mainnet (api.hbdm.com) or aws (api.hbdm.vn), no testnet" if htx else ""),
    )
    sub.add_argument("--sandbox-port", type=int, default=DEFAULT_SANDBOX_PORT)
    sub.add_argument("--timeout", type=float, default=None, help="seconds (default 5/10)")
    sub.add_argument("--json", action="store_true", help="print the result as JSON")


# The endpoints whose declarations make the flags of cancel and cancel-all.
_CANCEL_DECLARATIONS = {
    "cancel": ("carpenstar_bybit.Derivatives.Contract.Order.CancelOrder.Declaration",),
    "cancel-all": ("carpenstar_bybit.Derivatives.Contract.Order.CancelAllOrder.Declaration",),
}
_HTX_DECLARATIONS = (
    "carpenstar_bybit.Htx.Swap.Trade.SwapCancelAll.Declaration",
    "carpenstar_bybit.Htx.V5.Trade.CancelAllOrders.Declaration",
)


def _declared(sub: argparse.ArgumentParser, modules: Sequence[str], group: Any = None) -> None:
    from carpenstar_bybit.cli.declared import add_flags

    for module in modules:
        add_flags(group or sub, importlib.import_module(module).DECLARATION)


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The parser; ``only`` names the command about to run: the request-field flags of the other
    commands are then left out, so that their declarations (and the HTTP stack) are not imported.
    """
    parser = argparse.ArgumentParser(
        prog="carpenstar-bybit",
        description="Flatten or cancel Bybit V5 and HTX orders, call any declared endpoint, or try "
        "it all on an embedded sandbox exchange.",
        epilog=f"{EXIT_CODES_TEXT}. Keys come from {KEY_ENV} and {SECRET_ENV} (Bybit), "
        f"{HTX_KEY_ENV} and {HTX_SECRET_ENV} (HTX).",
    )
    commands = parser.add_subparsers(dest="command", required=True)

    flatten = commands.add_parser(
        "flatten",
        help="the kill switch: cancel every open order (every category and coin), then verify",
        description="Cancel every open order of the account: linear (USDT, USDC), inverse, "
        "option and spot side by side, then list open orders to prove nothing is left. With "
        "--exchange htx or all, HTX's v5 and swap cancel-all too.",
        epilog=EXIT_CODES_TEXT,
    )
    _host_flags(flatten)
    flatten.add_argument(
        "--exchange",
        choices=(*EXCHANGES, "all"),
        default="bybit",
        help="bybit (default), htx, or all (both, side by side)",
    )
    flatten.add_argument("--htx-host", default="sandbox", help="HTX host with --exchange all")
    flatten.add_argument(
        "--category",
        action="append",
        choices=CATEGORIES,
        help="only these categories (repeatable; default: all four)",
    )
    flatten.add_argument(
        "--exclude", action="append", choices=CATEGORIES, help="leave a category alone (repeatable)"
    )
    flatten.add_argument(
        "--contract-code",
        action="append",
        type=upper,
        help="only these HTX coin-margined swap contracts are cancelled (repeatable; default: "
        "every contract HTX lists orders on); orders on others are reported, never flat",
    )
    flatten.add_argument("--dry-run", action="store_true", help="list what is open; cancel nothing")
    flatten.add_argument(
        "--close-positions",
        action="store_true",
        help="after cancelling, close every linear and inverse position with reduce-only market "
        "orders (needs --yes-close-positions)",
    )
    flatten.add_argument(
        "--yes-close-positions",
        action="store_true",
        help="the confirmation --close-positions needs",
    )
    flatten.add_argument("--max-rounds", type=at_least_one, default=5)
    flatten.add_argument("--time-limit", type=float, default=30.0, help="seconds (default 30)")
    flatten.set_defaults(handler=_lazy("flatten", "run_flatten"))

    demo = commands.add_parser(
        "demo", help="cancel orders end to end on an embedded sandbox, then flatten a whole book"
    )
    demo.add_argument("--orders", type=int, default=1203, help="open orders to seed (default 1203)")
    demo.set_defaults(handler=_lazy("serve", "run_demo"))

    def common(sub: argparse.ArgumentParser) -> None:
        sub.add_argument(
            "--exchange",
            choices=EXCHANGES,
            default="bybit",
            help=f"bybit (default; keys {KEY_ENV}/{SECRET_ENV}) or htx (keys {HTX_KEY_ENV}/"
            f"{HTX_SECRET_ENV}; cancel-all only)",
        )
        _host_flags(sub)

    cancel = commands.add_parser("cancel", help="cancel one order (POST /v5/order/cancel)")
    common(cancel)
    if only in (None, "cancel"):
        _declared(cancel, _CANCEL_DECLARATIONS["cancel"])
    cancel.set_defaults(handler=_private("_cancel"))

    cancel_all = commands.add_parser(
        "cancel-all",
        help="cancel all matching orders (POST /v5/order/cancel-all)",
        epilog="An answer of 500 (Bybit's cap a call) exits 4: more may remain. " + EXIT_CODES_TEXT,
    )
    common(cancel_all)
    if only in (None, "cancel-all"):
        _declared(cancel_all, _CANCEL_DECLARATIONS["cancel-all"])
    cancel_all.add_argument(
        "--until-empty",
        action="store_true",
        help="call again while answers come back at Bybit's 500 cap (HTX cancels all matches "
        "at once, so with htx this only adds a call that answers 1051)",
    )
    cancel_all.add_argument("--max-rounds", type=at_least_one, default=MAX_ROUNDS)
    htx = cancel_all.add_argument_group("HTX (with --exchange htx)")
    htx.add_argument(
        "--product",
        choices=HTX_PRODUCTS,
        help="swap: coin-margined, POST /swap-api/v1/swap_cancelall (needs --contract-code); "
        "v5: USDT-margined unified account, POST /v5/trade/cancel_all_orders. Default: swap when "
        "--direction/--offset is given or the contract code looks like BTC-USD, else v5 (which "
        "with no filter cancels every v5 order of the account)",
    )
    if only in (None, "cancel-all"):
        _declared(cancel_all, _HTX_DECLARATIONS, htx)
    cancel_all.set_defaults(handler=_private("_cancel_all"))

    call = commands.add_parser(
        "call",
        help="call any declared endpoint; its flags come from its declaration",
        description="carpenstar-bybit call ENDPOINT [--flag value ...]: e.g. call CancelOrder "
        "--symbol BTCUSDT --order-id 123. 'call ENDPOINT --help' lists the endpoint's flags; "
        "'call --list' lists the endpoints.",
        epilog=EXIT_CODES_TEXT,
        add_help=False,
    )
    call.add_argument("endpoint", nargs="?", help="the endpoint's PHP class name")
    call.add_argument("--list", action="store_true", help="list the declared endpoints")
    call.add_argument("rest", nargs=argparse.REMAINDER)
    call.set_defaults(handler=_lazy("call", "run_call"))

    positions = commands.add_parser(
        "positions",
        help="open positions as a table (GET /v5/position/list)",
        epilog=EXIT_CODES_TEXT,
    )
    _host_flags(positions, htx=False)
    positions.add_argument(
        "--category", choices=("linear", "inverse", "option"), help="default: linear and inverse"
    )
    positions.add_argument("--symbol", type=upper)
    positions.add_argument("--settle-coin", type=upper, help="linear: USDT or USDC (default both)")
    positions.set_defaults(handler=_lazy("call", "run_positions"))

    stream = commands.add_parser(
        "stream",
        help="print a live V5 stream (the top of a book, tickers, trades, ...) until Ctrl-C",
        description="carpenstar-bybit stream orderbook BTCUSDT prints the top of the kept book "
        "on every change; Ctrl-C ends it (exit 0). Private kinds take keys from the environment.",
        epilog=EXIT_CODES_TEXT,
    )
    _host_flags(stream, htx=False)
    stream.add_argument(
        "kind",
        choices=("orderbook", "bookticker", "tickers", "trades", "kline", "liquidation", "order",
                 "execution", "position", "wallet"),
    )  # fmt: skip
    stream.add_argument("symbol", nargs="?", type=upper, help="e.g. BTCUSDT (public kinds)")
    stream.add_argument("--category", choices=("spot",), help="spot: the symbol's spot market")
    stream.add_argument("--depth", type=int, default=50, help="book depth (default 50)")
    stream.add_argument("--interval", default="1", help="kline interval (default 1 minute)")
    stream.add_argument("--count", type=at_least_one, help="stop after this many lines")
    stream.set_defaults(handler=_lazy("stream", "run_stream"))

    check = commands.add_parser(
        "selfcheck", help="run fault, fuzz and load checks against an embedded sandbox"
    )
    check.add_argument("--fuzz", type=int, default=1500, help="random requests (default 1500)")
    check.add_argument("--threads", type=int, default=8)
    check.add_argument("--calls", type=int, default=150, help="calls per thread (default 150)")
    check.set_defaults(handler=_lazy("serve", "run_selfcheck"))

    serve = commands.add_parser("sandbox", help="run a sandbox exchange in the foreground")
    serve.add_argument(
        "--port",
        type=int,
        default=DEFAULT_SANDBOX_PORT,
        help=f"the TCP port to listen on (default {DEFAULT_SANDBOX_PORT}, the port the other "
        "commands' --host sandbox calls; 0 picks a free one)",
    )
    serve.add_argument("--bind", default="127.0.0.1", help="a loopback address")
    serve.add_argument(
        "--key",
        action="append",
        metavar="KEY:SECRET",
        help="an API key the sandbox accepts and the secret it checks signatures with; "
        "repeatable, at least one (e.g. --key apiKey:secret)",
    )
    serve.add_argument(
        "--rate-limit",
        default="bybit",
        help="bybit (default: Bybit's limits per endpoint and category), a number per second "
        "for every endpoint, or 0 for none",
    )
    serve.add_argument(
        "--delay-ms", type=int, default=0, help="hold every answer this long (a round trip)"
    )
    serve.add_argument(
        "--stream-tick-s",
        type=float,
        default=None,
        help="move the prices the WebSocket streams follow every this many seconds",
    )
    serve.add_argument("--seed", type=int, default=0, help="open BTCUSDT orders per key")
    serve.add_argument(
        "--htx-seed",
        type=int,
        default=0,
        help="open HTX orders per key: this many swap BTC-USD and as many v5 BTC-USDT",
    )
    serve.set_defaults(handler=_lazy("serve", "run_sandbox"))
    return parser


def _subparser(parser: argparse.ArgumentParser, command: str) -> argparse.ArgumentParser:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            found: argparse.ArgumentParser = action.choices[command]
            return found
    return parser  # pragma: no cover - the parser always has its commands


def main(
    argv: Sequence[str] | None = None, out: TextIO | None = None, err: TextIO | None = None
) -> int:
    begun = time.monotonic()  # a command's time limit counts from here, imports included
    out = out or sys.stdout
    err = err or sys.stderr
    words = list(sys.argv[1:] if argv is None else argv)
    command = next((word for word in words if not word.startswith("-")), "")
    parser = build_parser(only=command)
    try:
        args, extra = parser.parse_known_args(words)
        if args.command == "call":
            args.rest = [*extra, *(args.rest or [])]
        elif extra:
            # An unknown flag: the subcommand's usage, not the top-level one.
            _subparser(parser, args.command).error(f"unrecognized arguments: {' '.join(extra)}")
    except SystemExit as exc:  # argparse exits 2 on bad flags, 0 on --help
        return int(exc.code or 0)
    args.begun = begun
    started = time.perf_counter()
    try:
        code: int = args.handler(args, out, err)
    except UsageError as exc:
        err.write(f"usage error: {flag_hint(str(exc))}\n")
        return EXIT_USAGE
    except SDKException as exc:
        err.write(f"usage error: {flag_hint(str(exc))}\n")
        return EXIT_USAGE
    except ApiException as exc:
        err.write(f"API error: {exc}\n")
        return EXIT_API_ERROR
    except TransportException as exc:
        # A read that lost its answer changed nothing: only a write's outcome can be unknown.
        unknown = exc.uncertain and not getattr(args, "read_only", False)
        code = EXIT_UNKNOWN if unknown else EXIT_TRANSPORT
        err.write(f"network error: {exc}\n")
        if unknown:
            err.write(
                "outcome unknown: the exchange may have acted; see what is open with "
                "flatten --dry-run\n"
            )
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
    "UsageError",
    "build_parser",
    "htx_product",
    "main",
    "resolve_host",
]
