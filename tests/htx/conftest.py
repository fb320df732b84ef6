from __future__ import annotations

from collections.abc import Iterator

import pytest
import requests_mock
from htx_testkit import ACCESS_KEY, FROZEN_MS, SECRET_KEY

from carpenstar_bybit.Core.Retry import RetryPolicy
from carpenstar_bybit.Htx import HtxAPI


@pytest.fixture
def mock() -> Iterator[requests_mock.Mocker]:
    with requests_mock.Mocker() as m:
        yield m


@pytest.fixture
def api() -> Iterator[HtxAPI]:
    no_wait = RetryPolicy(sleep=lambda _: None)
    with HtxAPI(
        "https://api.hbdm.com", ACCESS_KEY, SECRET_KEY, clock=lambda: FROZEN_MS, retry=no_wait
    ) as htx:
        yield htx
