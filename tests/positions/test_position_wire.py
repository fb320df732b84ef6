"""The exact wire of the ten position and two account endpoints (frozen clock, known key)."""

from __future__ import annotations

from contextlib import nullcontext
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import pytest
import requests_mock

from carpenstar_bybit import BybitAPI
from carpenstar_bybit.Core.Endpoints import Endpoint
from carpenstar_bybit.Core.Objects import AbstractParameters
from carpenstar_bybit.Derivatives.Contract.Account.GetTradingFeeRate import GetTradingFeeRate
from carpenstar_bybit.Derivatives.Contract.Account.GetTradingFeeRate.Request import (
    GetTradingFeeRateRequest,
)
from carpenstar_bybit.Derivatives.Contract.Account.WalletBalance import WalletBalance
from carpenstar_bybit.Derivatives.Contract.Account.WalletBalance.Request import (
    WalletBalanceRequest,
)
from carpenstar_bybit.Derivatives.Contract.Position.GetClosedPnL import GetClosedPnL
from carpenstar_bybit.Derivatives.Contract.Position.GetClosedPnL.Request import GetClosedPnLRequest
from carpenstar_bybit.Derivatives.Contract.Position.GetExecutionList import GetExecutionList
from carpenstar_bybit.Derivatives.Contract.Position.GetExecutionList.Request import (
    GetExecutionListRequest,
)
from carpenstar_bybit.Derivatives.Contract.Position.MyPosition import MyPosition
from carpenstar_bybit.Derivatives.Contract.Position.MyPosition.Request import MyPositionRequest
from carpenstar_bybit.Derivatives.Contract.Position.SetAutoAddMargin import SetAutoAddMargin
from carpenstar_bybit.Derivatives.Contract.Position.SetAutoAddMargin.Request import (
    SetAutoAddMarginRequest,
)
from carpenstar_bybit.Derivatives.Contract.Position.SetLeverage import SetLeverage
from carpenstar_bybit.Derivatives.Contract.Position.SetLeverage.Request import SetLeverageRequest
from carpenstar_bybit.Derivatives.Contract.Position.SetRiskLimit import SetRiskLimit
from carpenstar_bybit.Derivatives.Contract.Position.SetRiskLimit.Request import SetRiskLimitRequest
from carpenstar_bybit.Derivatives.Contract.Position.SetTradingStop import SetTradingStop
from carpenstar_bybit.Derivatives.Contract.Position.SetTradingStop.Request import (
    SetTradingStopRequest,
)
from carpenstar_bybit.Derivatives.Contract.Position.SwitchCrossIsolatedMargin import (
    SwitchCrossIsolatedMargin,
)
from carpenstar_bybit.Derivatives.Contract.Position.SwitchCrossIsolatedMargin.Request import (
    SwitchCrossIsolatedMarginRequest,
)
from carpenstar_bybit.Derivatives.Contract.Position.SwitchPositionMode import SwitchPositionMode
from carpenstar_bybit.Derivatives.Contract.Position.SwitchPositionMode.Request import (
    SwitchPositionModeRequest,
)
from carpenstar_bybit.Derivatives.Contract.Position.SwitchTpSlMode import SwitchTpSlMode
from carpenstar_bybit.Derivatives.Contract.Position.SwitchTpSlMode.Request import (
    SwitchTpSlModeRequest,
)

from ..conftest import FROZEN_MS, HOST, KEY, envelope, expected_sign

