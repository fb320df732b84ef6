"""The exact query of each market-data endpoint, and no auth header on any of them."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
import requests_mock

from carpenstar_bybit import BybitAPI
from carpenstar_bybit.Core.Enums import EnumIntervals
from carpenstar_bybit.Core.Exceptions import SDKException
from carpenstar_bybit.Core.Names import short
from carpenstar_bybit.Core.Objects import AbstractParameters
from carpenstar_bybit.Core.Registry import ENDPOINTS
from carpenstar_bybit.Core.Retry import RetryPolicy
from carpenstar_bybit.Derivatives.MarketData.FundingRateHistory import FundingRateHistory
from carpenstar_bybit.Derivatives.MarketData.FundingRateHistory.Request import (
    FundingRateHistoryRequest,
)
from carpenstar_bybit.Derivatives.MarketData.IndexPriceKline import IndexPriceKline
from carpenstar_bybit.Derivatives.MarketData.IndexPriceKline.Request import IndexPriceKlineRequest
from carpenstar_bybit.Derivatives.MarketData.InstrumentInfo import InstrumentInfo
from carpenstar_bybit.Derivatives.MarketData.InstrumentInfo.Request import InstrumentInfoRequest
from carpenstar_bybit.Derivatives.MarketData.Kline import Kline
from carpenstar_bybit.Derivatives.MarketData.Kline.Request import KlineRequest
from carpenstar_bybit.Derivatives.MarketData.MarkPriceKline import MarkPriceKline
from carpenstar_bybit.Derivatives.MarketData.MarkPriceKline.Request import MarkPriceKlineRequest
from carpenstar_bybit.Derivatives.MarketData.OpenInterest import OpenInterest
from carpenstar_bybit.Derivatives.MarketData.OpenInterest.Request import OpenInterestRequest
from carpenstar_bybit.Derivatives.MarketData.OrderBook import OrderBook
from carpenstar_bybit.Derivatives.MarketData.OrderBook.Request import OrderBookRequest
from carpenstar_bybit.Derivatives.MarketData.PublicTradingHistory import PublicTradingHistory
from carpenstar_bybit.Derivatives.MarketData.PublicTradingHistory.Request import (
    PublicTradingHistoryRequest,
)
from carpenstar_bybit.Derivatives.MarketData.RiskLimit import RiskLimit
from carpenstar_bybit.Derivatives.MarketData.RiskLimit.Request import RiskLimitsRequest
from carpenstar_bybit.Derivatives.MarketData.TickerInfo import TickerInfo
from carpenstar_bybit.Derivatives.MarketData.TickerInfo.Request import TickerInfoRequest

from ..conftest import FROZEN_MS, KEY, SECRET

MAINNET = "https://api.bybit.com"
EMPTY = {"retCode": 0, "retMsg": "OK", "result": {"list": []}, "retExtInfo": {}, "time": 1}
MARKET_ENDPOINTS = {
    short(key): module
    for key, module in ENDPOINTS.items()
    if key.startswith("Derivatives.MarketData.")
}
# A millisecond-precise aware datetime: the query keeps its milliseconds.
MOMENT = datetime(2024, 1, 2, 3, 4, 5, 678_000, tzinfo=UTC)

CASES: list[tuple[Any, AbstractParameters, str]] = [
    (
        Kline,
        KlineRequest()
        .setSymbol("BTCUSDT")
        .setInterval(EnumIntervals.HOUR_1)
        .setStartTime(1_700_000_000_123)
        .setEndTime(MOMENT)
        .setLimit(1000),
        "/v5/market/kline?category=linear&symbol=BTCUSDT&interval=60&start=1700000000123"
        "&end=1704164645678&limit=1000",
    ),
    (
        Kline,
        KlineRequest().setSymbol("BTCUSD").setInterval("D"),
        "/v5/market/kline?category=inverse&symbol=BTCUSD&interval=D",
    ),
    (
        Kline,
        KlineRequest().setCategory("spot").setSymbol("BTCUSDT").setInterval(EnumIntervals.WEEK),
        "/v5/market/kline?category=spot&symbol=BTCUSDT&interval=W",
    ),
    (
        Kline,
        KlineRequest().setSymbol("ETHUSDT").setInterval(EnumIntervals.MONTH).setLimit(5),
        "/v5/market/kline?category=linear&symbol=ETHUSDT&interval=M&limit=5",
    ),
    (
        MarkPriceKline,
        MarkPriceKlineRequest().setSymbol("BTCUSDT").setInterval(15).setStartTime(1).setEndTime(2),
        "/v5/market/mark-price-kline?category=linear&symbol=BTCUSDT&interval=15&start=1&end=2",
    ),
    (
        MarkPriceKline,
        MarkPriceKlineRequest().setSymbol("BTC-27DEC24-90000-C").setInterval("1d").setLimit(500),
        "/v5/market/mark-price-kline?category=option&symbol=BTC-27DEC24-90000-C&interval=D"
        "&limit=500",
    ),
    (
        IndexPriceKline,
        IndexPriceKlineRequest().setSymbol("BTCUSDZ22").setInterval(EnumIntervals.MINUTE1),
        "/v5/market/index-price-kline?category=inverse&symbol=BTCUSDZ22&interval=1",
    ),
    (
        FundingRateHistory,
        FundingRateHistoryRequest()
        .setSymbol("ETHPERP")
        .setStartTime(1_672_000_000_000)
        .setEndTime(1_672_041_600_000)
        .setLimit(200),
        "/v5/market/funding/history?category=linear&symbol=ETHPERP&startTime=1672000000000"
        "&endTime=1672041600000&limit=200",
    ),
    (
        FundingRateHistory,
        FundingRateHistoryRequest().setSymbol("BTCUSD").setEndTime(5),
        "/v5/market/funding/history?category=inverse&symbol=BTCUSD&endTime=5",
    ),
    (
        InstrumentInfo,
        InstrumentInfoRequest(),
        "/v5/market/instruments-info?category=linear",
    ),
    (
        InstrumentInfo,
        InstrumentInfoRequest()
        .setCategory("inverse")
        .setLimit(1000)
        .setCursor("next%3D12")
        .setStatus("PreLaunch")
        .setBaseCoin("BTC")
        .setSymbolType("innovation"),
        "/v5/market/instruments-info?category=inverse&limit=1000&cursor=next%253D12"
        "&status=PreLaunch&baseCoin=BTC&symbolType=innovation",
    ),
    (
        InstrumentInfo,
        InstrumentInfoRequest().setSymbol("BTCUSDT").setCategory("spot"),
        "/v5/market/instruments-info?symbol=BTCUSDT&category=spot",
    ),
    (
        OpenInterest,
        OpenInterestRequest()
        .setSymbol("BTCUSD")
        .setInterval(EnumIntervals.HOUR_4)
        .setStartTime(1)
        .setEndTime(2)
        .setLimit(200)
        .setCursor("lastid%3D1"),
        "/v5/market/open-interest?category=inverse&symbol=BTCUSD&intervalTime=4h&startTime=1"
        "&endTime=2&limit=200&cursor=lastid%253D1",
    ),
    (
        OpenInterest,
        OpenInterestRequest().setSymbol("ETHUSDT").setInterval(5),
        "/v5/market/open-interest?category=linear&symbol=ETHUSDT&intervalTime=5min",
    ),
    (
        OrderBook,
        OrderBookRequest().setSymbol("BTCUSDT").setLimit(500),
        "/v5/market/orderbook?category=linear&symbol=BTCUSDT&limit=500",
    ),
    (
        OrderBook,
        OrderBookRequest().setSymbol("BTC-27DEC24-90000-P").setLimit(25),
        "/v5/market/orderbook?category=option&symbol=BTC-27DEC24-90000-P&limit=25",
    ),
    (
        PublicTradingHistory,
        PublicTradingHistoryRequest().setSymbol("BTCUSDT").setLimit(1000),
        "/v5/market/recent-trade?category=linear&symbol=BTCUSDT&limit=1000",
    ),
    (
        PublicTradingHistory,
        PublicTradingHistoryRequest().setCategory("option").setBaseCoin("ETH").setOptionType("Put"),
        "/v5/market/recent-trade?category=option&baseCoin=ETH&optionType=Put",
    ),
    (
        RiskLimit,
        RiskLimitsRequest(),
        "/v5/market/risk-limit?category=linear",
    ),
    (
        RiskLimit,
        RiskLimitsRequest().setSymbol("BTCUSD").setCursor("c2"),
        "/v5/market/risk-limit?category=inverse&symbol=BTCUSD&cursor=c2",
    ),
    (
        TickerInfo,
        TickerInfoRequest().setSymbol("BTCUSDT"),
        "/v5/market/tickers?category=linear&symbol=BTCUSDT",
    ),
    (
        TickerInfo,
        TickerInfoRequest().setCategory("option").setBaseCoin("BTC").setExpDate("25DEC22"),
        "/v5/market/tickers?category=option&baseCoin=BTC&expDate=25DEC22",
    ),
    (
        TickerInfo,
        TickerInfoRequest(),
        "/v5/market/tickers?category=linear",
    ),
]


@pytest.fixture
def keyed() -> Iterator[BybitAPI]:
    """A BybitAPI that also makes private calls: public ones must still go unsigned."""
    with BybitAPI(MAINNET, KEY, SECRET, clock=lambda: FROZEN_MS, retry=RetryPolicy.off()) as bybit:
        yield bybit


def _no_auth(headers: Any) -> None:
    leaked = [name for name in headers if name.lower().startswith("x-bapi")]
    assert leaked == []


@pytest.mark.parametrize(("endpoint", "request_", "target"), CASES)
def test_exact_query_and_no_auth_headers(
    keyed: BybitAPI, endpoint: Any, request_: AbstractParameters, target: str
) -> None:
    with requests_mock.Mocker() as mock:
        mock.get(requests_mock.ANY, json=EMPTY)
        keyed.rest(endpoint, request_)
        sent = mock.last_request
    assert sent.method == "GET"
    assert sent.url == MAINNET + target
    assert sent.body is None
    _no_auth(sent.headers)


def test_every_market_endpoint_is_covered_and_public() -> None:
    assert len(MARKET_ENDPOINTS) == 10
    covered = {endpoint.__name__ for endpoint, _, _ in CASES}
    assert covered == set(MARKET_ENDPOINTS)
    for endpoint, _, _ in CASES:
        assert endpoint.IS_NEED_AUTHORIZATION is False
        assert endpoint.HTTP_METHOD == "GET"


def test_no_key_is_needed() -> None:
    with BybitAPI(MAINNET) as bybit, requests_mock.Mocker() as mock:
        mock.get(requests_mock.ANY, json=EMPTY)
        bybit.rest(TickerInfo, TickerInfoRequest().setSymbol("BTCUSDT"))
        # The 5.x style too: publicEndpoint(...).execute().
        bybit.publicEndpoint(OrderBook, OrderBookRequest().setSymbol("BTCUSDT")).execute()
        assert mock.call_count == 2
        for sent in mock.request_history:
            _no_auth(sent.headers)


def test_public_after_private_carries_no_auth(keyed: BybitAPI) -> None:
    """PHP's singleton GET request kept the last private call's headers; this one does not."""
    from carpenstar_bybit.Derivatives.Contract.Order.CancelOrder import CancelOrder
    from carpenstar_bybit.Derivatives.Contract.Order.CancelOrder.Request import (
        CancelOrderRequest,
    )

    with requests_mock.Mocker() as mock:
        mock.post(requests_mock.ANY, json={**EMPTY, "result": {"orderId": "1"}})
        mock.get(requests_mock.ANY, json=EMPTY)
        keyed.rest(CancelOrder, CancelOrderRequest().setSymbol("BTCUSDT").setOrderId("1"))
        keyed.rest(Kline, KlineRequest().setSymbol("BTCUSDT").setInterval(1))
        private, public = mock.request_history
    assert private.headers["X-BAPI-API-KEY"] == KEY
    _no_auth(public.headers)


def test_private_style_binding_is_refused_for_public_endpoints(keyed: BybitAPI) -> None:
    with pytest.raises(SDKException, match="Kline is a public endpoint"):
        keyed.privateEndpoint(Kline, KlineRequest())


def test_validation_happens_before_any_io(keyed: BybitAPI) -> None:
    with requests_mock.Mocker() as mock:
        with pytest.raises(SDKException, match=r"^KlineRequest\.interval: is required$"):
            keyed.rest(Kline, KlineRequest().setSymbol("BTCUSDT"))
        assert mock.call_count == 0
