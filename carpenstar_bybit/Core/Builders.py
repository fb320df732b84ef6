"""Factories with the PHP names: endpoint, response DTO, response handler."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from carpenstar_bybit.Core.Connection import Connection
from carpenstar_bybit.Core.Converter import converter
from carpenstar_bybit.Core.Endpoints import Endpoint
from carpenstar_bybit.Core.Enums import EnumOutputMode
from carpenstar_bybit.Core.Exceptions import SDKException
from carpenstar_bybit.Core.Objects import AbstractParameters, AbstractResponse
from carpenstar_bybit.Core.Response import CurlResponseDto, CurlResponseHandler

E = TypeVar("E", bound=Endpoint)
R = TypeVar("R", bound=AbstractResponse)


class RestBuilder:
    @staticmethod
    def make(
        endpointClass: type[E],
        parameters: AbstractParameters | None = None,
        connection: Connection | None = None,
    ) -> E:
        """The endpoint with its request bound; refuses a class that is not an endpoint."""
        if not (isinstance(endpointClass, type) and issubclass(endpointClass, Endpoint)):
            raise SDKException(f"RestBuilder: {endpointClass!r} is not an endpoint class")
        endpoint = endpointClass(connection)
        endpoint.bindRequestParameters(parameters)
        return endpoint


class ResponseDtoBuilder:
    @staticmethod
    def make(dtoClass: type[R], data: Mapping[str, Any]) -> R:
        """A response DTO from one item as the exchange sends it (camelCase keys)."""
        if not (isinstance(dtoClass, type) and issubclass(dtoClass, AbstractResponse)):
            raise SDKException(f"ResponseDtoBuilder: {dtoClass!r} is not a response DTO class")
        if not isinstance(data, Mapping):
            raise SDKException(
                f"ResponseDtoBuilder: data must be a mapping, got {type(data).__name__}"
            )
        try:
            return converter.structure(dict(data), dtoClass)
        except Exception as exc:  # cattrs raises many types; all mean bad data
            raise SDKException(
                f"ResponseDtoBuilder: data does not fit {dtoClass.__name__}"
            ) from exc


class ResponseHandlerBuilder:
    @staticmethod
    def make(
        json: str | bytes,
        handlerClass: type[CurlResponseHandler],
        dtoClass: type[AbstractResponse],
        mode: int = EnumOutputMode.DEFAULT_MODE,
    ) -> CurlResponseDto:
        """Parse a JSON answer with a handler class and a DTO class."""
        if not (isinstance(handlerClass, type) and issubclass(handlerClass, CurlResponseHandler)):
            raise SDKException(f"ResponseHandlerBuilder: {handlerClass!r} is not a handler class")
        return handlerClass(dtoClass).handle(json, mode)


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


__all__ = ["ResponseDtoBuilder", "ResponseHandlerBuilder", "RestBuilder", "WebSocketsBuilder"]
