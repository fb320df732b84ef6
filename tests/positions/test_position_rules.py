"""Every validation rule before I/O, 0 as a value, the deprecations and the refusal hints."""

from __future__ import annotations

import importlib
import warnings
from collections.abc import Callable
from datetime import datetime

import pytest
import requests_mock

from carpenstar_bybit import BybitAPI
from carpenstar_bybit.Core.Builders import RestBuilder
from carpenstar_bybit.Core.Endpoints import Endpoint
from carpenstar_bybit.Core.Exceptions import ApiException, SDKException, SDKTypeError
from carpenstar_bybit.Core.Objects import AbstractParameters
from carpenstar_bybit.Core.Registry import ENDPOINTS
from carpenstar_bybit.Derivatives.Contract.Account.GetTradingFeeRate.Request import (
    GetTradingFeeRateRequest as Fee,
)
from carpenstar_bybit.Derivatives.Contract.Account.WalletBalance.Request import (
    WalletBalanceRequest as Wallet,
)
from carpenstar_bybit.Derivatives.Contract.Position.GetClosedPnL.Request import (
    GetClosedPnLRequest as Pnl,
)
from carpenstar_bybit.Derivatives.Contract.Position.GetExecutionList.Request import (
    GetExecutionListRequest as Execs,
)
from carpenstar_bybit.Derivatives.Contract.Position.MyPosition.Request import (
    MyPositionRequest as MyPos,
)
from carpenstar_bybit.Derivatives.Contract.Position.SetAutoAddMargin.Request import (
    SetAutoAddMarginRequest as AutoAdd,
)
from carpenstar_bybit.Derivatives.Contract.Position.SetLeverage.Request import (
    SetLeverageRequest as Lev,
)
from carpenstar_bybit.Derivatives.Contract.Position.SetRiskLimit import SetRiskLimit
from carpenstar_bybit.Derivatives.Contract.Position.SetRiskLimit.Request import (
    SetRiskLimitRequest as Risk,
)
from carpenstar_bybit.Derivatives.Contract.Position.SetTradingStop.Request import (
    SetTradingStopRequest as Stop,
)
from carpenstar_bybit.Derivatives.Contract.Position.SwitchCrossIsolatedMargin import (
    SwitchCrossIsolatedMargin,
)
from carpenstar_bybit.Derivatives.Contract.Position.SwitchCrossIsolatedMargin.Overrides import (
    TestSwitchCrossIsolatedMargin,
)
from carpenstar_bybit.Derivatives.Contract.Position.SwitchCrossIsolatedMargin.Request import (
    SwitchCrossIsolatedMarginRequest as Iso,
)
from carpenstar_bybit.Derivatives.Contract.Position.SwitchPositionMode import SwitchPositionMode
from carpenstar_bybit.Derivatives.Contract.Position.SwitchPositionMode.Request import (
    SwitchPositionModeRequest as Mode,
)
from carpenstar_bybit.Derivatives.Contract.Position.SwitchTpSlMode import SwitchTpSlMode
from carpenstar_bybit.Derivatives.Contract.Position.SwitchTpSlMode.Request import (
    SwitchTpSlModeRequest as TpSl,
)

from ..conftest import HOST, envelope

Build = Callable[[], AbstractParameters]


def full_stop() -> Stop:
    return Stop().setSymbol("BTCUSDT").setTpslMode("Full").setPositionIdx(0)


def partial_stop() -> Stop:
    return Stop().setSymbol("BTCUSDT").setTpslMode("Partial").setPositionIdx(0)


DAY = 86_400_000

