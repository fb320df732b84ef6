"""The PHP interfaces, as Protocols: a typed assignment lets mypy prove a class conforms."""

from __future__ import annotations

from datetime import datetime
from typing import Any, ClassVar, Protocol, TypeVar, runtime_checkable

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
    def fetch(self) -> T_co | None: ...

    def all(self) -> list[Any]: ...

    def count(self) -> int: ...


class ICurlResponseDtoInterface(Protocol):
    def getTime(self) -> datetime | None: ...

    def getReturnCode(self) -> int: ...

    def getReturnMessage(self) -> str: ...

    def getReturnExtendedInfo(self) -> dict[str, Any]: ...

    def getNextPageCursor(self) -> str: ...

    def getBody(self) -> AbstractCollection[Any]: ...


class IEndpointInterface(Protocol):
    def bindRequestParameters(self, parameters: Any) -> Any: ...

    def execute(self, mode: int = ...) -> ICurlResponseDtoInterface: ...


class IResponseHandlerInterface(Protocol):
    def bindDto(self, dto: Any) -> Any: ...

    def handle(self, json_text: str | bytes, mode: int = ...) -> ICurlResponseDtoInterface: ...


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
    "IParametersInterface",
    "IRequestInterface",
    "IResponseDataInterface",
    "IResponseHandlerInterface",
    "IWebSocketArgumentInterface",
    "IWebSocketsChannelInterface",
    "IWebSocketsDerivativesChannel",
    "IWebSocketsSpotChannel",
]
