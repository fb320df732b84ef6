"""From an HTTP answer to the response DTO: envelope checks, errors, output modes."""

from __future__ import annotations

import gc
import json
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, datetime
from itertools import repeat
from typing import Any, Generic, Self, TypeVar

from carpenstar_bybit.Core.Declarations import is_up
from carpenstar_bybit.Core.Enums import EnumOutputMode
from carpenstar_bybit.Core.Exceptions import (
    ApiException,
    SDKException,
    redact_exchange_text,
    safe_excerpt,
)
from carpenstar_bybit.Core.Objects import AbstractResponse, ExceptionResponse, SuccessResponse
from carpenstar_bybit.Core.Objects.Collection import (
    AbstractCollection,
    ArrayCollection,
    EntityCollection,
    StringCollection,
)

_EMPTY_HEADERS: Mapping[str, str] = {}
T = TypeVar("T")
R = TypeVar("R", bound=AbstractResponse)

# A large answer (a 1,000-row kline, a deep order book) is thousands of new lists and dicts, none
# of which can be garbage while it is being read; CPython's cyclic GC would still walk them again
# and again as they are made, so the cost per item grew with the answer's size. The GC is paused
# while such an answer is decoded and wrapped (process-wide, so counted across threads), and
# picks up the new objects in one pass afterwards.
LARGE_ANSWER_BYTES = 32 * 1024
_gc_lock = threading.Lock()
_gc_depth = 0
_gc_paused_by_us = False


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic GC while a large answer is read (nested and threaded uses counted)."""
    global _gc_depth, _gc_paused_by_us
    with _gc_lock:
        if _gc_depth == 0:
            _gc_paused_by_us = gc.isenabled()
            if _gc_paused_by_us:
                gc.disable()
        _gc_depth += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_depth -= 1
            if _gc_depth == 0 and _gc_paused_by_us:
                _gc_paused_by_us = False
                gc.enable()


class HttpResponse:
    """What the connection got back: status, headers and the body bytes, decoded at most once."""

    __slots__ = (
        "_payload",
        "_text",
        "attempts",
        "content",
        "elapsed",
        "headers",
        "path",
        "status",
        "uncertain",
    )

    _UNSET: Any = object()

    def __init__(
        self,
        status: int,
        headers: Mapping[str, str],
        content: bytes,
        path: str,
        elapsed: float = 0.0,
        text: str | None = None,
    ) -> None:
        self.status = status
        self.headers = headers
        self.content = content
        self.path = path
        self.elapsed = elapsed
        self.attempts = 1
        # True when an earlier attempt of this call may have reached the exchange.
        self.uncertain = False
        self._payload: Any = HttpResponse._UNSET
        # The body as text when the caller had it so (it is ``content`` decoded): parsed as it is.
        self._text = text

    def payload(self) -> Any:
        """The decoded JSON body; raises ``ValueError`` when it is not JSON."""
        if self._payload is HttpResponse._UNSET:
            source = self.content if self._text is None else self._text
            try:
                if len(self.content) < LARGE_ANSWER_BYTES:
                    self._payload = json.loads(source)
                else:
                    with gc_paused():
                        self._payload = json.loads(source)
            except RecursionError as exc:  # absurdly deep nesting
                raise ValueError("JSON nested too deeply") from exc
        return self._payload

    def ret_code(self) -> int | None:
        """The Bybit ``retCode`` when the body is a JSON envelope, else None."""
        try:
            payload = self.payload()
        except ValueError:
            return None
        if isinstance(payload, dict):
            code = payload.get("retCode")
            if isinstance(code, int) and not isinstance(code, bool):
                return code
        return None


def ms_to_datetime(ms: int) -> datetime | None:
    """A UTC datetime from ms since the epoch; None for a value no datetime can hold."""
    try:
        return datetime.fromtimestamp(ms / 1000, tz=UTC)
    except (OverflowError, ValueError, OSError):
        return None


def header_int(headers: Mapping[str, str], name: str) -> int | None:
    """A header's integer value; None when it is missing or not a whole number."""
    value = headers.get(name)
    if value is None:
        return None
    try:
        return int(value)
    except ValueError:
        return None


