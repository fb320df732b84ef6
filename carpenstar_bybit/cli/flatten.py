"""``flatten``: the kill switch on the command line (see ``carpenstar_bybit.killswitch``)."""

from __future__ import annotations

import argparse
import json
import time
from typing import Any, TextIO

from carpenstar_bybit.cli.common import (
    EXIT_API_ERROR,
    EXIT_INCOMPLETE,
    EXIT_OK,
    EXIT_TRANSPORT,
    EXIT_UNKNOWN,
    HTX_KEY_ENV,
    HTX_SECRET_ENV,
    KEY_ENV,
    SECRET_ENV,
    UsageError,
    banner,
    credentials,
    plural,
    resolve_host,
    table,
)

# What a run gets when start-up alone used its --time-limit: it then reports, unverified.
MIN_TIME_LEFT = 0.001

EXIT_BY_OUTCOME = {
    "flat": EXIT_OK,
    "listed": EXIT_OK,
    "refused": EXIT_API_ERROR,
    "unreached": EXIT_TRANSPORT,
    "may_remain": EXIT_INCOMPLETE,
    "unknown": EXIT_UNKNOWN,
}

_WHAT_TO_DO = {
    "refused": "the exchange refused part of it (see above): check the key's permissions, then "
    "run flatten again",
    "unreached": "nothing reached the exchange: check --host and the network, then run again",
    "may_remain": "orders may remain open (listed above): run flatten again",
    "unknown": "answers were lost, or the open-orders list could not be read to its end (no answer "
    "in time, or an answer with no list): the exchange may have acted; run flatten --dry-run to "
    "see what is open",
}


