"""Helpers for a declared hook: a PHP call that V5 answers with more than one exchange call.

A declaration names its hook (``hook="module:function"``); ``Endpoint.execute`` validates the
request as for any call, then runs ``function(endpoint, request, params, mode)`` instead of one
send. The hook makes its calls through the endpoint (same connection, signing, retries, refusal
hints), reads their raw answers, and hands back one answer built from what it found: parsed by the
endpoint's own response class, so the caller gets the declared getters in every output mode.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from typing import Any

from carpenstar_bybit.Core.Enums import EnumOutputMode
from carpenstar_bybit.Core.Exceptions import SDKException
from carpenstar_bybit.Core.Objects import AbstractResponse
from carpenstar_bybit.Core.Response import CurlResponseDto, CurlResponseHandler, HttpResponse

MAX_PAGES = 40  # 2,000 orders at 50 a page: more is refused rather than half done


class _RawObject(AbstractResponse):
    """An answer whose ``result`` is one object (an order book), not a list."""

    rootDataKey = None


def fetch(
    endpoint: Any, method: str, path: str, params: Mapping[str, Any], *, listing: bool = True
) -> CurlResponseDto[Any]:
    """One call; the answer's raw objects (an error answer raises, with the endpoint's hints).

    ``listing``: the answer holds ``result.list``, and one without it is unexpected (never
    read as empty); False for an answer that is one object."""
    # No declared fields: the hook reads the JSON.
    raw = CurlResponseHandler(AbstractResponse if listing else _RawObject)
    answer: CurlResponseDto[Any]
    answer = endpoint.send(method, path, params, EnumOutputMode.MODE_ARRAY, raw)
    return answer


def listed(endpoint: Any, path: str, params: Mapping[str, Any]) -> Iterator[dict[str, Any]]:
    """Every item of a paged GET list, following ``nextPageCursor``."""
    query = dict(params)
    for _ in range(MAX_PAGES):
        page = fetch(endpoint, "GET", path, query)
        yield from page.getBody().all()
        cursor = page.getNextPageCursor()
        if not cursor:
            return
        query["cursor"] = cursor
    raise SDKException(f"{path}: more than {MAX_PAGES} pages to list; narrow the request")


def answer(
    endpoint: Any,
    result: Mapping[str, Any],
    mode: int | None,
    last: CurlResponseDto[Any] | None = None,
    outcomes: list[Any] | None = None,
) -> Any:
    """The hook's answer: ``result`` read by the endpoint's response class, as if sent so."""
    envelope: dict[str, Any] = {"retCode": 0, "retMsg": "OK", "result": result}
    envelope["retExtInfo"] = {} if outcomes is None else {"list": outcomes}
    if last is not None and last.getTimeMs() is not None:
        envelope["time"] = last.getTimeMs()
    text = json.dumps(envelope, separators=(",", ":"))
    handler = endpoint.responseHandler()
    if mode is None:  # the current PHP line's reading (execute() without a mode)
        return handler.handleCurrent(HttpResponse(200, {}, text.encode(), endpoint.PATH))
    return handler.handle(text, mode, path=endpoint.PATH)


__all__ = ["MAX_PAGES", "answer", "fetch", "listed"]
