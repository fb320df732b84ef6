"""The websockets package's enums (3.0.x names), with V5's topic names as values."""

from __future__ import annotations

from typing import Final

from carpenstar_bybit.Core.Enums import WebSocketOperationsEnum


class WebSocketTopicNameEnum:
    """PHP's V3 names; values are the V5 topics they became (``bookticker`` → ``orderbook.1``,
    ``trade`` → ``publicTrade``)."""

    KLINE: Final = "kline"
    BOOKTICKER: Final = "orderbook.1"
    ORDERBOOK: Final = "orderbook"
    PUBLIC_TRADE: Final = "publicTrade"
    TICKERS: Final = "tickers"
    ALL_LIQUIDATION: Final = "allLiquidation"


__all__ = ["WebSocketOperationsEnum", "WebSocketTopicNameEnum"]
