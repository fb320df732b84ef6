"""What an HTX answer means to the Core retry policy (``Core.Retry``).

Only answers that a repeat can mend are retried; a cancel-all repeated after an uncertain attempt
at worst answers 1051 "No orders to cancel", which is an empty success.

    HTTP 429, err_code 1032 (rate limit)   RetryAction.RATE_LIMIT (backoff: HTX sends no reset time
                                           that the Core wait understands)
    HTTP 502/503/504                       RetryAction.BACKOFF
    anything else                          RetryAction.NONE
"""

from __future__ import annotations

from carpenstar_bybit.Core.Response import HttpResponse
from carpenstar_bybit.Core.Retry import BACKOFF_STATUSES, RetryAction
from carpenstar_bybit.Htx.Response import as_int

RATE_LIMIT_CODE = 1032


def htx_classifier(response: HttpResponse) -> RetryAction:
    if response.status == 429:
        return RetryAction.RATE_LIMIT
    if response.status in BACKOFF_STATUSES:
        return RetryAction.BACKOFF
    try:
        payload = response.payload()
    except ValueError:
        return RetryAction.NONE
    if isinstance(payload, dict) and RATE_LIMIT_CODE in (
        as_int(payload.get("err_code")),
        as_int(payload.get("code")),
    ):
        return RetryAction.RATE_LIMIT
    return RetryAction.NONE


__all__ = ["RATE_LIMIT_CODE", "htx_classifier"]
