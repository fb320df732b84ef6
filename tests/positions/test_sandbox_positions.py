"""The sandbox's positions, executions, closed PnL and wallet, driven by announced fills."""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping
from decimal import Decimal
from typing import Any

import pytest

from carpenstar_bybit import BybitAPI
from carpenstar_bybit.Core.Exceptions import ApiException
from carpenstar_bybit.Core.Retry import RetryPolicy
from carpenstar_bybit.Derivatives.Contract.Account.GetTradingFeeRate import GetTradingFeeRate
from carpenstar_bybit.Derivatives.Contract.Account.GetTradingFeeRate.Request import (
    GetTradingFeeRateRequest,
)
from carpenstar_bybit.Derivatives.Contract.Account.WalletBalance import WalletBalance
from carpenstar_bybit.Derivatives.Contract.Account.WalletBalance.Request import (
    WalletBalanceRequest,
)
from carpenstar_bybit.Derivatives.Contract.Order.PlaceOrder import PlaceOrder
from carpenstar_bybit.Derivatives.Contract.Order.PlaceOrder.Request import PlaceOrderRequest
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
from carpenstar_bybit.sandbox import Sandbox
from carpenstar_bybit.sandbox.exchange import ApiError
from carpenstar_bybit.sandbox.market import Fill, Market
from carpenstar_bybit.sandbox.positions import (
    ERR_HAS_POSITION,
    ERR_HEDGE_NOT_SUPPORTED,
    ERR_LEVERAGE_NOT_MODIFIED,
    ERR_LEVERAGE_RISK_LIMIT,
    ERR_MODE_NOT_MODIFIED,
    ERR_NOT_MODIFIED,
    ERR_UNIFIED_FORBIDDEN,
    START_BALANCES,
    Positions,
)

KEY, SECRET = "pos-key", "pos-secret"
T0 = 1_700_000_000_000
_ids = itertools.count(1)


def fill(
    side: str,
    qty: str,
    price: str,
    symbol: str = "BTCUSDT",
    category: str = "linear",
    maker: bool = False,
    idx: int = 0,
    key: str = KEY,
    at: int = T0,
    reduce_only: bool = False,
) -> Fill:
    n = next(_ids)
    return Fill(
        api_key=key,
        category=category,
        symbol=symbol,
        side=side,
        price=Decimal(price),
        qty=Decimal(qty),
        order_id=f"order-{n}",
        order_link_id=f"link-{n}",
        exec_id=f"exec-{n}",
        is_maker=maker,
        order_type="Limit" if maker else "Market",
        reduce_only=reduce_only,
        position_idx=idx,
        time_ms=at,
    )


@pytest.fixture
def book() -> tuple[Market, Positions]:
    market = Market(seed=1)
    return market, Positions(market)


def listed(positions: Positions, params: Mapping[str, object], now: int = T0) -> Any:
    return positions.position_list(KEY, {"category": "linear", **params})


def one(positions: Positions, symbol: str = "BTCUSDT", idx: int = 0) -> dict[str, Any]:
    rows = listed(positions, {"symbol": symbol})["list"]
    found: dict[str, Any] = next(r for r in rows if r["positionIdx"] == idx)
    return found