class CurlResponseDto(Generic[T]):
    """The answer of one call: the envelope's fields, the body collection, the limit headers.

    The 2023 PHP line's answer (``rest()``, ``execute(mode)``); ``T`` is the body's item type.
    """

    __slots__ = (
        "_attempts",
        "_body",
        "_dto",
        "_headers",
        "_http_status",
        "_made",
        "_next_page_cursor",
        "_result",
        "_ret_code",
        "_ret_ext_info",
        "_ret_msg",
        "_time_ms",
        "_uncertain",
    )

    def __init__(
        self,
        body: AbstractCollection[T],
        ret_code: int = 0,
        ret_msg: str = "",
        ret_ext_info: Mapping[str, Any] | None = None,
        time_ms: int | None = None,
        next_page_cursor: str = "",
        result: Mapping[str, Any] | None = None,
        http_status: int = 200,
        headers: Mapping[str, str] | None = None,
        dto: type[AbstractResponse] | None = None,
    ) -> None:
        self._dto = dto
        self._made: AbstractResponse | None = None
        self._body = body
        self._ret_code = ret_code
        self._ret_msg = ret_msg
        self._ret_ext_info = dict(ret_ext_info or {})
        self._time_ms = time_ms
        self._next_page_cursor = next_page_cursor
        self._result = dict(result or {})
        self._http_status = http_status
        self._headers = headers if headers is not None else _EMPTY_HEADERS
        self._attempts = 1
        self._uncertain = False

    def marked(self, attempts: int, uncertain: bool) -> None:
        """Record how the answer was reached (set by the response handler)."""
        self._attempts = attempts
        self._uncertain = uncertain

    def getAttempts(self) -> int:
        """How many tries the call took (1: the first one was answered)."""
        return self._attempts

    def isUncertain(self) -> bool:
        """True when an earlier try may already have reached the exchange and done what was
        asked (it was cut off after sending, or answered 5xx): e.g. a cancel-all that answers
        "nothing to cancel" may be so because a lost first try cancelled everything."""
        return self._uncertain

    def getTime(self) -> datetime | None:
        """The exchange's time of the answer (UTC), None when it sent none."""
        if self._time_ms is None:
            return None
        return ms_to_datetime(self._time_ms)

    def getTimeMs(self) -> int | None:
        return self._time_ms

    def getReturnCode(self) -> int:
        return self._ret_code

    def getReturnMessage(self) -> str:
        return self._ret_msg

    def getReturnExtendedInfo(self) -> dict[str, Any]:
        return dict(self._ret_ext_info)

    def getNextPageCursor(self) -> str:
        return self._next_page_cursor

    def getExtendedInfo(self) -> dict[str, Any]:
        """``getReturnExtendedInfo()`` under the current PHP line's name."""
        return dict(self._ret_ext_info)

    def getBody(self) -> AbstractCollection[T]:
        return self._body

    def getResult(self) -> AbstractResponse | None:
        """The endpoint's DTO built from the whole ``result``, as PHP's ``getResult()`` gives it:
        the current line's wrapper for list answers (``getOpenOrders()``…), else the one item.
        None when the answer was not parsed for a DTO class. ``getRawResult()`` is the mapping.
        """
        dto = self._dto
        if dto is None:
            return None
        if self._made is None:  # one object: its one-item-per-call getters keep their place
            self._made = current_dto(dto, self._result, self._http_status, None, b"")
        return self._made

    def getRawResult(self) -> dict[str, Any]:
        """The ``result`` object as sent, for fields no getter covers (``getResult()`` before
        the two PHP lines were served; now the DTO)."""
        return dict(self._result)

    def getSuccess(self) -> bool | None:
        """Cancel-all's ``success`` flag ("1" → True, "0" → False); None where it is not sent."""
        value = self._result.get("success")
        if value is None:
            return None
        return value is True or str(value) == "1"

    def getHttpStatus(self) -> int:
        return self._http_status

    # -- PHP's fluent setters (the answer object was a setter/getter bag there) ------------------

    def setTime(self, time: int) -> Self:
        """The answer's time, ms since the epoch."""
        self._time_ms = time
        return self

    def setReturnCode(self, code: int) -> Self:
        self._ret_code = code
        return self

    def setReturnMessage(self, message: str) -> Self:
        self._ret_msg = message
        return self

    def setReturnExtendedInfo(self, info: Mapping[str, Any]) -> Self:
        self._ret_ext_info = dict(info)
        return self

    def setNextPageCursor(self, cursor: str) -> Self:
        self._next_page_cursor = cursor
        return self

    def setBody(self, body: AbstractCollection[T]) -> Self:
        self._body = body
        return self

    def getRateLimit(self) -> int | None:
        """``X-Bapi-Limit``: requests allowed in the current window."""
        return header_int(self._headers, "X-Bapi-Limit")

    def getRateLimitStatus(self) -> int | None:
        """``X-Bapi-Limit-Status``: requests left in the current window."""
        return header_int(self._headers, "X-Bapi-Limit-Status")

    def getRateLimitResetTimestamp(self) -> int | None:
        """``X-Bapi-Limit-Reset-Timestamp``: when the window resets, in ms since the epoch."""
        return header_int(self._headers, "X-Bapi-Limit-Reset-Timestamp")

    def getRateLimitReset(self) -> datetime | None:
        stamp = self.getRateLimitResetTimestamp()
        if stamp is None:
            return None
        return ms_to_datetime(stamp)

    def getHeader(self, name: str) -> str | None:
        """Any response header, by case-insensitive name."""
        value = self._headers.get(name)
        if value is None:
            lowered = name.lower()
            value = next((v for k, v in self._headers.items() if k.lower() == lowered), None)
        return value

    def __repr__(self) -> str:
        try:
            return (
                f"{type(self).__name__}(retCode={self._ret_code}, retMsg={self._ret_msg!r}, "
                f"count={self._body.count()})"
            )
        except AttributeError:  # __init__ did not finish
            return f"{type(self).__name__}(<not set up>)"


