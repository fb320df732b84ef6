from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterator

import pytest
import requests_mock

from carpenstar_bybit import BybitAPI
from carpenstar_bybit.Core.Retry import RetryPolicy

HOST = "https://api-testnet.bybit.com"
KEY = "test-key"
SECRET = "test-secret"
FROZEN_MS = 1_700_000_000_000
# The orderLinkId the api fixture gives a create that has none (as a fresh one would look).
LINK_ID = "cb-0123456789abcdef0123456789abcdef"


def expected_sign(payload: bytes, timestamp: int = FROZEN_MS, recv_window: int = 5000) -> str:
    """Bybit's V5 signature, computed here independently of the library."""
    message = f"{timestamp}{KEY}{recv_window}".encode() + payload
    return hmac.new(SECRET.encode(), message, hashlib.sha256).hexdigest()


@pytest.fixture
def mock() -> Iterator[requests_mock.Mocker]:
    with requests_mock.Mocker() as m:
        yield m


class Sleeps(list[float]):
    """Records the waits a retry policy asks for, instead of sleeping."""

    def __call__(self, seconds: float) -> None:
        self.append(seconds)


@pytest.fixture
def sleeps() -> Sleeps:
    return Sleeps()


@pytest.fixture
def api(sleeps: Sleeps) -> Iterator[BybitAPI]:
    policy = RetryPolicy(sleep=sleeps, new_order_link_id=lambda: LINK_ID)
    with BybitAPI(HOST, KEY, SECRET, clock=lambda: FROZEN_MS, retry=policy) as bybit:
        yield bybit


def envelope(result: object, ret_code: int = 0, ret_msg: str = "OK") -> dict[str, object]:
    return {
        "retCode": ret_code,
        "retMsg": ret_msg,
        "result": result,
        "retExtInfo": {},
        "time": 1707381118116,
    }


@pytest.fixture
def api_once() -> Iterator[BybitAPI]:
    """A BybitAPI that never retries, for tests of how a single answer maps to an error."""
    with BybitAPI(HOST, KEY, SECRET, clock=lambda: FROZEN_MS, retry=RetryPolicy.off()) as bybit:
        yield bybit


def refused_error() -> Exception:
    """What requests raises for a refused TCP connection: the types urllib3 and requests use."""
    import requests
    import urllib3.exceptions

    reason = urllib3.exceptions.NewConnectionError(
        None,  # type: ignore[arg-type]
        "Failed to establish a new connection: [Errno 111] Connection refused",
    )
    return requests.exceptions.ConnectionError(
        urllib3.exceptions.MaxRetryError(None, "/", reason)  # type: ignore[arg-type]
    )


def dropped_error() -> Exception:
    """What requests raises when the server closes the connection before answering."""
    import requests
    import urllib3.exceptions

    return requests.exceptions.ConnectionError(
        urllib3.exceptions.ProtocolError("Connection aborted.", ConnectionResetError(104, "reset"))
    )