def test_open_grow_reduce_close_linear(book: tuple[Market, Positions]) -> None:
    market, positions = book
    market.set_price("BTCUSDT", Decimal("60000"))
    market.announce(fill("Buy", "0.1", "60000"))
    market.announce(fill("Buy", "0.1", "62000", maker=True))
    p = one(positions)
    assert (p["side"], p["size"], p["avgPrice"]) == ("Buy", "0.2", "61000")
    assert p["leverage"] == "10"
    market.set_price("BTCUSDT", Decimal("63000"))
    assert one(positions)["unrealisedPnl"] == "400"  # 0.2 * (63000 - 61000)
    assert one(positions)["markPrice"] == "63000"
    market.announce(fill("Sell", "0.05", "65000"))  # partial close
    p = one(positions)
    assert (p["side"], p["size"], p["avgPrice"]) == ("Buy", "0.15", "61000")
    market.announce(fill("Sell", "0.15", "59000"))  # full close
    p = one(positions)
    assert (p["side"], p["size"], p["avgPrice"], p["unrealisedPnl"]) == ("", "0", "0", "0")
    # fees: taker 0.00055, maker 0.0002
    fees = (
        Decimal("6000") * Decimal("0.00055")
        + Decimal("6200") * Decimal("0.0002")
        + Decimal("3250") * Decimal("0.00055")
        + Decimal("8850") * Decimal("0.00055")
    )
    gross = Decimal("0.05") * 4000 + Decimal("0.15") * -2000
    assert positions.balance(KEY, "USDT") == START_BALANCES["USDT"] + gross - fees
    closed = positions.closed_pnl(KEY, {"category": "linear"}, T0)["list"]
    assert [c["closedSize"] for c in closed] == ["0.15", "0.05"]  # newest first
    assert sum(Decimal(c["closedPnl"]) for c in closed) == gross - fees
    assert closed[1]["avgEntryPrice"] == "61000"
    assert closed[1]["avgExitPrice"] == "65000"
    assert closed[1]["side"] == "Sell"
    executions = positions.execution_list(KEY, {"category": "linear"}, T0)["list"]
    assert [e["side"] for e in executions] == ["Sell", "Sell", "Buy", "Buy"]
    assert [e["isMaker"] for e in executions] == [False, False, True, False]
    assert executions[-1]["execFee"] == "3.3"
    assert executions[-1]["feeRate"] == "0.00055"
    assert executions[0]["closedSize"] == "0.15"


def test_one_way_flip_and_tp_sl_cleared_on_close(book: tuple[Market, Positions]) -> None:
    market, positions = book
    market.set_price("ETHUSDT", Decimal("3000"))
    market.announce(fill("Buy", "1", "3000", symbol="ETHUSDT"))
    positions.trading_stop(
        KEY,
        {"category": "linear", "symbol": "ETHUSDT", "tpslMode": "Full", "positionIdx": 0,
         "takeProfit": "3500", "stopLoss": "2500"},
        T0,
    )  # fmt: skip
    p = one(positions, "ETHUSDT")
    assert (p["takeProfit"], p["stopLoss"]) == ("3500", "2500")
    market.announce(fill("Sell", "3", "3100", symbol="ETHUSDT"))  # closes 1, opens 2 short
    p = one(positions, "ETHUSDT")
    assert (p["side"], p["size"], p["avgPrice"]) == ("Sell", "2", "3100")
    assert (p["takeProfit"], p["stopLoss"]) == ("0", "0")


def test_reduce_only_never_opens_or_flips(book: tuple[Market, Positions]) -> None:
    market, positions = book
    market.announce(fill("Sell", "1", "100", symbol="XRPUSDT", reduce_only=True))
    assert one(positions, "XRPUSDT")["size"] == "0"
    market.announce(fill("Buy", "2", "100", symbol="XRPUSDT"))
    market.announce(fill("Sell", "5", "100", symbol="XRPUSDT", reduce_only=True))
    p = one(positions, "XRPUSDT")
    assert (p["side"], p["size"]) == ("", "0")
    closed = positions.closed_pnl(KEY, {"category": "linear"}, T0)["list"]
    assert [c["closedSize"] for c in closed] == ["2"]


def test_inverse_position_and_wallet_in_the_base_coin(book: tuple[Market, Positions]) -> None:
    market, positions = book
    market.announce(fill("Sell", "1000", "50000", symbol="BTCUSD", category="inverse"))
    market.announce(fill("Buy", "1000", "40000", symbol="BTCUSD", category="inverse"))
    gross = Decimal(1000) * (Decimal(1) / 40000 - Decimal(1) / 50000)
    fees = (Decimal(1000) / 50000 + Decimal(1000) / 40000) * Decimal("0.00055")
    assert positions.balance(KEY, "BTC") == START_BALANCES["BTC"] + gross - fees
    rows = positions.position_list(KEY, {"category": "inverse"})["list"]
    assert rows == []  # closed: an inverse list by category alone shows open ones only


