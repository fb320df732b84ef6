"""A position's life over real HTTP on the sandbox: market buy → MyPosition → SetLeverage →
SetTradingStop → partial close → GetExecutionList → full close → GetClosedPnL → WalletBalance."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest

from carpenstar_bybit import BybitAPI
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
from carpenstar_bybit.Derivatives.Contract.Position.GetClosedPnL import GetClosedPnL
from carpenstar_bybit.Derivatives.Contract.Position.GetClosedPnL.Request import GetClosedPnLRequest
from carpenstar_bybit.Derivatives.Contract.Position.GetExecutionList import GetExecutionList
from carpenstar_bybit.Derivatives.Contract.Position.GetExecutionList.Request import (
    GetExecutionListRequest,
)
from carpenstar_bybit.Derivatives.Contract.Position.MyPosition import MyPosition
from carpenstar_bybit.Derivatives.Contract.Position.MyPosition.Request import MyPositionRequest
from carpenstar_bybit.Derivatives.Contract.Position.SetLeverage import SetLeverage
from carpenstar_bybit.Derivatives.Contract.Position.SetLeverage.Request import SetLeverageRequest
from carpenstar_bybit.Derivatives.Contract.Position.SetTradingStop import SetTradingStop
from carpenstar_bybit.Derivatives.Contract.Position.SetTradingStop.Request import (
    SetTradingStopRequest,
)
from carpenstar_bybit.sandbox import Sandbox

KEY, SECRET = "life-key", "life-secret"
TAKER = Decimal("0.00055")
START_USDT = Decimal("100000")


@pytest.fixture
def sandbox() -> Iterator[Sandbox]:
    with Sandbox(keys={KEY: SECRET}, rate_limit=None, seed=11) as server:
        yield server


@pytest.fixture
def api(sandbox: Sandbox) -> Iterator[BybitAPI]:
    with BybitAPI(sandbox.base_url, KEY, SECRET, retry=RetryPolicy.off(), timeout=5) as bybit:
        yield bybit


def market(api: BybitAPI, side: str, qty: str, reduce_only: bool = False) -> str:
    request = PlaceOrderRequest().setSymbol("BTCUSDT").setSide(side).setOrderType("Market")
    request.setQty(qty)
    if reduce_only:
        request.setReduceOnly(True)
    order_id: str = api.rest(PlaceOrder, request).getBody().fetch().getOrderId()
    return order_id


def position(api: BybitAPI) -> object:
    answer = api.rest(MyPosition, MyPositionRequest().setSymbol("BTCUSDT"))
    assert answer.getBody().count() == 1  # one-way: one position per symbol, listed even empty
    return answer.getBody().fetch()


def test_a_position_life(sandbox: Sandbox, api: BybitAPI) -> None:
    sandbox.set_price("BTCUSDT", "60000")
    rate = api.rest(GetTradingFeeRate, GetTradingFeeRateRequest().setSymbol("BTCUSDT"))
    taker = rate.getBody().fetch().getTakerFeeRate()
    assert Decimal(str(taker)) == TAKER

    # market buy → MyPosition shows it
    bought = market(api, "Buy", "0.02")
    p: Any = position(api)
    assert (p.getSymbol(), p.getSide(), p.getSize(), p.getEntryPrice()) == (
        "BTCUSDT", "Buy", 0.02, 60000.0,
    )  # fmt: skip
    assert p.getPositionIdx() == 0
    assert p.getLeverage() == 10.0
    sandbox.set_price("BTCUSDT", "60500")
    assert position(api).getUnrealisedPnl() == 10.0  # 0.02 * (60500 - 60000)

    # SetLeverage → SetTradingStop
    api.rest(
        SetLeverage,
        SetLeverageRequest().setSymbol("BTCUSDT").setBuyLeverage(20).setSellLeverage(20),
    )
    stop = SetTradingStopRequest().setSymbol("BTCUSDT").setTpslMode("Full").setPositionIdx(0)
    api.rest(SetTradingStop, stop.setTakeProfit(70000).setStopLoss(50000))
    p = position(api)
    assert (p.getLeverage(), p.getTakeProfit(), p.getStopLoss()) == (20.0, 70000.0, 50000.0)
    assert p.getPositionIM() == 60.0  # 0.02 * 60000 / 20

    # partial close → both fills listed, newest first
    sandbox.set_price("BTCUSDT", "62000")
    half = market(api, "Sell", "0.01", reduce_only=True)
    p = position(api)
    assert (p.getSide(), p.getSize(), p.getEntryPrice()) == ("Buy", 0.01, 60000.0)
    executions = api.rest(GetExecutionList, GetExecutionListRequest().setSymbol("BTCUSDT"))
    fills = executions.getBody().all()
    assert [(e.getOrderId(), e.getSide(), e.getExecQty(), e.getExecPrice()) for e in fills] == [
        (half, "Sell", 0.01, 62000.0),
        (bought, "Buy", 0.02, 60000.0),
    ]
    assert [e.isMaker() for e in fills] == [False, False]
    assert fills[0].getExecFee() == float(Decimal("620") * TAKER)
    assert fills[0].getClosedSize() == 0.01
    assert fills[1].getExecTime() is not None

    # full close → the closed PnL records, the position empty and its TP/SL gone
    sandbox.set_price("BTCUSDT", "61000")
    rest = market(api, "Sell", "0.01", reduce_only=True)
    p = position(api)
    assert (p.getSide(), p.getSize(), p.getTakeProfit(), p.getStopLoss()) == ("", 0.0, 0.0, 0.0)
    records = api.rest(GetClosedPnL, GetClosedPnLRequest().setSymbol("BTCUSDT")).getBody().all()
    assert [(r.getOrderId(), r.getClosedSize(), r.getAvgExitPrice()) for r in records] == [
        (rest, 0.01, 61000.0),
        (half, 0.01, 62000.0),
    ]
    fees = (Decimal("1200") + Decimal("620") + Decimal("610")) * TAKER
    gross = Decimal("0.01") * 2000 + Decimal("0.01") * 1000
    closed = sum(Decimal(str(r.getClosedPnl())) for r in records)
    assert closed == gross - fees
    assert all(r.getAvgEntryPrice() == 60000.0 for r in records)
    assert records[1].getCloseFee() == float(Decimal("620") * TAKER)
    assert records[1].getOpenFee() == float(Decimal("600") * TAKER)
    assert records[0].getLeverage() == 20.0
    assert records[0].getCreatedAt() is not None

    # WalletBalance moved by the PnL and the fees
    (usdt,) = api.rest(WalletBalance, WalletBalanceRequest().setCoin("USDT")).getBody().all()
    assert usdt.getCoin() == "USDT"
    assert Decimal(str(usdt.getWalletBalance())) == START_USDT + gross - fees
    assert Decimal(str(usdt.getCumRealisedPnl())) == gross - fees
    assert usdt.getUnrealisedPnl() == 0.0
    assert usdt.getPositionMargin() == 0.0
    assert usdt.getAccount().getAccountType() == "UNIFIED"
    assert (
        api.rest(GetExecutionList, GetExecutionListRequest().setSymbol("BTCUSDT")).getBody().count()
        == 3
    )
