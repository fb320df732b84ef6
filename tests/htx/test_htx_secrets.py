"""The secret key never shows; the access key is masked wherever the library prints it."""

from __future__ import annotations

import http.server
import logging
import pickle
import threading
from collections.abc import Iterator
from typing import Any

import pytest
import requests_mock
from htx_testkit import ACCESS_KEY, SECRET_KEY, V5_PATH, fixture_text

from carpenstar_bybit.Core.Exceptions import CarpenstarException, SDKException
from carpenstar_bybit.Htx import HBDM, HtxAPI
from carpenstar_bybit.Htx.V5.Trade.CancelAllOrders import CancelAllOrders
from carpenstar_bybit.Htx.V5.Trade.CancelAllOrders.Request import CancelAllOrdersRequest


def test_reprs_mask_the_access_key_and_hide_the_secret() -> None:
    api = HtxAPI(HBDM, ACCESS_KEY, SECRET_KEY)
    texts = [
        repr(api),
        str(api),
        repr(api.getCredentials()),
        repr(api.connection()),
        repr(api.connection().signer),
    ]
    for text in texts:
        assert SECRET_KEY not in text
        assert ACCESS_KEY not in text
    assert repr(api) == "HtxAPI(host='https://api.hbdm.com', accessKey='e2xx…xx')"
    api.close()


def test_objects_holding_the_secret_refuse_to_pickle() -> None:
    with pytest.raises(SDKException, match="cannot be pickled"):
        pickle.dumps(HtxAPI(HBDM, ACCESS_KEY, SECRET_KEY))


@pytest.mark.parametrize(
    "answer",
    [
        {"text": fixture_text("swap_auth_error.json")},
        {"text": fixture_text("v5_not_unified.json")},
        {"status_code": 403, "text": "<html>blocked</html>"},
        {"text": '{"code":200,"data":[{"order_id":[1],"code":200}]}'},
        {"exc": ConnectionResetError("reset")},
        {"text": fixture_text("v5_cancel_all_orders.json")},
    ],
)
def test_nothing_secret_in_logs_or_errors(
    caplog: pytest.LogCaptureFixture, answer: dict[str, Any]
) -> None:
    caplog.set_level(logging.DEBUG)
    error: CarpenstarException | None = None
    with requests_mock.Mocker() as mock, HtxAPI(HBDM, ACCESS_KEY, SECRET_KEY) as api:
        mock.post(f"{HBDM}{V5_PATH}", **answer)
        try:
            api.rest(CancelAllOrders, CancelAllOrdersRequest())
        except CarpenstarException as exc:
            error = exc
        signature = mock.last_request.url.rpartition("Signature=")[2]
    assert SECRET_KEY not in caplog.text
    # Third-party loggers (urllib3, requests_mock) print the URL at DEBUG, query and all; the
    # library's own lines never do.
    logged = "\n".join(r.getMessage() for r in caplog.records if r.name == "carpenstar_bybit")
    for secret in (ACCESS_KEY, signature):
        assert secret not in logged
    if error is not None:
        for text in (str(error), repr(error), repr(error.args), repr(vars(error))):
            assert SECRET_KEY not in text
            assert ACCESS_KEY not in text
            assert signature not in text
    if "exc" not in answer:
        assert V5_PATH in logged  # the call itself is logged


class _Answer(http.server.BaseHTTPRequestHandler):
    def do_POST(self) -> None:
        body = fixture_text("v5_no_orders.json").encode()
        self.rfile.read(int(self.headers["Content-Length"]))
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def local_server() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Answer)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()
    thread.join()


def test_secret_not_logged_over_real_http(
    caplog: pytest.LogCaptureFixture, local_server: str
) -> None:
    caplog.set_level(logging.DEBUG)
    with HtxAPI(local_server, ACCESS_KEY, SECRET_KEY) as api:
        answer = api.rest(CancelAllOrders, CancelAllOrdersRequest())
    assert answer.getReturnCode() == 1051
    assert SECRET_KEY not in caplog.text
    own = "\n".join(r.getMessage() for r in caplog.records if r.name == "carpenstar_bybit")
    assert V5_PATH in own
    assert ACCESS_KEY not in own
    assert "Signature" not in own
    # urllib3 logs the request URL at DEBUG; the signed query is redacted there too.
    pool_lines = [r.getMessage() for r in caplog.records if r.name == "urllib3.connectionpool"]
    assert any("/v5/trade/cancel_all_orders?" in line for line in pool_lines)
    assert ACCESS_KEY not in caplog.text
    assert all("Signature=***" in line for line in pool_lines if "Signature=" in line)