def test_hedge_mode_keeps_two_sides(book: tuple[Market, Positions]) -> None:
    market, positions = book
    positions.switch_mode(KEY, {"category": "linear", "symbol": "BTCUSDT", "mode": 3})
    market.announce(fill("Buy", "0.1", "60000", idx=1))
    market.announce(fill("Sell", "0.2", "60000", idx=2))
    rows = listed(positions, {"symbol": "BTCUSDT"})["list"]
    assert [(r["positionIdx"], r["side"], r["size"]) for r in rows] == [
        (1, "Buy", "0.1"),
        (2, "Sell", "0.2"),
    ]
    market.announce(fill("Sell", "0.1", "61000", idx=1, reduce_only=True))
    assert one(positions, idx=1)["size"] == "0"
    assert one(positions, idx=2)["size"] == "0.2"
    with pytest.raises(ApiError) as caught:
        positions.switch_mode(KEY, {"category": "linear", "symbol": "BTCUSDT", "mode": 0})
    assert caught.value.code == ERR_HAS_POSITION


def test_position_mode_rules(book: tuple[Market, Positions]) -> None:
    _, positions = book
    cases: list[tuple[dict[str, object], int]] = [
        ({"symbol": "BTCPERP", "mode": 3}, ERR_HEDGE_NOT_SUPPORTED),
        ({"symbol": "BTC-27DEC24", "mode": 3}, ERR_HEDGE_NOT_SUPPORTED),
        ({"coin": "USDC", "mode": 3}, ERR_HEDGE_NOT_SUPPORTED),
        ({"symbol": "BTCUSDT", "mode": 0}, ERR_MODE_NOT_MODIFIED),
        ({"symbol": "BTCUSDT", "mode": 1}, 10001),
        ({"mode": 3}, 10001),
    ]
    for params, code in cases:
        with pytest.raises(ApiError) as caught:
            positions.switch_mode(KEY, {"category": "linear", **params})
        assert caught.value.code == code, params
    with pytest.raises(ApiError) as caught:
        positions.switch_mode(KEY, {"category": "inverse", "symbol": "BTCUSD", "mode": 0})
    assert caught.value.code == 10001
    positions.switch_mode(KEY, {"category": "linear", "coin": "USDT", "mode": 3})
    assert [r["positionIdx"] for r in listed(positions, {"symbol": "ETHUSDT"})["list"]] == [1, 2]


def test_leverage_bounds_and_modes(book: tuple[Market, Positions]) -> None:
    market, positions = book
    base = {"category": "linear", "symbol": "SOLUSDT"}
    with pytest.raises(ApiError) as caught:
        positions.set_leverage(KEY, {**base, "buyLeverage": "76", "sellLeverage": "76"}, T0)
    assert caught.value.code == ERR_LEVERAGE_RISK_LIMIT
    for lev in ("0.5", "-1", "1e2", "x"):
        with pytest.raises(ApiError) as caught:
            positions.set_leverage(KEY, {**base, "buyLeverage": lev, "sellLeverage": lev}, T0)
        assert caught.value.code == 10001
    with pytest.raises(ApiError) as caught:
        positions.set_leverage(KEY, {**base, "buyLeverage": "5", "sellLeverage": "6"}, T0)
    assert "one-way" in caught.value.message
    with pytest.raises(ApiError) as caught:
        positions.set_leverage(KEY, {**base, "buyLeverage": "10", "sellLeverage": "10"}, T0)
    assert caught.value.code == ERR_LEVERAGE_NOT_MODIFIED
    market.announce(fill("Buy", "1", "150", symbol="SOLUSDT"))
    positions.set_leverage(KEY, {**base, "buyLeverage": "75", "sellLeverage": "75"}, T0)
    p = one(positions, "SOLUSDT")
    assert p["leverage"] == "75"
    assert p["positionIM"] == "2"  # 150 / 75
    positions.switch_mode(KEY, {"category": "linear", "symbol": "XRPUSDT", "mode": 3})
    positions.set_leverage(
        KEY,
        {"category": "linear", "symbol": "XRPUSDT", "buyLeverage": "5", "sellLeverage": "7"},
        T0,
    )
    rows = listed(positions, {"symbol": "XRPUSDT"})["list"]
    assert [r["leverage"] for r in rows] == ["5", "7"]
    positions.set_margin_mode(KEY, "REGULAR_MARGIN")  # cross: equal leverages, even in hedge mode
    with pytest.raises(ApiError, match="cross margin"):
        positions.set_leverage(
            KEY,
            {"category": "linear", "symbol": "XRPUSDT", "buyLeverage": "5", "sellLeverage": "8"},
            T0,
        )
    with pytest.raises(ValueError, match="margin mode"):
        positions.set_margin_mode(KEY, "PORTFOLIO")


