"""Read each endpoint's response table from a checkout of Bybit's V5 docs into a checked-in list.

    git clone https://github.com/bybit-exchange/docs bybit-docs
    python tools/v5_doc_fields.py bybit-docs  # rewrites tests/fixtures/v5_documented_fields.json

The list records the docs commit it was read from and, per endpoint, the doc page and every field
of its "Response Parameters" table as a path from ``result`` (``["list", "coin", "equity"]``;
a position in a candle row is an int: ``["list", 4]``). ``tests/test_documented_fields.py`` checks
that every documented field has a getter, or is listed under the endpoint's ``not_applicable``
with a reason (kept as written when the list is read again).
"""

from __future__ import annotations

import html
import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "fixtures" / "v5_documented_fields.json"

# Endpoint (its PHP class path after Carpenstar\ByBitAPI, dotted) -> (doc page, the tab of the
# response table; None where the page has no tabs).
PAGES: dict[str, tuple[str, str | None]] = {
    "Derivatives.Contract.Order.CancelAllOrder": ("docs/v5/order/cancel-all.mdx", None),
    "Derivatives.Contract.Order.CancelOrder": ("docs/v5/order/cancel-order.mdx", None),
    "Derivatives.MarketData.FundingRateHistory": ("docs/v5/market/history-fund-rate.mdx", None),
    "Derivatives.Contract.Position.GetClosedPnL": ("docs/v5/position/close-pnl.mdx", None),
    "Derivatives.Contract.Position.GetExecutionList": ("docs/v5/order/execution.mdx", None),
    "Derivatives.Contract.Order.GetOpenOrders": ("docs/v5/order/open-order.mdx", None),
    "Derivatives.Contract.Order.GetOrderList": ("docs/v5/order/order-list.mdx", None),
    "Derivatives.Contract.Account.GetTradingFeeRate": ("docs/v5/account/fee-rate.mdx", None),
    "Derivatives.MarketData.IndexPriceKline": ("docs/v5/market/index-kline.mdx", None),
    "Derivatives.MarketData.InstrumentInfo": ("docs/v5/market/instrument.mdx", "Linear/Inverse"),
    "Derivatives.MarketData.Kline": ("docs/v5/market/kline.mdx", None),
    "Derivatives.MarketData.MarkPriceKline": ("docs/v5/market/mark-kline.mdx", None),
    "Derivatives.Contract.Position.MyPosition": ("docs/v5/position/position.mdx", None),
    "Derivatives.MarketData.OpenInterest": ("docs/v5/market/open-interest.mdx", None),
    "Derivatives.MarketData.OrderBook": ("docs/v5/market/orderbook.mdx", None),
    "Derivatives.Contract.Order.PlaceOrder": ("docs/v5/order/create-order.mdx", None),
    "Derivatives.MarketData.PublicTradingHistory": ("docs/v5/market/recent-trade.mdx", None),
    "Derivatives.Contract.Order.ReplaceOrder": ("docs/v5/order/amend-order.mdx", None),
    "Derivatives.MarketData.RiskLimit": ("docs/v5/market/risk-limit.mdx", None),
    "Derivatives.Contract.Position.SetAutoAddMargin": (
        "docs/v5/position/auto-add-margin.mdx",
        None,
    ),
    "Derivatives.Contract.Position.SetLeverage": ("docs/v5/position/leverage.mdx", None),
    "Derivatives.Contract.Position.SetRiskLimit": ("docs/v5/abandon/set-risk-limit.mdx", None),
    "Derivatives.Contract.Position.SetTradingStop": ("docs/v5/position/trading-stop.mdx", None),
    "Derivatives.Contract.Position.SwitchCrossIsolatedMargin": (
        "docs/v5/abandon/cross-isolate.mdx",
        None,
    ),
    "Derivatives.Contract.Position.SwitchPositionMode": (
        "docs/v5/position/position-mode.mdx",
        None,
    ),
    "Derivatives.Contract.Position.SwitchTpSlMode": ("docs/v5/abandon/tpsl-mode.mdx", None),
    "Derivatives.MarketData.TickerInfo": ("docs/v5/market/tickers.mdx", "Linear/Inverse"),
    "Derivatives.Contract.Account.WalletBalance": ("docs/v5/account/wallet-balance.mdx", None),
    "Derivatives.Contract.Order.BatchPlaceOrder": ("docs/v5/order/batch-place.mdx", None),
    "Derivatives.Contract.Order.BatchReplaceOrder": ("docs/v5/order/batch-amend.mdx", None),
    "Derivatives.Contract.Order.BatchCancelOrder": ("docs/v5/order/batch-cancel.mdx", None),
    # Spot: the V5 page each call reads (a hook's page is the call whose answer it passes on).
    "Spot.Account.WalletBalance": ("docs/v5/account/wallet-balance.mdx", None),
    "Spot.LeverageToken.AllAssetInfo": ("docs/v5/lt/leverage-token-info.mdx", None),
    "Spot.LeverageToken.MarketInfo": ("docs/v5/lt/leverage-token-reference.mdx", None),
    "Spot.LeverageToken.Purchase": ("docs/v5/lt/purchase.mdx", None),
    "Spot.LeverageToken.PurchaseRedeemHistory": ("docs/v5/lt/order-record.mdx", None),
    "Spot.LeverageToken.Reedem": ("docs/v5/lt/redeem.mdx", None),
    "Spot.MarketData.BestBidAskPrice": ("docs/v5/market/tickers.mdx", "Spot"),
    "Spot.MarketData.InstrumentInfo": ("docs/v5/market/instrument.mdx", "Spot"),
    "Spot.MarketData.Kline": ("docs/v5/market/kline.mdx", None),
    "Spot.MarketData.LastTradedPrice": ("docs/v5/market/tickers.mdx", "Spot"),
    "Spot.MarketData.MergedOrderBook": ("docs/v5/market/orderbook.mdx", None),
    "Spot.MarketData.OrderBook": ("docs/v5/market/orderbook.mdx", None),
    "Spot.MarketData.PublicTradingRecords": ("docs/v5/market/recent-trade.mdx", None),
    "Spot.MarketData.Tickers": ("docs/v5/market/tickers.mdx", "Spot"),
    "Spot.Trade.BatchCancelOrder": ("docs/v5/order/cancel-all.mdx", None),
    "Spot.Trade.BatchCancelOrderById": ("docs/v5/order/batch-cancel.mdx", None),
    "Spot.Trade.CancelOrder": ("docs/v5/order/cancel-order.mdx", None),
    "Spot.Trade.GetOrder": ("docs/v5/order/open-order.mdx", None),
    "Spot.Trade.OpenOrders": ("docs/v5/order/open-order.mdx", None),
    "Spot.Trade.OrderHistory": ("docs/v5/order/order-list.mdx", None),
    "Spot.Trade.PlaceOrder": ("docs/v5/order/create-order.mdx", None),
    "Spot.Trade.TradeHistory": ("docs/v5/order/execution.mdx", None),
}

