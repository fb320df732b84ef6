"""From an HTX answer to the response DTO: envelope, errors, limit headers, output modes.

HTX answers in two envelopes:

- v5:   ``{"code": 200, "data": [...], "message": "Success", "ts": …}``; an error has another code.
- swap: ``{"status": "ok", "data": {...}, "ts": …}``; an error is
  ``{"status": "error", "err_code": …, "err_msg": "…", "ts": …}``.

Both error shapes are recognised on every path: the gateway in front of both product lines answers
authentication failures in the swap shape. What an item of ``data`` looks like is the response
DTO's business (``itemsFromData``), so one handler serves every HTX endpoint.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, ClassVar

from carpenstar_bybit.Core.Enums import EnumOutputMode
from carpenstar_bybit.Core.Exceptions import SDKException, safe_excerpt
from carpenstar_bybit.Core.Objects import AbstractResponse
from carpenstar_bybit.Core.Objects.Collection import (
    AbstractCollection,
    ArrayCollection,
    EntityCollection,
    StringCollection,
)
from carpenstar_bybit.Core.Response import CurlResponseDto, CurlResponseHandler, HttpResponse
from carpenstar_bybit.Htx.Exceptions import HtxApiException

SUCCESS_CODE = 200
NO_ORDERS_TO_CANCEL = 1051

# Digits only, and few enough that int() can never hit Python's digit limit.
_INTEGER = re.compile(r"-?[0-9]{1,19}")


class MalformedData(ValueError):
    """``data`` does not have the shape the DTO expects; the handler makes it an ApiException."""


def as_int(value: Any) -> int | None:
    """An integer sent as a JSON number or as a string of digits; None for anything else."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and _INTEGER.fullmatch(value.strip()):
        return int(value)
    return None


def first_text(item: Mapping[str, Any], *names: str) -> str | None:
    """The first of ``names`` whose value is a string (HTX writes ``msg`` for ``message`` now and
    then)."""
    for name in names:
        value = item.get(name)
        if isinstance(value, str):
            return value
    return None


class HtxCancelResult(AbstractResponse):
    """Base of the per-order results of an HTX cancel.

    A subclass says how its items are read from ``data`` (``itemsFromData``) and whether one order
    was cancelled (``isCancelled``). ``emptySuccessCodes`` are error codes that mean "nothing to
    do": for a cancel-all, 1051 "No orders to cancel" is an answer, not a failure.
    """

    __slots__ = ()

    rootDataKey: ClassVar[str | None] = "data"
    emptySuccessCodes: ClassVar[frozenset[int]] = frozenset({NO_ORDERS_TO_CANCEL})

    @classmethod
    def itemsFromData(cls, data: Any) -> list[dict[str, Any]]:
        """One wire dict per order, values made regular; raises ``MalformedData``."""
        raise NotImplementedError

    def isCancelled(self) -> bool:
        raise NotImplementedError