# (endpoint, request, the exact body) of every POST endpoint.
POST_CASES: list[tuple[type[Endpoint], AbstractParameters, bytes]] = [
    (
        SetLeverage,
        SetLeverageRequest().setSymbol("BTCUSDT").setBuyLeverage(6).setSellLeverage(6.0),
        b'{"category":"linear","symbol":"BTCUSDT","buyLeverage":"6","sellLeverage":"6"}',
    ),
    (
        SetLeverage,
        SetLeverageRequest().setSymbol("BTCUSD").setBuyLeverage("12.5").setSellLeverage(12.5),
        b'{"category":"inverse","symbol":"BTCUSD","buyLeverage":"12.5","sellLeverage":"12.5"}',
    ),
    (
        SetLeverage,
        SetLeverageRequest().setSymbol("ETHUSDT").setBuyLeverage(3).setSellLeverage(Decimal("5")),
        b'{"category":"linear","symbol":"ETHUSDT","buyLeverage":"3","sellLeverage":"5"}',
    ),
    (
        SetRiskLimit,
        SetRiskLimitRequest().setSymbol("BTCUSDT").setRiskId(4).setPositionIdx(0),
        b'{"category":"linear","symbol":"BTCUSDT","riskId":4,"positionIdx":0}',
    ),
    (
        SetTradingStop,
        SetTradingStopRequest()
        .setSymbol("XRPUSDT")
        .setTakeProfit(0.6)
        .setStopLoss("0.2")
        .setTpTriggerBy("MarkPrice")
        .setSlTriggerBy("IndexPrice")
        .setTpslMode("Partial")
        .setTpOrderType("Limit")
        .setSlOrderType("Limit")
        .setTpSize(50)
        .setSlSize(50)
        .setTpLimitPrice(0.57)
        .setSlLimitPrice(0.21)
        .setPositionIdx(0),
        # The V5 docs' example body, with the library's (declaration) key order.
        b'{"category":"linear","symbol":"XRPUSDT","takeProfit":"0.6","stopLoss":"0.2",'
        b'"tpslMode":"Partial","tpSize":"50","slSize":"50","tpTriggerBy":"MarkPrice",'
        b'"slTriggerBy":"IndexPrice","tpLimitPrice":"0.57","slLimitPrice":"0.21",'
        b'"tpOrderType":"Limit","slOrderType":"Limit","positionIdx":0}',
    ),
    (
        SetTradingStop,
        SetTradingStopRequest()
        .setSymbol("BTCUSDT")
        .setTakeProfit(0)
        .setStopLoss(0.00001)
        .setTpslMode("Full")
        .setPositionIdx(0),
        # 0 cancels and is sent; a small float is never sent in exponent form.
        b'{"category":"linear","symbol":"BTCUSDT","takeProfit":"0","stopLoss":"0.00001",'
        b'"tpslMode":"Full","positionIdx":0}',
    ),
    (
        SetTradingStop,
        SetTradingStopRequest()
        .setSymbol("ETHUSDT")
        .setTrailingStop(25)
        .setActivePrice(3100)
        .setTpslMode("Full")
        .setPositionIdx(2),
        b'{"category":"linear","symbol":"ETHUSDT","tpslMode":"Full","trailingStop":"25",'
        b'"activePrice":"3100","positionIdx":2}',
    ),
    (
        SwitchCrossIsolatedMargin,
        SwitchCrossIsolatedMarginRequest()
        .setSymbol("ETHUSDT")
        .setTradeMode(0)
        .setBuyLeverage(10)
        .setSellLeverage(10),
        b'{"category":"linear","symbol":"ETHUSDT","tradeMode":0,"buyLeverage":"10",'
        b'"sellLeverage":"10"}',
    ),
    (
        SwitchPositionMode,
        SwitchPositionModeRequest().setSymbol("BTCUSDT").setPositionMode(3),
        b'{"category":"linear","symbol":"BTCUSDT","mode":3}',
    ),
    (
        SwitchPositionMode,
        SwitchPositionModeRequest().setCoin("USDT").setPositionMode(0),
        b'{"category":"linear","coin":"USDT","mode":0}',
    ),
    (
        SwitchTpSlMode,
        SwitchTpSlModeRequest().setSymbol("XRPUSDT").setTpSlMode("Full"),
        b'{"category":"linear","symbol":"XRPUSDT","tpSlMode":"Full"}',
    ),
    (
        SetAutoAddMargin,
        SetAutoAddMarginRequest().setSymbol("BTCUSDT").setAutoAddMargin(0).setPositionIdx(0),
        b'{"category":"linear","symbol":"BTCUSDT","autoAddMargin":0,"positionIdx":0}',
    ),
    (
        SetAutoAddMargin,
        SetAutoAddMarginRequest()
        .setSymbol("BTCUSDT")
        .setSide("Sell")
        .setAutoAddMargin(1)
        .setPositionIdx(2),
        # PHP's side is checked against positionIdx and not sent: V5 has no such field.
        b'{"category":"linear","symbol":"BTCUSDT","autoAddMargin":1,"positionIdx":2}',
    ),
]

