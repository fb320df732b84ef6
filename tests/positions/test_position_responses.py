"""The PHP fixtures and the V5 docs' examples parse, getter by getter, in every output mode."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from carpenstar_bybit.Core.Builders import RestBuilder
from carpenstar_bybit.Core.Endpoints import OverrideEndpoint
from carpenstar_bybit.Core.Enums import EnumOutputMode
from carpenstar_bybit.Core.Exceptions import ApiException
from carpenstar_bybit.Derivatives.Contract.Account.GetTradingFeeRate.Interfaces import (
    IGetTradingFeeRateResponseInterface,
)
from carpenstar_bybit.Derivatives.Contract.Account.GetTradingFeeRate.Overrides import (
    TestGetTradingFeeRate,
)
from carpenstar_bybit.Derivatives.Contract.Account.GetTradingFeeRate.Request import (
    GetTradingFeeRateRequest,
)
from carpenstar_bybit.Derivatives.Contract.Account.WalletBalance.Interfaces import (
    IWalletBalanceResponseInterface,
)
from carpenstar_bybit.Derivatives.Contract.Account.WalletBalance.Overrides import (
    TestWalletBalance,
)
from carpenstar_bybit.Derivatives.Contract.Account.WalletBalance.Request import (
    WalletBalanceRequest,
)
from carpenstar_bybit.Derivatives.Contract.Account.WalletBalance.Response import (
    WalletBalanceAccount,
    WalletBalanceResponse,
)
from carpenstar_bybit.Derivatives.Contract.Position.GetClosedPnL.Interfaces import (
    IGetClosedPnLResponseInterface,
)
from carpenstar_bybit.Derivatives.Contract.Position.GetClosedPnL.Overrides import TestGetClosedPnL
from carpenstar_bybit.Derivatives.Contract.Position.GetClosedPnL.Request import GetClosedPnLRequest
from carpenstar_bybit.Derivatives.Contract.Position.GetExecutionList.Interfaces import (
    IGetExecutionListResponseInterface,
)
from carpenstar_bybit.Derivatives.Contract.Position.GetExecutionList.Overrides import (
    TestGetExecutionList,
)
from carpenstar_bybit.Derivatives.Contract.Position.GetExecutionList.Request import (
    GetExecutionListRequest,
)
from carpenstar_bybit.Derivatives.Contract.Position.MyPosition.Interfaces import (
    IMyPositionResponseInterface,
)
from carpenstar_bybit.Derivatives.Contract.Position.MyPosition.Overrides import TestMyPosition
from carpenstar_bybit.Derivatives.Contract.Position.MyPosition.Request import MyPositionRequest
from carpenstar_bybit.Derivatives.Contract.Position.SetAutoAddMargin.Overrides import (
    TestSetAutoAddMargin,
)
from carpenstar_bybit.Derivatives.Contract.Position.SetLeverage.Overrides import TestSetLeverage
from carpenstar_bybit.Derivatives.Contract.Position.SetRiskLimit.Overrides import TestSetRiskLimit
from carpenstar_bybit.Derivatives.Contract.Position.SetTradingStop.Overrides import (
    TestSetTradingStop,
)
from carpenstar_bybit.Derivatives.Contract.Position.SwitchCrossIsolatedMargin.Overrides import (
    TestSwitchCrossIsolatedMargin,
)
from carpenstar_bybit.Derivatives.Contract.Position.SwitchPositionMode.Overrides import (
    TestSwitchPositionMode,
)
from carpenstar_bybit.Derivatives.Contract.Position.SwitchTpSlMode.Overrides import (
    TestSwitchTpSlMode,
)

FIXTURES = Path(__file__).parent / "fixtures"


def fixture(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def parse(endpoint: type[OverrideEndpoint], name: str, mode: int = 0) -> Any:
    request = endpoint.REQUEST_CLASS()  # never sent: the override parses the JSON given
    return RestBuilder.make(endpoint, request).execute(mode, fixture(name))


def ms(value: int) -> datetime:
    return datetime.fromtimestamp(value / 1000, tz=UTC)


def test_php_my_position_fixture() -> None:
    answer = parse(TestMyPosition, "php_my_position.json")
    assert answer.getBody().count() == 1
    p: IMyPositionResponseInterface = answer.getBody().fetch()
    assert p.getSymbol() == "ETCUSDT"
    assert p.getSide() == "Sell"
    assert p.getSize() == 5.0
    assert p.getEntryPrice() == 20.205  # V5 avgPrice (the fixture carries both keys)
    assert p.getLeverage() == 10.0
    assert p.getPositionValue() == 101.025
    assert p.getPositionIdx() == 0
    assert p.getRiskId() == 236
    assert p.getRiskLimitValue() == "200000"
    assert p.getTradeMode() == 0
    assert p.getAutoAddMargin() == 0
    assert p.getPositionBalance() == 10.1691765
    assert p.getLiqPrice() == 1606.06
    assert p.getBustPrice() == 1606.26
    assert p.getTpSlMode() == ""  # V5 spells it tpslMode; the v3 fixture has tpSlMode
    assert p.getTakeProfit() == 0.0
    assert p.getStopLoss() == 0.0
    assert p.getCreatedTime() == ms(1672986751942)  # milliseconds kept (PHP cut to seconds)
    assert p.getUpdatedTime() == ms(1673419917797)
    assert p.getTrailingStop() == "0.000"
    assert p.getActivePrice() is None  # no V5 field
    assert p.getMarkPrice() == 19.935
    assert p.getUnrealisedPnl() == 1.35
    assert p.getCumRealisedPnl() == 0.02758243
    assert p.getPositionMM() is None  # "" is missing, not 0.0
    assert p.getPositionIM() is None
    assert p.getPositionStatus() == "Normal"
    assert p.getSessionAvgPrice() == 0.0
    assert p.getOccClosingFee() is None  # no V5 field
    assert p.getAdlRankIndicator() == 2
    assert answer.getNextPageCursor() == ""
    assert answer.getTime() == ms(1673421076067)


def test_v5_position_list_example() -> None:
    answer = parse(TestMyPosition, "v5_position_list.json")
    p = answer.getBody().fetch()
    assert (p.getSymbol(), p.getSide(), p.getSize()) == ("BTCUSD", "Sell", 300.0)
    assert p.getEntryPrice() == 27464.50441675
    assert p.getPositionValue() == 0.01092319
    assert (p.getRiskId(), p.getRiskLimitValue(), p.getAutoAddMargin()) == (1, "150", 1)
    assert p.getLiqPrice() is None
    assert p.getBustPrice() == 999999.0
    assert p.getTpSlMode() == "Full"
    assert p.getPositionMM() == 0.0000015
    assert p.getPositionIM() == 0.00010923
    assert p.getPositionIMByMp() == 0.00010923
    assert p.getPositionMMByMp() == 0.0000015
    assert p.getBreakEvenPrice() == 93556.73034991
    assert p.getCurRealisedPnl() == 0.00013123
    assert p.getCumRealisedPnl() == -0.00096902
    assert p.getUnrealisedPnl() == -0.00029413
    assert p.getSeq() == 5723621632
    assert p.getIsReduceOnly() is False
    assert p.getSessionAvgPrice() is None
    assert p.getOpenTime() is None
    assert p.getCreatedTime() == ms(1676538056258)
    assert answer.getRawResult()["category"] == "inverse"


@pytest.mark.parametrize(
    "endpoint",
    [
        TestSetLeverage,
        TestSetTradingStop,
        TestSwitchCrossIsolatedMargin,
        TestSwitchPositionMode,
        TestSetAutoAddMargin,
    ],
)
def test_empty_answers(endpoint: type[OverrideEndpoint]) -> None:
    answer = parse(endpoint, "php_empty_result.json")
    assert answer.getBody().count() == 0
    assert answer.getReturnCode() == 0
    assert answer.getTimeMs() == 1670826151500
    assert parse(endpoint, "php_empty_result.json", EnumOutputMode.MODE_ARRAY).getBody().all() == []


def test_set_risk_limit_and_tpsl_mode_answers() -> None:
    # The PHP fixtures are {}: no item. V5 answers an object, readable through the getters.
    assert parse(TestSetRiskLimit, "php_empty_result.json").getBody().count() == 0
    assert parse(TestSwitchTpSlMode, "php_empty_result.json").getBody().count() == 0
    risk = parse(TestSetRiskLimit, "v5_set_risk_limit.json").getBody().fetch()
    assert (risk.getRiskId(), risk.getRiskLimitValue(), risk.getCategory()) == (
        4,
        "8000000",
        "linear",
    )
    mode = parse(TestSwitchTpSlMode, "v5_set_tpsl_mode.json").getBody().fetch()
    assert mode.getTpSlMode() == "Full"


def test_php_closed_pnl_fixture() -> None:
    answer = parse(TestGetClosedPnL, "php_closed_pnl.json")
    r: IGetClosedPnLResponseInterface = answer.getBody().fetch()
    assert r.getSymbol() == "ETHUSDT"
    assert r.getOrderId() == "ee650123-74bf-4094-aadb-efa139d99c50"
    assert r.getSide() == "Buy"
    assert r.getQty() == 0.3
    assert r.getLeverage() == 50.0
    assert r.getOrderPrice() == 1314.75
    assert r.getOrderType() == "Market"
    assert r.getExecType() == "Trade"
    assert r.getClosedSize() == 0.3
    assert r.getCumEntryValue() == 373.71078947
    assert r.getAvgEntryPrice() == 1245.7026
    assert r.getCumExitValue() == 375.532
    assert r.getAvgExitPrice() == 1251.7734
    assert r.getClosedPnl() == -2.27050237
    assert r.getFillCount() == 2
    assert r.getCreatedAt() is None  # the v3 key createdAt; V5 sends createdTime
    assert answer.getNextPageCursor().startswith("eyJza2lwX2xvY2FsX3N5bWJvbCI6")


def test_v5_closed_pnl_example() -> None:
    answer = parse(TestGetClosedPnL, "v5_closed_pnl.json")
    r = answer.getBody().fetch()
    assert (r.getSymbol(), r.getSide(), r.getQty(), r.getLeverage()) == (
        "ETHPERP",
        "Sell",
        3.0,
        3.0,
    )
    assert r.getClosedPnl() == -47.4065323
    assert r.getAvgEntryPrice() == 1194.97516667
    assert r.getAvgExitPrice() == 1180.59833333
    assert r.getFillCount() == 4
    assert r.getCreatedAt() == ms(1672214887231)
    assert r.getUpdatedTime() == ms(1672214887236)
    assert r.getOpenFee() is None  # not in this example
    assert r.getCloseFee() is None
    assert answer.getNextPageCursor().startswith("5a373bfe-188d-4913-9c81-d57ab5be8068%3A")


def test_php_execution_list_fixture() -> None:
    e: IGetExecutionListResponseInterface = (
        parse(TestGetExecutionList, "php_execution_list.json").getBody().fetch()
    )
    assert e.getSymbol() == "ETHUSDT"
    assert e.getSide() == "Sell"
    assert e.getOrderId() == "1673136000-ETHUSDT-592334-Sell"
    assert e.getOrderLinkId() == ""
    assert e.getOrderPrice() == 0.0
    assert e.getOrderQty() == 0.0
    assert e.getOrderType() == "UNKNOWN"
    assert e.getStopOrderType() == "UNKNOWN"
    assert e.getExecId() == "208751d8-f70e-4570-a5fd-d208c82af99d"
    assert e.getExecPrice() == 1263.77  # PHP never set it (its getter always failed)
    assert e.getExecQty() == 0.69
    assert e.getExecFee() == -0.08720013
    assert e.getExecType() == "Funding"
    assert e.getExecValue() == 872.0013
    assert e.getFeeRate() == -0.0001
    assert e.getLastLiquidityInd() is None  # no V5 field
    assert e.isMaker() is False
    assert e.getLeavesQty() == 0.0
    assert e.getClosedSize() == 0.0
    assert e.getBlockTradeId() == ""
    assert e.getMarkPrice() is None
    assert e.getIndexPrice() is None
    assert e.getUnderlyingPrice() is None
    assert e.getExecTime() == ms(1673136000000)


def test_v5_execution_list_example() -> None:
    e = parse(TestGetExecutionList, "v5_execution_list.json").getBody().fetch()
    assert (e.getSymbol(), e.getSide(), e.getExecType()) == ("ETHPERP", "Buy", "Trade")
    assert (e.getExecPrice(), e.getExecQty(), e.getExecFee()) == (1190.15, 0.1, 0.071409)
    assert e.getExecValue() == 119.015
    assert e.getMarkPrice() == 1183.54
    assert e.getClosedSize() is None
    assert e.getSeq() == 4688002127
    assert e.getFeeCurrency() == ""
    assert e.getTradeIv() is None
    assert e.getExecTime() == ms(1672282722429)


def test_php_wallet_balance_fixture_v3_flat() -> None:
    # v3 answered a flat list of coins: each is read as a coin item, without an account.
    b: IWalletBalanceResponseInterface = (
        parse(TestWalletBalance, "php_wallet_balance.json").getBody().fetch()
    )
    assert b.getCoin() == "USDC"
    assert b.getEquity() == 1259.7788251
    assert b.getWalletBalance() == 1259.7488251
    assert b.getUnrealisedPnl() == 0.03
    assert b.getCumRealisedPnl() == 26.6561752
    # v3 names V5 does not have, or has elsewhere:
    assert b.getPositionMargin() is None
    assert b.getOrderMargin() is None
    assert b.getAvailableBalance() is None
    assert b.getAccountIM() == ""
    assert b.getAccountMM() == ""
    assert b.getOccClosingFee() is None
    assert b.getOccFundingFee() is None
    assert b.getGivenCash() is None
    assert b.getServiceCash() is None
    assert isinstance(b, WalletBalanceResponse)
    assert b.getAccount() is None


def test_v5_wallet_balance_example_flat_view_and_nested() -> None:
    answer = parse(TestWalletBalance, "v5_wallet_balance.json")
    assert answer.getBody().count() == 1
    b = answer.getBody().fetch()
    assert b.getCoin() == "BTC"
    assert (b.getEquity(), b.getWalletBalance(), b.getUsdValue()) == (0.0, 0.0, 0.0)
    assert b.getPositionMargin() == 0.0  # totalPositionIM
    assert b.getOrderMargin() == 0.0  # totalOrderIM
    assert b.getAvailableBalance() == 3.00326056  # the account's totalAvailableBalance (USD)
    assert b.getAccountIM() == "0"  # the account's totalInitialMargin
    assert b.getAccountMM() == "0"
    assert b.getBorrowAmount() == 0.0
    assert b.getMarginCollateral() is True
    assert b.getCollateralSwitch() is True
    account = b.getAccount()
    assert isinstance(account, WalletBalanceAccount)
    assert account.getAccountType() == "UNIFIED"
    assert account.getTotalEquity() == 3.31216591
    assert account.getTotalWalletBalance() == 3.00326056
    assert account.getTotalMarginBalance() == 3.00326056
    assert account.getTotalPerpUPL() == 0.0
    # The array mode gives the flat coins as sent; the whole nested result stays reachable.
    flat = parse(TestWalletBalance, "v5_wallet_balance.json", EnumOutputMode.MODE_ARRAY)
    assert flat.getBody().all() == [
        json.loads(fixture("v5_wallet_balance.json"))["result"]["list"][0]["coin"][0]
    ]
    assert flat.getRawResult()["list"][0]["totalEquity"] == "3.31216591"


def test_wallet_balance_flattens_every_account_in_order() -> None:
    text = json.dumps(
        {
            "retCode": 0,
            "retMsg": "OK",
            "result": {
                "list": [
                    {
                        "accountType": "UNIFIED",
                        "totalEquity": "1",
                        "coin": [{"coin": "USDT"}, {"coin": "BTC"}],
                    },
                    {"accountType": "UNIFIED", "totalEquity": "2", "coin": []},
                    {"accountType": "UNIFIED", "totalEquity": "3", "coin": [{"coin": "ETH"}]},
                ]
            },
        }
    )
    body = RestBuilder.make(TestWalletBalance, WalletBalanceRequest()).execute(0, text).getBody()
    assert [(c.getCoin(), c.getAccount().getTotalEquity()) for c in body.all()] == [
        ("USDT", 1.0),
        ("BTC", 1.0),
        ("ETH", 3.0),
    ]


@pytest.mark.parametrize(
    "result",
    [{"list": [{"coin": [1, 2]}]}, {"list": [{"coin": {"coin": "BTC"}}]}, {"list": "x"}],
)
def test_wallet_balance_hostile_nesting_is_an_api_exception(result: object) -> None:
    text = json.dumps({"retCode": 0, "retMsg": "OK", "result": result})
    with pytest.raises(ApiException, match=r"unexpected response: result\.list"):
        RestBuilder.make(TestWalletBalance, WalletBalanceRequest()).execute(0, text)


def test_hostile_parent_field_is_an_api_exception_not_a_type_error() -> None:
    text = json.dumps(
        {
            "retCode": 0,
            "result": {"list": [{"totalAvailableBalance": [1], "coin": [{"coin": "X"}]}]},
        }
    )
    coin = (
        RestBuilder.make(TestWalletBalance, WalletBalanceRequest())
        .execute(0, text)
        .getBody()
        .fetch()
    )
    with pytest.raises(ApiException, match="totalAvailableBalance is list"):
        coin.getAvailableBalance()


@pytest.mark.parametrize("name", ["php_fee_rate.json", "v5_fee_rate.json"])
def test_fee_rate_fixtures(name: str) -> None:
    answer = parse(TestGetTradingFeeRate, name)
    rows: list[IGetTradingFeeRateResponseInterface] = answer.getBody().all()
    expected = json.loads(fixture(name))["result"]["list"]
    assert len(rows) == len(expected)
    for row, item in zip(rows, expected, strict=True):
        assert row.getSymbol() == item["symbol"]
        assert row.getTakerFeeRate() == float(item["takerFeeRate"])
        assert row.getMakerFeeRate() == float(item["makerFeeRate"])
    assert rows[0].getBaseCoin() == ""
    assert GetTradingFeeRateRequest().getCategory() is None


def test_list_answers_in_array_and_json_modes() -> None:
    for endpoint, name in [
        (TestMyPosition, "v5_position_list.json"),
        (TestGetClosedPnL, "v5_closed_pnl.json"),
        (TestGetExecutionList, "v5_execution_list.json"),
    ]:
        raw = fixture(name)
        array = parse(endpoint, name, EnumOutputMode.MODE_ARRAY).getBody().all()
        assert array == json.loads(raw)["result"]["list"]
        assert parse(endpoint, name, EnumOutputMode.MODE_JSON).getBody().fetch() == raw
    assert MyPositionRequest().getLimit() is None
    assert GetClosedPnLRequest().getLimit() is None  # PHP always sent 50; V5's default is 50
    assert GetExecutionListRequest().getLimit() is None