def test_trading_stop_rules(book: tuple[Market, Positions]) -> None:
    market, positions = book
    market.set_price("BTCUSDT", Decimal("60000"))
    base: dict[str, object] = {
        "category": "linear", "symbol": "BTCUSDT", "tpslMode": "Full", "positionIdx": 0,
    }  # fmt: skip
    with pytest.raises(ApiError, match="zero position"):
        positions.trading_stop(KEY, {**base, "takeProfit": "70000"}, T0)
    market.announce(fill("Buy", "0.1", "60000"))
    bad: list[dict[str, object]] = [
        {**base, "takeProfit": "50000"},  # below the price for a long
        {**base, "stopLoss": "61000"},
        {**base, "positionIdx": 1},
        {**base, "tpslMode": None},
        {**base, "positionIdx": None},
        {**base, "tpOrderType": "Limit", "takeProfit": "70000"},
    ]
    for params in bad:
        with pytest.raises(ApiError) as caught:
            positions.trading_stop(KEY, params, T0)
        assert caught.value.code == 10001, params
    positions.trading_stop(KEY, {**base, "takeProfit": "70000", "trailingStop": "500"}, T0)
    with pytest.raises(ApiError) as caught:
        positions.trading_stop(KEY, {**base, "takeProfit": "70000"}, T0)
    assert caught.value.code == ERR_NOT_MODIFIED
    positions.trading_stop(KEY, {**base, "takeProfit": "0"}, T0)  # 0 cancels
    p = one(positions)
    assert (p["takeProfit"], p["trailingStop"]) == ("0", "500")


def test_auto_add_margin(book: tuple[Market, Positions]) -> None:
    _, positions = book
    base: dict[str, object] = {"category": "linear", "symbol": "BTCUSDT"}
    positions.auto_add_margin(KEY, {**base, "autoAddMargin": 1}, T0)
    assert one(positions)["autoAddMargin"] == 1
    positions.auto_add_margin(KEY, {**base, "autoAddMargin": "0", "positionIdx": "0"}, T0)
    assert one(positions)["autoAddMargin"] == 0
    for params in (
        {**base, "autoAddMargin": 2},
        {**base, "autoAddMargin": 1, "positionIdx": 1},  # one-way: idx 0
        {**base, "category": "inverse", "symbol": "BTCUSD", "autoAddMargin": 1},
    ):
        with pytest.raises(ApiError) as caught:
            positions.auto_add_margin(KEY, params, T0)
        assert caught.value.code == 10001
    positions.switch_mode(KEY, {**base, "mode": 3})
    with pytest.raises(ApiError, match="positionIdx is required in hedge mode"):
        positions.auto_add_margin(KEY, {**base, "autoAddMargin": 1}, T0)
    positions.auto_add_margin(KEY, {**base, "autoAddMargin": 1, "positionIdx": 2}, T0)
    assert one(positions, idx=2)["autoAddMargin"] == 1
    positions.set_margin_mode(KEY, "REGULAR_MARGIN")
    with pytest.raises(ApiError, match="isolated margin"):
        positions.auto_add_margin(KEY, {**base, "autoAddMargin": 0, "positionIdx": 2}, T0)


