"""``cancel`` and ``cancel-all``, on Bybit V5 or HTX.

``cancel-all --exchange htx`` cancels through HTX's ``/swap-api/v1/swap_cancelall`` (coin-margined
swap, ``--product swap``) or ``/v5/trade/cancel_all_orders`` (USDT-margined, ``--product v5``).
Without ``--product``: swap when ``--direction``/``--offset`` is given or the contract code looks
like ``BTC-USD``; v5 when ``--side``/``--position-side`` is given, or otherwise. HTX has no
single-order cancel here, so ``cancel --exchange htx`` is a usage error. Hosts for HTX: ``mainnet``
(https://api.hbdm.com), ``aws`` (https://api.hbdm.vn), ``sandbox`` or a URL; HTX has no testnet.
HTX's "1051 No orders to cancel" is an empty success (exit 0).

Bybit's linear and inverse cancel-all cancel at most 500 orders a call: an answer of 500 says more
may remain (exit 4, unless ``--until-empty`` goes on until an answer comes back under the cap).
"""

from __future__ import annotations

import argparse
import json
import re
from collections.abc import Callable, Sequence
from typing import Any, TextIO

from carpenstar_bybit._bybit_api import BybitAPI
from carpenstar_bybit.cli.common import (
    EXIT_INCOMPLETE,
    EXIT_OK,
    HTX_KEY_ENV,
    HTX_SECRET_ENV,
    KEY_ENV,
    SECRET_ENV,
    UsageError,
    banner,
    credentials,
    kebab,
    plural,
    resolve_host,
)
from carpenstar_bybit.cli.declared import fill
from carpenstar_bybit.Core.Response import CurlResponseDto
from carpenstar_bybit.Derivatives.Contract.Order.CancelAllOrder import CancelAllOrder
from carpenstar_bybit.Derivatives.Contract.Order.CancelAllOrder.Request import (
    CancelAllOrderRequest,
)
from carpenstar_bybit.Derivatives.Contract.Order.CancelOrder import CancelOrder
from carpenstar_bybit.Derivatives.Contract.Order.CancelOrder.Request import CancelOrderRequest
from carpenstar_bybit.Htx import HtxAPI
from carpenstar_bybit.Htx.Response import HtxResponseDto
from carpenstar_bybit.Htx.Swap.Trade.SwapCancelAll import SwapCancelAll
from carpenstar_bybit.Htx.Swap.Trade.SwapCancelAll.Request import SwapCancelAllRequest
from carpenstar_bybit.Htx.V5.Trade.CancelAllOrders import CancelAllOrders
from carpenstar_bybit.Htx.V5.Trade.CancelAllOrders.Request import CancelAllOrdersRequest

HTX_PRODUCTS = ("swap", "v5")
CAP = 500  # Bybit's linear and inverse cancel-all cancel at most this many a call
_COIN_MARGINED = re.compile(r"[A-Z0-9]+-USD")  # BTC-USD (any case): a coin-margined swap


def _items(answer: CurlResponseDto[Any]) -> list[dict[str, str]]:
    return [
        {"orderId": item.getOrderId(), "orderLinkId": item.getOrderLinkId()}
        for item in answer.getBody().all()
    ]


def _summary(answer: CurlResponseDto[Any], items: list[dict[str, str]]) -> dict[str, Any]:
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
    request = fill(CancelOrderRequest(), CancelOrder.DECLARATION, args)
    answer = api.rest(CancelOrder, request)
    items = _items(answer)
    if args.json:
        out.write(json.dumps(_summary(answer, items)) + "\n")
    else:
        _print_orders(items, out)
    return EXIT_OK


def _cancel_all(args: argparse.Namespace, api: BybitAPI, out: TextIO, err: TextIO) -> int:
    request = fill(CancelAllOrderRequest(), CancelAllOrder.DECLARATION, args)
    request.validate()
    everything: list[dict[str, str]] = []
    rounds = 0
    incomplete = False
    answer: CurlResponseDto[Any] | None = None
    while True:
        rounds += 1
        answer = api.rest(CancelAllOrder, request)
        items = _items(answer)
        everything.extend(items)
        at_cap = len(items) >= CAP
        if args.until_empty:
            err.write(f"round {rounds}: {len(items)} cancelled, {len(everything)} in all\n")
        if not at_cap:
            break  # under the cap: this call reached every match
        if not args.until_empty:
            err.write(
                f"{CAP} cancelled: Bybit cancels at most {CAP} a call, so more may remain open; "
                "add --until-empty, or run flatten to cancel and verify everything\n"
            )
            incomplete = True
            break
        if rounds >= args.max_rounds:
            err.write(
                f"stopped after {plural(rounds, 'round')} (--max-rounds); orders may remain open\n"
            )
            incomplete = True
            break
    summary = _summary(answer, everything)
    summary["rounds"] = rounds
    summary["mayRemain"] = incomplete
    if args.json:
        out.write(json.dumps(summary) + "\n")
    else:
        _print_orders(everything, out)
        if args.until_empty:
            out.write(f"{plural(rounds, 'call')}\n")
    return EXIT_INCOMPLETE if incomplete else EXIT_OK


def _flags(*declarations: Any) -> list[tuple[str, str]]:
    """(flag, dest) of the declarations' request fields, in order, each once."""
    found: dict[str, str] = {}
    for declaration in declarations:
        for param in declaration.params:
            found.setdefault(f"--{kebab(param.wire)}", param.attr)
    return list(found.items())


_BYBIT_ONLY = _flags(CancelOrder.DECLARATION, CancelAllOrder.DECLARATION)
_SWAP_FIELDS = _flags(SwapCancelAll.DECLARATION)
_V5_FIELDS = _flags(CancelAllOrders.DECLARATION)
# The fields only one product line has: they tell which one is meant.
_SWAP_ONLY = [flag for flag in _SWAP_FIELDS if flag not in _V5_FIELDS]
_V5_ONLY = [flag for flag in _V5_FIELDS if flag not in _SWAP_FIELDS]
_HTX_ONLY = [*dict.fromkeys([*_SWAP_FIELDS, *_V5_FIELDS]), ("--product", "product")]


def _given(args: argparse.Namespace, flags: Sequence[tuple[str, str]]) -> list[str]:
    return [flag for flag, name in flags if getattr(args, name, None) is not None]


def run_private(
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
    key, secret = credentials(KEY_ENV, SECRET_ENV)
    banner(err, "bybit", host, key)
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
    request: SwapCancelAllRequest | CancelAllOrdersRequest
    if product == "swap":
        request = fill(SwapCancelAllRequest(), SwapCancelAll.DECLARATION, args)
    else:
        request = fill(CancelAllOrdersRequest(), CancelAllOrders.DECLARATION, args)
    request.validate()
    return request


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
    key, secret = credentials(HTX_KEY_ENV, HTX_SECRET_ENV)
    banner(err, "htx", host, key)
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
                err.write(
                    f"stopped after {plural(rounds, 'round')} (--max-rounds); "
                    "orders may remain open\n"
                )
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
            out.write(f"{plural(rounds, 'call')}\n")
    return EXIT_INCOMPLETE if incomplete else EXIT_OK
