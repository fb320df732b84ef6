"""Endpoints: declarations of path, method, request and response types.

``execute()`` validates the bound request before any I/O, sends it through the connection and
hands the answer to the response handler.

A write is sent again after a try that may have acted only when its declaration's ``Replay``
says it is idempotent (``Core.Retry``). A create is keyed: it carries an ``orderLinkId``
(``cb-`` and 32 hex digits when the caller set none), so a retry of a create that an earlier try
placed is refused as a duplicate (Bybit's 110072, spot's 170141); that refusal, on a call marked
uncertain, is answered with the order the key names, read back from the exchange, as the
first try would have answered.

Both PHP lines call ``execute``: the 2023 line always passes an output mode
(``execute(EnumOutputMode::MODE_ENTITY)``) and gets a ``CurlResponseDto`` whose ``getBody()``
holds the items, with the exchange's "no" raised as ``ApiException``; the current line passes
nothing and gets a ``SuccessResponse`` (``getResult()``: the endpoint's DTO in its current-line
role) or an ``ExceptionResponse`` (the exchange's "no", returned). The argument tells them apart.
Endpoints are generic over their request and response classes, so ``mypy`` knows what
``getBody().fetch()`` and ``getResult()`` give and refuses another endpoint's request.
"""

from __future__ import annotations

import importlib
import json
import logging
from collections.abc import Callable, Mapping
from typing import Any, ClassVar, Generic, Self, TypeVar, overload

from carpenstar_bybit.Core.Auth import Credentials
from carpenstar_bybit.Core.Connection import Connection
from carpenstar_bybit.Core.Enums import EnumHttpMethods, EnumOutputMode
from carpenstar_bybit.Core.Exceptions import (
    ApiException,
    CarpenstarException,
    SDKException,
    TransportException,
)
from carpenstar_bybit.Core.Objects import (
    AbstractParameters,
    AbstractResponse,
    ExceptionResponse,
    SuccessResponse,
)
from carpenstar_bybit.Core.Response import CurlResponseDto, CurlResponseHandler, HttpResponse
from carpenstar_bybit.Core.Retry import replay_of

logger = logging.getLogger("carpenstar_bybit")

Q = TypeVar("Q", bound=AbstractParameters)
R = TypeVar("R", bound=AbstractResponse)