_SECTION = re.compile(r"#+ Response Parameters\s*\n(.*?)(?=\n#+ |\Z)", re.S)
_TAB = re.compile(r'<TabItem[^>]*label="([^"]+)"[^>]*>(.*?)</TabItem>', re.S)
_HTML_ROW = re.compile(r"<td>(.*?)</td>\s*<td>(.*?)</td>\s*<td>.*?</td>", re.S)
_INDEX = re.compile(r"^(\w+)\[(\d+)\]")


def _clean(cell: str) -> str:
    cell = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", cell)  # markdown links
    cell = re.sub(r"<[^>]+>", "", cell)  # html tags
    return html.unescape(cell).replace("`", "").strip()


def rows(section: str) -> list[tuple[str, str]]:
    """(name cell, type cell) of each table row, in order."""
    if "<td>" in section:
        return [(_clean(a), _clean(b)) for a, b in _HTML_ROW.findall(section)]
    found = []
    for line in section.splitlines():
        if not line.lstrip().startswith("|"):
            continue
        cells = line.strip().strip("|").split("|")
        if len(cells) < 2:
            continue
        name, kind = _clean(cells[0]), _clean(cells[1])
        if name in ("Parameter", "") or set(name) <= set(":- "):
            continue
        found.append((name, kind))
    return found


def fields(text: str, tab: str | None) -> list[dict[str, object]]:
    match = _SECTION.search(text)
    if match is None:
        raise ValueError("no Response Parameters section")
    section = match.group(1)
    if tab is not None:
        tabs = dict(_TAB.findall(section))
        section = tabs[tab]
    out: list[dict[str, object]] = []
    stack: list[list[str | int]] = []
    for name, kind in rows(section):
        depth = len(name) - len(name.lstrip(">"))
        name = name.lstrip(">").strip()
        indexed = _INDEX.match(name)
        key: str | int = int(indexed.group(2)) if indexed else name.split()[0]
        path = [*stack[depth - 1], key] if depth else [key]
        del stack[depth:]
        stack.append(path)
        out.append({"path": path, "type": kind})
    return _from_result(out)


def _from_result(found: list[dict[str, object]]) -> list[dict[str, object]]:
    """Paths from ``result`` where a table lists the whole answer (the batch pages: ``result``
    and ``retExtInfo`` at the top); ``retExtInfo``'s rows keep their name."""
    if not any(f["path"] == ["result"] for f in found):
        return found
    out = []
    for field in found:
        path = list(field["path"])  # type: ignore[call-overload]  # a list, made above
        if path != ["result"]:
            out.append({**field, "path": path[1:] if path[0] == "result" else path})
    return out


def main(argv: list[str]) -> int:
    docs = Path(argv[0])
    commit = subprocess.run(  # noqa: S603  # git with fixed arguments
        ["git", "-C", str(docs), "rev-parse", "HEAD"],  # noqa: S607
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    old = json.loads(OUT.read_text(encoding="utf-8")) if OUT.exists() else {"endpoints": {}}
    endpoints = {}
    for name, (page, tab) in sorted(PAGES.items()):
        text = (docs / page).read_text(encoding="utf-8")
        kept = old["endpoints"].get(name, {}).get("not_applicable", {})
        endpoints[name] = {
            "doc": page + (f" (tab {tab})" if tab else ""),
            "fields": fields(text, tab),
            "not_applicable": kept,
        }
    listing = {
        "source": {"repository": "https://github.com/bybit-exchange/docs", "commit": commit},
        "endpoints": endpoints,
    }
    OUT.write_text(json.dumps(listing, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
