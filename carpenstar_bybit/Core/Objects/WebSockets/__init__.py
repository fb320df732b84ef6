"""Bases of the stream channels and their arguments (PHP ``Core\\Objects\\WebSockets``, and the
same classes under ``WebSockets\\Objects\\WebSockets`` of the websockets package 3.0.x).

A channel class is a declaration: the argument class it takes, the entity (DTO) class it hands
out, the state a topic keeps (an order book, the last ticker) and whether one message makes one
DTO or one per item of ``data``. An argument checks its symbols, depth or interval when it is
made, tells the V5 category (spot channels: spot; derivatives: from the symbol, as REST does)
and builds the V5 topics. Nothing here does I/O: ``execute()`` hands the work to
``BybitAPI.websocket()``.

Where the two PHP lines differ, the 3.0.x package wins (it is the one with channels):
``getSymbols()`` is a list (core 5.1: the comma-joined string), a channel is made with
``(argument, handler, mode, wsClientTimeout)``.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, ClassVar

from carpenstar_bybit.Core import Validation as rules
from carpenstar_bybit.Core.Enums import EnumIntervals, EnumOutputMode, WebSocketOperationsEnum
from carpenstar_bybit.Core.Exceptions import SDKException, SDKTypeError
from carpenstar_bybit.Core.Objects import AbstractResponse

if TYPE_CHECKING:
    from carpenstar_bybit._bybit_api import BybitAPI
    from carpenstar_bybit.WebSockets.Stream import WebSocketStream

_SYMBOL = re.compile(r"[A-Z0-9][A-Z0-9.\-]{1,39}")
_SPOT_SYMBOL = re.compile(r"[A-Z0-9]{2,40}")
PRIVATE = "private"


def _text(where: str, value: object) -> str:
    if not isinstance(value, str):
        raise SDKTypeError(f"{where}: must be a string, got {type(value).__name__}")
    return value


def split_symbols(where: str, symbol: object) -> list[str]:
    """``"BTCUSDT,ETHUSDT"`` → ``["BTCUSDT", "ETHUSDT"]``; each must look like a Bybit symbol."""
    text = _text(f"{where}.symbol", symbol)
    symbols = [part.strip() for part in text.split(",")]
    if not text.strip() or any(not part for part in symbols):
        raise SDKException(f"{where}.symbol: is required, e.g. 'BTCUSDT' or 'BTCUSDT,ETHUSDT'")
    for part in symbols:
        if not _SYMBOL.fullmatch(part):
            raise SDKException(
                f"{where}.symbol: {part[:40]!r} is not a symbol: uppercase letters and digits, "
                "e.g. 'BTCUSDT'"
            )
    if len(set(symbols)) != len(symbols):
        raise SDKException(f"{where}.symbol: a symbol is named twice ({text[:80]!r})")
    return symbols


def v5_interval(where: str, interval: object) -> str:
    """A kline interval as V5 sends it: V5's own values, PHP's ``'1h'`` spellings, or ints."""
    if isinstance(interval, int) and not isinstance(interval, bool):
        interval = str(interval)
    text = _text(f"{where}.interval", interval)
    value = EnumIntervals.PHP_SPELLINGS.get(text, text)
    if value not in EnumIntervals.INTERVALS_LIST:
        raise SDKException(
            f"{where}.interval: {text[:20]!r} is no V5 kline interval; one of "
            f"{', '.join(EnumIntervals.INTERVALS_LIST)} (or PHP's '1m', '1h', '1d', …)"
        )
    return value


class WebSocketArgument:
    """Base of channel arguments: ``(symbol, reqId=None)``; ``"BTCUSDT,ETHUSDT"`` subscribes
    several symbols on one connection. ``reqId`` is kept (as in PHP; requests carry their own)."""

    DEFAULT_SOCKET_CLIENT_TIMEOUT: ClassVar[int] = 1000
    TOPIC: ClassVar[str] = ""
    SPOT: ClassVar[bool] = False  # spot channel arguments; else the category is told

    def __init__(self, symbol: str, reqId: str | None = None) -> None:
        where = type(self).__name__
        self._symbols = split_symbols(where, symbol)
        if reqId is not None:
            _text(f"{where}.reqId", reqId)
        self._req_id = reqId
        self._category = self._tell_category()

    def _tell_category(self) -> str:
        where = type(self).__name__
        if self.SPOT:
            for symbol in self._symbols:
                if not _SPOT_SYMBOL.fullmatch(symbol):
                    raise SDKException(
                        f"{where}.symbol: {symbol!r} is not a spot symbol (letters and digits, "
                        "e.g. 'BTCUSDT')"
                    )
            return rules.SPOT
        told = set()
        for symbol in self._symbols:
            category = rules.category_from_symbol(symbol)
            if category is None:
                raise SDKException(
                    f"{where}.symbol: the category cannot be told from {symbol!r}: a linear "
                    "symbol ends in USDT/USDC/PERP, an inverse one in USD, an option is "
                    "BASE-DDMMMYY-STRIKE-C|P"
                )
            told.add(category)
        if len(told) > 1:
            raise SDKException(
                f"{where}.symbol: {', '.join(self._symbols)} are on different streams "
                f"({', '.join(sorted(told))}); use one argument per category"
            )
        return told.pop()

    def getReqId(self) -> str:
        return self._req_id or ""

    def getSymbols(self) -> list[str]:
        return list(self._symbols)

    def getOperation(self) -> str:
        return WebSocketOperationsEnum.SUBSCRIBE

    def getCategory(self) -> str:
        """The V5 stream: ``spot``, ``linear``, ``inverse`` or ``option``."""
        return self._category

    def getTopic(self) -> list[str]:
        """The V5 topics, one per symbol."""
        return [f"{self.TOPIC}.{symbol}" for symbol in self._symbols]

    def __repr__(self) -> str:
        return f"{type(self).__name__}({','.join(self._symbols)!r})"


class PrivateArgument:
    """Base of private channel arguments: all categories (``order``) or one (``order.linear``)."""

    DEFAULT_SOCKET_CLIENT_TIMEOUT: ClassVar[int] = 1000
    TOPIC: ClassVar[str] = ""
    CATEGORIES: ClassVar[tuple[str, ...]] = ()

    def __init__(self, category: str | None = None) -> None:
        where = type(self).__name__
        if category is not None:
            _text(f"{where}.category", category)
            if category not in self.CATEGORIES:
                allowed = ", ".join(self.CATEGORIES) or "none"
                raise SDKException(
                    f"{where}.category: must be one of {allowed} or None for all (got "
                    f"{category[:20]!r})"
                )
        self._topic_category = category

    def getOperation(self) -> str:
        return WebSocketOperationsEnum.SUBSCRIBE

    def getCategory(self) -> str:
        return PRIVATE

    def getTopic(self) -> list[str]:
        if self._topic_category is None:
            return [self.TOPIC]
        return [f"{self.TOPIC}.{self._topic_category}"]

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self._topic_category!r})"


Argument = WebSocketArgument | PrivateArgument


class WebSocketsPublicChannel:
    """Base of every channel. ``(argument, channelHandler, mode, wsClientTimeout)`` as in PHP;
    ``execute()`` blocks, handing each message to ``channelHandler.handle()``.

    ``wsClientTimeout``: seconds a stream may stay silent before it is reconnected (PHP's
    socket library read PHP's value as seconds too); None gives 30 s.
    """

    CHANNEL_ACCESS: ClassVar[str] = "public"
    CHANNEL_TYPE: ClassVar[str] = ""
    ARGUMENT: ClassVar[type[Any]] = WebSocketArgument
    ENTITY: ClassVar[type[AbstractResponse]] = AbstractResponse
    STATE: ClassVar[type[Any] | None] = None  # BookState / TickerState, kept per topic
    PER_ITEM: ClassVar[bool] = False  # one DTO per item of ``data`` (trades, candles, …)

    def __init__(
        self,
        argument: Argument,
        channelHandler: Any,
        mode: int = EnumOutputMode.MODE_ENTITY,
        wsClientTimeout: float | None = None,
        *,
        api: BybitAPI | None = None,
    ) -> None:
        self.topicsFor(argument)
        if mode not in EnumOutputMode.ALL:
            raise SDKException(f"mode: must be one of {EnumOutputMode.ALL} (got {mode!r})")
        self._argument = argument
        self._handler = channelHandler
        self._mode = mode
        self._timeout = wsClientTimeout
        self._api = api
        self._client: WebSocketStream | None = None

    @classmethod
    def topicsFor(cls, argument: object) -> tuple[str, list[str]]:
        """(stream category, V5 topics) of ``argument``; SDKException if it is not this
        channel's argument or is incomplete."""
        if not isinstance(argument, cls.ARGUMENT):
            raise SDKException(
                f"{cls.__name__}: takes a {cls.ARGUMENT.__name__}, not {type(argument).__name__}"
            )
        return argument.getCategory(), argument.getTopic()

    @classmethod
    def entities(cls, message: dict[str, Any]) -> list[AbstractResponse]:
        """The DTOs of one (kept) message: itself, or one per item of its ``data``."""
        entity = cls.ENTITY
        if not cls.PER_ITEM:
            return [entity.fromItem(message)]
        data = message["data"]
        if not isinstance(data, list):
            raise TypeError("data is not a list")
        new = object.__new__
        made = []
        for item in data:
            if not isinstance(item, dict):
                raise TypeError("an item of data is not an object")
            dto = new(entity)
            dto._raw = item
            dto._parent = message
            made.append(dto)
        return made

    def getResponseClassname(self) -> type[AbstractResponse]:
        return self.ENTITY

    def getTopic(self) -> list[str]:
        return self._argument.getTopic()

    def getOperation(self) -> str:
        return WebSocketOperationsEnum.SUBSCRIBE

    def getMode(self) -> int:
        return self._mode

    def getChannelHandler(self) -> Any:
        return self._handler

    def getClient(self) -> WebSocketStream | None:
        """The stream while ``execute()`` runs (a handler may call its ``stop()``)."""
        return self._client

    def execute(self) -> None:
        """Run the stream in this thread until a handler raises or the stream is stopped.

        Without ``api=`` it streams from Bybit's mainnet, as PHP's channels did.
        """
        api = self._api
        if api is None:
            from carpenstar_bybit._bybit_api import MAINNET, BybitAPI

            api = BybitAPI(MAINNET)
        stream = api.stream(
            type(self), self._argument, self._handler, self._mode, timeout=(self._timeout)
        )
        self._client = stream
        try:
            stream.run()
        finally:
            self._client = None


def check_channel(where: str, channel: object) -> type[WebSocketsPublicChannel]:
    """``channel`` if it is a channel class; SDKException naming ``where`` if not."""
    if not (isinstance(channel, type) and issubclass(channel, WebSocketsPublicChannel)):
        raise SDKException(f"{where}: {channel!r} is not a websocket channel class")
    return channel


class WebSocketsSpotPublicChannel(WebSocketsPublicChannel):
    CHANNEL_TYPE: ClassVar[str] = "spot"


class WebSocketsDerivativesPublicChannel(WebSocketsPublicChannel):
    CHANNEL_TYPE: ClassVar[str] = "linear"  # inverse and option symbols go to their streams


class WebSocketsPrivateChannel(WebSocketsPublicChannel):
    """Base of the private channels (``/v5/private``, after V5 auth)."""

    CHANNEL_ACCESS: ClassVar[str] = "private"
    CHANNEL_TYPE: ClassVar[str] = PRIVATE
    ARGUMENT: ClassVar[type[Any]] = PrivateArgument
    PER_ITEM: ClassVar[bool] = True


__all__ = [
    "PRIVATE",
    "PrivateArgument",
    "WebSocketArgument",
    "WebSocketsDerivativesPublicChannel",
    "WebSocketsPrivateChannel",
    "WebSocketsPublicChannel",
    "WebSocketsSpotPublicChannel",
    "check_channel",
    "split_symbols",
    "v5_interval",
]
