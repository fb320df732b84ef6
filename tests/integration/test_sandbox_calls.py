"""The library against the embedded sandbox over real HTTP on loopback: no mocks."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest

from carpenstar_bybit import BybitAPI
from carpenstar_bybit.Core.Enums import EnumOutputMode
from carpenstar_bybit.Core.Exceptions import ApiException, TransportException
from carpenstar_bybit.Core.Retry import RetryPolicy
from carpenstar_bybit.Derivatives.Contract.Order.CancelAllOrder import CancelAllOrder
from carpenstar_bybit.Derivatives.Contract.Order.CancelAllOrder.Request import (
    CancelAllOrderRequest,
)
from carpenstar_bybit.Derivatives.Contract.Order.CancelOrder import CancelOrder
from carpenstar_bybit.Derivatives.Contract.Order.CancelOrder.Request import CancelOrderRequest
from carpenstar_bybit.sandbox import Sandbox

KEY, SECRET = "it-key", "it-secret"


@pytest.fixture
def sandbox() -> Iterator[Sandbox]:
    with Sandbox(keys={KEY: SECRET}, rate_limit=None, seed=7) as server:
        yield server


@pytest.fixture
def api(sandbox: Sandbox) -> Iterator[BybitAPI]:
    with BybitAPI(sandbox.base_url, KEY, SECRET, retry=RetryPolicy.off()) as bybit:
        yield bybit


@pytest.mark.parametrize(
    ("category", "symbol"),
    [
        ("linear", "BTCUSDT"),
        ("linear", "ETHUSDC"),
        ("linear", "BTCPERP"),
        ("linear", "BTC-27DEC24"),
        ("inverse", "BTCUSD"),
        ("inverse", "BTCUSDZ24"),
        ("option", "BTC-27DEC24-90000-C"),
    ],
)
def test_cancel_by_id_and_link_with_told_category(
    sandbox: Sandbox, api: BybitAPI, category: str, symbol: str
) -> None:
    first, second, third = sandbox.seed_orders(
        KEY, category, symbol, count=3, order_link_prefix="it-"
    )
    by_id = api.rest(
        CancelOrder, CancelOrderRequest().setSymbol(symbol).setOrderId(first["orderId"])
    )
    item = by_id.getBody().fetch()
    assert item is not None
    assert item.getOrderId() == first["orderId"]
    by_link = api.rest(
        CancelOrder, CancelOrderRequest().setSymbol(symbol).setOrderLinkId(second["orderLinkId"])
    )
    assert by_link.getBody().all()[0].getOrderLinkId() == second["orderLinkId"]
    remaining = sandbox.open_orders(KEY, category)
    assert [o["orderId"] for o in remaining] == [third["orderId"]]
    assert by_id.getRateLimit() is not None


@pytest.mark.parametrize(
    ("request_dto", "category", "symbol"),
    [
        (CancelAllOrderRequest().setSettleCoin("USDT"), "linear", "BTCUSDT"),
        (CancelAllOrderRequest().setSettleCoin("USDC"), "linear", "ETHPERP"),
        (CancelAllOrderRequest().setSettleCoin("BTC"), "inverse", "BTCUSD"),
        (CancelAllOrderRequest().setSymbol("ETHUSD"), "inverse", "ETHUSD"),
        (CancelAllOrderRequest().setSymbol("SOLUSDT"), "linear", "SOLUSDT"),
        (CancelAllOrderRequest().setCategory("linear").setBaseCoin("XRP"), "linear", "XRPUSDT"),
        (CancelAllOrderRequest().setCategory("spot"), "spot", "BTCUSDT"),
        (CancelAllOrderRequest().setCategory("option"), "option", "BTC-27DEC24-90000-C"),
    ],
)
def test_cancel_all_in_every_category_rule(
    sandbox: Sandbox,
    api: BybitAPI,
    request_dto: CancelAllOrderRequest,
    category: str,
    symbol: str,
) -> None:
    seeded = sandbox.seed_orders(KEY, category, symbol, count=4)
    answer = api.rest(CancelAllOrder, request_dto)
    assert sorted(i.getOrderId() for i in answer.getBody().all()) == sorted(
        o["orderId"] for o in seeded
    )
    assert answer.getSuccess() is True
    assert sandbox.open_count(KEY, category) == 0


def test_cancel_all_loops_past_the_500_cap(sandbox: Sandbox, api: BybitAPI) -> None:
    seeded = {o["orderId"] for o in sandbox.seed_orders(KEY, "linear", "BTCUSDT", count=1234)}
    request = CancelAllOrderRequest().setSymbol("BTCUSDT")
    counts, cancelled = [], set()
    while True:
        body = api.rest(CancelAllOrder, request).getBody()
        counts.append(body.count())
        cancelled.update(i.getOrderId() for i in body.all())
        if body.count() == 0:
            break
    assert counts == [500, 500, 234, 0]
    assert cancelled == seeded


def test_output_modes_over_http(sandbox: Sandbox, api: BybitAPI) -> None:
    sandbox.seed_orders(KEY, "linear", "BTCUSDT", count=2)
    array = api.rest(CancelAllOrder, CancelAllOrderRequest().setSymbol("BTCUSDT"), 1)
    assert {"orderId", "orderLinkId"} <= set(array.getBody().all()[0])
    text = api.rest(
        CancelAllOrder, CancelAllOrderRequest().setSymbol("BTCUSDT"), EnumOutputMode.MODE_JSON
    )
    assert text.getBody().all()[0].startswith("{")


def _code_of(call: object) -> int:
    assert callable(call)
    with pytest.raises(ApiException) as info:
        call()
    return info.value.getCode()


def test_each_error_code_reaches_the_caller(sandbox: Sandbox, api: BybitAPI) -> None:
    request = CancelOrderRequest().setSymbol("BTCUSDT").setOrderId("no-such-order")
    assert _code_of(lambda: api.rest(CancelOrder, request)) == 110001

    with BybitAPI(sandbox.base_url, "unknown", SECRET, retry=RetryPolicy.off()) as stranger:
        assert _code_of(lambda: stranger.rest(CancelOrder, request)) == 10003
    with BybitAPI(sandbox.base_url, KEY, "wrong-secret", retry=RetryPolicy.off()) as forger:
        assert _code_of(lambda: forger.rest(CancelOrder, request)) == 10004

    # A request the library would refuse, sent raw past validation, hears the sandbox's 10001.
    http = api.connection().request("POST", "/v5/order/cancel", {"category": "linear"})
    assert _code_of(lambda: CancelOrder().responseHandler().handleHttp(http, 0)) == 10001

    sandbox.clock_offset_ms = 60_000
    assert _code_of(lambda: api.rest(CancelOrder, request)) == 10002


def test_clock_drift_is_healed_by_the_retry_policy(sandbox: Sandbox) -> None:
    sandbox.seed_orders(KEY, "linear", "BTCUSDT", count=3)
    sandbox.clock_offset_ms = -45_000
    with BybitAPI(sandbox.base_url, KEY, SECRET) as api:
        answer = api.rest(CancelAllOrder, CancelAllOrderRequest().setSymbol("BTCUSDT"))
        assert answer.getBody().count() == 3
        assert -46_000 < api.connection().time_offset_ms < -44_000


def test_rate_limit_10006_and_its_retry() -> None:
    with Sandbox(keys={KEY: SECRET}, rate_limit=2) as sandbox:
        request = CancelOrderRequest().setSymbol("BTCUSDT").setOrderId("x")
        with BybitAPI(sandbox.base_url, KEY, SECRET, retry=RetryPolicy.off()) as api:
            codes = [_code_of(lambda: api.rest(CancelOrder, request)) for _ in range(3)]
        assert codes == [110001, 110001, 10006]
        with BybitAPI(sandbox.base_url, KEY, SECRET) as patient:
            # The policy waits for the window to reset, so the exchange's own answer comes back.
            assert _code_of(lambda: patient.rest(CancelOrder, request)) == 110001


def test_refused_connection_is_a_transport_error() -> None:
    with Sandbox(keys={KEY: SECRET}) as sandbox:
        url = sandbox.base_url
    with (
        BybitAPI(url, KEY, SECRET, retry=RetryPolicy.off(), timeout=2) as api,
        pytest.raises(TransportException),
    ):
        api.rest(CancelAllOrder, CancelAllOrderRequest().setSymbol("BTCUSDT"))


def test_threads_share_one_api(sandbox: Sandbox, api: BybitAPI) -> None:
    orders = sandbox.seed_orders(KEY, "linear", "BTCUSDT", count=200)
    results: dict[int, str] = {}
    errors: list[BaseException] = []

    def worker(index: int) -> None:
        try:
            for n in range(index, len(orders), 8):
                request = CancelOrderRequest().setSymbol("BTCUSDT").setOrderId(orders[n]["orderId"])
                item = api.rest(CancelOrder, request).getBody().fetch()
                assert item is not None
                results[n] = item.getOrderId()
        except BaseException as exc:  # noqa: BLE001  # reported below, in the main thread
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    assert results == {n: o["orderId"] for n, o in enumerate(orders)}
    assert sandbox.open_count(KEY) == 0
    assert sandbox.stats()["signature_failures"] == 0
