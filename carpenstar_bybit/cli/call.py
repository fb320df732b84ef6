"""``call ENDPOINT --flag value …`` for any declared endpoint, and the ``positions`` view.

The flags of an endpoint are made from its declaration (``Core.Registry`` names every endpoint;
its ``DECLARATION`` lists the request fields): ``--<wire name in kebab case>``, checked by the
same setters a bot calls. Public endpoints need no keys. List answers print as tables.
"""

from __future__ import annotations

import argparse
import difflib
import json
import warnings
from typing import Any, TextIO

from carpenstar_bybit.cli.common import (
    EXIT_API_ERROR,
    EXIT_CODES_TEXT,
    EXIT_OK,
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
from carpenstar_bybit.cli.declared import add_flags, fill
from carpenstar_bybit.Core import Names as names
from carpenstar_bybit.Core.Registry import ENDPOINTS

MAX_COLUMN = 40  # a wider cell is cut in a table (--json has it whole)
MY_POSITION = "Derivatives.Contract.Position.MyPosition"


def endpoint_class(name: str) -> Any:
    """The endpoint for a full name (``Spot.Trade.PlaceOrder``) or a class name one package has."""
    try:
        return names.endpoint_class(name)
    except names.UnknownEndpoint as exc:
        if exc.candidates:
            raise UsageError(str(exc)) from None
        known = [*ENDPOINTS, *{names.short(k) for k in ENDPOINTS}]
        close = difflib.get_close_matches(name, known, n=3)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        raise UsageError(f"no endpoint {name!r}{hint} ('call --list' lists them)") from None


def endpoint_parser(name: str, endpoint: Any) -> argparse.ArgumentParser:
    declaration = endpoint.DECLARATION
    description = f"{declaration.summary} ({declaration.method} {declaration.path}; " + (
        "signed: keys from the environment" if declaration.private else "public: no keys"
    )
    parser = argparse.ArgumentParser(
        prog=f"carpenstar-bybit call {name}",
        description=(description + ")").replace("%", "%%"),
        epilog=EXIT_CODES_TEXT,
    )
    parser.add_argument("--host", default="sandbox", help="sandbox (default), mainnet, a URL …")
    parser.add_argument("--sandbox-port", type=int, default=8181)
    parser.add_argument("--timeout", type=float, default=None, help="seconds (default 5/10)")
    parser.add_argument("--json", action="store_true", help="print the answer as JSON")
    add_flags(parser.add_argument_group(f"{name} fields"), declaration, prefix="field_")
    return parser


def run_call(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    rest = list(args.rest or [])
    if args.list or (args.endpoint is None and not rest):
        for name in sorted(ENDPOINTS):
            endpoint = endpoint_class(name)
            declaration = endpoint.DECLARATION
            where = f"{declaration.method} {declaration.path}"
            out.write(f"{name:<48} {declaration.exchange:<5} {where}\n")
        return EXIT_OK
    if args.endpoint is None and rest and rest[0] in ("-h", "--help"):
        out.write(
            "usage: carpenstar-bybit call ENDPOINT [--flag value ...] | call --list\n"
            "'call ENDPOINT --help' lists the endpoint's flags, made from its declaration.\n"
        )
        return EXIT_OK
    if args.endpoint is None or args.endpoint.startswith("-"):
        raise UsageError("call ENDPOINT [--flag value ...]; 'call --list' lists the endpoints")
    endpoint = endpoint_class(args.endpoint)
    declaration = endpoint.DECLARATION
    parser = endpoint_parser(declaration.key, endpoint)
    try:
        flags = parser.parse_args(rest)
    except SystemExit as exc:
        code: int = int(exc.code or 0)
        return code
    request = fill(endpoint.REQUEST_CLASS(), declaration, flags, prefix="field_")
    request.validate()
    args.read_only = declaration.method == "GET"
    if declaration.exchange == "htx":
        from carpenstar_bybit.Htx import HtxAPI

        host = resolve_host(flags.host, flags.sandbox_port, "htx")
        key, secret = credentials(HTX_KEY_ENV, HTX_SECRET_ENV)
        banner(err, "htx", host, key, f"{declaration.method} {declaration.path}")
        with HtxAPI(host, key, secret, timeout=flags.timeout) as htx:
            answer: Any = htx.rest(endpoint, request, _array_mode())
    else:
        from carpenstar_bybit._bybit_api import BybitAPI

        host = resolve_host(flags.host, flags.sandbox_port)
        key = secret = ""
        if declaration.private:
            key, secret = credentials(KEY_ENV, SECRET_ENV)
        banner(err, "bybit", host, key, f"{declaration.method} {declaration.path}")
        with BybitAPI(host, key, secret, timeout=flags.timeout) as api, warnings.catch_warnings():
            # A retired call's DeprecationWarning is news for the person at the terminal.
            warnings.simplefilter("ignore", DeprecationWarning)
            if declaration.deprecated:
                err.write(f"warning: {declaration.deprecated}\n")
            answer = api.rest(endpoint, request, _array_mode())
    items = list(answer.getBody().all())
    # A batch: each item with its own outcome; one refused item makes the call's exit 1.
    outcomes = getattr(answer, "getOutcomes", None)
    refused = 0
    if callable(outcomes):
        items = outcomes()
        refused = len(answer.getFailed())
    code = EXIT_API_ERROR if refused else EXIT_OK
    if flags.json:
        summary: dict[str, Any] = {
            "endpoint": declaration.key,
            "retCode": answer.getReturnCode(),
            "retMsg": answer.getReturnMessage(),
            "list": items,
        }
        cursor = getattr(answer, "getNextPageCursor", lambda: "")()
        if cursor:
            summary["nextPageCursor"] = cursor
        out.write(json.dumps(summary, ensure_ascii=False) + "\n")
        return code
    print_items(declaration, items, out)
    cursor = getattr(answer, "getNextPageCursor", lambda: "")()
    if cursor:
        out.write(f"more: add --cursor {cursor}\n")
    if refused:
        err.write(f"{refused} of {len(items)} batch items refused (see code and msg)\n")
    return code


def _array_mode() -> int:
    from carpenstar_bybit.Core.Enums import EnumOutputMode

    return int(EnumOutputMode.MODE_ARRAY)


def _columns(shape: Any, items: list[Any]) -> list[tuple[str, Any]]:
    """(header, key) pairs: the shape's declared fields in their order, then any others sent."""
    declared = [
        (str(out.wire) if isinstance(out.wire, str) else out.getter, out.wire)
        for out in shape.fields
        if out.wire is not None and out.shape is None
    ]
    if items and isinstance(items[0], list):  # rows read by position (klines, book levels)
        return [(header, wire) for header, wire in declared if isinstance(wire, int)]
    seen = {wire for _, wire in declared}
    extra: list[tuple[str, Any]] = []
    for item in items:
        if isinstance(item, dict):
            extra += [
                (k, k) for k in item if k not in seen and not isinstance(item[k], list | dict)
            ]
            seen.update(item)
    present = [
        (header, wire)
        for header, wire in declared
        if any(isinstance(i, dict) and wire in i for i in items)
    ]
    return present + extra


def _cell(value: Any) -> str:
    text = (
        ""
        if value is None
        else (json.dumps(value) if isinstance(value, list | dict) else str(value))
    )
    return text if len(text) <= MAX_COLUMN else text[: MAX_COLUMN - 1] + "…"


def _rows(shape: Any, items: list[Any], out: TextIO) -> None:
    columns = _columns(shape, items)
    rows: list[list[str]] = []
    for item in items:
        if isinstance(item, list):
            rows.append([_cell(item[k]) if k < len(item) else "" for _, k in columns])
        else:
            rows.append([_cell(item.get(k)) for _, k in columns])
    table([h for h, _ in columns], rows, out)


def print_items(declaration: Any, items: list[Any], out: TextIO) -> None:
    """A list answer as a table; a single object as ``name value`` lines, then a table for each
    nested list (an order book's bids and asks)."""
    if not items:
        out.write("no items\n")
        return
    shape = declaration.response
    if shape.root is None and len(items) == 1 and isinstance(items[0], dict):
        item = items[0]
        columns = _columns(shape, items)
        width = max(len(h) for h, _ in columns) if columns else 0
        for header, key in columns:
            out.write(f"{header:<{width}}  {_cell(item.get(key))}\n")
        for field in shape.fields:
            nested = item.get(field.wire) if isinstance(field.wire, str) else None
            if field.shape is not None and field.many and isinstance(nested, list):
                out.write(f"\n{field.wire}: {field.doc}\n")
                if nested:
                    _rows(field.shape, nested, out)
                else:
                    out.write("none\n")
        return
    _rows(shape, items, out)
    out.write(f"{plural(len(items), 'item')}\n")


POSITION_COLUMNS = (
    "symbol",
    "side",
    "size",
    "avgPrice",
    "markPrice",
    "unrealisedPnl",
    "leverage",
    "positionIdx",
)


def run_positions(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    if MY_POSITION not in ENDPOINTS:
        raise UsageError("this build declares no MyPosition endpoint (GET /v5/position/list)")
    from carpenstar_bybit._bybit_api import BybitAPI
    from carpenstar_bybit.Core.Enums import EnumOutputMode

    endpoint = endpoint_class(MY_POSITION)
    args.read_only = True
    host = resolve_host(args.host, args.sandbox_port)
    key, secret = credentials(KEY_ENV, SECRET_ENV)
    banner(err, "bybit", host, key, "GET /v5/position/list")
    targets: list[tuple[str, str | None]] = []
    for category in [args.category] if args.category else ["linear", "inverse"]:
        if args.symbol is not None or category != "linear":
            targets.append((category, None))
        else:
            coins = [args.settle_coin] if args.settle_coin else ["USDT", "USDC"]
            targets += [(category, coin) for coin in coins]
    rows: list[dict[str, Any]] = []
    with BybitAPI(host, key, secret, timeout=args.timeout) as api:
        for category, coin in targets:
            request = endpoint.REQUEST_CLASS().setCategory(category)
            if args.symbol is not None:
                request.setSymbol(args.symbol)
            elif coin is not None:
                request.setSettleCoin(coin)
            for page in api.pages(endpoint, request, EnumOutputMode.MODE_ARRAY, max_pages=20):
                for item in page.getBody().all():
                    if str(item.get("size", "0")) not in ("", "0"):
                        rows.append({"category": category, **item})
    if args.json:
        out.write(json.dumps({"positions": rows}, ensure_ascii=False) + "\n")
        return EXIT_OK
    if not rows:
        out.write("no open positions\n")
        return EXIT_OK
    headers = ["category", *POSITION_COLUMNS]
    table(headers, [[_cell(row.get(h)) for h in headers] for row in rows], out)
    out.write(f"{plural(len(rows), 'open position')}\n")
    return EXIT_OK
