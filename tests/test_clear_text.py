"""No credentials in clear: a signed request goes over https, or plain http to this machine only."""

from __future__ import annotations

import io

import pytest
import requests_mock

from carpenstar_bybit import BybitAPI
from carpenstar_bybit.cli import main
from carpenstar_bybit.cli.common import banner
from carpenstar_bybit.Core.Auth import in_clear_text, is_loopback
from carpenstar_bybit.Core.Exceptions import SDKException
from carpenstar_bybit.Derivatives.Contract.Order.CancelAllOrder import CancelAllOrder
from carpenstar_bybit.Derivatives.Contract.Order.CancelAllOrder.Request import (
    CancelAllOrderRequest,
)
from carpenstar_bybit.Derivatives.MarketData.OrderBook import OrderBook
from carpenstar_bybit.Derivatives.MarketData.OrderBook.Request import OrderBookRequest
from carpenstar_bybit.Htx import HtxAPI
from carpenstar_bybit.Htx.Swap.Trade.SwapCancelAll import SwapCancelAll
from carpenstar_bybit.Htx.Swap.Trade.SwapCancelAll.Request import SwapCancelAllRequest

from .conftest import FROZEN_MS, KEY, SECRET, envelope

REMOTE_PLAIN = ["http://api.bybit.com", "http://127.0.0.1.nip.io", "http://10.0.0.1:8181"]
LOOPBACK = [
    "http://127.0.0.1:8181",
    "http://127.3.2.1",
    "http://[::1]:8181",
    "http://localhost:8181",
    "http://[::ffff:127.0.0.1]:8181",
]
NOT_LOOPBACK = [
    "http://127.0.0.1.nip.io",
    "http://localhost.example.com",
    "http://127.1",  # not an address by parsing; a resolver's shorthand
    "http://api.bybit.com",
    "http://0.0.0.0:8181",
    "http://[::2]",
]
CANCEL_ALL = {"list": [], "success": "1"}


@pytest.mark.parametrize("url", LOOPBACK)
def test_loopback_by_parsing(url: str) -> None:
    assert is_loopback(url)
    assert not in_clear_text(url)


@pytest.mark.parametrize("url", NOT_LOOPBACK)
def test_not_loopback_by_parsing(url: str) -> None:
    assert not is_loopback(url)
    assert in_clear_text(url)


@pytest.mark.parametrize("host", REMOTE_PLAIN)
def test_a_signed_bybit_call_over_plain_http_is_refused_before_any_io(host: str) -> None:
    with requests_mock.Mocker() as mock, BybitAPI(host, KEY, SECRET) as api:
        mock.post(f"{host}/v5/order/cancel-all", json=envelope(CANCEL_ALL))
        with pytest.raises(SDKException) as info:
            api.rest(CancelAllOrder, CancelAllOrderRequest().setSettleCoin("USDT"))
        assert mock.call_count == 0
    message = str(info.value)
    assert f"use https://{host[len('http://') :]}" in message
    assert KEY not in message
    assert SECRET not in message


@pytest.mark.parametrize("host", REMOTE_PLAIN)
def test_a_signed_htx_call_over_plain_http_is_refused_before_any_io(host: str) -> None:
    with requests_mock.Mocker() as mock, HtxAPI(host, "access-key", "secret-key") as api:
        mock.post(f"{host}/swap-api/v1/swap_cancelall", json={"status": "ok", "data": {}})
        with pytest.raises(SDKException, match="https://"):
            api.rest(SwapCancelAll, SwapCancelAllRequest().setContractCode("BTC-USD"))
        assert mock.call_count == 0


def test_a_public_call_over_plain_http_is_sent() -> None:
    # Nothing secret travels: market data over plain http stays allowed, keys or not.
    host = "http://api.bybit.com"
    with requests_mock.Mocker() as mock, BybitAPI(host, KEY, SECRET) as api:
        mock.get(f"{host}/v5/market/orderbook", json=envelope({"s": "BTCUSDT", "b": [], "a": []}))
        api.rest(OrderBook, OrderBookRequest().setSymbol("BTCUSDT"))
        assert mock.call_count == 1
        assert "X-BAPI-API-KEY" not in mock.last_request.headers


@pytest.mark.parametrize("host", [*LOOPBACK[:4], "https://api.bybit.com"])
def test_a_signed_call_goes_over_https_or_to_this_machine(host: str) -> None:
    with (
        requests_mock.Mocker() as mock,
        BybitAPI(host, KEY, SECRET, clock=lambda: FROZEN_MS) as api,
    ):
        mock.post(f"{host}/v5/order/cancel-all", json=envelope(CANCEL_ALL))
        api.rest(CancelAllOrder, CancelAllOrderRequest().setSettleCoin("USDT"))
        assert mock.last_request.headers["X-BAPI-API-KEY"] == KEY


@pytest.mark.parametrize(
    "argv",
    [
        ("cancel-all", "--settle-coin", "usdt"),
        ("flatten",),
        ("call", "GetOpenOrders", "--settle-coin", "USDT"),
    ],
)
def test_cli_refuses_a_plain_http_host_with_keys(
    monkeypatch: pytest.MonkeyPatch, argv: tuple[str, ...]
) -> None:
    monkeypatch.setenv("BYBIT_API_KEY", KEY)
    monkeypatch.setenv("BYBIT_API_SECRET", SECRET)
    out, err = io.StringIO(), io.StringIO()
    with requests_mock.Mocker() as mock:
        code = main([*argv, "--host", "http://127.0.0.1.nip.io"], out, err)
        assert mock.call_count == 0
    assert code == 2
    lines = err.getvalue().splitlines()
    assert lines[0].startswith("bybit http://127.0.0.1.nip.io, key ")  # no "(local sandbox)"
    assert "use https://127.0.0.1.nip.io" in err.getvalue()
    assert "Traceback" not in err.getvalue()


@pytest.mark.parametrize(
    ("host", "label"),
    [
        ("http://127.0.0.1:8181", True),
        ("http://[::1]:8181", True),
        ("http://localhost:8181", True),
        ("http://127.0.0.1.nip.io", False),
        ("http://localhost.example.com", False),
        ("https://api.bybit.com", False),
    ],
)
def test_the_local_sandbox_label_parses_the_host(host: str, label: bool) -> None:
    err = io.StringIO()
    banner(err, "bybit", host, "")
    assert ("(local sandbox)" in err.getvalue()) is label


def test_flatten_over_plain_http_is_refused_before_any_io() -> None:
    from carpenstar_bybit.killswitch import flatten

    with requests_mock.Mocker() as mocker:
        for api, htx in (
            (BybitAPI("http://api.bybit.com", KEY, SECRET), None),
            (None, HtxAPI("http://api.hbdm.com", KEY, SECRET)),
        ):
            with pytest.raises(SDKException, match=r"is sent only over https: use https://api\."):
                flatten(api, htx=htx)
        assert mocker.call_count == 0
