"""``BybitAPI``: the façade a bot calls, as in Carpenstar's PHP SDK."""

from __future__ import annotations

import copy
import logging
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any, Literal, Self, TypeVar, overload

import attrs
import requests

from carpenstar_bybit.Core.Api import ExchangeAPI
from carpenstar_bybit.Core.Auth import BybitSigner, Credentials
from carpenstar_bybit.Core.Builders import RestBuilder
from carpenstar_bybit.Core.Connection import (
    Clock,
    Connection,
)
from carpenstar_bybit.Core.Endpoints import Endpoint
from carpenstar_bybit.Core.Enums import EnumOutputMode
from carpenstar_bybit.Core.Exceptions import (
    ApiException,
    CarpenstarException,
    SDKException,
    safe_excerpt,
)
from carpenstar_bybit.Core.Objects import AbstractParameters, AbstractResponse
from carpenstar_bybit.Core.Response import CurlResponseDto, refused_exchange_value
from carpenstar_bybit.Core.Retry import Pacer, RetryPolicy, bybit_classifier
from carpenstar_bybit.Core.Transport import DEFAULT_MAX_BODY

if TYPE_CHECKING:
    from carpenstar_bybit.Core.Objects.WebSockets import Argument, WebSocketsPublicChannel
    from carpenstar_bybit.killswitch import FlattenReport
    from carpenstar_bybit.WebSockets.Stream import WebSocketStream

Q = TypeVar("Q", bound=AbstractParameters)
R = TypeVar("R", bound=AbstractResponse)

logger = logging.getLogger("carpenstar_bybit")

MAINNET = "https://api.bybit.com"
TESTNET = "https://api-testnet.bybit.com"
DEFAULT_RECV_WINDOW = 5000


SERVER_TIME_PATH = "/v5/market/time"
# The largest clock offset believed: a server time further from this machine's clock than this
# is a broken or hostile answer, not drift (real drift is seconds; NTP-less machines, minutes).
MAX_CLOCK_OFFSET_MS = 24 * 60 * 60 * 1000


def _server_ms(payload: object) -> int:
    """The ``time`` of a server time answer: whole ms, as an int or a string of digits."""
    value = payload.get("time") if isinstance(payload, dict) else None
    if isinstance(value, str) and value.isascii() and value.isdigit() and len(value) <= 16:
        return int(value)
    # Not a float: JSON's 1e999 and Infinity decode to inf, and int(inf) raises OverflowError.
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return value
    raise ValueError("no whole ms in the answer's time")


def sync_clock(connection: Connection) -> None:
    """Set the connection's clock offset from Bybit's ``GET /v5/market/time``.

    An answer without a whole, positive ``time`` in ms, or one more than
    ``MAX_CLOCK_OFFSET_MS`` (a day) from this machine's clock, is an ``ApiException``; the offset
    is then left as it was.
    """
    sent = connection.clock()
    response = connection.send("GET", SERVER_TIME_PATH, None, signed=False)
    received = connection.clock()
    try:
        server_ms = _server_ms(response.payload())
    except ValueError as exc:
        raise ApiException(
            "unexpected answer from the server time endpoint",
            code=response.status,
            http_status=response.status,
            path=SERVER_TIME_PATH,
            excerpt=safe_excerpt(response.content),
        ) from exc
    offset = server_ms - (sent + received) // 2
    if abs(offset) > MAX_CLOCK_OFFSET_MS:
        raise ApiException(
            "the server time is more than a day from this machine's clock: not adopted as "
            "the clock offset",
            code=response.status,
            http_status=response.status,
            path=SERVER_TIME_PATH,
        )
    connection.time_offset_ms = offset
    logger.info("clock synced with the exchange: offset %d ms", connection.time_offset_ms)


def _touch(connection: Connection) -> None:
    # Only opens a pooled connection: what it answers does not matter.
    try:
        connection.send("GET", SERVER_TIME_PATH, None, signed=False)
    except CarpenstarException:
        logger.info("warm-up: a connection could not be opened")


