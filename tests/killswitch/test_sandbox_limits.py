"""The sandbox limits like Bybit: per key, per endpoint and per category; answers can be held."""

from __future__ import annotations

import time

import pytest

from carpenstar_bybit import BybitAPI
from carpenstar_bybit.Core.Enums import EnumOutputMode
from carpenstar_bybit.Core.Exceptions import ApiException
from carpenstar_bybit.Core.Retry import RetryPolicy
from carpenstar_bybit.Derivatives.Contract.Order.CancelAllOrder import CancelAllOrder
from carpenstar_bybit.Derivatives.Contract.Order.CancelAllOrder.Request import (
    CancelAllOrderRequest,
)
from carpenstar_bybit.sandbox import Sandbox
from carpenstar_bybit.sandbox.auth import bybit_limit

KEY, SECRET = "lim-key", "lim-secret"
KEY2, SECRET2 = "lim-key-2", "lim-secret-2"


def cancel_all(api: BybitAPI, category: str) -> tuple[int | None, int | None]:
    request = CancelAllOrderRequest().setCategory(category)
    if category in ("linear", "inverse"):
        request.setSettleCoin("USDT" if category == "linear" else "BTC")
    answer = api.rest(CancelAllOrder, request, EnumOutputMode.MODE_ARRAY)
    return answer.getRateLimit(), answer.getRateLimitStatus()


@pytest.mark.parametrize(
    ("category", "limit"), [("linear", 10), ("inverse", 10), ("option", 1), ("spot", 20)]
)
def test_cancel_all_limits_per_category(category: str, limit: int) -> None:
    with (
        Sandbox(keys={KEY: SECRET, KEY2: SECRET2}) as sandbox,
        BybitAPI(sandbox.base_url, KEY, SECRET, retry=RetryPolicy.off()) as api,
        BybitAPI(sandbox.base_url, KEY2, SECRET2, retry=RetryPolicy.off()) as other,
    ):
        seen = [cancel_all(api, category) for _ in range(limit)]
        assert seen == [(limit, limit - n - 1) for n in range(limit)]
        with pytest.raises(ApiException) as refused:
            cancel_all(api, category)
        assert refused.value.code == 10006
        # another category, another key: windows of their own
        assert cancel_all(api, "spot" if category != "spot" else "linear")[1] is not None
        assert cancel_all(other, category) == (limit, limit - 1)


def test_the_table() -> None:
    assert bybit_limit("/v5/order/cancel", "spot") == 20
    assert bybit_limit("/v5/order/cancel", "option") == 10
    assert bybit_limit("/v5/order/realtime", "linear") == 50
    assert bybit_limit("/v5/position/list", None) == 50
    assert bybit_limit("/v5/unknown", "spot") == 10


def test_a_number_still_means_one_limit_for_every_category() -> None:
    with (
        Sandbox(keys={KEY: SECRET}, rate_limit=2) as sandbox,
        BybitAPI(sandbox.base_url, KEY, SECRET, retry=RetryPolicy.off()) as api,
    ):
        assert cancel_all(api, "spot") == (2, 1)
        assert cancel_all(api, "linear") == (2, 0)  # the same window: per path only


def test_an_added_delay_holds_every_answer() -> None:
    with (
        Sandbox(keys={KEY: SECRET}, delay_ms=40) as sandbox,
        BybitAPI(sandbox.base_url, KEY, SECRET) as api,
    ):
        started = time.perf_counter()
        cancel_all(api, "spot")
        assert time.perf_counter() - started >= 0.04
        sandbox.set_delay(0)
        with pytest.raises(ValueError, match="delay_ms"):
            sandbox.set_delay(-1)


def test_a_category_the_key_may_not_trade() -> None:
    with (
        Sandbox(keys={KEY: SECRET}) as sandbox,
        BybitAPI(sandbox.base_url, KEY, SECRET, retry=RetryPolicy.off()) as api,
    ):
        sandbox.set_categories(KEY, ["spot"])
        with pytest.raises(ApiException) as refused:
            cancel_all(api, "linear")
        assert refused.value.code == 10005
        assert cancel_all(api, "spot")[0] == 20
        sandbox.set_categories(KEY, None)
        assert cancel_all(api, "linear")[0] == 10
        with pytest.raises(ValueError, match="futures"):
            sandbox.set_categories(KEY, ["futures"])
