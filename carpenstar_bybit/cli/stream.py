"""``carpenstar-bybit stream KIND SYMBOL``: print a live V5 stream until Ctrl-C (exit 0).

Kinds: ``orderbook`` (the top of the kept book: best bid and ask, their sizes, ``u``),
``bookticker`` (spot level 1), ``tickers``, ``trades``, ``kline``, ``liquidation``; and the
private ``order``, ``execution``, ``position``, ``wallet`` (keys from the environment, no symbol).
``--category spot`` streams a symbol's spot market; otherwise the category is told from the
symbol as REST does. ``--count N`` stops after N lines (exit 0).
"""

from __future__ import annotations

import argparse
import json
from typing import Any, TextIO

from carpenstar_bybit.cli.common import (
    EXIT_OK,
    KEY_ENV,
    SECRET_ENV,
    UsageError,
    banner,
    credentials,
    resolve_host,
)

PUBLIC_KINDS = ("orderbook", "bookticker", "tickers", "trades", "kline", "liquidation")
PRIVATE_KINDS = ("order", "execution", "position", "wallet")
KINDS = PUBLIC_KINDS + PRIVATE_KINDS


# kind, spot → (namespace under WebSockets.Channels, name of its Channel and Argument classes)
_SPOT, _DERIVATIVES = "Spot.PublicChannels", "Derivatives.PublicChannels"
_PUBLIC = {
    ("bookticker", True): (f"{_SPOT}.Bookticker", "Bookticker"),
    ("trades", True): (f"{_SPOT}.PublicTrade", "PublicTrade"),
    ("kline", True): (f"{_SPOT}.Kline", "Kline"),
    ("tickers", True): (f"{_SPOT}.Tickers", "Tickers"),
    ("orderbook", True): (f"{_SPOT}.OrderBook", "OrderBook"),
    ("tickers", False): (f"{_DERIVATIVES}.Tickers", "Tickers"),
    ("orderbook", False): (f"{_DERIVATIVES}.OrderBook", "OrderBook"),
    ("liquidation", False): (f"{_DERIVATIVES}.AllLiquidation", "AllLiquidation"),
}
_SPOT_ONLY = ("bookticker", "trades", "kline")


def _channel(args: argparse.Namespace) -> tuple[type[Any], Any]:
    """The channel class and argument for the command line's kind and symbol."""
    import importlib

    kind, symbol = args.kind, args.symbol
    base = "carpenstar_bybit.WebSockets.Channels"
    if kind in PRIVATE_KINDS:
        if symbol:
            raise UsageError(f"stream {kind} takes no symbol (it streams the whole account)")
        name = kind.capitalize()
        package = importlib.import_module(f"{base}.PrivateChannels.{name}")
        argument = importlib.import_module(f"{base}.PrivateChannels.{name}.Argument")
        return getattr(package, f"{name}Channel"), getattr(argument, f"{name}Argument")()
    if not symbol:
        raise UsageError(f"stream {kind} needs a symbol, e.g. stream {kind} BTCUSDT")
    spot = args.category == "spot" or kind in _SPOT_ONLY
    if (kind, spot) not in _PUBLIC:
        raise UsageError(f"stream {kind} is not streamed for --category spot")
    namespace, name = _PUBLIC[(kind, spot)]
    channel = getattr(importlib.import_module(f"{base}.{namespace}"), f"{name}Channel")
    argument_class = getattr(
        importlib.import_module(f"{base}.{namespace}.Argument"), f"{name}Argument"
    )
    if kind == "kline":
        return channel, argument_class(symbol, args.interval)
    if kind == "orderbook":
        made = (
            argument_class(symbol).setDepth(args.depth)
            if spot
            else argument_class(symbol, args.depth)
        )
        return channel, made
    return channel, argument_class(symbol)


def _line(kind: str, data: Any) -> str:
    """One printed line per DTO."""
    if kind in ("orderbook", "bookticker"):
        bid, ask = data.getBid().fetch(), data.getAsk().fetch()
        bid_text = f"{bid.getPrice():g} x {bid.getSize():g}" if bid else "-"
        ask_text = f"{ask.getPrice():g} x {ask.getSize():g}" if ask else "-"
        return f"{data.getSymbol()}  bid {bid_text}  ask {ask_text}  u={data.getUpdateId()}"
    if kind == "tickers":
        item = data.getData().fetch()
        if hasattr(item, "getMarkPrice"):
            return (
                f"{item.getSymbol()}  last {item.getLastPrice()}  mark {item.getMarkPrice()}  "
                f"bid {item.getBid1Price()}  ask {item.getAsk1Price()}"
            )
        return f"{item.getSymbol()}  last {item.getClosePrice()}  24h {item.getChange()}"
    if kind == "trades":
        return f"{data.getSymbol()}  {data.getSide()} {data.getQuantity()} @ {data.getPrice()}"
    if kind == "kline":
        return (
            f"{data.getSymbol()}  {data.getBarTimestamp():%Y-%m-%d %H:%M}  o {data.getOpenPrice()} "
            f"h {data.getHighPrice()} l {data.getLowPrice()} c {data.getClosePrice()} "
            f"v {data.getTradingVolume()}{'  closed' if data.getConfirm() else ''}"
        )
    if kind == "liquidation":
        return f"{data.getSymbol()}  {data.getSide()} {data.getSize()} @ {data.getPrice()}"
    return json.dumps(data.toArray(), separators=(",", ":"))


class _Printer:
    def __init__(self, kind: str, out: TextIO, count: int | None) -> None:
        self.kind, self.out, self.left = kind, out, count

    def handle(self, data: Any, stream: Any) -> None:
        self.out.write(_line(self.kind, data) + "\n")
        self.out.flush()
        if self.left is not None:
            self.left -= 1
            if self.left <= 0:
                stream.stop()


def run_stream(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from carpenstar_bybit._bybit_api import BybitAPI

    channel, argument = _channel(args)
    host = resolve_host(args.host, args.sandbox_port)
    key = secret = ""
    if args.kind in PRIVATE_KINDS:
        key, secret = credentials(KEY_ENV, SECRET_ENV)
    api = BybitAPI(host, key, secret)
    stream = api.stream(channel, argument, _Printer(args.kind, out, args.count))
    banner(
        err, "bybit", host, key, f"stream {stream.url} ({', '.join(stream.topics())}); Ctrl-C ends"
    )
    try:
        stream.run()
    except KeyboardInterrupt:
        err.write("stopped\n")
    finally:
        stream.stop()
        api.close()
    return EXIT_OK


__all__ = ["KINDS", "run_stream"]