class Endpoint(Generic[Q, R]):
    """Base of every endpoint. Subclasses set the class attributes below."""

    PATH: ClassVar[str] = ""
    HTTP_METHOD: ClassVar[str] = EnumHttpMethods.POST
    IS_NEED_AUTHORIZATION: ClassVar[bool] = True
    REQUEST_CLASS: ClassVar[type[AbstractParameters]] = AbstractParameters
    RESPONSE_CLASS: ClassVar[type[AbstractResponse]] = AbstractResponse
    RESPONSE_HANDLER: ClassVar[type[CurlResponseHandler]] = CurlResponseHandler

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        # A declared endpoint lives in the module its full name names; a declaration copied
        # into another endpoint's package would otherwise pass for that endpoint.
        declaration = cls.__dict__.get("DECLARATION")
        if declaration is not None and declaration.module != cls.__module__:
            from carpenstar_bybit.Core.Names import DuplicateEndpoint

            raise DuplicateEndpoint(
                f"{cls.__module__}.{cls.__name__} declares {declaration.key!r}, whose module "
                f"is {declaration.module}: each endpoint needs its own full name"
            )

    def __init__(self, connection: Connection | None = None) -> None:
        self._connection = connection
        self._credentials: Credentials | None = None
        self._parameters: AbstractParameters | None = None

    # -- the current PHP line's endpoint methods ----------------------------------------------

    def getEndpointRequestMethod(self) -> str:
        """``"GET"`` or ``"POST"``."""
        return self.HTTP_METHOD

    def isNeedAuthorization(self) -> bool:
        return self.IS_NEED_AUTHORIZATION

    def setCredentials(self, credentials: Credentials) -> Self:
        """Call with these credentials (PHP 5.1): ``execute()`` then opens a connection of its
        own for the call and closes it after. An endpoint from ``BybitAPI`` already has one."""
        if not isinstance(credentials, Credentials):
            raise SDKException(
                f"setCredentials: must be a Credentials, got {type(credentials).__name__}"
            )
        self._credentials = credentials
        return self

    def getRequestClassname(self) -> type[AbstractParameters]:
        return self.REQUEST_CLASS

    def getResponseClassname(self) -> type[AbstractResponse]:
        return self.RESPONSE_CLASS

    def bindRequestParameters(self, parameters: AbstractParameters | None) -> Self:
        expected = self.REQUEST_CLASS
        declaration = getattr(expected, "DECLARATION", None)
        # PHP took no request here: its declaration says so, or it has no PHP parameter at all
        # (spot WalletBalance); a request that means something (CancelAllOrder) is never made up.
        no_request = declaration is not None and (
            getattr(declaration, "optional_request", False)
            or (declaration.batch is None and not any(p.php for p in declaration.params))
        )
        if parameters is None and no_request:
            parameters = expected()
        if not isinstance(parameters, expected):
            got = "None" if parameters is None else type(parameters).__name__
            raise SDKException(
                f"{type(self).__name__}: parameters must be a {expected.__name__}, got {got}"
            )
        self._parameters = parameters
        return self

    def getParameters(self) -> AbstractParameters | None:
        return self._parameters

    def responseHandler(self) -> CurlResponseHandler:
        return self.RESPONSE_HANDLER(self.RESPONSE_CLASS)

    @overload
    def execute(self) -> SuccessResponse[R] | ExceptionResponse: ...

    @overload
    def execute(self, mode: int) -> CurlResponseDto[Any]: ...

    def execute(
        self, mode: int | None = None
    ) -> SuccessResponse[R] | ExceptionResponse | CurlResponseDto[Any]:
        """The current PHP line without ``mode``; the 2023 line with it (see the module)."""
        if mode is not None and mode not in EnumOutputMode.ALL:
            raise SDKException(f"mode: must be one of EnumOutputMode 0, 1, 2 (got {mode!r})")
        if self._parameters is None:
            raise SDKException(
                f"{type(self).__name__}: no request bound; call bindRequestParameters"
            )
        parameters = self._parameters
        params = parameters.query() if self.HTTP_METHOD == "GET" else parameters.array()
        parameters.warnIfDeprecated()
        if self._connection is None and self._credentials is not None:
            from carpenstar_bybit._bybit_api import BybitAPI  # the façade opens connections

            creds = self._credentials
            with BybitAPI(creds.getHost(), creds.getApiKey(), creds.getSecret()) as api:
                self._connection = api.connection()
                try:
                    return self._send(parameters, params, mode)
                finally:
                    self._connection = None
        return self._send(parameters, params, mode)

    def _send(
        self, parameters: AbstractParameters, params: dict[str, Any], mode: int | None
    ) -> SuccessResponse[R] | ExceptionResponse | CurlResponseDto[Any]:
        connection = self._connection
        if connection is None:
            raise SDKException(
                f"{type(self).__name__}: not bound to a connection; call it through BybitAPI"
            )
        hook = self._hook()
        if hook is not None:  # a PHP call V5 answers with more than one call (Core.Hooks)
            try:
                hooked: SuccessResponse[R] | ExceptionResponse | CurlResponseDto[Any]
                hooked = hook(self, parameters, params, mode)
            except ApiException as exc:
                if mode is None and exc.ret_code is not None:  # the current line returns it
                    return ExceptionResponse(exc.ret_code, exc.message, {}, None)
                raise
            return hooked
        sent: SuccessResponse[R] | ExceptionResponse | CurlResponseDto[Any]
        sent = self.send(self.HTTP_METHOD, self.PATH, params, mode)
        return sent

    def _hook(self) -> Any:
        declaration = getattr(self.REQUEST_CLASS, "DECLARATION", None)
        if declaration is None or declaration.hook is None:
            return None
        module, _, name = declaration.hook.partition(":")
        return getattr(importlib.import_module(module), name)

    def send(
        self,
        method: str,
        path: str,
        params: Mapping[str, Any],
        mode: int | None,
        handler: CurlResponseHandler | None = None,
    ) -> Any:
        """One exchange call through the bound connection, its answer read by ``handler``
        (the endpoint's own by default): the current line's reading without ``mode``, else the
        2023 line's, where a refusal is raised with the declaration's hint.

        The endpoint's own call is sent again only as its declaration's ``Replay`` allows; a
        hook's other calls go by their method (a read is sent again, a write only when no try
        can have acted)."""
        connection = self._connection
        if connection is None:
            raise SDKException(
                f"{type(self).__name__}: not bound to a connection; call it through BybitAPI"
            )
        own = method == self.HTTP_METHOD and path == self.PATH
        declaration = getattr(self.REQUEST_CLASS, "DECLARATION", None) if own else None
        replay = replay_of(declaration, method)
        generated = note = ""
        if replay.key is not None and params.get(replay.key) in (None, ""):
            generated = connection.retry.new_order_link_id()
            params = {**params, replay.key: generated}
            note = f"{replay.key} {generated} names the order if it was placed"
        try:
            http = connection.request(
                method,
                path,
                params,
                signed=self.IS_NEED_AUTHORIZATION,
                idempotent=replay.retried(self._parameters),
            )
        except TransportException as exc:
            if not (generated and exc.uncertain):
                raise
            raise type(exc)(
                f"{exc.message}; {note}",
                exc.code,
                exc.path,
                exc.kind,
                exc.attempts,
                exc.uncertain,
            ) from exc
        find = replay.find
        if find is not None and http.uncertain and http.ret_code() in replay.duplicate_codes:
            named = f"{replay.key} {params.get(replay.key or '')}"
            http = self._placed_earlier(find, named, declaration, params, http)
        handler = handler or self.responseHandler()
        if mode is None:
            answer = handler.handleCurrent(http)
            if isinstance(answer, ExceptionResponse):
                logger.debug("%s %s -> code %s", method, path, answer.getReturnCode())
            return answer
        try:
            dto = handler.handleHttp(http, mode)
        except ApiException as exc:
            logger.debug("%s %s -> code %s: %s", method, path, exc.code, exc.message)
            hinted = self.withRefusalHint(exc)
            if generated and exc.uncertain:
                hinted = _with_note(hinted, note)
            if hinted is exc:
                raise
            raise hinted from exc
        if logger.isEnabledFor(logging.DEBUG):
            logger.debug(
                "%s %s -> retCode %s, %s items",
                method,
                path,
                dto.getReturnCode(),
                dto.getBody().count(),
            )
        return dto

    def _placed_earlier(
        self,
        find: Callable[[Any, Mapping[str, Any]], Mapping[str, Any] | None],
        named: str,
        declaration: Any,
        sent: Mapping[str, Any],
        http: HttpResponse,
    ) -> HttpResponse:
        """The answer the first try would have given, for a retried create refused as a
        duplicate of its own key (``named``); ``http`` itself when the item cannot be read back."""
        try:
            item = find(self._connection, sent)
        except CarpenstarException as exc:
            logger.info("%s %s: reading back the earlier try failed: %s", self.HTTP_METHOD,
                        self.PATH, exc.message)  # fmt: skip
            return http
        if item is None:
            return http
        logger.info(
            "%s %s: an earlier attempt placed %s (the retry was refused as a duplicate); "
            "answered with that order",
            self.HTTP_METHOD,
            self.PATH,
            named,
        )
        fields = [out.wire for out in declaration.response.fields]
        result = {wire: item[wire] for wire in fields if isinstance(wire, str) and wire in item}
        envelope: dict[str, Any] = {"retCode": 0, "retMsg": "OK", "result": result}
        envelope["retExtInfo"] = {}
        sent_at = http.payload().get("time")  # the duplicate answer is JSON: its code was read
        if isinstance(sent_at, int) and not isinstance(sent_at, bool):
            envelope["time"] = sent_at
        answer = HttpResponse(
            200, http.headers, json.dumps(envelope).encode(), http.path, http.elapsed
        )
        answer.attempts, answer.uncertain = http.attempts, http.uncertain
        return answer

    def withRefusalHint(self, exc: ApiException) -> ApiException:
        """``exc`` with the declaration's hint for its retCode added to the message, if any.

        A call Bybit narrowed (e.g. refused on unified accounts) then says what to use instead.
        """
        declaration = getattr(self.REQUEST_CLASS, "DECLARATION", None)
        if declaration is None or exc.ret_code is None:
            return exc
        hint = declaration.refusal_hints.get(exc.ret_code)
        if hint is None:
            return exc
        return _with_note(exc, hint)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.HTTP_METHOD} {self.PATH})"


