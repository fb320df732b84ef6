"""Keys and secrets checked when set; what an exchange quotes of a signed request is hidden."""

from __future__ import annotations

import logging
import pickle

import pytest
import requests_mock

from carpenstar_bybit import BybitAPI
from carpenstar_bybit.Core.Api import ExchangeAPI
from carpenstar_bybit.Core.Auth import BybitSigner, Credentials
from carpenstar_bybit.Core.Connection import Connection
from carpenstar_bybit.Core.Exceptions import (
    ApiException,
    CarpenstarException,
    SDKException,
    TransportException,
)
from carpenstar_bybit.Core.Response import CurlResponseDto
from carpenstar_bybit.Derivatives.Contract.Order.CancelAllOrder import CancelAllOrder
from carpenstar_bybit.Derivatives.Contract.Order.CancelAllOrder.Request import (
    CancelAllOrderRequest,
)
from carpenstar_bybit.Htx import HtxAPI
from carpenstar_bybit.Htx.Auth import HtxSigner

from .conftest import FROZEN_MS, HOST, KEY, SECRET, envelope

BAD_VALUES = ["sécret-ünicode", "with\nnewline", "tab\there", "\udcff-surrogate", "nul\0"]


@pytest.mark.parametrize("bad", BAD_VALUES)
def test_a_key_or_secret_that_is_not_printable_ascii_is_refused_when_set(bad: str) -> None:
    attempts = [
        lambda: BybitAPI(HOST, bad, SECRET),
        lambda: BybitAPI(HOST, KEY, bad),
        lambda: BybitAPI(HOST, KEY, SECRET).setApiKey(bad),
        lambda: BybitAPI(HOST, KEY, SECRET).setSecret(bad),
        lambda: BybitAPI().setCredentials(HOST, KEY, bad),
        lambda: Credentials(HOST, KEY, bad),
        lambda: BybitSigner(KEY, bad, 5000),
        lambda: HtxAPI("https://api.hbdm.com", bad, SECRET),
        lambda: HtxAPI("https://api.hbdm.com", KEY, bad),
        lambda: HtxAPI("https://api.hbdm.com", KEY, SECRET).setSecretKey(bad),
        lambda: HtxSigner(KEY, bad),
    ]
    for attempt in attempts:
        with pytest.raises(SDKException) as info:
            attempt()
        error = info.value
        assert "printable ASCII" in error.message
        assert bad not in str(error)
        assert bad not in repr(error)
        assert error.__cause__ is None
        assert error.__suppress_context__


def test_htx_names_its_own_keys() -> None:
    with pytest.raises(SDKException, match=r"^secretKey: must be printable ASCII"):
        HtxAPI("https://api.hbdm.com", KEY, "ключ")


ORIGIN = (
    'error sign! origin_string[1700000000000test-key5000{"category":"linear","settleCoin":"USDT"}]'
)


def test_bybit_10004_origin_string_is_hidden_everywhere(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    with (
        requests_mock.Mocker() as mock,
        BybitAPI(HOST, KEY, SECRET, clock=lambda: FROZEN_MS) as api,
    ):
        mock.post(f"{HOST}/v5/order/cancel-all", json=envelope({}, 10004, ORIGIN))
        with pytest.raises(ApiException) as info:
            api.rest(CancelAllOrder, CancelAllOrderRequest().setSettleCoin("USDT"))
    error = info.value
    assert error.message == (
        "error sign! origin_string[<hidden: it holds the API key and the request body>]"
    )
    shown = [str(error), repr(error), error.getMessage(), *(r.getMessage() for r in caplog.records)]
    shown.append(repr(pickle.loads(pickle.dumps(error))))
    for text in shown:
        assert KEY not in text
        assert "settleCoin" not in text


def test_an_unclosed_origin_string_is_hidden_to_the_end() -> None:
    error = ApiException("error sign! origin_string[1700test-key5000{body", code=10004)
    assert error.message == (
        "error sign! origin_string[<hidden: it holds the API key and the request body>"
    )


@pytest.mark.parametrize(
    "cls",
    [
        Connection,
        Credentials,
        BybitSigner,
        HtxSigner,
        BybitAPI,
        HtxAPI,
        ExchangeAPI,
        CurlResponseDto,
        CarpenstarException,
        ApiException,
        TransportException,
    ],
)
def test_repr_is_safe_when_init_never_ran(cls: type) -> None:
    obj = cls.__new__(cls)
    text = repr(obj)
    assert text.startswith(cls.__name__)


def test_repr_is_safe_when_init_failed_part_way() -> None:
    class Broken(Connection):
        def __init__(self) -> None:
            self.base_url = "https://api.bybit.com"
            raise SDKException("boom")

    obj = Broken.__new__(Broken)
    with pytest.raises(SDKException):
        obj.__init__()  # type: ignore[misc]
    assert repr(obj) == "Connection(base_url='https://api.bybit.com', signer=None)"