class HtxResponseDto(CurlResponseDto[Any]):
    """The answer of one HTX call.

    ``getReturnCode()`` is HTX's code: 200 on success (a swap answer says ``"status": "ok"`` and
    carries no code; 200 stands for it), 1051 when there was nothing to cancel.
    ``getCancelled()`` / ``getFailed()`` split the orders whatever the output mode.
    """

    __slots__ = ("_cancelled", "_failed")

    def __init__(
        self,
        body: AbstractCollection[Any],
        *,
        code: int,
        message: str,
        time_ms: int | None,
        http_status: int,
        headers: Mapping[str, str],
        cancelled: list[HtxCancelResult],
        failed: list[HtxCancelResult],
    ) -> None:
        super().__init__(
            body,
            ret_code=code,
            ret_msg=message,
            time_ms=time_ms,
            http_status=http_status,
            headers=headers,
        )
        self._cancelled = cancelled
        self._failed = failed

    def getCancelled(self) -> list[Any]:
        """The orders HTX cancelled (response DTOs)."""
        return list(self._cancelled)

    def getFailed(self) -> list[Any]:
        """The orders HTX did not cancel, each with its own code and message."""
        return list(self._failed)

    def _int_header(self, name: str) -> int | None:
        return as_int(self.getHeader(name))

    def getRateLimitLimit(self) -> int | None:
        """``ratelimit-limit``: requests allowed per interval."""
        return self._int_header("ratelimit-limit")

    def getRateLimitInterval(self) -> int | None:
        """``ratelimit-interval``: the length of the interval, in ms."""
        return self._int_header("ratelimit-interval")

    def getRateLimitRemaining(self) -> int | None:
        """``ratelimit-remaining``: requests left in this interval."""
        return self._int_header("ratelimit-remaining")

    def getRateLimitResetMs(self) -> int | None:
        """``ratelimit-reset`` as sent, in ms.

        Not ``getRateLimitReset()``: that getter of the base class gives a datetime from Bybit's
        header, and HTX does not pin down the epoch of this value.
        """
        return self._int_header("ratelimit-reset")

    def getRecoveryTime(self) -> int | None:
        """``recovery-time``: the end of a cancellation-ratio ban, in ms since the epoch."""
        return self._int_header("recovery-time")

    # The Bybit-named limit getters read HTX's headers where they mean the same, so code written
    # for either exchange can watch its budget.
    def getRateLimit(self) -> int | None:
        return self.getRateLimitLimit()

    def getRateLimitStatus(self) -> int | None:
        return self.getRateLimitRemaining()

    def __repr__(self) -> str:
        return (
            f"HtxResponseDto(code={self.getReturnCode()}, message={self.getReturnMessage()!r}, "
            f"cancelled={len(self._cancelled)}, failed={len(self._failed)})"
        )


def _reads_data(dto: type[HtxCancelResult]) -> bool:
    """Whether ``dto`` (not just the base) says how to read ``data``."""
    below_base = dto.__mro__[: dto.__mro__.index(HtxCancelResult)]
    return any("itemsFromData" in vars(klass) for klass in below_base)


def _header(response: HttpResponse, name: str) -> str | None:
    value = response.headers.get(name)
    if value is None:  # a plain dict given to handle() is not case-insensitive
        value = next((v for k, v in response.headers.items() if k.lower() == name), None)
    return value


def _api_error(
    response: HttpResponse,
    message: str,
    code: int,
    *,
    htx_code: bool = False,
    excerpt: bool = False,
) -> HtxApiException:
    error = HtxApiException(
        message,
        code=code,
        http_status=response.status,
        path=response.path or None,
        excerpt=safe_excerpt(response.content) if excerpt else None,
        ret_code=code if htx_code else None,
        attempts=response.attempts,
        uncertain=response.uncertain,
    )
    error.recovery_time = as_int(_header(response, "recovery-time"))
    return error


def _http_error(response: HttpResponse) -> HtxApiException:
    return _api_error(response, f"HTTP {response.status}", response.status, excerpt=True)


def _malformed(reason: str, response: HttpResponse) -> HtxApiException:
    return _api_error(response, f"unexpected response: {reason}", response.status, excerpt=True)