# (a request built by setters, the exact message of the SDKException array() raises)
RULES: list[tuple[Build, str]] = [
    # MyPosition
    (
        lambda: MyPos(),
        "MyPositionRequest.symbol: one of symbol and settleCoin is required "
        "(or setCategory('inverse'|'option') to list the whole category)",
    ),
    (
        lambda: MyPos().setCategory("linear"),
        "MyPositionRequest.symbol: one of symbol and settleCoin is required",
    ),
    (
        lambda: MyPos().setSymbol("BTCUSDT").setBaseCoin("BTC"),
        "MyPositionRequest.baseCoin: is for category 'option' only (category is 'linear')",
    ),
    # SetLeverage
    (lambda: Lev().setBuyLeverage(1).setSellLeverage(1), "SetLeverageRequest.symbol: is required"),
    (
        lambda: Lev().setSymbol("BTCUSDT").setSellLeverage(1),
        "SetLeverageRequest.buyLeverage: is required",
    ),
    (
        lambda: Lev().setSymbol("BTCUSDT").setBuyLeverage(0.5).setSellLeverage(1),
        "SetLeverageRequest.buyLeverage: must be at least 1 (got '0.5')",
    ),
    (
        lambda: Lev().setSymbol("BTCUSD").setBuyLeverage(5).setSellLeverage(10),
        "SetLeverageRequest.sellLeverage: must equal buyLeverage for category 'inverse' "
        "(one-way only; 10 != 5)",
    ),
    (
        lambda: Lev().setSymbol("ETHBTC").setBuyLeverage(2).setSellLeverage(2),
        "SetLeverageRequest.category: cannot be told from symbol 'ETHBTC'; "
        "call setCategory('linear'|'inverse')",
    ),
    # SetRiskLimit
    (lambda: Risk().setSymbol("BTCUSDT"), "SetRiskLimitRequest.riskId: is required"),
    # SetTradingStop
    (
        lambda: Stop().setSymbol("BTCUSDT").setPositionIdx(0).setTakeProfit(1),
        "SetTradingStopRequest.tpslMode: is required",
    ),
    (
        lambda: Stop().setSymbol("BTCUSDT").setTpslMode("Full").setTakeProfit(1),
        "SetTradingStopRequest.positionIdx: is required",
    ),
    (
        lambda: full_stop().setTpSize(1),
        "SetTradingStopRequest.tpSize: is for tpslMode Partial only (tpslMode is Full)",
    ),
    (
        lambda: full_stop().setSlLimitPrice(1),
        "SetTradingStopRequest.slLimitPrice: is for tpslMode Partial only (tpslMode is Full)",
    ),
    (
        lambda: full_stop().setTpOrderType("Limit"),
        "SetTradingStopRequest.tpOrderType: must be Market when tpslMode is Full",
    ),
    (
        lambda: partial_stop().setTakeProfit(70000),
        "SetTradingStopRequest.tpSize: takeProfit and tpSize go in pairs when tpslMode is Partial",
    ),
    (
        lambda: partial_stop().setSlSize(1),
        "SetTradingStopRequest.stopLoss: stopLoss and slSize go in pairs when tpslMode is Partial",
    ),
    (
        lambda: partial_stop(),
        "SetTradingStopRequest.takeProfit: tpslMode Partial needs takeProfit with tpSize, "
        "or stopLoss with slSize",
    ),
    (
        lambda: partial_stop().setTakeProfit(7).setTpSize(1).setStopLoss(5).setSlSize("2"),
        "SetTradingStopRequest.slSize: must equal tpSize (2 != 1)",
    ),
    (
        lambda: partial_stop().setTakeProfit(7).setTpSize(1).setTpLimitPrice(6.9),
        "SetTradingStopRequest.tpLimitPrice: needs tpOrderType Limit",
    ),
    (
        lambda: partial_stop().setStopLoss(5).setSlSize(1).setSlOrderType("Limit"),
        "SetTradingStopRequest.slLimitPrice: is required when slOrderType is Limit",
    ),
    (
        lambda: partial_stop().setCategory("option").setTakeProfit(7).setTpSize(1),
        "SetTradingStopRequest.tpslMode: must be Full for category 'option'",
    ),
    # SwitchCrossIsolatedMargin
    (
        lambda: Iso().setSymbol("BTCUSDT").setBuyLeverage(5).setSellLeverage(5),
        "SwitchCrossIsolatedMarginRequest.tradeMode: is required",
    ),
    (
        lambda: Iso().setSymbol("BTCUSDT").setTradeMode(0).setBuyLeverage(5).setSellLeverage(6),
        "SwitchCrossIsolatedMarginRequest.sellLeverage: must equal buyLeverage (6 != 5)",
    ),
    (
        lambda: Iso().setSymbol("BTCUSDT").setTradeMode(1).setBuyLeverage(0.5).setSellLeverage(0.5),
        "SwitchCrossIsolatedMarginRequest.buyLeverage: must be at least 1 (got '0.5')",
    ),
    # SwitchPositionMode
    (
        lambda: Mode().setPositionMode(0),
        "SwitchPositionModeRequest.symbol: one of symbol and coin is required",
    ),
    (lambda: Mode().setSymbol("BTCUSDT"), "SwitchPositionModeRequest.mode: is required"),
    (
        lambda: Mode().setCoin("BTC").setPositionMode(0),
        "SwitchPositionModeRequest.coin: must be a linear settle coin, USDT or USDC (got 'BTC'): "
        "V5 switches the position mode for category 'linear' only",
    ),
    (
        lambda: Mode().setSymbol("BTCUSD").setPositionMode(3),
        "SwitchPositionModeRequest.category: must be one of linear for SwitchPositionMode "
        "(got 'inverse')",
    ),
    # SwitchTpSlMode
    (lambda: TpSl().setSymbol("BTCUSDT"), "SwitchTpSlModeRequest.tpSlMode: is required"),
    # SetAutoAddMargin
    (lambda: AutoAdd().setSymbol("BTCUSDT"), "SetAutoAddMarginRequest.autoAddMargin: is required"),
    (
        lambda: AutoAdd().setSymbol("BTCUSDT").setSide("Buy").setAutoAddMargin(1).setPositionIdx(2),
        "SetAutoAddMarginRequest.side: Buy does not match positionIdx 2 "
        "(1 is the Buy side, 2 the Sell side)",
    ),
    (
        lambda: AutoAdd().setSymbol("BTCUSD").setAutoAddMargin(1),
        "SetAutoAddMarginRequest.category: must be one of linear for SetAutoAddMargin "
        "(got 'inverse')",
    ),
    # GetClosedPnL
    (
        lambda: Pnl(),
        "GetClosedPnLRequest.category: is required: it cannot be told from symbol; "
        "call setCategory('linear'|'inverse')",
    ),
    (
        lambda: Pnl().setSymbol("BTCUSDT").setStartTime(10 * DAY).setEndTime(17 * DAY + 1),
        "GetClosedPnLRequest.endTime: must be at most 7 days after startTime",
    ),
    (
        lambda: Pnl().setSymbol("BTCUSDT").setStartTime(10 * DAY).setEndTime(9 * DAY),
        f"GetClosedPnLRequest.endTime: must not be before startTime ({9 * DAY} < {10 * DAY})",
    ),
    # GetExecutionList
    (
        lambda: Execs().setOrderId("1"),
        "GetExecutionListRequest.category: is required: it cannot be told from symbol or "
        "settleCoin; call setCategory('linear'|'inverse'|'spot'|'option')",
    ),
    (
        lambda: Execs().setCategory("spot").setSettleCoin("USDT"),
        "GetExecutionListRequest.settleCoin: is not for category 'spot'",
    ),
    (
        lambda: Execs().setSymbol("BTCUSDT").setStartTime(0).setEndTime(8 * DAY),
        "GetExecutionListRequest.endTime: must be at most 7 days after startTime",
    ),
    # GetTradingFeeRate
    (
        lambda: Fee().setBaseCoin("BTC"),
        "GetTradingFeeRateRequest.baseCoin: is for category 'option' only (category is 'linear')",
    ),
    (
        lambda: Fee().setCategory("option").setSymbol("BTCUSDT"),
        "GetTradingFeeRateRequest.symbol: is not for category 'option' (use setBaseCoin)",
    ),
]