# (endpoint, request, the exact query) of every GET endpoint.
GET_CASES: list[tuple[type[Endpoint], AbstractParameters, str]] = [
    (MyPosition, MyPositionRequest().setSymbol("BTCUSDT"), "category=linear&symbol=BTCUSDT"),
    (MyPosition, MyPositionRequest().setSettleCoin("USDT"), "category=linear&settleCoin=USDT"),
    (
        MyPosition,
        MyPositionRequest().setSettleCoin("USDT").setLimit(200).setCursor("a%3Ab"),
        "category=linear&settleCoin=USDT&limit=200&cursor=a%253Ab",
    ),
    (MyPosition, MyPositionRequest().setCategory("inverse"), "category=inverse"),
    (
        MyPosition,
        MyPositionRequest().setCategory("option").setBaseCoin("BTC"),
        "category=option&baseCoin=BTC",
    ),
    (
        GetClosedPnL,
        GetClosedPnLRequest()
        .setSymbol("ETHUSDT")
        .setStartTime(1_670_838_034_412)
        .setEndTime(datetime(2022, 12, 13, 12, 0, 0, 123000, tzinfo=UTC))
        .setLimit(100),
        # milliseconds kept (PHP kept whole seconds)
        "category=linear&symbol=ETHUSDT&startTime=1670838034412&endTime=1670932800123&limit=100",
    ),
    (GetClosedPnL, GetClosedPnLRequest().setSymbol("BTCUSD"), "category=inverse&symbol=BTCUSD"),
    (
        GetExecutionList,
        GetExecutionListRequest().setSymbol("ETHUSDT").setExecType("Trade").setLimit(1),
        "category=linear&symbol=ETHUSDT&execType=Trade&limit=1",
    ),
    (
        GetExecutionList,
        GetExecutionListRequest().setCategory("spot").setOrderId("abc").setOrderLinkId("x-1"),
        "category=spot&orderId=abc&orderLinkId=x-1",
    ),
    (
        GetExecutionList,
        GetExecutionListRequest().setSettleCoin("BTC").setCursor("132766%3A2"),
        "category=inverse&settleCoin=BTC&cursor=132766%253A2",
    ),
    (WalletBalance, WalletBalanceRequest(), "accountType=UNIFIED"),
    (
        WalletBalance,
        WalletBalanceRequest().setCoin("USDT,USDC"),
        "accountType=UNIFIED&coin=USDT%2CUSDC",
    ),
    (GetTradingFeeRate, GetTradingFeeRateRequest(), "category=linear"),
    (
        GetTradingFeeRate,
        GetTradingFeeRateRequest().setSymbol("BTCUSDT"),
        "category=linear&symbol=BTCUSDT",
    ),
    (
        GetTradingFeeRate,
        GetTradingFeeRateRequest().setCategory("option").setBaseCoin("ETH"),
        "category=option&baseCoin=ETH",
    ),
]

RESULTS: dict[type[Endpoint], Any] = {
    SetRiskLimit: {"riskId": 4, "riskLimitValue": "8000000", "category": "linear"},
    SwitchTpSlMode: {"tpSlMode": "Full"},
}


def _headers_ok(last: Any, payload: bytes) -> None:
    headers = last.headers
    assert headers["X-BAPI-API-KEY"] == KEY
    assert headers["X-BAPI-TIMESTAMP"] == str(FROZEN_MS)
    assert headers["X-BAPI-RECV-WINDOW"] == "5000"
    assert headers["X-BAPI-SIGN-TYPE"] == "2"
    assert headers["X-BAPI-SIGN"] == expected_sign(payload)


@pytest.mark.parametrize(("endpoint", "request_dto", "body"), POST_CASES)
def test_post_wire(
    api: BybitAPI,
    mock: requests_mock.Mocker,
    endpoint: type[Endpoint],
    request_dto: AbstractParameters,
    body: bytes,
) -> None:
    url = f"{HOST}{endpoint.PATH}"
    mock.post(url, json=envelope(RESULTS.get(endpoint, {})))
    declaration = endpoint.REQUEST_CLASS.DECLARATION
    deprecated = declaration is not None and declaration.deprecated is not None
    warns = pytest.warns(DeprecationWarning, match=endpoint.__name__)
    with warns if deprecated else nullcontext():
        answer = api.rest(endpoint, request_dto)
    assert mock.call_count == 1
    last = mock.last_request
    assert (last.method, last.url) == ("POST", url)
    assert last.body == body
    assert last.headers["Content-Type"] == "application/json"
    assert last.headers["Content-Length"] == str(len(body))
    _headers_ok(last, body)
    assert answer.getBody().count() == (1 if endpoint in RESULTS else 0)


@pytest.mark.parametrize(("endpoint", "request_dto", "query"), GET_CASES)
def test_get_wire(
    api: BybitAPI,
    mock: requests_mock.Mocker,
    endpoint: type[Endpoint],
    request_dto: AbstractParameters,
    query: str,
) -> None:
    url = f"{HOST}{endpoint.PATH}"
    mock.get(url, json=envelope({"list": []}))
    api.rest(endpoint, request_dto)
    assert mock.call_count == 1
    last = mock.last_request
    assert last.method == "GET"
    assert last.url == f"{url}?{query}"
    assert last.body is None
    _headers_ok(last, query.encode())


def test_every_endpoint_has_a_wire_case() -> None:
    covered = {e for e, _, _ in POST_CASES} | {e for e, _, _ in GET_CASES}
    assert len(covered) == 12
    paths = sorted(e.PATH for e in covered)
    assert paths == [
        "/v5/account/fee-rate",
        "/v5/account/wallet-balance",
        "/v5/execution/list",
        "/v5/position/closed-pnl",
        "/v5/position/list",
        "/v5/position/set-auto-add-margin",
        "/v5/position/set-leverage",
        "/v5/position/set-risk-limit",
        "/v5/position/set-tpsl-mode",
        "/v5/position/switch-isolated",
        "/v5/position/switch-mode",
        "/v5/position/trading-stop",
    ]