def test_list_filters_and_paging(book: tuple[Market, Positions]) -> None:
    market, positions = book
    for n in range(5):
        market.announce(fill("Buy", "1", "100", symbol=f"C{n}USDT", at=T0 + n))
    market.announce(fill("Buy", "1", "100", symbol="BTCPERP", at=T0 + 9))
    page = listed(positions, {"settleCoin": "USDT", "limit": "2"})
    assert [r["symbol"] for r in page["list"]] == ["C0USDT", "C1USDT"]
    page = listed(positions, {"settleCoin": "USDT", "limit": "2", "cursor": page["nextPageCursor"]})
    assert [r["symbol"] for r in page["list"]] == ["C2USDT", "C3USDT"]
    page = listed(positions, {"settleCoin": "USDT", "limit": 2, "cursor": page["nextPageCursor"]})
    assert ([r["symbol"] for r in page["list"]], page["nextPageCursor"]) == (["C4USDT"], "")
    assert [r["symbol"] for r in listed(positions, {"settleCoin": "USDC"})["list"]] == ["BTCPERP"]
    with pytest.raises(ApiError):
        listed(positions, {})  # linear needs symbol or settleCoin
    with pytest.raises(ApiError):
        listed(positions, {"settleCoin": "USDT", "limit": 201})
    with pytest.raises(ApiError):
        listed(positions, {"settleCoin": "USDT", "cursor": "nonsense"})
    executions = positions.execution_list(KEY, {"category": "linear", "limit": 4}, T0 + 10)
    assert len(executions["list"]) == 4
    assert executions["list"][0]["symbol"] == "BTCPERP"  # newest first
    rest = positions.execution_list(
        KEY, {"category": "linear", "cursor": executions["nextPageCursor"]}, T0 + 10
    )
    assert [e["symbol"] for e in rest["list"]] == ["C1USDT", "C0USDT"]
    by_order = positions.execution_list(
        KEY, {"category": "linear", "orderId": executions["list"][1]["orderId"], "symbol": "X"}, T0
    )
    assert [e["symbol"] for e in by_order["list"]] == ["C4USDT"]  # orderId wins over symbol
    by_settle = positions.execution_list(KEY, {"category": "linear", "settleCoin": "USDC"}, T0 + 9)
    assert [e["symbol"] for e in by_settle["list"]] == ["BTCPERP"]
    old = positions.execution_list(KEY, {"category": "linear", "endTime": T0 - 1}, T0)
    assert old["list"] == []
    with pytest.raises(ApiError, match="7 days"):
        positions.execution_list(KEY, {"category": "linear", "startTime": 0, "endTime": T0}, T0)


def test_wallet_and_fee_rates(book: tuple[Market, Positions]) -> None:
    market, positions = book
    wallet = positions.wallet_balance(KEY, {"accountType": "UNIFIED"})["list"][0]
    assert [c["coin"] for c in wallet["coin"]] == ["BTC", "ETH", "USDC", "USDT"]
    with pytest.raises(ApiError, match="UNIFIED"):
        positions.wallet_balance(KEY, {"accountType": "CONTRACT"})
    only = positions.wallet_balance(KEY, {"accountType": "UNIFIED", "coin": "USDT,BTC"})
    assert [c["coin"] for c in only["list"][0]["coin"]] == ["BTC", "USDT"]
    positions.set_fee_rates("linear", "ETHUSDT", Decimal("0.001"), Decimal("-0.0001"))
    rates = positions.fee_rate(KEY, {"category": "linear", "symbol": "ETHUSDT"})
    assert rates == {
        "list": [{"symbol": "ETHUSDT", "takerFeeRate": "0.001", "makerFeeRate": "-0.0001"}]
    }
    market.announce(fill("Buy", "1", "3000", symbol="ETHUSDT", maker=True))  # a rebate
    assert positions.balance(KEY, "USDT") == START_BALANCES["USDT"] + Decimal("0.3")
    market.set_price("ETHUSDT", Decimal("3100"))
    usdt = positions.wallet_balance(KEY, {"accountType": "UNIFIED", "coin": "USDT"})["list"][0]
    coin = usdt["coin"][0]
    assert (coin["unrealisedPnl"], coin["totalPositionIM"]) == ("100", "300")
    assert coin["equity"] == "100100.3"
    assert usdt["totalPerpUPL"] == "100"
    everything = positions.fee_rate(KEY, {"category": "linear"})["list"]
    assert {r["symbol"] for r in everything} >= {"BTCUSDT", "ETHUSDT", "BTCPERP"}
    option = positions.fee_rate(KEY, {"category": "option", "baseCoin": "ETH"})
    assert option["category"] == "option"
    assert option["list"][0]["baseCoin"] == "ETH"
    with pytest.raises(ApiError):
        positions.fee_rate(KEY, {})