# (a setter call, the exact message it raises at once)
SETTERS: list[tuple[Build, str]] = [
    (
        lambda: MyPos().setCategory("spot").setSymbol("BTCUSDT"),
        "MyPositionRequest.category: must be one of linear, inverse, option (got 'spot')",
    ),
    (
        lambda: Lev().setCategory("option"),
        "SetLeverageRequest.category: must be one of linear, inverse (got 'option')",
    ),
    (
        lambda: Lev().setBuyLeverage(0),
        "SetLeverageRequest.buyLeverage: must be greater than 0 (got 0)",
    ),
    (
        lambda: Lev().setBuyLeverage(float("nan")),
        "SetLeverageRequest.buyLeverage: must be a finite number (got nan)",
    ),
    (lambda: Risk().setRiskId(0), "SetRiskLimitRequest.riskId: must be at least 1 (got 0)"),
    (
        lambda: Risk().setPositionIdx(3),
        "SetRiskLimitRequest.positionIdx: must be one of 0, 1, 2 (got 3)",
    ),
    (
        lambda: Stop().setTakeProfit(-1),
        "SetTradingStopRequest.takeProfit: must not be negative (got -1)",
    ),
    (
        lambda: Stop().setTpslMode("full"),
        "SetTradingStopRequest.tpslMode: must be one of Full, Partial (got 'full')",
    ),
    (
        lambda: Stop().setTpTriggerBy("Last"),
        "SetTradingStopRequest.tpTriggerBy: must be one of LastPrice, MarkPrice, IndexPrice "
        "(got 'Last')",
    ),
    (lambda: Stop().setTpSize(0), "SetTradingStopRequest.tpSize: must be greater than 0 (got 0)"),
    (
        lambda: Iso().setTradeMode(2),
        "SwitchCrossIsolatedMarginRequest.tradeMode: must be one of 0, 1 (got 2)",
    ),
    (
        lambda: Mode().setPositionMode(1),
        "SwitchPositionModeRequest.mode: must be one of 0, 3 (got 1)",
    ),
    (
        lambda: Mode().setCoin("usdt"),
        "SwitchPositionModeRequest.coin: must be uppercase, e.g. 'USDT' (got 'usdt')",
    ),
    (
        lambda: TpSl().setTpSlMode("All"),
        "SwitchTpSlModeRequest.tpSlMode: must be one of Full, Partial (got 'All')",
    ),
    (
        lambda: AutoAdd().setAutoAddMargin(2),
        "SetAutoAddMarginRequest.autoAddMargin: must be one of 0, 1 (got 2)",
    ),
    (
        lambda: AutoAdd().setSide("Long"),
        "SetAutoAddMarginRequest.side: must be one of Buy, Sell (got 'Long')",
    ),
    (lambda: Pnl().setLimit(101), "GetClosedPnLRequest.limit: must be at most 100 (got 101)"),
    (lambda: MyPos().setLimit(201), "MyPositionRequest.limit: must be at most 200 (got 201)"),
    (lambda: MyPos().setLimit(0), "MyPositionRequest.limit: must be at least 1 (got 0)"),
    (
        lambda: Pnl().setStartTime(datetime(2024, 1, 1)),  # naive on purpose
        "GetClosedPnLRequest.startTime: must be a timezone-aware datetime "
        "(a naive one is ambiguous)",
    ),
    (
        lambda: Execs().setExecType("UNKNOWN"),
        "GetExecutionListRequest.execType: must be one of Trade, AdlTrade, Funding, BustTrade, "
        "Delivery, Settle, BlockTrade, MovePosition, FutureSpread, CorporateAction (got 'UNKNOWN')",
    ),
    (
        lambda: Wallet().setAccountType("SPOT"),
        "WalletBalanceRequest.accountType: must be one of UNIFIED, CONTRACT (got 'SPOT')",
    ),
    (
        lambda: Wallet().setCoin("USDT,usdc"),
        "WalletBalanceRequest.coin: must be uppercase, e.g. 'USDT,USDC' (got 'USDT,usdc')",
    ),
    (
        lambda: Wallet().setCoin("USDT;BTC"),
        "WalletBalanceRequest.coin: must be 1 to 50 uppercase coins of up to 20 characters, "
        "comma-separated (USDT,USDC) (got 'USDT;BTC')",
    ),
]


