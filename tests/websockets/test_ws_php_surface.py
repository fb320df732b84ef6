"""Every class and interface of Carpenstar's websockets package 3.0.x and the websocket pieces of
core 5.1, importable by the import rule, with every public method and constant of the PHP class."""

from __future__ import annotations

import importlib

import pytest

W = "WebSockets.Channels"
SPOT, DERIV = f"{W}.Spot.PublicChannels", f"{W}.Derivatives.PublicChannels"
ARGUMENT = ("getTopic", "getOperation", "getReqId", "getSymbols")
CHANNEL = ("getResponseClassname", "getTopic", "getOperation", "getMode", "getClient",
           "getChannelHandler", "execute")  # fmt: skip
PRICE = ("getPrice", "getSize")
TICKER_ITEM = (
    "getSymbol", "getTickDirection", "getPrice24hPcnt", "getLastPrice", "getPrevPrice24h",
    "getHighPrice24h", "getLowPrice24h", "getPrevPrice1h", "getMarkPrice", "getIndexPrice",
    "getOpenInterest", "getOpenInterestValue", "getTurnover24h", "getVolume24h",
    "getNextFundingTime", "getFundingRate", "getBid1Price", "getBid1Size", "getAsk1Price",
    "getAsk1Size",
)  # fmt: skip