def test_narrowed_calls(book: tuple[Market, Positions]) -> None:
    _, positions = book
    with pytest.raises(ApiError) as caught:
        positions.switch_isolated(KEY, {"category": "linear", "symbol": "BTCUSDT", "tradeMode": 1})
    assert (caught.value.code, caught.value.message) == (
        ERR_UNIFIED_FORBIDDEN,
        "unified account is forbidden",
    )
    risk = positions.set_risk_limit(KEY, {"category": "linear", "symbol": "BTCUSDT", "riskId": 4})
    assert risk == {"riskId": 4, "riskLimitValue": "2000000", "category": "linear"}
    assert one(positions)["riskId"] == 1  # no effect
    mode = positions.set_tpsl_mode(
        KEY, {"category": "linear", "symbol": "BTCUSDT", "tpSlMode": "Partial"}
    )
    assert mode == {"tpSlMode": "Partial"}
    assert one(positions)["tpslMode"] == "Full"  # the position field is always Full


def test_keys_are_kept_apart_and_spot_fills_open_no_position(
    book: tuple[Market, Positions],
) -> None:
    market, positions = book
    market.announce(fill("Buy", "1", "100", key="other"))
    market.announce(fill("Buy", "1", "100", category="spot"))
    assert one(positions)["size"] == "0"
    # A spot fill moves coins instead: 1 BTC bought for 100 USDT, the fee taken in BTC.
    assert positions.balance(KEY, "USDT") == START_BALANCES["USDT"] - 100
    assert START_BALANCES["BTC"] < positions.balance(KEY, "BTC") < START_BALANCES["BTC"] + 1
    positions.clear()
    assert positions.balance("other", "USDT") == START_BALANCES["USDT"]


# -- over HTTP: the library's requests against the sandbox's routes ------------------------------


@pytest.fixture
def sandbox() -> Iterator[Sandbox]:
    with Sandbox(keys={KEY: SECRET}, rate_limit=None, seed=3) as server:
        yield server


@pytest.fixture
def api(sandbox: Sandbox) -> Iterator[BybitAPI]:
    with BybitAPI(sandbox.base_url, KEY, SECRET, retry=RetryPolicy.off()) as bybit:
        yield bybit


def test_routes_answer_the_library(sandbox: Sandbox, api: BybitAPI) -> None:
    market = sandbox._app.exchange.market
    sandbox.set_price("BTCUSDT", "60000")
    market.announce(fill("Buy", "0.01", "60000"))
    p = api.rest(MyPosition, MyPositionRequest().setSymbol("BTCUSDT")).getBody().fetch()
    assert (p.getSide(), p.getSize(), p.getEntryPrice(), p.getLeverage()) == (
        "Buy",
        0.01,
        60000.0,
        10.0,
    )
    api.rest(
        SetLeverage,
        SetLeverageRequest().setSymbol("BTCUSDT").setBuyLeverage(20).setSellLeverage(20),
    )
    with pytest.raises(ApiException) as caught:
        api.rest(
            SetLeverage,
            SetLeverageRequest().setSymbol("BTCUSDT").setBuyLeverage(20).setSellLeverage(20),
        )
    assert caught.value.getCode() == ERR_LEVERAGE_NOT_MODIFIED
    api.rest(
        SetTradingStop,
        SetTradingStopRequest()
        .setSymbol("BTCUSDT")
        .setTakeProfit(70000)
        .setTpslMode("Full")
        .setPositionIdx(0),
    )
    api.rest(SetAutoAddMargin, SetAutoAddMarginRequest().setSymbol("BTCUSDT").setAutoAddMargin(0))
    p = api.rest(MyPosition, MyPositionRequest().setSymbol("BTCUSDT")).getBody().fetch()
    assert (p.getLeverage(), p.getTakeProfit(), p.getAutoAddMargin()) == (20.0, 70000.0, 0)
    with pytest.raises(ApiException) as caught:
        api.rest(
            SwitchPositionMode, SwitchPositionModeRequest().setSymbol("BTCUSDT").setPositionMode(3)
        )
    assert caught.value.getCode() == ERR_HAS_POSITION
    assert "close the positions" in caught.value.getMessage()
    with pytest.raises(ApiException) as caught:
        api.rest(
            SwitchPositionMode, SwitchPositionModeRequest().setSymbol("ETHPERP").setPositionMode(3)
        )
    assert caught.value.getCode() == ERR_HEDGE_NOT_SUPPORTED
    api.rest(
        SwitchPositionMode, SwitchPositionModeRequest().setSymbol("ETHUSDT").setPositionMode(3)
    )
    with (
        pytest.warns(DeprecationWarning, match="set-margin-mode"),
        pytest.raises(ApiException) as caught,
    ):
        api.rest(
            SwitchCrossIsolatedMargin,
            SwitchCrossIsolatedMarginRequest()
            .setSymbol("BTCUSDT")
            .setTradeMode(0)
            .setBuyLeverage(5)
            .setSellLeverage(5),
        )
    assert caught.value.getCode() == ERR_UNIFIED_FORBIDDEN
    assert "POST /v5/account/set-margin-mode" in caught.value.getMessage()
    with pytest.warns(DeprecationWarning, match="automatic risk limits"):
        risk = (
            api.rest(SetRiskLimit, SetRiskLimitRequest().setSymbol("BTCUSDT").setRiskId(2))
            .getBody()
            .fetch()
        )
    assert risk.getRiskId() == 2
    with pytest.warns(DeprecationWarning, match="SetTradingStop"):
        mode = api.rest(
            SwitchTpSlMode, SwitchTpSlModeRequest().setSymbol("BTCUSDT").setTpSlMode("Full")
        )
    assert mode.getBody().fetch().getTpSlMode() == "Full"
    rates = (
        api.rest(GetTradingFeeRate, GetTradingFeeRateRequest().setSymbol("BTCUSDT"))
        .getBody()
        .fetch()
    )
    assert (rates.getTakerFeeRate(), rates.getMakerFeeRate()) == (0.00055, 0.0002)
    coins = api.rest(WalletBalance, WalletBalanceRequest().setCoin("USDT")).getBody().all()
    assert [c.getCoin() for c in coins] == ["USDT"]
    assert coins[0].getWalletBalance() == 100000 - 0.33
    assert coins[0].getAccount().getAccountType() == "UNIFIED"


