"""Factories with the PHP names: endpoint, response DTO, response handler."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, TypeVar, overload

from carpenstar_bybit.Core.Auth import Credentials
from carpenstar_bybit.Core.Connection import Connection
from carpenstar_bybit.Core.Converter import converter
from carpenstar_bybit.Core.Endpoints import Endpoint
from carpenstar_bybit.Core.Enums import EnumHttpMethods, EnumOutputMode
from carpenstar_bybit.Core.Exceptions import SDKException
from carpenstar_bybit.Core.Objects import (
    AbstractParameters,
    AbstractResponse,
    ExceptionResponse,
    SuccessResponse,
)
from carpenstar_bybit.Core.Request import GetRequest, PostRequest
from carpenstar_bybit.Core.Response import CurlResponseDto, CurlResponseHandler

E = TypeVar("E", bound=Endpoint[Any, Any])
R = TypeVar("R", bound=AbstractResponse)


class RestBuilder:
    """``make(cls, parameters)`` (2023 line) or ``make(cls, Credentials, parameters)`` (core
    5.1): the second argument's type tells the two apart."""

    @overload
    @staticmethod
    def make(
        endpointClass: type[E],
        parameters: AbstractParameters | None = None,
        connection: Connection | None = None,
    ) -> E: ...

    @overload
    @staticmethod
    def make(
        endpointClass: type[E],
        parameters: Credentials,
        connection: AbstractParameters | None = None,
    ) -> E: ...

    @staticmethod
    def make(
        endpointClass: type[E],
        parameters: AbstractParameters | Credentials | None = None,
        connection: Connection | AbstractParameters | None = None,
    ) -> E:
        """The endpoint with its request bound; refuses a class that is not an endpoint."""
        if not (isinstance(endpointClass, type) and issubclass(endpointClass, Endpoint)):
            raise SDKException(f"RestBuilder: {endpointClass!r} is not an endpoint class")
        if isinstance(parameters, Credentials):  # core 5.1: (class, Credentials, parameters)
            if connection is not None and not isinstance(connection, AbstractParameters):
                raise SDKException(
                    f"RestBuilder: parameters must be a request, got {type(connection).__name__}"
                )
            endpoint = endpointClass(None).setCredentials(parameters)
            endpoint.bindRequestParameters(connection)
            return endpoint
        if isinstance(connection, AbstractParameters):
            raise SDKException(
                "RestBuilder: make(class, Credentials, parameters) needs Credentials"
            )
        endpoint = endpointClass(connection)
        endpoint.bindRequestParameters(parameters)
        return endpoint


class ResponseDtoBuilder:
    @staticmethod
    def make(dtoClass: type[R], data: Mapping[str, Any] | Sequence[Any]) -> R:
        """A response DTO from one item as the exchange sends it: an object (camelCase keys),
        or for a DTO read by position (a kline's candle row) the row as a list."""
        if not (isinstance(dtoClass, type) and issubclass(dtoClass, AbstractResponse)):
            raise SDKException(f"ResponseDtoBuilder: {dtoClass!r} is not a response DTO class")
        item: dict[str, Any] | list[Any] | None = None
        if not dtoClass.ROWS and isinstance(data, Mapping):
            item = dict(data)
        elif dtoClass.ROWS and isinstance(data, Sequence) and not isinstance(data, str | bytes):
            item = list(data)
        if item is None:
            wanted = "a row (list)" if dtoClass.ROWS else "a mapping"
            raise SDKException(
                f"ResponseDtoBuilder: data must be {wanted} for {dtoClass.__name__}, "
                f"got {type(data).__name__}"
            )
        try:
            return converter.structure(item, dtoClass)
        except Exception as exc:  # cattrs raises many types; all mean bad data
            raise SDKException(
                f"ResponseDtoBuilder: data does not fit {dtoClass.__name__}"
            ) from exc


class ResponseHandlerBuilder:
    """``make(json, handler, dto, mode)``: the 2023 line's ``CurlResponseDto``. Core 5.1 passed
    the decoded answer (a PHP array): given a mapping, ``make(data, handler, dto)`` gives the
    current line's ``SuccessResponse`` / ``ExceptionResponse`` (PHP 5.1 failed with TypeError)."""

    @overload
    @staticmethod
    def make(
        json: str | bytes,
        handlerClass: type[CurlResponseHandler],
        dtoClass: type[R],
        mode: int = EnumOutputMode.DEFAULT_MODE,
    ) -> CurlResponseDto[R]: ...

    @overload
    @staticmethod
    def make(
        json: Mapping[str, Any],
        handlerClass: type[CurlResponseHandler],
        dtoClass: type[R],
        mode: int = EnumOutputMode.DEFAULT_MODE,
    ) -> SuccessResponse[R] | ExceptionResponse: ...

    @staticmethod
    def make(
        json: str | bytes | Mapping[str, Any],
        handlerClass: type[CurlResponseHandler],
        dtoClass: type[R],
        mode: int = EnumOutputMode.DEFAULT_MODE,
    ) -> CurlResponseDto[R] | SuccessResponse[R] | ExceptionResponse:
        """Parse an answer with a handler class and a DTO class."""
        if not (isinstance(handlerClass, type) and issubclass(handlerClass, CurlResponseHandler)):
            raise SDKException(f"ResponseHandlerBuilder: {handlerClass!r} is not a handler class")
        if isinstance(json, Mapping):
            return handlerClass().build(json, dtoClass)
        answer: CurlResponseDto[R] = handlerClass(dtoClass).handle(json, mode)
        return answer


class CurlBuilder:
    """Core 5.1: ``make('GET'|'POST')`` → a ``GetRequest`` / ``PostRequest``."""

    @staticmethod
    def make(method: str) -> GetRequest | PostRequest:
        if method == EnumHttpMethods.GET:
            return GetRequest()
        if method == EnumHttpMethods.POST:
            return PostRequest()
        raise SDKException(f"Wrong http method detected: {method!r} (GET or POST)")


class WebSocketsBuilder:
    """Core 5.1's builder: ``make(channelClass, argument, Credentials, handler)``; the channel
    streams from the credentials' host (its ``execute()`` blocks)."""

    @staticmethod
    def make(
        className: type[Any],
        argument: Any,
        credentials: Any,
        channelHandler: Any,
        mode: int = EnumOutputMode.DEFAULT_MODE,
    ) -> Any:
        from carpenstar_bybit._bybit_api import BybitAPI
        from carpenstar_bybit.Core.Auth import Credentials
        from carpenstar_bybit.Core.Objects.WebSockets import check_channel

        channel = check_channel("WebSocketsBuilder", className)
        if not isinstance(credentials, Credentials):
            raise SDKException("WebSocketsBuilder: credentials must be a Core.Auth.Credentials")
        api = BybitAPI(credentials.getHost(), credentials.getApiKey(), credentials.getSecret())
        return channel(argument, channelHandler, mode, api=api)


__all__ = [
    "CurlBuilder",
    "ResponseDtoBuilder",
    "ResponseHandlerBuilder",
    "RestBuilder",
    "WebSocketsBuilder",
]
