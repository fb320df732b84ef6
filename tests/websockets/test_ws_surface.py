"""Stream URLs, arguments and topics of every channel, checked before any connection."""

from __future__ import annotations

import socket
import time

import pytest

from carpenstar_bybit import BybitAPI
from carpenstar_bybit.Core.Enums import EnumIntervals, EnumOutputMode, WebSocketSpotIntervalEnum
from carpenstar_bybit.Core.Exceptions import SDKException, SDKTypeError
from carpenstar_bybit.Core.Objects.WebSockets.Channels import DefaultCallbackHandler
from carpenstar_bybit.WebSockets.Builders import WebSocketsBuilder
from carpenstar_bybit.WebSockets.Channels.Derivatives.PublicChannels.AllLiquidation import (
    AllLiquidationChannel,
)
from carpenstar_bybit.WebSockets.Channels.Derivatives.PublicChannels.AllLiquidation.Argument import (  # noqa: E501
    AllLiquidationArgument,
)
from carpenstar_bybit.WebSockets.Channels.Derivatives.PublicChannels.OrderBook import (
    OrderBookChannel as DerivativesOrderBookChannel,
)
from carpenstar_bybit.WebSockets.Channels.Derivatives.PublicChannels.OrderBook.Argument import (
    OrderBookArgument as DerivativesOrderBookArgument,
)
from carpenstar_bybit.WebSockets.Channels.Derivatives.PublicChannels.Tickers import (
    TickersChannel as DerivativesTickersChannel,
)
from carpenstar_bybit.WebSockets.Channels.Derivatives.PublicChannels.Tickers.Argument import (
    TickersArgument as DerivativesTickersArgument,
)
from carpenstar_bybit.WebSockets.Channels.PrivateChannels.Execution import ExecutionChannel
from carpenstar_bybit.WebSockets.Channels.PrivateChannels.Execution.Argument import (
    ExecutionArgument,
)
from carpenstar_bybit.WebSockets.Channels.PrivateChannels.Order import OrderChannel
from carpenstar_bybit.WebSockets.Channels.PrivateChannels.Order.Argument import OrderArgument
from carpenstar_bybit.WebSockets.Channels.PrivateChannels.Position import PositionChannel
from carpenstar_bybit.WebSockets.Channels.PrivateChannels.Position.Argument import (
    PositionArgument,
)
from carpenstar_bybit.WebSockets.Channels.PrivateChannels.Wallet import WalletChannel
from carpenstar_bybit.WebSockets.Channels.PrivateChannels.Wallet.Argument import WalletArgument
from carpenstar_bybit.WebSockets.Channels.Spot.PublicChannels.Bookticker import BooktickerChannel
from carpenstar_bybit.WebSockets.Channels.Spot.PublicChannels.Bookticker.Argument import (
    BooktickerArgument,
)
from carpenstar_bybit.WebSockets.Channels.Spot.PublicChannels.Kline import KlineChannel
from carpenstar_bybit.WebSockets.Channels.Spot.PublicChannels.Kline.Argument import KlineArgument
from carpenstar_bybit.WebSockets.Channels.Spot.PublicChannels.OrderBook import OrderBookChannel
from carpenstar_bybit.WebSockets.Channels.Spot.PublicChannels.OrderBook.Argument import (
    OrderBookArgument,
)
from carpenstar_bybit.WebSockets.Channels.Spot.PublicChannels.PublicTrade import (
    PublicTradeChannel,
)
from carpenstar_bybit.WebSockets.Channels.Spot.PublicChannels.PublicTrade.Argument import (
    PublicTradeArgument,
)
from carpenstar_bybit.WebSockets.Channels.Spot.PublicChannels.Tickers import TickersChannel
from carpenstar_bybit.WebSockets.Channels.Spot.PublicChannels.Tickers.Argument import (
    TickersArgument,
)
from carpenstar_bybit.WebSockets.Stream import WebSocketStream, auth_message, stream_url


@pytest.mark.parametrize(
    ("host", "category", "url"),
    [
        ("https://api.bybit.com", "linear", "wss://stream.bybit.com/v5/public/linear"),
        ("https://api.bybit.com", "spot", "wss://stream.bybit.com/v5/public/spot"),
        ("https://api.bybit.com", "private", "wss://stream.bybit.com/v5/private"),
        (
            "https://api-testnet.bybit.com",
            "inverse",
            "wss://stream-testnet.bybit.com/v5/public/inverse",
        ),
        ("https://api-testnet.bybit.com", "private", "wss://stream-testnet.bybit.com/v5/private"),
        ("https://api-demo.bybit.com", "private", "wss://stream-demo.bybit.com/v5/private"),
        ("https://api-demo.bybit.com", "option", "wss://stream.bybit.com/v5/public/option"),
        ("https://api.bybit.kz/", "spot", "wss://stream.bybit.kz/v5/public/spot"),
        ("http://127.0.0.1:8181", "linear", "ws://127.0.0.1:8181/v5/public/linear"),
        ("http://127.0.0.1:8181", "private", "ws://127.0.0.1:8181/v5/private"),
        ("https://example.org:8443", "spot", "wss://example.org:8443/v5/public/spot"),
        ("https://api.bybit.com:8443", "spot", "wss://api.bybit.com:8443/v5/public/spot"),
    ],
)
def test_stream_url_follows_the_rest_host(host: str, category: str, url: str) -> None:
    assert stream_url(host, category) == url