class BybitAPI(ExchangeAPI):
    """One Bybit account on one host, over one kept-alive, signed connection.

    ``BybitAPI(host, apiKey, secret)`` then ``rest(EndpointClass, request, mode)``, or the 5.x style
    ``BybitAPI().setCredentials(host, apiKey, secret).privateEndpoint(cls, request).execute()``.

    Options (keyword only): ``recv_window`` (ms, default 5000), ``timeout`` (seconds, or a
    (connect, read) pair; default (5, 10)), ``clock`` (a function giving ms since the epoch, for
    tests), ``proxies``, ``verify`` (TLS verification or a CA bundle path), ``pool_size``
    (kept-alive connections for threads sharing this object, default 10), ``session`` (a
    ``requests.Session`` of your own: used as it is, with its adapters and ``trust_env``, and
    closed by ``close()``). Use it as a context manager, or call ``close()``.
    """

    def __init__(
        self,
        host: str = "",
        apiKey: str = "",
        secret: str = "",
        *,
        recv_window: int = DEFAULT_RECV_WINDOW,
        timeout: float | tuple[float, float] | None = None,
        clock: Clock | None = None,
        proxies: Mapping[str, str] | None = None,
        verify: bool | str = True,
        pool_size: int = 10,
        session: requests.Session | None = None,
        retry: RetryPolicy | None = None,
        pacer: Pacer | bool | None = None,
        max_body: int = DEFAULT_MAX_BODY,
    ) -> None:
        if (
            not isinstance(recv_window, int)
            or isinstance(recv_window, bool)
            or not 1 <= recv_window <= 60_000
        ):
            raise SDKException(
                f"recv_window: must be whole ms from 1 to 60000 (got {recv_window!r})"
            )
        options: dict[str, Any] = {
            "timeout": timeout,
            "clock": clock,
            "proxies": proxies,
            "verify": verify,
            "pool_size": pool_size,
            "session": session,
            "retry": retry if retry is not None else RetryPolicy(),
            "max_body": max_body,
            "pacer": Pacer() if pacer is True else (pacer or None),
        }
        super().__init__(Credentials(host, apiKey, secret), options)
        self._recv_window = recv_window

    # -- credentials (5.x style setters) ----------------------------------------------------------

    def setCredentials(self, host: str, apiKey: str = "", secret: str = "") -> Self:
        self._use_credentials(Credentials(host, apiKey, secret))
        return self

    def setApiKey(self, apiKey: str) -> Self:
        self._credentials.setApiKey(apiKey)
        self._reset_connection()
        return self

    def setSecret(self, secret: str) -> Self:
        self._credentials.setSecret(secret)
        self._reset_connection()
        return self

    # -- calls ---------------------------------------------------------------------------------

    @overload
    def rest(
        self,
        endpointClass: type[Endpoint[Q, R]],
        parameters: Q | None = None,
        mode: Literal[0] = EnumOutputMode.DEFAULT_MODE,
    ) -> CurlResponseDto[R]: ...

    @overload
    def rest(
        self, endpointClass: type[Endpoint[Q, R]], parameters: Q | None, mode: int
    ) -> CurlResponseDto[Any]: ...

    def rest(
        self,
        endpointClass: type[Endpoint[Q, R]],
        parameters: Q | None = None,
        mode: int = EnumOutputMode.DEFAULT_MODE,
    ) -> CurlResponseDto[Any]:
        """Call an endpoint and return its answer in the output mode (default: DTOs).

        The 2023 PHP line's call: the exchange's "no" is raised as ``ApiException``. Typed: in
        entity mode ``getBody()`` holds the endpoint's response DTOs, and a request of another
        endpoint is a type error."""
        return RestBuilder.make(endpointClass, parameters, self.connection()).execute(mode)

    def pages(
        self,
        endpointClass: type[Endpoint[Q, R]],
        parameters: Q,
        mode: int = EnumOutputMode.DEFAULT_MODE,
        max_pages: int = 100,
    ) -> Iterator[CurlResponseDto[Any]]:
        """Every page of a list endpoint, following ``getNextPageCursor()``, in one loop.

        It ends only where a page names no next page: an empty page that names one is read on,
        and an answer with no list raises ``ApiException`` (it never reads as empty).

        The request is copied, never changed. Bounded: when ``max_pages`` pages were read and the
        exchange still names a next page, it raises ``SDKException`` rather than stop silently;
        a cursor seen before (the exchange going round in circles) raises ``ApiException``.
        """
        if isinstance(max_pages, bool) or not isinstance(max_pages, int) or not max_pages >= 1:
            raise SDKException(f"max_pages: must be a whole number >= 1 (got {max_pages!r})")
        if not hasattr(parameters, "setCursor") or not attrs.has(type(parameters)):
            raise SDKException(
                f"pages: {type(parameters).__name__} has no setCursor: not a paged list endpoint"
            )
        request: Any = copy.copy(parameters)
        seen: set[str] = set()
        for _ in range(max_pages):
            answer = self.rest(endpointClass, request, mode)
            yield answer
            cursor = answer.getNextPageCursor()
            if not cursor:
                return
            if cursor in seen:
                raise ApiException(
                    f"the exchange sent the page cursor {cursor[:40]!r} twice; stopped",
                    path=endpointClass.PATH,
                )
            seen.add(cursor)
            try:
                request.setCursor(cursor)
            except SDKException as exc:
                raise refused_exchange_value(
                    "nextPageCursor", cursor, exc, endpointClass.PATH
                ) from None
        raise SDKException(
            f"pages: stopped after {max_pages} pages and the exchange names more; "
            "raise max_pages or narrow the request"
        )

    # -- streams ---------------------------------------------------------------------------------

    def websocket(
        self,
        channel: type[WebSocketsPublicChannel],
        argument: Argument,
        handler: Any,
        mode: int = EnumOutputMode.MODE_ENTITY,
        timeout: float | None = None,
        **options: Any,
    ) -> None:
        """Stream ``channel``'s topics for ``argument``, handing each message to
        ``handler.handle()``, in this thread, until the handler raises (that exception ends it
        and is raised here) or the stream is stopped (``handler`` given the stream, or
        ``channel.getClient().stop()``). ``mode``: ``MODE_ENTITY`` DTOs, ``MODE_ARRAY`` dicts,
        ``MODE_JSON`` the raw text. ``timeout``: seconds of silence before a reconnect
        (default 30). Other options: see ``WebSocketStream``.
        """
        self.stream(channel, argument, handler, mode, timeout=timeout, **options).run()

    def stream(
        self,
        channel: type[WebSocketsPublicChannel] | None = None,
        argument: Argument | None = None,
        handler: Any = None,
        mode: int = EnumOutputMode.MODE_ENTITY,
        *,
        category: str | None = None,
        timeout: float | None = None,
        **options: Any,
    ) -> WebSocketStream:
        """A ``WebSocketStream`` on this host's V5 stream for ``channel`` (or for ``category``:
        ``spot``, ``linear``, ``inverse``, ``option``, ``private``), not started: ``run()`` it,
        ``start()``/``stop()`` it, or use it in a ``with`` block. Everything is checked here,
        before any connection; ``subscribe()`` adds more topics of the same stream.
        """
        from carpenstar_bybit.Core.Objects.WebSockets import check_channel
        from carpenstar_bybit.WebSockets.Stream import DEFAULT_TIMEOUT, WebSocketStream

        if channel is not None:
            told, _ = check_channel("channel", channel).topicsFor(argument)
            if category is not None and category != told:
                raise SDKException(
                    f"category: {channel.__name__} streams on {told}, not {category}"
                )
            category = told
        if category is None:
            raise SDKException("stream: give a channel and its argument, or a category")
        host = self._credentials.getHost()
        if not host:
            raise SDKException(f"host: is not set; call {self.CREDENTIALS_CALL}")
        private = category == "private"
        clock = self._options.get("clock")
        stream = WebSocketStream(
            host,
            category,
            apiKey=self._credentials.getApiKey() if private else "",
            secret=self._credentials.getSecret() if private else "",
            timeout=DEFAULT_TIMEOUT if timeout is None else timeout,
            clock=clock,
            clock_offset=self._clock_offset,
            **options,
        )
        if channel is not None:
            stream.subscribe(channel, argument, handler, mode)  # type: ignore[arg-type]
        return stream

    def _clock_offset(self) -> int:
        """The REST connection's offset from the exchange's clock (0 until one was measured)."""
        connection = self._connection
        return connection.time_offset_ms if connection is not None else 0

    # -- the kill switch ------------------------------------------------------------------------

    @property
    def pool_size(self) -> int:
        """Kept-alive connections this object holds for threads that share it."""
        return int(self._options.get("pool_size", 10))

    def warm_up(self, connections: int = 1) -> int:
        """Open ``connections`` kept-alive connections (TLS included) and sync the clock, now.

        A bot calls it at start-up so that its first emergency call pays no handshake and no
        10002 clock retry. Each connection is opened by ``GET /v5/market/time`` (public, sent at
        once); the clock offset is taken from the first. Returns the offset in ms.
        """
        if isinstance(connections, bool) or not isinstance(connections, int):
            raise SDKException(f"connections: must be a whole number (got {connections!r})")
        if not 1 <= connections <= self.pool_size:
            raise SDKException(f"connections: must be from 1 to pool_size (got {connections!r})")
        connection = self.connection()
        if connections > 1:
            import threading

            threads = [
                threading.Thread(
                    target=_touch, args=(connection,), daemon=True, name="carpenstar-warm-up"
                )
                for _ in range(connections - 1)
            ]
            for thread in threads:
                thread.start()
        sync_clock(connection)
        if connections > 1:
            for thread in threads:
                thread.join()
        return connection.time_offset_ms

    def flatten(self, **options: Any) -> FlattenReport:
        """The kill switch: ``carpenstar_bybit.killswitch.flatten(self, **options)``."""
        from carpenstar_bybit.killswitch import flatten

        return flatten(self, **options)

    def privateEndpoint(
        self, endpointClass: type[Endpoint[Q, R]], parameters: Q | None = None
    ) -> Endpoint[Q, R]:
        """The current PHP line's call: ``privateEndpoint(cls, request).execute()`` gives a
        ``SuccessResponse`` (``getResult()``: the endpoint's DTO) or an ``ExceptionResponse``.
        Unlike PHP, a public endpoint is refused here (and a private one by publicEndpoint)."""
        return self._bind(endpointClass, parameters, private=True)

    def publicEndpoint(
        self, endpointClass: type[Endpoint[Q, R]], parameters: Q | None = None
    ) -> Endpoint[Q, R]:
        return self._bind(endpointClass, parameters, private=False)

    def _open(self, credentials: Credentials) -> Connection:
        signer = None
        if credentials.getApiKey() and credentials.getSecret():
            signer = BybitSigner(
                credentials.getApiKey(), credentials.getSecret(), self._recv_window
            )
        return Connection(
            credentials.getHost(),
            signer,
            classifier=bybit_classifier,
            clock_sync=sync_clock,
            **self._options,
        )