SURFACE: dict[str, tuple[str, ...]] = {
    # the websockets package 3.0.x
    "WebSockets.Builders.WebSocketsBuilder": ("make",),
    f"{DERIV}.OrderBook.Argument.OrderBookArgument": ARGUMENT,
    f"{DERIV}.OrderBook.Entities.OrderBookAbstract": (
        "getTopic",
        "getType",
        "getAsk",
        "getSymbol",
        "getBid",
        "getUpdateId",
        "getCrossSequence",
    ),
    f"{DERIV}.OrderBook.Entities.OrderBookPriceAbstract": PRICE,
    f"{DERIV}.OrderBook.OrderBookChannel": CHANNEL,
    f"{DERIV}.Tickers.Argument.TickersArgument": ARGUMENT,
    f"{DERIV}.Tickers.Entities.TickersAbstract": (
        "getTopic",
        "getType",
        "getTimestamp",
        "getCrossSequence",
        "getData",
    ),
    f"{DERIV}.Tickers.Entities.TickersDataItemAbstract": TICKER_ITEM,
    f"{DERIV}.Tickers.TickersChannel": CHANNEL,
    f"{SPOT}.Bookticker.Argument.BooktickerArgument": ARGUMENT,
    f"{SPOT}.Bookticker.BooktickerChannel": CHANNEL,
    f"{SPOT}.Bookticker.Entities.BooktickerAbstract": (
        "setResponseTimestamp",
        "getResponseTimestamp",
        "getBestBidPrice",
        "getBidQuantity",
        "getBestAskPrice",
        "setAskQuantity",
        "getAskQuantity",
        "setSymbol",
        "getSymbol",
        "getTopic",
        "getRequestTimestamp",
        "getType",
    ),
    f"{SPOT}.Kline.Argument.KlineArgument": ARGUMENT,
    f"{SPOT}.Kline.Entities.KlineAbstract": (
        "getTopic",
        "getRequestTimestamp",
        "getType",
        "getBarTimestamp",
        "getSymbol",
        "getClosePrice",
        "getHighPrice",
        "getLowPrice",
        "getOpenPrice",
        "getTradingVolume",
    ),
    f"{SPOT}.Kline.KlineChannel": CHANNEL,
    f"{SPOT}.OrderBook.Argument.OrderBookArgument": (*ARGUMENT, "setDepth", "getDepth"),
    f"{SPOT}.OrderBook.Entities.OrderBookAbstract": (
        "getTopic",
        "getType",
        "getSymbol",
        "getRequestTimestamp",
        "getResponseTimestamp",
        "getAsk",
        "getBid",
    ),
    f"{SPOT}.OrderBook.Entities.OrderBookPriceAbstract": PRICE,
    f"{SPOT}.OrderBook.OrderBookChannel": CHANNEL,
    f"{SPOT}.PublicTrade.Argument.PublicTradeArgument": ARGUMENT,
    f"{SPOT}.PublicTrade.Entities.PublicTradeAbstract": (
        "getTopic",
        "getType",
        "getPrice",
        "getQuantity",
        "getTradeId",
        "getTradeType",
        "getTradingTime",
        "getRequestTimestamp",
        "getIsTaker",
    ),
    f"{SPOT}.PublicTrade.PublicTradeChannel": CHANNEL,
    f"{SPOT}.Tickers.Argument.TickersArgument": ARGUMENT,
    f"{SPOT}.Tickers.Entities.TickersAbstract": ("getTopic", "getType", "getTimestamp", "getData"),
    f"{SPOT}.Tickers.Entities.TickersItemAbstract": (
        "getSymbol",
        "getOpenPrice",
        "getHighPrice",
        "getLowPrice",
        "getClosePrice",
        "getTradingVolume",
        "getTradingQuoteVolume",
        "getChange",
        "getUsdIndexPrice",
        "getTimestamp",
    ),
    f"{SPOT}.Tickers.TickersChannel": CHANNEL,
    "WebSockets.Enums.WebSocketOperationsEnum": ("SUBSCRIBE",),
    "WebSockets.Enums.WebSocketTopicNameEnum": (
        "KLINE",
        "BOOKTICKER",
        "ORDERBOOK",
        "PUBLIC_TRADE",
        "TICKERS",
    ),
    "WebSockets.Exceptions.WebSocketException": ("getCode", "getMessage"),
    "WebSockets.Interfaces.IChannelHandlerInterface": ("handle",),
    "WebSockets.Interfaces.IWebSocketArgumentInterface": ("getTopic",),
    "WebSockets.Interfaces.IWebSocketsChannelInterface": ("getResponseClassname", "execute"),
    "WebSockets.Interfaces.IWebSocketsDerivativesChannel": (),
    "WebSockets.Interfaces.IWebSocketsSpotChannel": (),
    "WebSockets.Objects.Channels.ChannelHandler": ("handle",),
    "WebSockets.Objects.Channels.DefaultChannelHandler": ("handle",),
    "WebSockets.Objects.WebSockets.WebSocketArgument": (
        "getOperation",
        "getReqId",
        "getSymbols",
        "DEFAULT_SOCKET_CLIENT_TIMEOUT",
    ),
    "WebSockets.Objects.WebSockets.WebSocketsDerivativesPublicChannel": (*CHANNEL, "CHANNEL_TYPE"),
    "WebSockets.Objects.WebSockets.WebSocketsPublicChannel": CHANNEL,
    "WebSockets.Objects.WebSockets.WebSocketsSpotPublicChannel": (*CHANNEL, "CHANNEL_TYPE"),
    # what core 5.1 moved into Core
    "Core.Builders.WebSocketsBuilder": ("make",),
    "Core.Enums.WebSocketDerivativesIntervalEnum": (
        "KLINE_1_MINUTE",
        "KLINE_60_MINUTE",
        "KLINE_720_MINUTE",
        "KLINE_DAY",
        "KLINE_WEEK",
        "KLINE_MONTH",
        "ALL",
    ),
    "Core.Enums.WebSocketHostEnum": ("WEBSOCKET_HOST_DEV", "WEBSOCKET_HOST_PROD"),
    "Core.Enums.WebSocketOperationsEnum": ("SUBSCRIBE",),
    "Core.Enums.WebSocketOrderBookDepth": ("DEPTH_1", "DEPTH_50", "DEPTH_200", "ALL"),
    "Core.Enums.WebSocketSpotIntervalEnum": (
        "KLINE_1_MINUTE",
        "KLINE_1_HOUR",
        "KLINE_12_HOUR",
        "KLINE_DAY",
        "KLINE_WEEK",
        "KLINE_MONTH",
        "ALL",
    ),
    "Core.Enums.WebSocketTopicNameEnum": (
        "SPOT_KLINE",
        "SPOT_BOOKTICKER",
        "SPOT_ORDERBOOK",
        "SPOT_PUBLIC_TRADE",
        "SPOT_TICKERS",
        "DERIVATIVES_PUBLIC_TRADE",
        "DERIVATIVES_ORDERBOOK",
        "DERIVATIVES_TICKERS",
        "DERIVATIVES_KLINE",
        "DERIVATIVES_LIQUIDATION",
    ),
    "Core.Interfaces.IChannelHandlerInterface": ("handle",),
    "Core.Interfaces.IWebSocketArgumentInterface": ("getTopic",),
    "Core.Interfaces.IWebSocketsChannelInterface": ("getResponseClassname", "execute"),
    "Core.Interfaces.IWebSocketsDerivativesChannel": (),
    "Core.Interfaces.IWebSocketsSpotChannel": (),
    "Core.Objects.WebSockets.Channels.ChannelHandler": ("handle",),
    "Core.Objects.WebSockets.Channels.DefaultCallbackHandler": ("handle",),
    "Core.Objects.WebSockets.Entity.WebSocketConnectionResponse": (
        "isSuccess",
        "getReturnMessage",
        "getConnectionId",
        "getReqId",
        "getOperation",
    ),
    "Core.Objects.WebSockets.WebSocketArgument": ("getReqId", "getSymbols"),
    "Core.Objects.WebSockets.WebSocketsPublicChannel": ("execute", "CHANNEL_ACCESS"),
    "Core.Objects.WebSockets.WebSocketsDerivativesPublicChannel": ("execute", "CHANNEL_TYPE"),
    "Core.Objects.WebSockets.WebSocketsSpotPublicChannel": ("execute", "CHANNEL_TYPE"),
}