@pytest.mark.parametrize(("build", "message"), RULES)
def test_rules_before_io(
    api: BybitAPI, mock: requests_mock.Mocker, build: Build, message: str
) -> None:
    request = build()
    with pytest.raises(SDKException) as caught:
        request.array()
    assert str(caught.value) == message
    # The same through rest(): refused before any network I/O.
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(SDKException) as again:
            api.rest(_endpoint_of(request), request)
    assert str(again.value) == message
    assert mock.call_count == 0


def _endpoint_of(request: AbstractParameters) -> type[Endpoint]:
    declaration = request.DECLARATION
    assert declaration is not None
    module = importlib.import_module(ENDPOINTS[declaration.key])
    endpoint: type[Endpoint] = getattr(module, declaration.name)
    return endpoint


@pytest.mark.parametrize(("build", "message"), SETTERS)
def test_setter_rules(build: Build, message: str) -> None:
    with pytest.raises(SDKException) as caught:
        build()
    assert str(caught.value) == message


def test_wrong_python_type_is_sdk_type_error() -> None:
    with pytest.raises(SDKTypeError, match=r"^SetTradingStopRequest\.positionIdx: must be a whole"):
        Stop().setPositionIdx(1.5)  # type: ignore[arg-type]
    with pytest.raises(SDKTypeError, match=r"^GetClosedPnLRequest\.startTime: must be ms"):
        Pnl().setStartTime(1.5)  # type: ignore[arg-type]
    # A string is a date now (the current PHP line's setStartTime); one that is not is refused.
    with pytest.raises(SDKException, match=r"^GetClosedPnLRequest\.startTime: must be a date"):
        Pnl().setStartTime("yesterday")
    with pytest.raises(SDKTypeError, match=r"^SetAutoAddMarginRequest\.autoAddMargin"):
        AutoAdd().setAutoAddMargin(True)  # type: ignore[arg-type]


