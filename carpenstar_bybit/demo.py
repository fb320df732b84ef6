"""The main job, end to end on an embedded sandbox: seed orders, cancel some, cancel the rest.

Bybit first (1203 orders, single cancels, then cancel-all rounds of at most 500, until an answer
comes back under the cap), then HTX on the same sandbox: coin-margined swap orders through
``SwapCancelAll``, USDT-margined ones through ``CancelAllOrders``, and one more ``SwapCancelAll``
that meets 1051 "No orders to cancel" (an empty success). It ends with the kill switch: a book over
every category and settle coin, and HTX beside it, flattened in one call and verified. The last
line is the kill switch's verdict.
"""

from __future__ import annotations

import secrets
import time
from typing import TextIO

from carpenstar_bybit._bybit_api import BybitAPI
from carpenstar_bybit.Core.Retry import Pacer
from carpenstar_bybit.Derivatives.Contract.Order.CancelAllOrder import CancelAllOrder
from carpenstar_bybit.Derivatives.Contract.Order.CancelAllOrder.Request import (
    CancelAllOrderRequest,
)
from carpenstar_bybit.Derivatives.Contract.Order.CancelOrder import CancelOrder
from carpenstar_bybit.Derivatives.Contract.Order.CancelOrder.Request import CancelOrderRequest
from carpenstar_bybit.Htx import HtxAPI
from carpenstar_bybit.Htx.Swap.Trade.SwapCancelAll import SwapCancelAll
from carpenstar_bybit.Htx.Swap.Trade.SwapCancelAll.Request import SwapCancelAllRequest
from carpenstar_bybit.Htx.V5.Trade.CancelAllOrders import CancelAllOrders
from carpenstar_bybit.Htx.V5.Trade.CancelAllOrders.Request import CancelAllOrdersRequest
from carpenstar_bybit.sandbox import Sandbox

DEMO_KEY = "demo-key"
SYMBOL = "BTCUSDT"
MAX_ROUNDS = 100
CAP = 500
# The kill switch's book: (category, symbol, orders).
BOOK = (
    ("linear", "BTCUSDT", 640),
    ("linear", "ETHUSDT", 260),
    ("linear", "BTCPERP", 40),
    ("inverse", "BTCUSD", 120),
    ("inverse", "ETHUSD", 30),
    ("option", "BTC-30DEC26-60000-C", 16),
    ("spot", "SOLUSDT", 24),
)

HTX_DEMO_KEY = "demo-htx-access-key"
HTX_SWAP_CODE, HTX_SWAP_ORDERS = "BTC-USD", 40
HTX_V5_CODE, HTX_V5_ORDERS = "BTC-USDT", 30


class _Table:
    COLUMNS = (("step", 4), ("call", 26), ("request", 44), ("cancelled", 9), ("open", 6))

    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.step = 0

    def header(self) -> None:
        self.out.write("  ".join(f"{name:<{w}}" for name, w in self.COLUMNS).rstrip() + "\n")
        self.out.write("  ".join("-" * w for _, w in self.COLUMNS) + "\n")

    def row(self, call: str, request: str, cancelled: str, open_left: int) -> None:
        self.step += 1
        cells = (str(self.step), call, request, cancelled, str(open_left))
        line = "  ".join(
            f"{cell:>{w}}" if name in ("step", "cancelled", "open") else f"{cell:<{w}}"
            for cell, (name, w) in zip(cells, self.COLUMNS, strict=True)
        )
        self.out.write(line.rstrip() + "\n")


def run_demo(out: TextIO, orders: int = 1203) -> int:
    """Run the demo, print a table, and return 0 when no order is left open (1 otherwise)."""
    if orders < 3:
        out.write("the demo needs at least 3 orders\n")
        return 2
    secret = secrets.token_hex(16)
    htx_secret = secrets.token_hex(16)
    started = time.perf_counter()
    with Sandbox(keys={DEMO_KEY: secret, HTX_DEMO_KEY: htx_secret}) as sandbox:
        seeded = sandbox.seed_orders(
            DEMO_KEY, "linear", SYMBOL, count=orders, order_link_prefix="demo-"
        )
        out.write(f"carpenstar_bybit demo: a Bybit V5 and HTX sandbox on {sandbox.base_url}\n\n")
        table = _Table(out)
        table.header()
        open_now = sandbox.open_count(DEMO_KEY)
        table.row("seed", f"{orders} limit orders, {SYMBOL} linear", "-", open_now)

        calls = 0
        with BybitAPI(sandbox.base_url, DEMO_KEY, secret, pacer=Pacer()) as bybit:
            by_id = seeded[0]["orderId"]
            answer = bybit.rest(
                CancelOrder, CancelOrderRequest().setSymbol(SYMBOL).setOrderId(by_id)
            )
            calls += 1
            table.row(
                "CancelOrder",
                f"orderId={by_id}",
                str(answer.getBody().count()),
                sandbox.open_count(DEMO_KEY),
            )

            by_link = seeded[1]["orderLinkId"]
            answer = bybit.rest(
                CancelOrder, CancelOrderRequest().setSymbol(SYMBOL).setOrderLinkId(by_link)
            )
            calls += 1
            table.row(
                "CancelOrder",
                f"orderLinkId={by_link}",
                str(answer.getBody().count()),
                sandbox.open_count(DEMO_KEY),
            )

            request = CancelAllOrderRequest().setSettleCoin("USDT")
            for round_number in range(1, MAX_ROUNDS + 1):
                round_answer = bybit.rest(CancelAllOrder, request)
                calls += 1
                cancelled = round_answer.getBody().count()
                table.row(
                    f"CancelAllOrder, round {round_number}",
                    "settleCoin=USDT (category told: linear)",
                    str(cancelled),
                    sandbox.open_count(DEMO_KEY),
                )
                if cancelled < CAP:  # under the cap: that call reached every match
                    break

        left = sandbox.open_count(DEMO_KEY)
        htx_calls, htx_left = _htx_part(sandbox, htx_secret, table)
        elapsed = (time.perf_counter() - started) * 1000
        out.write("\n")
        htx_total = HTX_SWAP_ORDERS + HTX_V5_ORDERS
        if htx_left == 0:
            out.write(f"OK: all {htx_total} HTX orders cancelled in {htx_calls} calls\n")
        else:
            out.write(f"FAILED: {htx_left} HTX orders still open after {htx_calls} calls\n")
        if left == 0:
            out.write(f"OK: all {orders} orders cancelled in {calls} calls, {elapsed:.0f} ms\n")
        else:
            out.write(f"FAILED: {left} orders still open after {calls} calls\n")
        # The last line is the kill switch's verdict.
        flat = _kill_switch(sandbox, secret, htx_secret, out)
    out.write(flat)
    return 0 if left == 0 and htx_left == 0 and flat.startswith("OK") else 1