def _json_kind(value: Any) -> str:
    if value is None:
        return "null or missing"
    if isinstance(value, list):
        return "a list"
    return "a string" if isinstance(value, str) else "a scalar"


def refused_exchange_value(
    field: str, value: str, exc: Exception, path: str | None = None
) -> ApiException:
    """Exchange data the SDK's own rules refuse (a page cursor, a symbol it listed), met while
    building the next request from it: an unexpected answer, not the caller's misuse."""
    return ApiException(
        f"unexpected response: the exchange sent {field} {safe_excerpt(value, 60)!r}, which the "
        f"SDK refuses ({exc})",
        path=path,
    )

def _reads_up(dto: type[AbstractResponse]) -> bool:
    """True when a getter of the item reads the object enclosing it (``wire="../key"``)."""
    cached: bool | None = dto.__dict__.get("_READS_UP")
    if cached is None:
        shape = dto.SHAPE
        cached = shape is not None and any(is_up(o.wire) for o in shape.fields)
        type.__setattr__(dto, "_READS_UP", cached)
    return cached


class BatchResponseDto(CurlResponseDto[Any]):
    """The answer of a V5 batch: each item with its own outcome (``retExtInfo.list[i]``).

    ``retCode`` 0 says only that Bybit took the call; ``getSuccess()`` is True only when every
    item succeeded, so a batch whose items were all refused never reads as a success.
    ``getFailed()`` / ``getSucceeded()`` give the body's items (DTOs in entity mode, the item
    objects with ``code`` and ``msg`` joined otherwise), in request order.
    """

    __slots__ = ("_outcomes",)

    def withOutcomes(self, outcomes: list[Any]) -> BatchResponseDto:
        self._outcomes = outcomes
        return self

    def getOutcomes(self) -> list[dict[str, Any]]:
        """Each item as sent, with its ``code`` and ``msg`` (None where Bybit sent none)."""
        joined = []
        for item, outcome in zip(self._items_as_sent(), self._outcomes, strict=True):
            code = outcome.get("code") if isinstance(outcome, dict) else None
            msg = outcome.get("msg") if isinstance(outcome, dict) else None
            joined.append({**item, "code": code, "msg": msg})
        return joined

    def _items_as_sent(self) -> list[dict[str, Any]]:
        items = self._result.get("list")
        return [i for i in items if isinstance(i, dict)] if isinstance(items, list) else []

    def _ok(self) -> list[bool]:
        return [
            isinstance(o, dict) and type(o.get("code")) is int and o.get("code") == 0
            for o in self._outcomes
        ]

    def _pick(self, wanted: bool) -> list[Any]:
        body = self._body.all()
        entity = bool(body) and isinstance(body[0], AbstractResponse)
        items = body if entity else self.getOutcomes()  # array mode: outcomes joined
        return [item for item, ok in zip(items, self._ok(), strict=True) if ok is wanted]

    def getFailed(self) -> list[Any]:
        """The items Bybit refused (or sent no outcome for), in request order."""
        return self._pick(False)

    def getSucceeded(self) -> list[Any]:
        return self._pick(True)

    def getSuccess(self) -> bool:
        """True only when the batch had items and Bybit took every one of them."""
        ok = self._ok()
        return bool(ok) and all(ok)

    def raiseForFailures(self) -> BatchResponseDto:
        """Raise ``BatchException`` listing each refused item; the answer itself otherwise."""
        from carpenstar_bybit.Core.Batch import BatchException

        failures = [
            (index, item["code"], str(item["msg"] or ""))
            for index, (item, ok) in enumerate(zip(self.getOutcomes(), self._ok(), strict=True))
            if not ok
        ]
        if failures:
            shown = "; ".join(f"item {i}: [{c}] {m}" for i, c, m in failures[:5])
            more = f" (and {len(failures) - 5} more)" if len(failures) > 5 else ""
            total = len(self._outcomes)
            raise BatchException(
                f"{len(failures)} of {total} batch items refused: {shown}{more}", failures
            )
        return self