def test_stream_url_refuses_what_is_no_stream() -> None:
    with pytest.raises(SDKException, match="category"):
        stream_url("https://api.bybit.com", "futures")
    with pytest.raises(SDKException, match="host"):
        stream_url("ftp://api.bybit.com", "spot")


@pytest.mark.parametrize(
    ("channel", "argument", "category", "topics"),
    [
        (BooktickerChannel, lambda: BooktickerArgument("BTCUSDT,ETHUSDT"), "spot",
         ["orderbook.1.BTCUSDT", "orderbook.1.ETHUSDT"]),
        (KlineChannel, lambda: KlineArgument("BTCUSDT", WebSocketSpotIntervalEnum.KLINE_1_HOUR),
         "spot", ["kline.60.BTCUSDT"]),
        (KlineChannel, lambda: KlineArgument("BTCUSDT,ETHUSDT", EnumIntervals.DAY), "spot",
         ["kline.D.BTCUSDT", "kline.D.ETHUSDT"]),
        (KlineChannel, lambda: KlineArgument("BTCUSDT", 15), "spot", ["kline.15.BTCUSDT"]),
        (OrderBookChannel, lambda: OrderBookArgument("BTCUSDT").setDepth(40), "spot",
         ["orderbook.50.BTCUSDT"]),
        (OrderBookChannel, lambda: OrderBookArgument("BTCUSDT").setDepth(200), "spot",
         ["orderbook.200.BTCUSDT"]),
        (PublicTradeChannel, lambda: PublicTradeArgument("BTCUSDT"), "spot",
         ["publicTrade.BTCUSDT"]),
        (TickersChannel, lambda: TickersArgument("BTCUSDT"), "spot", ["tickers.BTCUSDT"]),
        (DerivativesOrderBookChannel, lambda: DerivativesOrderBookArgument("BTCUSDT", 50),
         "linear", ["orderbook.50.BTCUSDT"]),
        (DerivativesOrderBookChannel, lambda: DerivativesOrderBookArgument("BTCUSD", 1000),
         "inverse", ["orderbook.1000.BTCUSD"]),
        (DerivativesOrderBookChannel,
         lambda: DerivativesOrderBookArgument("BTC-27DEC24-90000-C", 25), "option",
         ["orderbook.25.BTC-27DEC24-90000-C"]),
        (DerivativesTickersChannel, lambda: DerivativesTickersArgument("BTCUSDT,ETHPERP"),
         "linear", ["tickers.BTCUSDT", "tickers.ETHPERP"]),
        (AllLiquidationChannel, lambda: AllLiquidationArgument("ROSEUSDT"), "linear",
         ["allLiquidation.ROSEUSDT"]),
        (OrderChannel, lambda: OrderArgument(), "private", ["order"]),
        (OrderChannel, lambda: OrderArgument("linear"), "private", ["order.linear"]),
        (ExecutionChannel, lambda: ExecutionArgument("spot"), "private", ["execution.spot"]),
        (PositionChannel, lambda: PositionArgument(), "private", ["position"]),
        (WalletChannel, lambda: WalletArgument(), "private", ["wallet"]),
    ],
)  # fmt: skip
def test_each_channel_subscribes_its_v5_topics(channel, argument, category, topics) -> None:  # type: ignore[no-untyped-def]
    assert channel.topicsFor(argument()) == (category, topics)
    stream = BybitAPI("http://127.0.0.1:9", "k" * 10, "s" * 10).stream(
        channel, argument(), DefaultCallbackHandler()
    )
    assert stream.topics() == topics
    assert stream.url.endswith("/v5/private" if category == "private" else f"/public/{category}")


def test_argument_getters_as_in_php() -> None:
    argument = OrderBookArgument("BTCUSDT,ETHUSDT", reqId="r1").setDepth(50)
    assert argument.getSymbols() == ["BTCUSDT", "ETHUSDT"]
    assert argument.getReqId() == "r1"
    assert argument.getOperation() == "subscribe"
    assert argument.getDepth() == 50
    assert KlineArgument("BTCUSDT", "1h").getInterval() == "60"
    assert DerivativesOrderBookArgument("BTCUSDT", 40).getDepth() == 50


