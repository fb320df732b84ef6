"""The PHP interfaces, as Protocols: a typed assignment lets mypy prove a class conforms."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any, ClassVar, Protocol, Self, TypeVar, overload, runtime_checkable

from carpenstar_bybit.Core.Auth import Credentials
from carpenstar_bybit.Core.Objects.Collection import AbstractCollection

T_co = TypeVar("T_co", covariant=True)


@runtime_checkable
class IParametersInterface(Protocol):
    def array(self) -> dict[str, Any]: ...


@runtime_checkable
class IRequestInterface(IParametersInterface, Protocol):
    def validate(self) -> None: ...


class IResponseDataInterface(Protocol):
    """Marker of response DTOs."""


class ICollectionInterface(Protocol[T_co]):
    """PHP's collection (``fetch``, ``all``, ``count``), and a read-only Python sequence."""

    def push(self, item: Any) -> Any: ...

    def fetch(self) -> T_co | None: ...

    def all(self) -> list[Any]: ...

    def count(self) -> int: ...

    def __len__(self) -> int: ...

    def __getitem__(self, index: int, /) -> T_co: ...

    def __iter__(self) -> Iterator[T_co]: ...


class ICurlResponseDtoInterface(Protocol):
    def getTime(self) -> datetime | None: ...

    def getReturnCode(self) -> int: ...

    def getReturnMessage(self) -> str: ...

    def getReturnExtendedInfo(self) -> dict[str, Any]: ...

    def getNextPageCursor(self) -> str: ...

    def getBody(self) -> AbstractCollection[Any]: ...


class IResponseInterface(Protocol):
    """The current PHP line's answer: ``SuccessResponse`` or ``ExceptionResponse``."""

    def getReturnCode(self) -> int: ...

    def getReturnMessage(self) -> str: ...

    def getExtendedInfo(self) -> dict[str, Any]: ...

    def getResult(self) -> Any: ...


class ISuccessCurlResponseDtoInterface(Protocol):
    def getNextPageCursor(self) -> str: ...


class IExceptionCurlResponseInterface(Protocol):
    """Marker of the refused answer (empty in PHP)."""


class IEndpointInterface(Protocol):
    """Both PHP lines' endpoint: ``execute(mode)`` (2023) and ``execute()`` (current)."""

    def bindRequestParameters(self, parameters: Any) -> Any: ...

    def isNeedAuthorization(self) -> bool: ...

    def getEndpointRequestMethod(self) -> str: ...

    def setCredentials(self, credentials: Credentials) -> Self: ...

    @overload
    def execute(self) -> IResponseInterface: ...

    @overload
    def execute(self, mode: int) -> ICurlResponseDtoInterface: ...


class IResponseHandlerInterface(Protocol):
    def bindDto(self, dto: Any) -> Any: ...

    def handle(self, json_text: str | bytes, mode: int = ...) -> ICurlResponseDtoInterface: ...

    def build(self, apiData: Any, dtoClass: Any = ...) -> IResponseInterface: ...


class IFabricInterface(Protocol):
    """The builders' static ``make``."""

    @staticmethod
    def make(*args: Any) -> Any: ...


class IRestFabricInterface(IFabricInterface, Protocol):
    """``RestBuilder`` (core 5.1)."""


class IGetEndpointInterface(Protocol):
    HTTP_METHOD: ClassVar[str]


class IPostEndpointInterface(Protocol):
    HTTP_METHOD: ClassVar[str]


class IPrivateEndpointInterface(Protocol):
    IS_NEED_AUTHORIZATION: ClassVar[bool]


class IPublicEndpointInterface(Protocol):
    IS_NEED_AUTHORIZATION: ClassVar[bool]


# -- streams (the websocket interfaces core 5.1 moved into Core) ------------------------------


@runtime_checkable
class IChannelHandlerInterface(Protocol):
    """What a stream hands each message to (PHP: a marker; its ``ChannelHandler`` has
    ``handle``)."""

    def handle(self, data: Any) -> None: ...


@runtime_checkable
class IWebSocketArgumentInterface(Protocol):
    """A channel's argument: the V5 topics it subscribes. PHP's ``DEFAULT_SOCKET_CLIENT_TIMEOUT``
    (1000, in seconds as PHP's socket library read it) is the one constant."""

    DEFAULT_SOCKET_CLIENT_TIMEOUT: ClassVar[int]

    def getTopic(self) -> list[str]: ...


class IWebSocketsChannelInterface(Protocol):
    def getResponseClassname(self) -> type[Any]: ...

    def execute(self) -> None: ...


class IWebSocketsSpotChannel(Protocol):
    CHANNEL_TYPE: ClassVar[str]  # 'spot'


class IWebSocketsDerivativesChannel(Protocol):
    CHANNEL_TYPE: ClassVar[str]  # 'linear': inverse and option are told from the symbol


__all__ = [
    "IChannelHandlerInterface",
    "ICollectionInterface",
    "ICurlResponseDtoInterface",
    "IEndpointInterface",
    "IExceptionCurlResponseInterface",
    "IFabricInterface",
    "IGetEndpointInterface",
    "IParametersInterface",
    "IPostEndpointInterface",
    "IPrivateEndpointInterface",
    "IPublicEndpointInterface",
    "IRequestInterface",
    "IResponseDataInterface",
    "IResponseHandlerInterface",
    "IResponseInterface",
    "IRestFabricInterface",
    "ISuccessCurlResponseDtoInterface",

    "IWebSocketArgumentInterface",
    "IWebSocketsChannelInterface",
    "IWebSocketsDerivativesChannel",
    "IWebSocketsSpotChannel",
]