def test_zero_is_a_value() -> None:
    # PHP's required check took "0" for missing: cross, one-way and "off" could not be sent.
    assert (
        Iso()
        .setSymbol("BTCUSDT")
        .setTradeMode(0)
        .setBuyLeverage(3)
        .setSellLeverage(3)
        .array()["tradeMode"]
        == 0
    )
    assert Mode().setSymbol("BTCUSDT").setPositionMode(0).array()["mode"] == 0
    auto = AutoAdd().setSymbol("BTCUSDT").setAutoAddMargin(0).setPositionIdx(0).array()
    assert (auto["autoAddMargin"], auto["positionIdx"]) == (0, 0)
    assert full_stop().setTakeProfit(0).array()["takeProfit"] == "0"
    assert Risk().setSymbol("BTCUSDT").setRiskId(1).setPositionIdx(0).array()["positionIdx"] == 0


def test_defaults_that_keep_the_php_call_unchanged() -> None:
    assert Wallet().array() == {"accountType": "UNIFIED"}
    assert Wallet().getAccountType() == "UNIFIED"
    assert Wallet().setCoin("BTC").array() == {"accountType": "UNIFIED", "coin": "BTC"}
    assert Fee().array() == {"category": "linear"}
    assert Mode().setCoin("USDT").setPositionMode(3).array() == {
        "category": "linear",
        "coin": "USDT",
        "mode": 3,
    }


def test_php_names_and_wire_names() -> None:
    request = Mode().setSymbol("BTCUSDT").setPositionMode(3)
    assert request.getPositionMode() == 3
    assert "positionMode" not in request.array()  # PHP's wrong key is not copied
    side = AutoAdd().setSymbol("BTCUSDT").setSide("Sell").setAutoAddMargin(1).setPositionIdx(2)
    assert side.getSide() == "Sell"
    assert "side" not in side.array()
    assert Pnl().setStartTime(1_670_838_034_412).getStartTime() == 1_670_838_034_412
    assert MyPos().setSettleCoin("USDT").getSettleCoin() == "USDT"