def test_a_resting_order_filled_by_the_price_is_a_maker_fill(
    sandbox: Sandbox, api: BybitAPI
) -> None:
    sandbox.set_price("ETHUSDT", "3000")
    order = PlaceOrderRequest().setSymbol("ETHUSDT").setSide("Buy").setOrderType("Limit")
    api.rest(PlaceOrder, order.setQty("2").setPrice("2900"))
    assert (
        api.rest(MyPosition, MyPositionRequest().setSymbol("ETHUSDT")).getBody().fetch().getSize()
        == 0
    )
    sandbox.set_price("ETHUSDT", "2850")  # moves through the resting order: it fills at 2900
    p = api.rest(MyPosition, MyPositionRequest().setSymbol("ETHUSDT")).getBody().fetch()
    assert (p.getSide(), p.getSize(), p.getEntryPrice()) == ("Buy", 2.0, 2900.0)
    assert p.getUnrealisedPnl() == -100.0  # 2 * (2850 - 2900), at the sandbox price
    execution = api.rest(GetExecutionList, GetExecutionListRequest().setSymbol("ETHUSDT"))
    fill = execution.getBody().fetch()
    assert fill.isMaker() is True
    assert (fill.getFeeRate(), fill.getExecFee()) == (0.0002, 1.16)  # 5800 * 0.0002


def test_reset_clears_positions_and_wallets(sandbox: Sandbox, api: BybitAPI) -> None:
    sandbox.set_price("BTCUSDT", "60000")
    sandbox._app.exchange.market.announce(fill("Buy", "0.01", "60000"))
    assert api.rest(MyPosition, MyPositionRequest().setSymbol("BTCUSDT")).getBody().count() == 1
    moved = api.rest(WalletBalance, WalletBalanceRequest().setCoin("USDT")).getBody().fetch()
    assert moved.getWalletBalance() != 100000.0  # the taker fee was paid
    sandbox.reset()
    after = api.rest(MyPosition, MyPositionRequest().setSymbol("BTCUSDT")).getBody().all()
    assert [p.getSize() for p in after if p.getSize()] == []
    usdt = api.rest(WalletBalance, WalletBalanceRequest().setCoin("USDT")).getBody().fetch()
    assert usdt.getWalletBalance() == 100000.0
