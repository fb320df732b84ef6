from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterator

import pytest
import requests_mock

from carpenstar_bybit import BybitAPI

HOST = "https://api-testnet.bybit.com"
KEY = "test-key"
SECRET = "test-secret"
FROZEN_MS = 1_700_000_000_000


def expected_sign(payload: bytes, timestamp: int = FROZEN_MS, recv_window: int = 5000) -> str:
    """Bybit's V5 signature, computed here independently of the library."""
    message = f"{timestamp}{KEY}{recv_window}".encode() + payload
    return hmac.new(SECRET.encode(), message, hashlib.sha256).hexdigest()


@pytest.fixture
def mock() -> Iterator[requests_mock.Mocker]:
    with requests_mock.Mocker() as m:
        yield m


@pytest.fixture
def api() -> Iterator[BybitAPI]:
    with BybitAPI(HOST, KEY, SECRET, clock=lambda: FROZEN_MS) as bybit:
        yield bybit


def envelope(result: object, ret_code: int = 0, ret_msg: str = "OK") -> dict[str, object]:
    return {
        "retCode": ret_code,
        "retMsg": ret_msg,
        "result": result,
        "retExtInfo": {},
        "time": 1707381118116,
    }