@pytest.mark.parametrize(("fqcn", "members"), SURFACE.items(), ids=list(SURFACE))
def test_php_class_by_the_import_rule(fqcn: str, members: tuple[str, ...]) -> None:
    module, _, name = f"carpenstar_bybit.{fqcn}".rpartition(".")
    cls = getattr(importlib.import_module(module), name)
    assert isinstance(cls, type)
    missing = [member for member in members if not hasattr(cls, member)]
    assert missing == []


def test_both_lines_share_one_class_where_php_moved_it() -> None:
    from carpenstar_bybit.Core.Objects import WebSockets as CoreWebSockets
    from carpenstar_bybit.Core.Objects.WebSockets import Channels as CoreChannels
    from carpenstar_bybit.WebSockets.Objects import Channels, WebSockets

    assert WebSockets.WebSocketArgument is CoreWebSockets.WebSocketArgument
    assert WebSockets.WebSocketsPublicChannel is CoreWebSockets.WebSocketsPublicChannel
    assert Channels.ChannelHandler is CoreChannels.ChannelHandler
    assert Channels.DefaultChannelHandler is CoreChannels.DefaultCallbackHandler


def test_v5_values_where_php_had_v3_or_broken_ones() -> None:
    from carpenstar_bybit.Core.Enums import WebSocketHostEnum, WebSocketOrderBookDepth
    from carpenstar_bybit.WebSockets.Enums import WebSocketTopicNameEnum

    assert WebSocketHostEnum.WEBSOCKET_HOST_PROD == "wss://stream.bybit.com/"
    assert WebSocketTopicNameEnum.BOOKTICKER == "orderbook.1"
    assert WebSocketTopicNameEnum.PUBLIC_TRADE == "publicTrade"
    assert "500" not in WebSocketOrderBookDepth.ALL
    assert WebSocketOrderBookDepth.ALL == ("1", "50", "200", "1000")


def test_websocket_connection_response_reads_an_ack() -> None:
    from carpenstar_bybit.Core.Objects.WebSockets.Entity import WebSocketConnectionResponse

    ack = WebSocketConnectionResponse.fromItem(
        {
            "success": True,
            "ret_msg": "subscribe",
            "conn_id": "c-1",
            "req_id": "7",
            "op": "subscribe",
        }
    )
    assert (ack.isSuccess(), ack.getReturnMessage(), ack.getConnectionId()) == (
        True,
        "subscribe",
        "c-1",
    )
    assert (ack.getReqId(), ack.getOperation()) == ("7", "subscribe")


def test_default_handler_prints_what_it_gets(capsys: pytest.CaptureFixture[str]) -> None:
    from carpenstar_bybit.WebSockets.Channels.Spot.PublicChannels.Kline import KlineChannel
    from carpenstar_bybit.WebSockets.Objects.Channels import DefaultChannelHandler

    (candle,) = KlineChannel.entities({"topic": "kline.1.BTCUSDT", "data": [{"close": "5"}]})
    DefaultChannelHandler().handle(candle)
    assert capsys.readouterr().out == "KlineAbstract: {'close': '5'}\n"