class HtxResponseHandler(CurlResponseHandler):
    """Turns an HTX answer into an ``HtxResponseDto`` for an output mode.

    An error envelope (``status`` other than ``ok``, or a ``code`` other than 200) raises
    ``ApiException`` with HTX's code and message, unless the DTO counts the code as an empty
    success. A non-2xx status, or a body that is not the expected JSON, raises ``ApiException``
    with the HTTP status and a short excerpt. Nothing else escapes.

    Output modes: ``MODE_ENTITY`` DTOs; ``MODE_ARRAY`` one plain dict per order under HTX's names
    (the swap ``successes`` string becomes one dict per id); ``MODE_JSON`` the body text.
    """

    __slots__ = ()

    def bindDto(self, dto: type[AbstractResponse]) -> HtxResponseHandler:
        if not (isinstance(dto, type) and issubclass(dto, HtxCancelResult) and _reads_data(dto)):
            raise SDKException(
                f"HtxResponseHandler.bindDto: {dto!r} is not an HTX response DTO class"
            )
        super().bindDto(dto)
        return self

    def handleHttp(self, response: HttpResponse, mode: int) -> HtxResponseDto:
        dto = self._dto
        if dto is None or not issubclass(dto, HtxCancelResult):
            raise SDKException("HtxResponseHandler: no DTO bound; call bindDto() first")
        if mode not in EnumOutputMode.ALL:
            raise SDKException(f"mode: must be one of EnumOutputMode 0, 1, 2 (got {mode!r})")
        try:
            answer = self._answer(dto, response, mode)
            answer.marked(response.attempts, response.uncertain)
            return answer
        except (KeyError, TypeError, ValueError, AttributeError, RecursionError) as exc:
            # The steps below check each shape; this is the net under them.
            raise _malformed(f"the body does not fit {dto.__name__}", response) from exc

    def _answer(
        self, dto: type[HtxCancelResult], response: HttpResponse, mode: int
    ) -> HtxResponseDto:
        ok_status = 200 <= response.status < 300
        try:
            payload = response.payload()
        except ValueError:
            if not ok_status:
                raise _http_error(response) from None
            raise _malformed("the body is not JSON", response) from None
        if not isinstance(payload, dict):
            if not ok_status:
                raise _http_error(response)
            raise _malformed("the body is not a JSON object", response)

        code, message = self._outcome(payload, response)
        items: list[dict[str, Any]] = []
        if code != SUCCESS_CODE:
            if not (code in dto.emptySuccessCodes and ok_status):
                raise _api_error(response, message, code, htx_code=True)
        elif not ok_status:
            raise _http_error(response)
        else:
            try:
                items = dto.itemsFromData(payload.get("data"))
            except MalformedData as exc:
                raise _malformed(str(exc), response) from None

        try:
            entities = dto.fromItems(items)
        except ValueError as exc:
            raise _malformed(f"an item does not fit {dto.__name__}", response) from exc

        body: AbstractCollection[Any]
        if mode == EnumOutputMode.MODE_ENTITY:
            body = EntityCollection(entities)
        elif mode == EnumOutputMode.MODE_ARRAY:
            body = ArrayCollection(items)
        else:
            body = StringCollection([response.content.decode("utf-8", "replace")])
        return HtxResponseDto(
            body,
            code=code,
            message=message,
            time_ms=as_int(payload.get("ts")),
            http_status=response.status,
            headers=response.headers,
            cancelled=[e for e in entities if e.isCancelled()],
            failed=[e for e in entities if not e.isCancelled()],
        )

    @staticmethod
    def _outcome(payload: dict[str, Any], response: HttpResponse) -> tuple[int, str]:
        """HTX's code and message, from either envelope."""
        message = safe_excerpt(first_text(payload, "err_msg", "message", "msg"))
        status = payload.get("status")
        if status == "ok":
            return SUCCESS_CODE, message or "ok"
        if status is not None or "err_code" in payload:
            # An error without a usable code still is one: the HTTP status stands in.
            code = as_int(payload.get("err_code"))
            if code is None:
                code = as_int(payload.get("code"))
            if code is None or code == SUCCESS_CODE:
                reason = message or f"status {safe_excerpt(str(status), 40)!r}"
                raise _api_error(response, reason, response.status, excerpt=True)
            return code, message
        if "code" in payload:
            code = as_int(payload["code"])
            if code is None:
                raise _malformed("code is not an integer", response)
            return code, message
        if not 200 <= response.status < 300:
            raise _http_error(response)
        raise _malformed("neither status nor code in the body", response)


__all__ = [
    "NO_ORDERS_TO_CANCEL",
    "SUCCESS_CODE",
    "HtxCancelResult",
    "HtxResponseDto",
    "HtxResponseHandler",
    "MalformedData",
    "as_int",
    "first_text",
]
