"""The PHP interfaces, as Protocols: a typed assignment lets mypy prove a class conforms."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any, Protocol, TypeVar, runtime_checkable

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


class IEndpointInterface(Protocol):
    def bindRequestParameters(self, parameters: Any) -> Any: ...

    def execute(self, mode: int = ...) -> ICurlResponseDtoInterface: ...


class IResponseHandlerInterface(Protocol):
    def bindDto(self, dto: Any) -> Any: ...

    def handle(self, json_text: str | bytes, mode: int = ...) -> ICurlResponseDtoInterface: ...


__all__ = [
    "ICollectionInterface",
    "ICurlResponseDtoInterface",
    "IEndpointInterface",
    "IParametersInterface",
    "IRequestInterface",
    "IResponseDataInterface",
    "IResponseHandlerInterface",
]