def run_flatten(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from carpenstar_bybit.killswitch import flatten

    if args.close_positions and not args.yes_close_positions:
        raise UsageError(
            "--close-positions sends market orders: add --yes-close-positions to confirm"
        )
    if args.yes_close_positions and not args.close_positions:
        raise UsageError("--yes-close-positions confirms --close-positions, which is not given")
    if args.time_limit <= 0 or args.time_limit > 600:
        raise UsageError(f"--time-limit: seconds from 0 to 600 (got {args.time_limit})")
    categories = args.category or None
    exclude = args.exclude or ()
    if categories and exclude and set(categories) & set(exclude):
        raise UsageError("--category and --exclude name the same category")
    api: Any = None
    htx: Any = None
    try:
        if args.exchange in ("bybit", "all"):
            from carpenstar_bybit._bybit_api import BybitAPI

            host = resolve_host(args.host, args.sandbox_port)
            key, secret = credentials(KEY_ENV, SECRET_ENV)
            what = "dry run: lists, cancels nothing" if args.dry_run else "cancels every order"
            banner(err, "bybit", host, key, what)
            api = BybitAPI(host, key, secret, timeout=args.timeout)
        if args.exchange in ("htx", "all"):
            from carpenstar_bybit.Htx import HtxAPI

            htx_host = args.htx_host if args.exchange == "all" else args.host
            host = resolve_host(htx_host, args.sandbox_port, "htx")
            key, secret = credentials(HTX_KEY_ENV, HTX_SECRET_ENV)
            what = (
                "dry run: lists swap orders, cancels nothing"
                if args.dry_run
                else "cancels every order"
            )
            banner(err, "htx", host, key, what)
            htx = HtxAPI(host, key, secret, timeout=args.timeout)
        options: dict[str, Any] = {
            "categories": categories,
            "exclude": exclude,
            "htx": htx,
            "close_positions": args.close_positions,
            "dry_run": args.dry_run,
            "max_rounds": args.max_rounds,
            # The command's own start-up and imports count against the limit too.
            "time_limit": max(
                args.time_limit - (time.monotonic() - getattr(args, "begun", time.monotonic())),
                MIN_TIME_LEFT,
            ),
        }
        if args.contract_code:
            options["htx_contracts"] = tuple(args.contract_code)
        report = flatten(api, **options)
    finally:
        for client in (api, htx):
            if client is not None:
                client.close()
    if args.json:
        out.write(json.dumps(report.to_dict(), ensure_ascii=False) + "\n")
    else:
        _print(report, out)
    code = EXIT_BY_OUTCOME[report.outcome]
    if code != EXIT_OK:
        err.write(_WHAT_TO_DO[report.outcome] + "\n")
    return code


def _print(report: Any, out: TextIO) -> None:
    if report.lanes:
        rows: list[tuple[str, ...]] = [
            (
                lane.exchange,
                lane.category,
                (lane.coin or "all") + (f" {lane.order_filter}" if lane.order_filter else ""),
                str(lane.cancelled),
                str(lane.calls),
                f"{lane.seconds * 1000:.0f}",
                str(lane.attempts),
                "UNCERTAIN" if lane.uncertain else "",
                _failure_text(lane.failure) or (f"stopped: {lane.stopped}" if lane.stopped else ""),
            )
            for lane in report.lanes
        ]
        table(
            ("exchange", "category", "coin", "cancelled", "calls", "ms", "attempts", "", "note"),
            rows,
            out,
        )
    for check in report.checks:
        where = f"{check.exchange} {check.category}" + (f" {check.coin}" if check.coin else "")
        listed = check.exchange == "bybit" or check.category == "swap"
        if check.exchange == "bybit":
            how = "by the open-orders list"
        else:
            how = "by HTX's open-orders list, every contract" if listed else "by HTX's 1051 answer"
        if report.dry_run:
            out.write(f"{where}: {plural(len(check.remaining), 'open order')}\n")
        elif check.flat:
            calls = f" ({plural(check.calls, 'call')})" if listed else ""
            out.write(f"{where}: verified flat {how}{calls}\n")
        elif check.failure is not None:
            out.write(f"{where}: NOT VERIFIED: {_failure_text(check.failure)}\n")
        elif not check.complete and not check.remaining:
            out.write(f"{where}: NOT VERIFIED: the list was not read to the end\n")
        else:
            out.write(f"{where}: {plural(len(check.remaining), 'order')} still open\n")
        for row in check.remaining[:50]:
            out.write(
                "  "
                + "  ".join(str(row.get(k, "")) for k in ("symbol", "side", "price", "qty"))
                + f"  {row.get('orderId', '')}\n"
            )
        if len(check.remaining) > 50:
            out.write(f"  … and {len(check.remaining) - 50} more\n")
    for position in report.positions:
        where = f"positions {position.category}" + (f" {position.coin}" if position.coin else "")
        if position.failure is not None:
            out.write(f"{where}: NOT CLOSED: {_failure_text(position.failure)}\n")
        else:
            out.write(
                f"{where}: {plural(len(position.closed), 'position')} closed, "
                f"{len(position.remaining)} open after\n"
            )
    for note in report.skipped:
        out.write(f"not covered: {note}\n")
    seconds = f"{report.seconds * 1000:.0f} ms"
    if report.dry_run:
        total = sum(len(c.remaining) for c in report.checks)
        out.write(f"DRY RUN: {plural(total, 'open order')} listed, nothing cancelled, {seconds}\n")
    elif report.flat:
        out.write(
            f"FLAT: {plural(report.cancelled, 'order')} cancelled and verified, "
            f"{plural(report.calls, 'call')}, {seconds}"
            + (" (some answers were uncertain; the list is the proof)" if report.uncertain else "")
            + "\n"
        )
    else:
        out.write(
            f"NOT FLAT ({report.outcome.replace('_', ' ')}): "
            f"{plural(report.cancelled, 'order')} cancelled, {plural(report.calls, 'call')}, "
            f"{seconds}\n"
        )


def _failure_text(failure: Any) -> str:
    if failure is None:
        return ""
    kind = {"refused": "refused", "unexpected": "unexpected answer"}.get(failure.kind, "no answer")
    unsure = ", may have acted" if failure.uncertain else ""
    return f"{kind}{unsure}: {failure.message}"
