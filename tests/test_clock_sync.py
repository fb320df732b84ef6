"""The clock sync (after a 10002, and in ``warm_up``) refuses server times it cannot believe."""

from __future__ import annotations

import pytest
import requests_mock

from carpenstar_bybit import BybitAPI, _bybit_api
from carpenstar_bybit.Core.Exceptions import ApiException

from .conftest import FROZEN_MS, envelope
from .test_retry import CANCEL_ALL_URL, TIME_URL, _cancel_all

DAY_MS = 24 * 60 * 60 * 1000

# Raw bodies: json.dumps cannot write these, and each decodes to something int() chokes on or
# to an absurd time.
ABSURD_TIMES = [
    pytest.param("1e999", id="1e999"),
    pytest.param("Infinity", id="Infinity"),
    pytest.param("-Infinity", id="-Infinity"),
    pytest.param("NaN", id="NaN"),
    pytest.param(str(10**30), id="10**30"),
    pytest.param("-1", id="negative"),
    pytest.param(str(FROZEN_MS + DAY_MS + 1000), id="a day ahead"),
    pytest.param(str(FROZEN_MS - DAY_MS - 1000), id="a day behind"),
    pytest.param('"17000x"', id="not digits"),
    pytest.param("1.7e12", id="a float"),
    pytest.param("true", id="a bool"),
]


def _time_body(raw: str) -> str:
    return '{"retCode":0,"retMsg":"OK","result":{},"retExtInfo":{},"time":' + raw + "}"


@pytest.mark.parametrize("raw", ABSURD_TIMES)
def test_warm_up_refuses_a_time_it_cannot_believe(
    api: BybitAPI, mock: requests_mock.Mocker, raw: str
) -> None:
    mock.get(TIME_URL, text=_time_body(raw))
    with pytest.raises(ApiException) as info:
        api.warm_up()
    assert info.value.path == "/v5/market/time"
    assert api.connection().time_offset_ms == 0


@pytest.mark.parametrize("raw", ABSURD_TIMES)
def test_a_10002_with_an_absurd_server_time_keeps_the_offset(
    api: BybitAPI, mock: requests_mock.Mocker, raw: str
) -> None:
    mock.get(TIME_URL, text=_time_body(raw))
    mock.post(CANCEL_ALL_URL, json=envelope({}, 10002, "timestamp"))
    with pytest.raises(ApiException) as info:
        _cancel_all(api)
    assert info.value.getCode() == 10002  # the call's own answer, not the time endpoint's
    assert api.connection().time_offset_ms == 0
    assert mock.call_count == 2  # POST, GET time; no second POST signed with a wild time


@pytest.mark.parametrize(
    ("raw", "offset"),
    [
        (str(FROZEN_MS + DAY_MS), DAY_MS),
        (f'"{FROZEN_MS - 45_000}"', -45_000),
    ],
)
def test_an_offset_within_a_day_is_adopted(
    api: BybitAPI, mock: requests_mock.Mocker, raw: str, offset: int
) -> None:
    mock.get(TIME_URL, text=_time_body(raw))
    assert api.warm_up() == offset
    assert api.connection().time_offset_ms == offset


def test_the_bound_is_a_day() -> None:
    assert _bybit_api.MAX_CLOCK_OFFSET_MS == DAY_MS