class SuccessCurlResponseDto(CurlResponseDto[T]):
    """Core 5.1's setter/getter bag (unused there): ``getResult()`` is what ``setBody`` set."""

    __slots__ = ()

    def __init__(self) -> None:
        super().__init__(EntityCollection())

    def getResult(self) -> Any:
        return self._body


def _malformed(
    reason: str, status: int, path: str | None, content: bytes | str | None
) -> ApiException:
    return ApiException(
        f"unexpected response: {reason}",
        code=status,
        http_status=status,
        path=path,
        excerpt=safe_excerpt(content),
    )


# Bybit answers 403 (often an HTML page) once an IP passes 600 requests in 5 seconds, and keeps
# refusing it for at least 10 minutes: retrying only prolongs the ban.
IP_LIMIT_MESSAGE = (
    "HTTP 403: Bybit's IP rate limit (600 requests per 5 s) was hit and the IP is banned for "
    "10 minutes or more; not retried"
)


def _http_error(status: int, path: str | None, content: bytes) -> ApiException:
    """A non-2xx answer with no Bybit error code in it."""
    return ApiException(
        IP_LIMIT_MESSAGE if status == 403 else f"HTTP {status}",
        code=status,
        http_status=status,
        path=path,
        excerpt=safe_excerpt(content),
    )