def _refused_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.mark.parametrize(
    ("make", "says"),
    [
        (lambda: PublicTradeArgument("btcusdt"), "'btcusdt' is not a symbol"),
        (lambda: PublicTradeArgument(""), "symbol: is required"),
        (lambda: PublicTradeArgument("BTCUSDT,,ETHUSDT"), "symbol: is required"),
        (lambda: PublicTradeArgument("BTCUSDT,BTCUSDT"), "named twice"),
        (lambda: PublicTradeArgument("BTC-27DEC24"), "not a spot symbol"),
        (lambda: DerivativesTickersArgument("BTCEUR"), "category cannot be told from 'BTCEUR'"),
        (lambda: DerivativesTickersArgument("BTCUSDT,BTCUSD"), "different streams"),
        (lambda: OrderBookArgument("BTCUSDT").setDepth(500), "no spot book of depth 500"),
        (lambda: DerivativesOrderBookArgument("BTCUSDT", 25), "no linear book of depth 25"),
        (lambda: DerivativesOrderBookArgument("BTC-27DEC24-90000-C", 50), "no option book"),
        (lambda: KlineArgument("BTCUSDT", "2m"), "'2m' is no V5 kline interval"),
        (lambda: KlineArgument("BTCUSDT", 7), "'7' is no V5 kline interval"),
        (lambda: OrderBookArgument("BTCUSDT").getTopic(), "depth: is required"),
        (lambda: AllLiquidationArgument("BTC-27DEC24-90000-C"), "linear and inverse"),
        (lambda: PositionArgument("spot"), "category: must be one of linear"),
        (lambda: WalletArgument("linear"), "category"),
    ],
)
def test_bad_arguments_are_refused_naming_them(make, says: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(SDKException, match=says.replace("(", r"\(")):
        make()


def test_wrong_types_are_sdk_type_errors() -> None:
    with pytest.raises(SDKTypeError, match="symbol: must be a string"):
        PublicTradeArgument(42)  # type: ignore[arg-type]
    with pytest.raises(SDKException, match="depth: must be a whole number"):
        OrderBookArgument("BTCUSDT").setDepth(1.5)  # type: ignore[arg-type]


def test_misuse_is_refused_before_any_connection() -> None:
    api = BybitAPI(f"http://127.0.0.1:{_refused_port()}")
    started = time.monotonic()
    with pytest.raises(SDKException, match="takes a OrderBookArgument, not TickersArgument"):
        api.websocket(OrderBookChannel, TickersArgument("BTCUSDT"), DefaultCallbackHandler())
    with pytest.raises(SDKException, match="mode"):
        api.websocket(TickersChannel, TickersArgument("BTCUSDT"), DefaultCallbackHandler(), 7)
    with pytest.raises(SDKException, match="no handle"):
        api.websocket(TickersChannel, TickersArgument("BTCUSDT"), object())
    with pytest.raises(SDKException, match="private stream needs both"):
        api.websocket(OrderChannel, OrderArgument(), DefaultCallbackHandler())
    with pytest.raises(SDKException, match="timeout"):
        api.websocket(TickersChannel, TickersArgument("BTCUSDT"), DefaultCallbackHandler(), 0, -1)
    with pytest.raises(SDKException, match="not a websocket channel"):
        WebSocketsBuilder.make(dict, TickersArgument("BTCUSDT"), DefaultCallbackHandler())  # type: ignore[arg-type]
    with pytest.raises(SDKException, match="host: is not set"):
        BybitAPI().stream(TickersChannel, TickersArgument("BTCUSDT"), DefaultCallbackHandler())
    assert time.monotonic() - started < 0.5  # nothing waited on a network


def test_one_stream_refuses_topics_of_another_stream() -> None:
    stream = BybitAPI("http://127.0.0.1:9").stream(category="spot")
    stream.subscribe(TickersChannel, TickersArgument("BTCUSDT"), DefaultCallbackHandler())
    with pytest.raises(SDKException, match="linear stream"):
        stream.subscribe(
            DerivativesTickersChannel,
            DerivativesTickersArgument("BTCUSDT"),
            DefaultCallbackHandler(),
        )
    with pytest.raises(SDKException, match="already subscribed"):
        stream.subscribe(TickersChannel, TickersArgument("BTCUSDT"), DefaultCallbackHandler())
    stream.unsubscribe(TickersChannel, TickersArgument("BTCUSDT"))
    assert stream.topics() == []


def test_auth_frame_from_a_known_key_and_time() -> None:
    # hex(HMAC_SHA256("stream-secret", "GET/realtime1700000010000")), computed once by hand
    signature = "678341436c5883679e604ec2df34ef483c9db3622939568b2a9f8a02df8a1f32"
    assert auth_message("stream-key", "stream-secret", 1_700_000_010_000) == (
        '{"req_id":"auth","op":"auth","args":["stream-key",1700000010000,"' + signature + '"]}'
    )


def test_secret_is_never_in_a_repr() -> None:
    api = BybitAPI("http://127.0.0.1:9", "KEYabcdefgh12", "SECRETvalue99")
    stream = api.stream(OrderChannel, OrderArgument(), DefaultCallbackHandler())
    text = repr(stream) + str(stream)
    assert "SECRETvalue99" not in text
    assert "KEYabcdefgh12" not in text
    assert "KEYa…12" in text


def test_stream_options_are_checked() -> None:
    with pytest.raises(SDKException, match="max_reconnects"):
        WebSocketStream("http://127.0.0.1:9", "spot", max_reconnects=-1)
    with pytest.raises(SDKException, match="ping_interval"):
        WebSocketStream("http://127.0.0.1:9", "spot", ping_interval=True)  # type: ignore[arg-type]
    assert EnumOutputMode.ALL == (0, 1, 2)
