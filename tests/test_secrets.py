"""The secret never shows: not in a repr, str, log line or exception; the key is masked."""

from __future__ import annotations

import logging
import pickle

import pytest
import requests_mock

from carpenstar_bybit import BybitAPI
from carpenstar_bybit.Core.Auth import BybitSigner, Credentials
from carpenstar_bybit.Core.Exceptions import ApiException, CarpenstarException, SDKException
from carpenstar_bybit.Derivatives.Contract.Order.CancelAllOrder import CancelAllOrder
from carpenstar_bybit.Derivatives.Contract.Order.CancelAllOrder.Request import (
    CancelAllOrderRequest,
)

HOST = "https://api.bybit.com"
KEY = "KEYabcdefghijklmnop"
SECRET = "SECRETzyxwvutsrqponm"


def test_reprs_mask_key_and_hide_secret() -> None:
    api = BybitAPI(HOST, KEY, SECRET)
    texts = [
        repr(api),
        str(api),
        repr(api.getCredentials()),
        str(api.getCredentials()),
        repr(api.connection()),
        repr(BybitSigner(KEY, SECRET, 5000)),
    ]
    for text in texts:
        assert SECRET not in text
        assert KEY not in text
    assert "KEYa…op" in repr(api)
    api.close()


def test_short_key_is_fully_masked() -> None:
    assert "abc" not in repr(Credentials(HOST, "abc", SECRET))


def test_objects_holding_secrets_refuse_to_pickle() -> None:
    with pytest.raises(SDKException, match="cannot be pickled"):
        pickle.dumps(BybitAPI(HOST, KEY, SECRET))
    with pytest.raises(SDKException, match="cannot be pickled"):
        pickle.dumps(Credentials(HOST, KEY, SECRET))


@pytest.mark.parametrize(
    "answer",
    [
        {"json": {"retCode": 10004, "retMsg": "error sign!", "result": {}}},
        {"status_code": 403, "text": "<html>banned</html>"},
        {"exc": ConnectionResetError("reset")},
        {"json": {"retCode": 0, "retMsg": "OK", "result": {"list": []}}},
    ],
)
def test_nothing_secret_in_logs_or_errors(
    caplog: pytest.LogCaptureFixture, answer: dict[str, object]
) -> None:
    caplog.set_level(logging.DEBUG)
    with requests_mock.Mocker() as mock, BybitAPI(HOST, KEY, SECRET) as api:
        mock.post(f"{HOST}/v5/order/cancel-all", **answer)  # type: ignore[arg-type]
        error: CarpenstarException | None = None
        try:
            api.rest(CancelAllOrder, CancelAllOrderRequest().setSettleCoin("USDT"))
        except CarpenstarException as exc:
            error = exc
        signature = mock.last_request.headers["X-BAPI-SIGN"]
    logged = "\n".join(r.getMessage() for r in caplog.records) + caplog.text
    assert SECRET not in logged
    assert KEY not in logged
    assert signature not in logged
    if error is not None:
        for text in (str(error), repr(error), repr(error.args)):
            assert SECRET not in text
            assert KEY not in text
    if "exc" not in answer:
        assert "/v5/order/cancel-all" in logged  # the call itself is logged


def test_api_exception_args_hold_no_headers() -> None:
    error = ApiException("error sign!", 10004, 200, "/v5/order/cancel")
    assert error.args == ("error sign!", 10004, 200, "/v5/order/cancel", None, None, 1, False)
