"""The HTX client against the embedded sandbox over real HTTP on loopback: no mocks."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from carpenstar_bybit.Core.Enums import EnumOutputMode
from carpenstar_bybit.Core.Exceptions import ApiException, TransportException
from carpenstar_bybit.Core.Retry import RetryPolicy
from carpenstar_bybit.Htx import HtxAPI
from carpenstar_bybit.Htx.Exceptions import HtxApiException
from carpenstar_bybit.Htx.Swap.Trade.SwapCancelAll import SwapCancelAll
from carpenstar_bybit.Htx.Swap.Trade.SwapCancelAll.Request import SwapCancelAllRequest
from carpenstar_bybit.Htx.V5.Trade.CancelAllOrders import CancelAllOrders
from carpenstar_bybit.Htx.V5.Trade.CancelAllOrders.Request import CancelAllOrdersRequest
from carpenstar_bybit.sandbox import Sandbox

KEY, SECRET = "it-htx-access", "it-htx-secret"
KEY2, SECRET2 = "it-htx-access-2", "it-htx-secret-2"


@pytest.fixture
def sandbox() -> Iterator[Sandbox]:
    with Sandbox(keys={KEY: SECRET, KEY2: SECRET2}, rate_limit=None) as server:
        yield server


@pytest.fixture
def api(sandbox: Sandbox) -> Iterator[HtxAPI]:
    with HtxAPI(sandbox.base_url, KEY, SECRET, retry=RetryPolicy.off()) as htx:
        yield htx


def ids(orders: list[dict[str, str]]) -> list[str]:
    return [order["order_id"] for order in orders]


def test_swap_cancel_all_cancels_the_seeded_orders(sandbox: Sandbox, api: HtxAPI) -> None:
    btc = sandbox.seed_htx_orders(KEY, "swap", "BTC-USD", count=5)
    eth = sandbox.seed_htx_orders(KEY, "swap", "ETH-USD", count=2)
    answer = api.rest(SwapCancelAll, SwapCancelAllRequest().setContractCode("btc-usd"))
    assert answer.getReturnCode() == 200
    assert [item.getOrderId() for item in answer.getCancelled()] == ids(btc)
    assert all(item.isCancelled() and item.getErrCode() is None for item in answer.getCancelled())
    assert answer.getFailed() == []
    assert answer.getBody().count() == 5
    assert ids(sandbox.open_htx_orders(KEY)) == ids(eth)


def test_swap_direction_and_offset_reach_the_wire(sandbox: Sandbox, api: HtxAPI) -> None:
    sell_close = sandbox.seed_htx_orders(KEY, "swap", count=2, direction="sell", offset="close")
    sandbox.seed_htx_orders(KEY, "swap", count=3, direction="buy", offset="close")
    sandbox.seed_htx_orders(KEY, "swap", count=1, direction="sell", offset="open")
    request = SwapCancelAllRequest().setContractCode("BTC-USD").setDirection("sell")
    answer = api.rest(SwapCancelAll, request.setOffset("close"))
    assert [item.getOrderId() for item in answer.getCancelled()] == ids(sell_close)
    answer = api.rest(
        SwapCancelAll, SwapCancelAllRequest().setContractCode("BTC-USD").setOffset("close")
    )
    assert len(answer.getCancelled()) == 3
    assert sandbox.open_htx_count(KEY, "swap") == 1


def test_v5_cancel_all_orders(sandbox: Sandbox, api: HtxAPI) -> None:
    btc = sandbox.seed_htx_orders(KEY, "v5", "BTC-USDT", count=4, client_order_prefix="bot-")
    eth = sandbox.seed_htx_orders(KEY, "v5", "ETH-USDT", count=2)
    answer = api.rest(CancelAllOrders, CancelAllOrdersRequest().setContractCode("BTC-USDT"))
    assert answer.getReturnCode() == 200
    assert answer.getReturnMessage() == "Success"
    cancelled = answer.getCancelled()
    assert [item.getOrderId() for item in cancelled] == ids(btc)
    assert [item.getClientOrderId() for item in cancelled] == [f"bot-{i}" for i in range(4)]
    assert {(item.getCode(), item.getMessage()) for item in cancelled} == {(200, "Success")}
    assert answer.getFailed() == []
    assert ids(sandbox.open_htx_orders(KEY)) == ids(eth)
    everything = api.rest(CancelAllOrders, CancelAllOrdersRequest())  # body {}
    assert [item.getOrderId() for item in everything.getCancelled()] == ids(eth)
    assert sandbox.open_htx_count(KEY) == 0


def test_v5_side_and_position_side_reach_the_wire(sandbox: Sandbox, api: HtxAPI) -> None:
    wanted = sandbox.seed_htx_orders(KEY, "v5", count=2, side="sell", position_side="short")
    sandbox.seed_htx_orders(KEY, "v5", count=2, side="buy", position_side="short")
    sandbox.seed_htx_orders(KEY, "v5", count=2, side="sell", position_side="long")
    request = CancelAllOrdersRequest().setSide("sell").setPositionSide("short")
    answer = api.rest(CancelAllOrders, request)
    assert [item.getOrderId() for item in answer.getCancelled()] == ids(wanted)
    assert sandbox.open_htx_count(KEY, "v5") == 4


def test_nothing_to_cancel_is_an_empty_success(sandbox: Sandbox, api: HtxAPI) -> None:
    swap = api.rest(SwapCancelAll, SwapCancelAllRequest().setContractCode("BTC-USD"))
    v5 = api.rest(CancelAllOrders, CancelAllOrdersRequest())
    for answer in (swap, v5):
        assert answer.getReturnCode() == 1051
        assert answer.getReturnMessage() == "No orders to cancel."
        assert answer.getCancelled() == answer.getFailed() == []
        assert answer.getBody().count() == 0
    assert sandbox.stats()["by_ret_code"] == {1051: 2}


def test_partial_failure_is_reported_per_order(sandbox: Sandbox, api: HtxAPI) -> None:
    ok = sandbox.seed_htx_orders(KEY, "swap", count=2)
    filled = sandbox.seed_htx_orders(KEY, "swap", count=1, fill_on_cancel=True)
    answer = api.rest(SwapCancelAll, SwapCancelAllRequest().setContractCode("BTC-USD"))
    assert answer.getReturnCode() == 200
    assert [item.getOrderId() for item in answer.getCancelled()] == ids(ok)
    (failed,) = answer.getFailed()
    assert (failed.getOrderId(), failed.getErrCode()) == (filled[0]["order_id"], 1061)
    assert failed.getErrMsg() == "This order doesn't exist."

    v5_filled = sandbox.seed_htx_orders(KEY, "v5", count=1, fill_on_cancel=True)
    answer = api.rest(CancelAllOrders, CancelAllOrdersRequest())
    assert answer.getCancelled() == []
    (failed,) = answer.getFailed()
    assert (failed.getOrderId(), failed.getCode()) == (v5_filled[0]["order_id"], 1061)
    assert not failed.isCancelled()


def test_keys_see_only_their_orders(sandbox: Sandbox, api: HtxAPI) -> None:
    mine = sandbox.seed_htx_orders(KEY, "v5", count=2)
    sandbox.seed_htx_orders(KEY2, "v5", count=3)
    with HtxAPI(sandbox.base_url, KEY2, SECRET2, retry=RetryPolicy.off()) as other:
        assert len(other.rest(CancelAllOrders, CancelAllOrdersRequest()).getCancelled()) == 3
    assert ids(sandbox.open_htx_orders(KEY)) == ids(mine)


@pytest.mark.parametrize(
    ("key", "secret", "code", "message"),
    [
        ("unknown-key", SECRET, 403, "Incorrect Access key [Access key错误]"),
        (KEY, "wrong-secret", 1253, "Signature verification failed."),
    ],
)
@pytest.mark.parametrize("endpoint", ["swap", "v5"])
def test_bad_key_or_secret_raises_with_the_htx_code(
    sandbox: Sandbox, key: str, secret: str, code: int, message: str, endpoint: str
) -> None:
    sandbox.seed_htx_orders(KEY, "swap", count=1)
    sandbox.seed_htx_orders(KEY, "v5", count=1)
    if endpoint == "swap":
        call = (SwapCancelAll, SwapCancelAllRequest().setContractCode("BTC-USD"))
    else:
        call = (CancelAllOrders, CancelAllOrdersRequest())
    with (
        HtxAPI(sandbox.base_url, key, secret, retry=RetryPolicy.off()) as htx,
        pytest.raises(HtxApiException) as info,
    ):
        htx.rest(*call)
    error = info.value
    assert isinstance(error, ApiException)
    assert (error.getCode(), error.ret_code, error.getMessage()) == (code, code, message)
    assert error.getHttpStatus() == 200
    assert secret not in f"{error} {error!r}"
    assert sandbox.open_htx_count(KEY) == 2


def test_server_clock_far_off_is_a_timestamp_error(sandbox: Sandbox, api: HtxAPI) -> None:
    sandbox.set_fault("clock_offset", ms=-10 * 60 * 1000)
    with pytest.raises(ApiException) as info:
        api.rest(CancelAllOrders, CancelAllOrdersRequest())
    assert info.value.getCode() == 12001
    sandbox.clear_faults()
    assert api.rest(CancelAllOrders, CancelAllOrdersRequest()).getReturnCode() == 1051


def test_parameter_error_from_the_exchange(sandbox: Sandbox, api: HtxAPI) -> None:
    # A USDT-margined code passes the client's v5 format check; the sandbox has no such contract.
    with pytest.raises(ApiException) as info:
        api.rest(CancelAllOrders, CancelAllOrdersRequest().setContractCode("BTC-USDC"))
    assert info.value.getCode() == 1014


@pytest.mark.parametrize(
    "mode", [EnumOutputMode.MODE_ENTITY, EnumOutputMode.MODE_ARRAY, EnumOutputMode.MODE_JSON]
)
def test_output_modes_swap(sandbox: Sandbox, api: HtxAPI, mode: int) -> None:
    seeded = sandbox.seed_htx_orders(KEY, "swap", count=3)
    answer = api.rest(SwapCancelAll, SwapCancelAllRequest().setContractCode("BTC-USD"), mode)
    assert [item.getOrderId() for item in answer.getCancelled()] == ids(seeded)  # any mode
    body = answer.getBody()
    if mode == EnumOutputMode.MODE_ENTITY:
        assert [item.getOrderId() for item in body.all()] == ids(seeded)
    elif mode == EnumOutputMode.MODE_ARRAY:
        assert body.all() == [
            {"order_id": i, "err_code": None, "err_msg": None} for i in ids(seeded)
        ]
    else:
        (text,) = body.all()
        wire = json.loads(text)
        assert wire["status"] == "ok"
        assert wire["data"]["successes"] == ",".join(ids(seeded))


@pytest.mark.parametrize(
    "mode", [EnumOutputMode.MODE_ENTITY, EnumOutputMode.MODE_ARRAY, EnumOutputMode.MODE_JSON]
)
def test_output_modes_v5(sandbox: Sandbox, api: HtxAPI, mode: int) -> None:
    seeded = sandbox.seed_htx_orders(KEY, "v5", count=2)
    answer = api.rest(CancelAllOrders, CancelAllOrdersRequest(), mode)
    assert [item.getOrderId() for item in answer.getCancelled()] == ids(seeded)
    body = answer.getBody()
    if mode == EnumOutputMode.MODE_ENTITY:
        assert [item.getClientOrderId() for item in body.all()] == ids(seeded)
    elif mode == EnumOutputMode.MODE_ARRAY:
        assert body.all() == [
            {"order_id": i, "client_order_id": i, "code": 200, "message": "Success"}
            for i in ids(seeded)
        ]
    else:
        (text,) = body.all()
        assert json.loads(text)["code"] == 200


def test_rate_limit_headers_reach_the_dto() -> None:
    with (
        Sandbox(keys={KEY: SECRET}, htx_rate_limit=5) as limited,
        HtxAPI(limited.base_url, KEY, SECRET, retry=RetryPolicy.off()) as htx,
    ):
        first = htx.rest(CancelAllOrders, CancelAllOrdersRequest())
        second = htx.rest(CancelAllOrders, CancelAllOrdersRequest())
    assert (first.getRateLimitLimit(), first.getRateLimitInterval()) == (5, 3000)
    assert (first.getRateLimitRemaining(), second.getRateLimitRemaining()) == (4, 3)
    # The Bybit-named getters read the same headers.
    assert (first.getRateLimit(), first.getRateLimitStatus()) == (5, 4)
    reset, sent = first.getRateLimitResetMs(), first.getTimeMs()
    assert reset is not None
    assert sent is not None
    assert 0 < reset - sent <= 3000


def test_rate_limit_1032_raises_with_retries_off() -> None:
    with (
        Sandbox(keys={KEY: SECRET}, htx_rate_limit=1) as limited,
        HtxAPI(limited.base_url, KEY, SECRET, retry=RetryPolicy.off()) as htx,
    ):
        htx.rest(CancelAllOrders, CancelAllOrdersRequest())
        with pytest.raises(ApiException) as info:
            htx.rest(CancelAllOrders, CancelAllOrdersRequest())
    assert info.value.getCode() == 1032


def test_dropped_answer_then_repeat_is_1051(sandbox: Sandbox) -> None:
    sandbox.seed_htx_orders(KEY, "swap", count=4)
    sandbox.set_fault("drop", times=1, path="/swap-api/v1/swap_cancelall", process=True)
    with HtxAPI(sandbox.base_url, KEY, SECRET) as htx:  # the default retry policy
        answer = htx.rest(SwapCancelAll, SwapCancelAllRequest().setContractCode("BTC-USD"))
    # The first try cancelled everything and was lost; the repeat found nothing to cancel.
    assert answer.getReturnCode() == 1051
    assert sandbox.open_htx_count(KEY) == 0


def test_unreachable_sandbox_is_a_transport_error() -> None:
    with Sandbox(keys={KEY: SECRET}) as gone:
        url = gone.base_url
    with (
        HtxAPI(url, KEY, SECRET, retry=RetryPolicy.off(), timeout=2) as htx,
        pytest.raises(TransportException),
    ):
        htx.rest(CancelAllOrders, CancelAllOrdersRequest())