DEPRECATED: list[tuple[type[Endpoint], Build, str]] = [
    (
        SetRiskLimit,
        lambda: Risk().setSymbol("BTCUSDT").setRiskId(4),
        "MyPosition getRiskId",
    ),
    (
        SwitchTpSlMode,
        lambda: TpSl().setSymbol("BTCUSDT").setTpSlMode("Partial"),
        "pass tpslMode to SetTradingStop",
    ),
    (
        SwitchCrossIsolatedMargin,
        lambda: Iso().setSymbol("BTCUSDT").setTradeMode(1).setBuyLeverage(5).setSellLeverage(5),
        "POST /v5/account/set-margin-mode",
    ),
]


@pytest.mark.parametrize(("endpoint", "build", "instead"), DEPRECATED)
def test_deprecated_calls_warn_and_refusals_carry_the_hint(
    api: BybitAPI,
    mock: requests_mock.Mocker,
    endpoint: type[Endpoint],
    build: Build,
    instead: str,
) -> None:
    url = f"{HOST}{endpoint.PATH}"
    mock.post(url, json=envelope({}))
    with pytest.warns(DeprecationWarning, match=instead) as record:
        api.rest(endpoint, build())
    assert len(record) == 1
    assert record[0].filename == __file__  # points at the caller's line
    mock.post(url, json=envelope({}, ret_code=100028, ret_msg="unified account is forbidden"))
    with pytest.warns(DeprecationWarning, match=instead), pytest.raises(ApiException) as caught:
        api.rest(endpoint, build())
    error = caught.value
    assert error.getCode() == 100028
    assert error.ret_code == 100028
    assert error.getMessage().startswith("unified account is forbidden: ")
    assert instead in error.getMessage()
    assert instead in str(error)
    assert error.path == endpoint.PATH


def test_a_code_without_a_hint_is_left_as_it_came(
    api: BybitAPI, mock: requests_mock.Mocker
) -> None:
    url = f"{HOST}{SwitchCrossIsolatedMargin.PATH}"
    mock.post(
        url,
        json=envelope({}, ret_code=110026, ret_msg="Cross/isolated margin mode is not modified"),
    )
    with (
        pytest.warns(DeprecationWarning, match="account-wide"),
        pytest.raises(ApiException) as caught,
    ):
        api.rest(
            SwitchCrossIsolatedMargin,
            Iso().setSymbol("BTCUSDT").setTradeMode(1).setBuyLeverage(5).setSellLeverage(5),
        )
    assert caught.value.getMessage() == "Cross/isolated margin mode is not modified"


def test_refusal_hints_are_declaration_driven(api: BybitAPI, mock: requests_mock.Mocker) -> None:
    mock.post(
        f"{HOST}{SwitchPositionMode.PATH}",
        json=envelope({}, ret_code=110029, ret_msg="Hedge mode is not supported for this symbol."),
    )
    with pytest.raises(ApiException) as caught:
        api.rest(SwitchPositionMode, Mode().setSymbol("BTCPERP").setPositionMode(3))
    assert caught.value.getMessage() == (
        "Hedge mode is not supported for this symbol.: hedge mode (3) is for USDT perpetuals "
        "only; other contracts are one-way"
    )
    # The override endpoints (a bot's own tests) get the same message.
    with pytest.raises(ApiException, match="POST /v5/account/set-margin-mode"):
        RestBuilder.make(TestSwitchCrossIsolatedMargin, Iso()).execute(
            0, '{"retCode":100028,"retMsg":"unified account is forbidden"}'
        )


def test_not_deprecated_calls_do_not_warn(api: BybitAPI, mock: requests_mock.Mocker) -> None:
    mock.post(f"{HOST}{SwitchPositionMode.PATH}", json=envelope({}))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        api.rest(SwitchPositionMode, Mode().setSymbol("BTCUSDT").setPositionMode(3))
