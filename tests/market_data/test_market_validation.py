"""Every rule of the market-data requests: SDKException naming `<Request>.<wireField>: <rule>`."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

import pytest

from carpenstar_bybit.Core.Enums import EnumIntervals
from carpenstar_bybit.Core.Exceptions import SDKException, SDKTypeError
from carpenstar_bybit.Derivatives.MarketData.FundingRateHistory.Request import (
    FundingRateHistoryRequest,
)
from carpenstar_bybit.Derivatives.MarketData.IndexPriceKline.Request import IndexPriceKlineRequest
from carpenstar_bybit.Derivatives.MarketData.InstrumentInfo.Request import InstrumentInfoRequest
from carpenstar_bybit.Derivatives.MarketData.Kline.Request import KlineRequest
from carpenstar_bybit.Derivatives.MarketData.MarkPriceKline.Request import MarkPriceKlineRequest
from carpenstar_bybit.Derivatives.MarketData.OpenInterest.Request import OpenInterestRequest
from carpenstar_bybit.Derivatives.MarketData.OrderBook.Request import OrderBookRequest
from carpenstar_bybit.Derivatives.MarketData.PublicTradingHistory.Request import (
    PublicTradingHistoryRequest,
)
from carpenstar_bybit.Derivatives.MarketData.RiskLimit.Request import RiskLimitsRequest
from carpenstar_bybit.Derivatives.MarketData.TickerInfo.Request import TickerInfoRequest

Build = Callable[[], Any]


def kline() -> KlineRequest:
    return KlineRequest().setSymbol("BTCUSDT").setInterval(1)


REFUSED: list[tuple[Build, str]] = [
    # Kline
    (lambda: KlineRequest().setInterval(1).array(), "KlineRequest.symbol: is required"),
    (lambda: KlineRequest().setSymbol("BTCUSDT").array(), "KlineRequest.interval: is required"),
    (
        lambda: KlineRequest().setInterval("7"),
        "KlineRequest.interval: must be one of 1, 3, 5, 15, 30, 60, 120, 240, 360, 720, D, W, M"
        " (got '7')",
    ),
    (lambda: KlineRequest().setInterval(""), "KlineRequest.interval: must not be empty"),
    (
        lambda: kline().setStartTime(2).setEndTime(1).array(),
        "KlineRequest.start: must not be after end (got 2 > 1)",
    ),
    (lambda: kline().setLimit(0), "KlineRequest.limit: must be at least 1 (got 0)"),
    (lambda: kline().setLimit(1001), "KlineRequest.limit: must be at most 1000 (got 1001)"),
    (
        lambda: kline().setCategory("option"),
        "KlineRequest.category: must be one of spot, linear, inverse (got 'option')",
    ),
    (
        lambda: KlineRequest().setSymbol("SOLBTC").setInterval(1).array(),
        "KlineRequest.category: cannot be told from symbol 'SOLBTC'; call "
        "setCategory('spot'|'linear'|'inverse')",
    ),
    (
        lambda: KlineRequest().setSymbol("btcusdt"),
        "KlineRequest.symbol: must be uppercase, e.g. 'BTCUSDT' (got 'btcusdt')",
    ),
    (
        lambda: kline().setStartTime(datetime(2024, 1, 1)),  # naive on purpose
        "KlineRequest.start: must be a timezone-aware datetime (a naive one is ambiguous)",
    ),
    (lambda: kline().setEndTime(-1), "KlineRequest.end: must be ms since the epoch (got -1)"),
    # MarkPriceKline
    (
        lambda: (
            MarkPriceKlineRequest()
            .setSymbol("BTC-27DEC24-90000-C")
            .setInterval(1)
            .setLimit(501)
            .array()
        ),
        "MarkPriceKlineRequest.limit: must be at most 500 for category 'option' (got 501)",
    ),
    (
        lambda: MarkPriceKlineRequest().setCategory("spot"),
        "MarkPriceKlineRequest.category: must be one of linear, inverse, option (got 'spot')",
    ),
    (
        lambda: (
            MarkPriceKlineRequest()
            .setSymbol("X")
            .setInterval(1)
            .setStartTime(9)
            .setEndTime(8)
            .array()
        ),
        "MarkPriceKlineRequest.category: cannot be told from symbol 'X'; call "
        "setCategory('linear'|'inverse'|'option')",
    ),
    # IndexPriceKline
    (
        lambda: IndexPriceKlineRequest().setSymbol("BTC-27DEC24-90000-C").setInterval(1).array(),
        "IndexPriceKlineRequest.category: must be one of linear, inverse for IndexPriceKline "
        "(got 'option')",
    ),
    (
        lambda: IndexPriceKlineRequest().setSymbol("BTCUSDT").array(),
        "IndexPriceKlineRequest.interval: is required",
    ),
    (
        lambda: (
            IndexPriceKlineRequest()
            .setSymbol("BTCUSDT")
            .setInterval("1")
            .setStartTime(5)
            .setEndTime(4)
            .array()
        ),
        "IndexPriceKlineRequest.start: must not be after end (got 5 > 4)",
    ),
    # FundingRateHistory: no "symbol=symbol" sent for an unset symbol
    (lambda: FundingRateHistoryRequest().array(), "FundingRateHistoryRequest.symbol: is required"),
    (
        lambda: FundingRateHistoryRequest().setSymbol("BTCUSDT").setStartTime(1).array(),
        "FundingRateHistoryRequest.startTime: needs endTime too (the exchange refuses startTime "
        "alone)",
    ),
    (
        lambda: (
            FundingRateHistoryRequest().setSymbol("BTCUSDT").setStartTime(3).setEndTime(2).array()
        ),
        "FundingRateHistoryRequest.startTime: must not be after endTime (got 3 > 2)",
    ),
    (
        lambda: FundingRateHistoryRequest().setLimit(201),
        "FundingRateHistoryRequest.limit: must be at most 200 (got 201)",
    ),
    (
        lambda: FundingRateHistoryRequest().setCategory("spot"),
        "FundingRateHistoryRequest.category: must be one of linear, inverse (got 'spot')",
    ),
    # InstrumentInfo
    (
        lambda: InstrumentInfoRequest().setCategory("spot").setBaseCoin("BTC").array(),
        "InstrumentInfoRequest.baseCoin: is not supported for category 'spot'",
    ),
    (
        lambda: InstrumentInfoRequest().setCategory("option").setSymbolType("stock").array(),
        "InstrumentInfoRequest.symbolType: is not supported for category 'option'",
    ),
    (
        lambda: InstrumentInfoRequest().setStatus("Listed"),
        "InstrumentInfoRequest.status: must be one of PreLaunch, Trading, Delivering, Closed "
        "(got 'Listed')",
    ),
    (
        lambda: InstrumentInfoRequest().setSymbolType("meme"),
        "InstrumentInfoRequest.symbolType: must be one of innovation, commodity, stock, forex, "
        "adventure, xstocks (got 'meme')",
    ),
    (
        lambda: InstrumentInfoRequest().setLimit(1001),
        "InstrumentInfoRequest.limit: must be at most 1000 (got 1001)",
    ),
    (
        lambda: InstrumentInfoRequest().setCursor("a b"),
        "InstrumentInfoRequest.cursor: must be the cursor of a previous answer "
        "(1 to 2048 characters, no spaces) (got 'a b')",
    ),
    # OpenInterest: V5 intervals only
    (
        lambda: OpenInterestRequest().setSymbol("BTCUSDT").array(),
        "OpenInterestRequest.intervalTime: is required",
    ),
    (
        lambda: OpenInterestRequest().setInterval("2h"),
        "OpenInterestRequest.intervalTime: must be one of 5min, 15min, 30min, 1h, 4h, 1d "
        "(got '2h')",
    ),
    (
        lambda: OpenInterestRequest().setInterval(EnumIntervals.MINUTE1),
        "OpenInterestRequest.intervalTime: must be one of 5min, 15min, 30min, 1h, 4h, 1d "
        "(got '1')",
    ),
    (
        lambda: OpenInterestRequest().setInterval("1h").array(),
        "OpenInterestRequest.symbol: is required",
    ),
    (
        lambda: (
            OpenInterestRequest()
            .setSymbol("BTCUSDT")
            .setInterval("1h")
            .setStartTime(2)
            .setEndTime(1)
            .array()
        ),
        "OpenInterestRequest.startTime: must not be after endTime (got 2 > 1)",
    ),
    (
        lambda: OpenInterestRequest().setLimit(201),
        "OpenInterestRequest.limit: must be at most 200 (got 201)",
    ),
    # OrderBook
    (
        lambda: OrderBookRequest().setSymbol("BTC-27DEC24-90000-C").setLimit(26).array(),
        "OrderBookRequest.limit: must be at most 25 for category 'option' (got 26)",
    ),
    (
        lambda: OrderBookRequest().setLimit(1001),
        "OrderBookRequest.limit: must be at most 1000 (got 1001)",
    ),
    (lambda: OrderBookRequest().array(), "OrderBookRequest.symbol: is required"),
    # PublicTradingHistory
    (
        lambda: PublicTradingHistoryRequest().array(),
        "PublicTradingHistoryRequest.symbol: is required (only category 'option' lists trades "
        "by baseCoin: setCategory('option'))",
    ),
    (
        lambda: PublicTradingHistoryRequest().setCategory("linear").array(),
        "PublicTradingHistoryRequest.symbol: is required for category 'linear'",
    ),
    (
        lambda: (
            PublicTradingHistoryRequest()
            .setCategory("spot")
            .setSymbol("BTCUSDT")
            .setLimit(61)
            .array()
        ),
        "PublicTradingHistoryRequest.limit: must be at most 60 for category 'spot' (got 61)",
    ),
    (
        lambda: PublicTradingHistoryRequest().setSymbol("BTCUSDT").setBaseCoin("BTC").array(),
        "PublicTradingHistoryRequest.baseCoin: is for category 'option' only (category is "
        "'linear')",
    ),
    (
        lambda: PublicTradingHistoryRequest().setSymbol("BTCUSDT").setOptionType("Call").array(),
        "PublicTradingHistoryRequest.optionType: is for category 'option' only (category is "
        "'linear')",
    ),
    (
        lambda: PublicTradingHistoryRequest().setOptionType("call"),
        "PublicTradingHistoryRequest.optionType: must be one of Call, Put (got 'call')",
    ),
    # RiskLimit
    (
        lambda: RiskLimitsRequest().setCategory("option"),
        "RiskLimitsRequest.category: must be one of linear, inverse (got 'option')",
    ),
    (
        lambda: RiskLimitsRequest().setSymbol("BTC-27DEC24-90000-C").array(),
        "RiskLimitsRequest.category: must be one of linear, inverse for RiskLimit (got 'option')",
    ),
    # TickerInfo
    (
        lambda: TickerInfoRequest().setBaseCoin("BTC").array(),
        "TickerInfoRequest.baseCoin: is for category 'option' only (category is 'linear')",
    ),
    (
        lambda: TickerInfoRequest().setCategory("spot").setExpDate("25DEC22").array(),
        "TickerInfoRequest.expDate: is for category 'option' only (category is 'spot')",
    ),
    (
        lambda: TickerInfoRequest().setCategory("option").array(),
        "TickerInfoRequest.symbol: or baseCoin is required for category 'option'",
    ),
    (
        lambda: TickerInfoRequest().setExpDate("2022-12-25"),
        "TickerInfoRequest.expDate: must be an option expiry such as 25DEC22 (got '2022-12-25')",
    ),
]


@pytest.mark.parametrize(("build", "message"), REFUSED)
def test_refused(build: Build, message: str) -> None:
    with pytest.raises(SDKException) as info:
        build()
    assert str(info.value) == message


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (
            lambda: KlineRequest().setInterval(True),
            "KlineRequest.interval: must be a string, got bool",
        ),
        (
            lambda: KlineRequest().setInterval(1.5),
            "KlineRequest.interval: must be a string, got float",
        ),
        (
            lambda: KlineRequest().setLimit("many"),
            "KlineRequest.limit: must be a whole number, got str",
        ),
        (
            lambda: KlineRequest().setStartTime("2024"),
            "KlineRequest.start: must be ms since the epoch (int) or a datetime, got str",
        ),
    ],
)
def test_wrong_types(build: Build, message: str) -> None:
    with pytest.raises(SDKTypeError) as info:
        build()
    assert str(info.value) == message


@pytest.mark.parametrize(
    ("given", "sent"),
    [
        (EnumIntervals.MINUTE1, "1"),
        (EnumIntervals.MINUTE_15, "15"),
        (EnumIntervals.HOUR_1, "60"),
        (EnumIntervals.HOUR_12, "720"),
        (EnumIntervals.DAY_1, "D"),
        (EnumIntervals.WEEK_1, "W"),
        (EnumIntervals.DAY, "D"),  # PHP crashed on D, W and M
        (EnumIntervals.WEEK, "W"),
        (EnumIntervals.MONTH, "M"),
        (240, "240"),
        ("720", "720"),
    ],
)
def test_intervals_are_sent_as_v5_values(given: Any, sent: str) -> None:
    for request in (KlineRequest(), MarkPriceKlineRequest(), IndexPriceKlineRequest()):
        request.setSymbol("BTCUSDT").setInterval(given)
        assert request.getInterval() == sent
        assert request.query()["interval"] == sent


@pytest.mark.parametrize(
    ("given", "sent"),
    [("5min", "5min"), ("5", "5min"), (15, "15min"), ("30m", "30min"), ("1h", "1h"),
     (EnumIntervals.HOUR_4, "4h"), (EnumIntervals.DAY_1, "1d"), ("D", "1d"), ("60", "1h")],
)  # fmt: skip
def test_open_interest_intervals_are_v5s(given: Any, sent: str) -> None:
    request = OpenInterestRequest().setSymbol("BTCUSDT").setInterval(given)
    assert request.query()["intervalTime"] == sent


@pytest.mark.parametrize(
    ("request_", "category"),
    [
        (KlineRequest().setSymbol("BTCUSDT").setInterval(1), "linear"),
        (KlineRequest().setSymbol("BTCUSD").setInterval(1), "inverse"),
        (KlineRequest().setSymbol("ETHUSDH25").setInterval(1), "inverse"),
        (MarkPriceKlineRequest().setSymbol("ETH-27DEC24-4000-P").setInterval(1), "option"),
        (OrderBookRequest().setSymbol("BTCPERP"), "linear"),
        (InstrumentInfoRequest(), "linear"),
        (InstrumentInfoRequest().setSymbol("BTCUSD"), "inverse"),
        (TickerInfoRequest(), "linear"),
        (RiskLimitsRequest(), "linear"),
        (PublicTradingHistoryRequest().setSymbol("BTC-27DEC24-90000-C"), "option"),
    ],
)
def test_category_told_or_defaulted(request_: Any, category: str) -> None:
    assert request_.query()["category"] == category
    assert request_.getCategory() is None  # told, not set


def test_setters_keep_values_for_getters() -> None:
    request = (
        FundingRateHistoryRequest()
        .setCategory("inverse")
        .setSymbol("BTCUSD")
        .setStartTime(1)
        .setEndTime(2)
        .setLimit(3)
    )
    assert (request.getCategory(), request.getSymbol(), request.getStartTime()) == (
        "inverse",
        "BTCUSD",
        1,
    )
    assert (request.getEndTime(), request.getLimit()) == (2, 3)
    assert request.array() == {
        "category": "inverse",
        "symbol": "BTCUSD",
        "startTime": 1,
        "endTime": 2,
        "limit": 3,
    }


def test_keyword_construction_is_checked_too() -> None:
    assert KlineRequest(symbol="BTCUSDT", interval="1h").getInterval() == "60"
    with pytest.raises(SDKException, match=r"^KlineRequest\.limit: must be at most 1000"):
        KlineRequest(limit=5000)