def _kill_switch(sandbox: Sandbox, secret: str, htx_secret: str, out: TextIO) -> str:
    """Seed a book over every category and coin, and HTX; flatten it all; return the verdict."""
    from carpenstar_bybit.killswitch import flatten

    for category, symbol, count in BOOK:
        sandbox.seed_orders(DEMO_KEY, category, symbol, count=count)
    sandbox.seed_htx_orders(HTX_DEMO_KEY, "swap", HTX_SWAP_CODE, count=12)
    sandbox.seed_htx_orders(HTX_DEMO_KEY, "v5", HTX_V5_CODE, count=9)
    total = sum(count for _, _, count in BOOK) + 21
    out.write(
        f"\nkill switch: {total} open orders over linear (USDT, USDC), inverse, option, spot and "
        "HTX; one call:\n\n"
    )
    with (
        BybitAPI(sandbox.base_url, DEMO_KEY, secret) as bybit,
        HtxAPI(sandbox.base_url, HTX_DEMO_KEY, htx_secret) as htx,
    ):
        bybit.warm_up()
        report = flatten(bybit, htx=htx, htx_contracts=[HTX_SWAP_CODE])
    out.write(f"{'exchange':<9}{'category':<10}{'coin':<27}{'cancelled':>9}{'calls':>7}\n")
    for lane in report.lanes:
        coin = (lane.coin or "all") + (f" {lane.order_filter}" if lane.order_filter else "")
        out.write(
            f"{lane.exchange:<9}{lane.category:<10}{coin:<27}{lane.cancelled:>9}{lane.calls:>7}\n"
        )
    checked = ", ".join(
        f"{c.category}{' ' + c.coin if c.coin else ''}" for c in report.checks if c.flat
    )
    out.write(f"verified empty: {checked}\n")
    left = sandbox.open_count(DEMO_KEY) + sandbox.open_htx_count(HTX_DEMO_KEY)
    if report.flat and left == 0:
        return (
            f"OK: flat: all {report.cancelled} orders cancelled and verified in "
            f"{report.calls} calls, {report.seconds * 1000:.0f} ms\n"
        )
    return f"FAILED: {report.outcome}: {left} orders still open\n"


def _htx_part(sandbox: Sandbox, secret: str, table: _Table) -> tuple[int, int]:
    """Seed HTX orders and cancel them all; returns (calls made, orders left open)."""
    sandbox.seed_htx_orders(HTX_DEMO_KEY, "swap", HTX_SWAP_CODE, count=HTX_SWAP_ORDERS)
    sandbox.seed_htx_orders(HTX_DEMO_KEY, "v5", HTX_V5_CODE, count=HTX_V5_ORDERS)
    table.row(
        "HTX seed",
        f"{HTX_SWAP_ORDERS} swap {HTX_SWAP_CODE}, {HTX_V5_ORDERS} v5 {HTX_V5_CODE}",
        "-",
        sandbox.open_htx_count(HTX_DEMO_KEY),
    )
    calls = 0
    swap_request = SwapCancelAllRequest().setContractCode(HTX_SWAP_CODE)
    with HtxAPI(sandbox.base_url, HTX_DEMO_KEY, secret) as htx:
        steps = (
            ("HTX SwapCancelAll", f"contract_code={HTX_SWAP_CODE}", SwapCancelAll, swap_request),
            (
                "HTX CancelAllOrders (v5)",
                f"contract_code={HTX_V5_CODE}",
                CancelAllOrders,
                CancelAllOrdersRequest().setContractCode(HTX_V5_CODE),
            ),
            (
                "HTX SwapCancelAll again",
                f"contract_code={HTX_SWAP_CODE} (1051: none left)",
                SwapCancelAll,
                swap_request,
            ),
        )
        for call, shown, endpoint, request in steps:
            answer = htx.rest(endpoint, request)
            calls += 1
            table.row(
                call, shown, str(len(answer.getCancelled())), sandbox.open_htx_count(HTX_DEMO_KEY)
            )
    return calls, sandbox.open_htx_count(HTX_DEMO_KEY)


__all__ = ["run_demo"]