def _with_note(exc: ApiException, note: str) -> ApiException:
    """``exc`` with ``note`` added to its message."""
    return type(exc)(
        f"{exc.message}: {note}",
        exc.code,
        exc.http_status,
        exc.path,
        exc.excerpt,
        exc.ret_code,
        exc.attempts,
        exc.uncertain,
    )


class PrivateEndpoint(Endpoint[Q, R]):
    IS_NEED_AUTHORIZATION: ClassVar[bool] = True


class PublicEndpoint(Endpoint[Q, R]):
    IS_NEED_AUTHORIZATION: ClassVar[bool] = False


class OverrideEndpoint(Endpoint[Q, R]):
    """An endpoint that parses a given JSON text instead of calling the exchange.

    Bots use these in their own tests; the bound request is not sent, so it is not validated.
    """

    def execute(  # type: ignore[override]  # PHP execute(mode, json): the JSON text is added
        self, mode: int = EnumOutputMode.DEFAULT_MODE, json: str | bytes | None = None
    ) -> CurlResponseDto[Any]:
        if json is None:
            raise SDKException(f"{type(self).__name__}.execute: the JSON text to parse is required")
        try:
            return self.responseHandler().handle(json, mode, path=self.PATH)
        except ApiException as exc:
            hinted = self.withRefusalHint(exc)
            if hinted is exc:
                raise
            raise hinted from exc


__all__ = ["Endpoint", "OverrideEndpoint", "PrivateEndpoint", "PublicEndpoint"]