class CurlResponseHandler:
    """Turns a Bybit V5 envelope into a ``CurlResponseDto`` for an output mode.

    ``retCode`` ≠ 0 raises ``ApiException``; so do a non-2xx status and a body that is not the
    expected JSON, with the HTTP status and a short excerpt.
    """

    __slots__ = ("_dto",)

    def __init__(self, dto: type[AbstractResponse] | None = None) -> None:
        self._dto: type[AbstractResponse] | None = None
        if dto is not None:
            self.bindDto(dto)

    def bindDto(self, dto: type[AbstractResponse]) -> CurlResponseHandler:
        if not (isinstance(dto, type) and issubclass(dto, AbstractResponse)):
            raise SDKException(f"bindDto: {dto!r} is not a response DTO class (AbstractResponse)")
        self._dto = dto
        return self

    def handle(
        self,
        json_text: str | bytes,
        mode: int = EnumOutputMode.DEFAULT_MODE,
        http_status: int = 200,
        headers: Mapping[str, str] | None = None,
        path: str | None = None,
    ) -> CurlResponseDto[Any]:
        """Parse a given JSON text (what the ``Overrides`` test endpoints do)."""
        if not isinstance(json_text, (str, bytes)):
            raise SDKException(f"handle: json must be str or bytes, got {type(json_text).__name__}")
        text: str | None = None
        if isinstance(json_text, str):
            content = json_text.encode("utf-8")
            # Parsed as given, without decoding the bytes again; a text that starts with a BOM
            # goes the bytes way, where json.loads reads the BOM as UTF-8-SIG.
            text = None if json_text.startswith("\ufeff") else json_text
        else:
            content = json_text
        return self.handleHttp(
            HttpResponse(http_status, headers or _EMPTY_HEADERS, content, path or "", text=text),
            mode,
        )

    def handleHttp(self, response: HttpResponse, mode: int) -> CurlResponseDto[Any]:
        try:
            if len(response.content) < LARGE_ANSWER_BYTES:
                answer = self._handle(response, mode)
            else:
                with gc_paused():
                    answer = self._handle(response, mode)
            answer.marked(response.attempts, response.uncertain)
            return answer
        except ApiException as exc:
            if response.attempts == 1 and not response.uncertain:
                raise
            raise exc.retried(response.attempts, response.uncertain) from exc.__cause__

    def _envelope(self, response: HttpResponse) -> tuple[dict[str, Any], int, str]:
        """The decoded body, its retCode and retMsg; ApiException when it is not an envelope."""
        status, path = response.status, response.path or None
        try:
            payload = response.payload()
        except ValueError:
            if not 200 <= status < 300:
                raise _http_error(status, path, response.content) from None
            raise _malformed("the body is not JSON", status, path, response.content) from None

        if not isinstance(payload, dict):
            raise _malformed("the body is not a JSON object", status, path, response.content)
        ret_code = payload.get("retCode")
        if isinstance(ret_code, str) and ret_code.lstrip("-").isdigit():
            ret_code = int(ret_code)
        if not isinstance(ret_code, int) or isinstance(ret_code, bool):
            if not 200 <= status < 300:
                raise _http_error(status, path, response.content)
            raise _malformed("no integer retCode", status, path, response.content)
        ret_msg = payload.get("retMsg")
        return payload, ret_code, ret_msg if isinstance(ret_msg, str) else ""

    def _result(
        self, payload: dict[str, Any], response: HttpResponse, dto: type[AbstractResponse]
    ) -> dict[str, Any]:
        """The envelope's ``result``. On a list endpoint a null or missing result, or one with no
        list, has not said the list is empty: an unexpected answer, on both PHP lines' paths."""
        status, path = response.status, response.path or None
        if not 200 <= status < 300:
            raise _http_error(status, path, response.content)
        result = payload.get("result")
        listed = dto.rootDataKey is not None
        if listed and not isinstance(result, dict):
            raise _malformed(
                f"result is {_json_kind(result)} on a list endpoint", status, path, response.content
            )
        if result is None or result == []:
            result = {}
        if not isinstance(result, dict):
            raise _malformed("result is not an object", status, path, response.content)
        key = (dto.rootDataKey or "").split(".")[0]
        if listed and result.get(key) is None:
            raise _malformed(
                f"result.{key} is null or missing on a list endpoint",
                status,
                path,
                response.content,
            )
        return result

    def build(
        self, apiData: Mapping[str, Any], dtoClass: type[R] | None = None
    ) -> SuccessResponse[R] | ExceptionResponse:
        """PHP 5.1's ``build(array $apiData, string $dto)``: a decoded answer → the current
        line's ``SuccessResponse`` (``getResult()`` the DTO) or ``ExceptionResponse``."""
        if not isinstance(apiData, Mapping):
            raise SDKException(f"build: apiData must be a mapping, got {type(apiData).__name__}")
        if dtoClass is not None:
            self.bindDto(dtoClass)
        response = HttpResponse(200, _EMPTY_HEADERS, b"", "")
        response._payload = dict(apiData)
        return self.handleCurrent(response)

    def handleCurrent(self, response: HttpResponse) -> SuccessResponse[Any] | ExceptionResponse:
        """The current PHP line's reading: the exchange's "no" is returned as an
        ``ExceptionResponse``, not raised; a body that is no envelope still raises."""
        dto = self._dto
        if dto is None:
            raise SDKException("CurlResponseHandler: no DTO bound; call bindDto() first")
        payload, ret_code, ret_msg = self._envelope(response)
        ext = payload.get("retExtInfo")
        ext = ext if isinstance(ext, dict) else {}
        time_ms = payload.get("time")
        if not isinstance(time_ms, int) or isinstance(time_ms, bool):
            time_ms = None
        if (
            ret_code != 0
        ):  # 10004 quotes the signed string (key, body): hidden, as ApiException does
            return ExceptionResponse(ret_code, redact_exchange_text(ret_msg), ext, time_ms)
        result = self._result(payload, response, dto)
        made = current_dto(dto, result, response.status, response.path or None, response.content)
        top = payload.get("nextPageCursor")
        return SuccessResponse(
            ret_code, ret_msg, ext, result, made, time_ms, top if isinstance(top, str) else ""
        )

    def _handle(self, response: HttpResponse, mode: int) -> CurlResponseDto[Any]:
        dto = self._dto
        if dto is None:
            raise SDKException("CurlResponseHandler: no DTO bound; call bindDto() first")
        if mode not in EnumOutputMode.ALL:
            raise SDKException(f"mode: must be one of EnumOutputMode 0, 1, 2 (got {mode!r})")
        status, path = response.status, response.path or None
        payload, ret_code, ret_msg = self._envelope(response)
        if ret_code != 0:
            raise ApiException(
                ret_msg,
                code=ret_code,
                http_status=status,
                path=path,
                ret_code=ret_code,
            )
        result = self._result(payload, response, dto)
        entity = mode == EnumOutputMode.MODE_ENTITY
        # In entity mode a list item that is not an object makes the structuring fail, and only
        # then is the list checked item by item, for the same message as in the other modes.
        parents: list[Any] | None = None
        if dto.rootDataKey is not None and "." in dto.rootDataKey:
            items, parents = self._flat(dto, result, status, path, response.content)
        else:
            items = self._items(dto, result, status, path, response.content, checked=not entity)
        if parents is None and _reads_up(dto):  # "../key" of a list's item: result's own key
            parents = [result] * len(items)
        outcomes: list[Any] | None = None
        if getattr(dto, "OUTCOMES", None):
            outcomes = parents = self._outcomes(payload, items, status, path, response.content)

        body: AbstractCollection[Any]
        if entity:
            failure: Exception | None = None
            try:
                body = EntityCollection(dto.fromItems(items, parents))
            except ValueError as exc:
                failure = exc
            if failure is not None:
                self._check_objects(dto, items, status, path, response.content)
                raise _malformed(
                    f"an item does not fit {dto.__name__}", status, path, response.content
                ) from failure
        elif mode == EnumOutputMode.MODE_ARRAY:
            body = ArrayCollection(items)
        else:
            text = response._text
            if text is None:
                text = response.content.decode("utf-8", "replace")
            body = StringCollection([text])

        time_ms = payload.get("time")
        if not isinstance(time_ms, int) or isinstance(time_ms, bool):
            time_ms = None
        ext = payload.get("retExtInfo")
        cursor = result.get("nextPageCursor", payload.get("nextPageCursor", ""))
        answer_class = CurlResponseDto if outcomes is None else BatchResponseDto
        answer = answer_class(
            body,
            ret_code=ret_code,
            ret_msg=ret_msg,
            ret_ext_info=ext if isinstance(ext, dict) else {},
            time_ms=time_ms,
            next_page_cursor=cursor if isinstance(cursor, str) else "",
            result=result,
            http_status=status,
            headers=response.headers,
            dto=dto,
        )
        if isinstance(answer, BatchResponseDto):
            answer.withOutcomes(outcomes or [])
        return answer

    @staticmethod
    def _outcomes(
        payload: dict[str, Any], items: list[Any], status: int, path: str | None, content: bytes
    ) -> list[Any]:
        """``retExtInfo.list``, one outcome per item; an answer without them has None each."""
        ext = payload.get("retExtInfo")
        listed = ext.get("list") if isinstance(ext, dict) else None
        if listed is None:
            return [None] * len(items)
        if not isinstance(listed, list) or len(listed) != len(items):
            raise _malformed(
                "retExtInfo.list does not give one outcome per item of result.list",
                status,
                path,
                content,
            )
        return [o if isinstance(o, dict) else None for o in listed]

    @staticmethod
    def _items(
        dto: type[AbstractResponse],
        result: dict[str, Any],
        status: int,
        path: str | None,
        content: bytes,
        checked: bool = True,
    ) -> list[dict[str, Any]]:
        key = dto.rootDataKey
        if key is None:
            return [result] if result else []
        items = result.get(key)
        if items is None:
            # PHP's handler: a result without the list is the one item (when it has anything).
            return [result] if result and not dto.ROWS else []
        if not isinstance(items, list):
            raise _malformed(f"result.{key} is not a list of objects", status, path, content)
        if checked:
            CurlResponseHandler._check_objects(dto, items, status, path, content)
        return items

    @staticmethod
    def _flat(
        dto: type[AbstractResponse],
        result: dict[str, Any],
        status: int,
        path: str | None,
        content: bytes,
    ) -> tuple[list[Any], list[Any]]:
        """The items under a path root (``list.coin``) flattened, and their enclosing objects.

        A holder whose nested key is a scalar (v3's flat ``{"coin": "USDC", ...}``) is an item
        itself, with no enclosing object: an older, flat answer still reads.
        """
        names = (dto.rootDataKey or "").split(".")
        level: list[Any] = [result]
        parents: list[Any] = []
        where = "result"
        for depth, name in enumerate(names):
            items: list[Any] = []
            owners: list[Any] = []
            for holder in level:
                inner = holder.get(name)
                if inner is None:
                    continue
                if depth and not isinstance(inner, list | dict):
                    items.append(holder)
                    owners.append(None)
                    continue
                if not isinstance(inner, list) or not all(isinstance(i, dict) for i in inner):
                    raise _malformed(
                        f"{where}.{name} is not a list of objects", status, path, content
                    )
                items += inner
                owners += [holder] * len(inner)
            level, parents, where = items, owners, f"{where}.{name}[]"
        return level, parents

    @staticmethod
    def _check_objects(
        dto: type[AbstractResponse],
        items: list[Any],
        status: int,
        path: str | None,
        content: bytes,
    ) -> None:
        if not all(map(isinstance, items, repeat(list if dto.ROWS else dict))):
            key = dto.rootDataKey
            raise _malformed(f"result.{key} is not a list of objects", status, path, content)


def current_dto(
    dto: type[R], result: dict[str, Any], status: int, path: str | None, content: bytes
) -> R:
    """The DTO of ``result`` in the current PHP line's role (``AbstractResponse.fromResult``),
    from the items the 2023 path would put in ``getBody()``."""
    parents: list[Any] | None = None
    items: list[Any] = []
    key = dto.rootDataKey or ""
    if dto.CURRENT is None:
        pass  # the one item is result itself
    elif "." in key:
        items, parents = CurlResponseHandler._flat(dto, result, status, path, content)
    elif key in result:  # without its list a wrapper holds no item (2023: result is the item)
        items = CurlResponseHandler._items(dto, result, status, path, content)
    try:
        return dto.fromResult(result, items, parents)
    except ValueError as exc:
        raise _malformed(f"an item does not fit {dto.__name__}", status, path, content) from exc


__all__ = [
    "IP_LIMIT_MESSAGE",
    "BatchResponseDto",
    "CurlResponseDto",
    "CurlResponseHandler",
    "HttpResponse",
    "SuccessCurlResponseDto",
    "header_int",
    "refused_exchange_value",
]
