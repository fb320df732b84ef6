"""The ten endpoints against the embedded sandbox over real HTTP on loopback: no mocks."""

from __future__ import annotations

import itertools
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
import requests

from carpenstar_bybit import BybitAPI
from carpenstar_bybit.Core.Enums import EnumIntervals, EnumOutputMode
from carpenstar_bybit.Core.Exceptions import ApiException
from carpenstar_bybit.Core.Response import IP_LIMIT_MESSAGE
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
from carpenstar_bybit.Derivatives.MarketData.TickerInfo.Response import TickerInfoResponse
from carpenstar_bybit.sandbox import Sandbox
from carpenstar_bybit.sandbox.market import INSTRUMENTS, Fill

from ..conftest import Sleeps

KEY, SECRET = "md-key", "md-secret"
PRICES = {"BTCUSDT": "65000.5", "BTCUSD": "64000", "ETHUSDT": "3123.45"}


@pytest.fixture(scope="module")
def sandbox() -> Iterator[Sandbox]:
    with Sandbox(keys={KEY: SECRET}, rate_limit=None, seed=11) as server:
        for symbol, price in PRICES.items():
            server.set_price(symbol, price)
        yield server


@pytest.fixture(scope="module")
def api(sandbox: Sandbox) -> Iterator[BybitAPI]:
    # No key: public calls need none.
    with BybitAPI(sandbox.base_url, retry=RetryPolicy.off()) as bybit:
        yield bybit


def ticker(api: BybitAPI, symbol: str, category: str | None = None) -> TickerInfoResponse:
    request = TickerInfoRequest().setSymbol(symbol)
    if category:
        request.setCategory(category)
    item = api.rest(TickerInfo, request).getBody().fetch()
    assert isinstance(item, TickerInfoResponse)
    return item


@pytest.mark.parametrize(("symbol", "category"), [("BTCUSDT", None), ("BTCUSD", None),
                                                  ("ETHUSDT", "spot")])  # fmt: skip
def test_ticker_last_price_is_the_price_set(
    api: BybitAPI, symbol: str, category: str | None
) -> None:
    item = ticker(api, symbol, category)
    assert item.getSymbol() == symbol
    assert item.getLastPrice() == float(PRICES[symbol])
    assert item.getBidPrice() < item.getLastPrice() < item.getAskPrice()  # type: ignore[operator]
    high, low = item.getHighPrice24h(), item.getLowPrice24h()
    assert high is not None
    assert low is not None
    assert low <= float(PRICES[symbol]) <= high


def test_set_price_moves_the_ticker(sandbox: Sandbox, api: BybitAPI) -> None:
    sandbox.set_price("XRPUSDT", "0.6123")
    assert ticker(api, "XRPUSDT").getLastPrice() == 0.6123
    sandbox.set_price("XRPUSDT", Decimal("0.7"))
    assert ticker(api, "XRPUSDT").getLastPrice() == 0.7


def _candles(api: BybitAPI, endpoint: Any, request: Any, interval: str) -> list[list[str]]:
    """200 candles as sent (exact strings), newest first."""
    request = request.setSymbol("BTCUSDT").setInterval(interval).setLimit(200)
    rows: list[list[str]] = api.rest(endpoint, request, EnumOutputMode.MODE_ARRAY).getBody().all()
    return rows


@pytest.mark.parametrize("interval", ["1", "60"])
@pytest.mark.parametrize(
    ("endpoint", "request_class"),
    [(Kline, KlineRequest), (MarkPriceKline, MarkPriceKlineRequest)],
)
def test_set_price_moves_only_what_follows(
    sandbox: Sandbox, api: BybitAPI, endpoint: Any, request_class: Any, interval: str
) -> None:
    # Candles of the past are what the market did: a new price moves what follows, never them.
    span = int(interval) * 60_000
    now = int(time.time() * 1000)
    before = [
        r for r in _candles(api, endpoint, request_class(), interval) if int(r[0]) + span <= now
    ]
    assert len(before) >= 150
    try:
        for price in ("81250.6", "32500.3"):
            sandbox.set_price("BTCUSDT", price)
            after = _candles(api, endpoint, request_class(), interval)
            newest = next(i for i, row in enumerate(after) if row[0] == before[0][0])
            assert after[newest:] == before[: len(after) - newest]
            if endpoint is Kline:
                assert after[0][4] == price  # the current candle closes at the new price
    finally:
        sandbox.set_price("BTCUSDT", PRICES["BTCUSDT"])  # the module's sandbox, for the others


@pytest.mark.parametrize("depth", [1, 25, 200])
def test_book_straddles_the_price(api: BybitAPI, depth: int) -> None:
    book = api.rest(OrderBook, OrderBookRequest().setSymbol("BTCUSDT").setLimit(depth))
    item = book.getBody().fetch()
    bids, asks = item.getBid(), item.getAsk()
    assert len(bids) == len(asks) == depth
    price = Decimal(PRICES["BTCUSDT"])
    best_bid, best_ask = Decimal(str(bids[0].getPrice())), Decimal(str(asks[0].getPrice()))
    assert best_bid < price < best_ask
    bid_prices = [b.getPrice() for b in bids]
    ask_prices = [a.getPrice() for a in asks]
    assert bid_prices == sorted(bid_prices, reverse=True)  # bids: best (highest) first
    assert ask_prices == sorted(ask_prices)
    assert all(level.getQuantity() for level in [*bids, *asks])
    assert item.getSymbol() == "BTCUSDT"
    assert item.getTimestamp() is not None
    # The ticker's best bid and ask are the book's.
    top = ticker(api, "BTCUSDT")
    assert (top.getBidPrice(), top.getAskPrice()) == (bids[0].getPrice(), asks[0].getPrice())


@pytest.mark.parametrize("interval", EnumIntervals.INTERVALS_LIST)
def test_last_kline_closes_at_the_price(api: BybitAPI, interval: str) -> None:
    request = KlineRequest().setSymbol("BTCUSDT").setInterval(interval).setLimit(50)
    rows = api.rest(Kline, request).getBody().all()
    assert 1 <= len(rows) <= 50
    newest = rows[0]
    assert newest.getClose() == float(PRICES["BTCUSDT"])
    starts = [r.getStartTime() for r in rows]
    assert starts == sorted(starts, reverse=True)
    assert starts[0] <= datetime.now(UTC)
    for row in rows:
        assert row.getLow() <= min(row.getOpen(), row.getClose())  # type: ignore[type-var]
        assert row.getHigh() >= max(row.getOpen(), row.getClose())  # type: ignore[type-var]
        assert row.getVolume() > 0  # type: ignore[operator]
    # Consecutive candles join: each opens where the one before closed.
    for older, newer in zip(rows[1:], rows, strict=False):
        assert newer.getOpen() == older.getClose()


def test_mark_and_index_klines_close_at_the_ticker(api: BybitAPI) -> None:
    mark = api.rest(MarkPriceKline, MarkPriceKlineRequest().setSymbol("BTCUSD").setInterval("1"))
    index = api.rest(IndexPriceKline, IndexPriceKlineRequest().setSymbol("BTCUSD").setInterval(1))
    item = ticker(api, "BTCUSD")
    assert mark.getBody().fetch().getClose() == item.getMarkPrice()
    assert index.getBody().fetch().getClose() == item.getIndexPrice()
    assert abs(item.getMarkPrice() / 64000 - 1) < 0.01  # type: ignore[operator]


def test_kline_window_and_limit(api: BybitAPI) -> None:
    end = datetime(2026, 1, 2, 12, 0, tzinfo=UTC)
    start = datetime(2026, 1, 2, 10, 0, tzinfo=UTC)
    request = KlineRequest().setSymbol("ETHUSDT").setInterval(15).setStartTime(start)
    rows = api.rest(Kline, request.setEndTime(end)).getBody().all()
    assert [r.getStartTime() for r in rows][::-1] == [
        start + timedelta(minutes=m) for m in range(0, 121, 15)
    ]
    big = api.rest(Kline, KlineRequest().setSymbol("BTCUSDT").setInterval(1).setLimit(1000))
    assert big.getBody().count() == 1000


def test_instruments_info_lists_the_order_engines_figures(api: BybitAPI) -> None:
    request = InstrumentInfoRequest().setLimit(2)
    listed = [item for page in api.pages(InstrumentInfo, request) for item in page.getBody().all()]
    table = [i for i in INSTRUMENTS if i.category == "linear"]
    assert [i.getSymbol() for i in listed] == [i.symbol for i in table]
    for item, figures in zip(listed, table, strict=True):
        price, lot, leverage = (
            item.getPriceFilter().fetch(),
            item.getLotSizeFilter().fetch(),
            item.getLeverageFilter().fetch(),
        )
        assert price is not None
        assert lot is not None
        assert leverage is not None
        assert Decimal(str(price.getTickSize())) == figures.tick_size
        assert Decimal(str(lot.getQtyStep())) == figures.qty_step
        assert Decimal(str(lot.getMinOrderQty())) == figures.min_qty
        assert Decimal(str(lot.getMaxOrderQty())) == figures.max_qty
        assert leverage.getMinLeverage() == figures.min_leverage
        assert Decimal(str(leverage.getMaxLeverage())) == figures.max_leverage
        assert item.getSettleCoin() == figures.settle_coin
        assert item.getFundingInterval() == 480
    one = api.rest(InstrumentInfo, InstrumentInfoRequest().setSymbol("BTCUSD"))
    assert [i.getContractType() for i in one.getBody().all()] == ["InversePerpetual"]
    spot = api.rest(InstrumentInfo, InstrumentInfoRequest().setCategory("spot"), 1).getBody()
    assert [i["symbol"] for i in spot.all()] == ["BTCUSDT", "ETHUSDT"]


def test_recent_trades_start_at_the_price_and_include_own_fills(
    sandbox: Sandbox, api: BybitAPI
) -> None:
    trades = api.rest(PublicTradingHistory, PublicTradingHistoryRequest().setSymbol("ETHUSDT"))
    items = trades.getBody().all()
    assert len(items) == 500  # V5's default
    assert items[0].getPrice() == float(PRICES["ETHUSDT"])
    times = [t.getTime() for t in items]
    assert times == sorted(times, reverse=True)
    now = int(datetime.now(UTC).timestamp() * 1000)
    fill = Fill("k", "linear", "SOLUSDT", "Buy", Decimal("151.25"), Decimal("2.5"), "o-1",
                "link-1", "exec-own-1", True, "Limit", False, 0, now)  # fmt: skip
    sandbox._app.exchange.market.announce(fill)
    request = PublicTradingHistoryRequest().setSymbol("SOLUSDT").setLimit(3)
    first, *rest = api.rest(PublicTradingHistory, request).getBody().all()
    assert (first.getExecId(), first.getPrice(), first.getSize()) == ("exec-own-1", 151.25, 2.5)
    assert first.getSide() == "Sell"  # the fill was the maker's Buy: the taker sold
    assert len(rest) == 2
    assert all(t.getTime() < first.getTime() for t in rest)  # type: ignore[operator]


def test_funding_history_and_the_tickers_rate(api: BybitAPI) -> None:
    rows = api.rest(
        FundingRateHistory, FundingRateHistoryRequest().setSymbol("BTCUSDT").setLimit(5)
    )
    items = rows.getBody().all()
    assert len(items) == 5
    stamps = [int(i.getFundingRateTimestamp().timestamp() * 1000) for i in items]  # type: ignore[union-attr]
    assert all(a - b == 8 * 3600 * 1000 for a, b in itertools.pairwise(stamps))
    assert all(-0.0005 < i.getFundingRate() < 0.0005 for i in items)  # type: ignore[operator]
    item = ticker(api, "BTCUSDT")
    next_time = item.getNextFundingTime()
    assert next_time is not None
    assert int(next_time.timestamp() * 1000) == stamps[0] + 8 * 3600 * 1000
    window = (
        FundingRateHistoryRequest()
        .setSymbol("BTCUSDT")
        .setStartTime(stamps[2])
        .setEndTime(stamps[0])
    )
    assert [i.getFundingRate() for i in api.rest(FundingRateHistory, window).getBody().all()] == [
        i.getFundingRate() for i in items[:3]
    ]


def test_open_interest_pages_and_the_tickers_figure(api: BybitAPI) -> None:
    request = OpenInterestRequest().setSymbol("BTCUSDT").setInterval("5min").setLimit(4)
    pages = api.pages(OpenInterest, request, max_pages=3)
    first = next(pages)
    assert first.getNextPageCursor() != ""
    second = next(pages)
    points = [*first.getBody().all(), *second.getBody().all()]
    stamps = [p.getTimestamp() for p in points]
    assert len(set(stamps)) == 8
    assert stamps == sorted(stamps, reverse=True)
    assert ticker(api, "BTCUSDT").getOpenInterests() == points[0].getOpenInterest()


def test_risk_tiers_start_at_the_instruments_leverage(api: BybitAPI) -> None:
    tiers = api.rest(RiskLimit, RiskLimitsRequest().setSymbol("SOLUSDT")).getBody().all()
    assert [t.getId() for t in tiers] == ["1", "2", "3", "4", "5"]
    assert tiers[0].getIsLowerRisk() == 1
    assert tiers[0].getMaxLeverage() == 75.0
    limits = [t.getLimit() for t in tiers]
    assert limits == sorted(limits)  # type: ignore[type-var]
    every = api.rest(RiskLimit, RiskLimitsRequest().setCategory("inverse")).getBody().all()
    assert {t.getSymbol() for t in every} == {"BTCUSD", "ETHUSD"}


def test_every_ticker_of_a_category(api: BybitAPI) -> None:
    items = api.rest(TickerInfo, TickerInfoRequest()).getBody().all()
    assert [i.getSymbol() for i in items] == [
        i.symbol for i in INSTRUMENTS if i.category == "linear"
    ]
    modes = api.rest(
        TickerInfo, TickerInfoRequest().setSymbol("BTCUSDT"), EnumOutputMode.MODE_ARRAY
    )
    assert modes.getBody().fetch()["lastPrice"] == PRICES["BTCUSDT"]


def test_public_routes_need_no_signature_but_check_their_query(sandbox: Sandbox) -> None:
    url = sandbox.base_url + "/v5/market/kline"
    ok = requests.get(url, params={"symbol": "BTCUSDT", "interval": "D"}, timeout=5).json()
    assert ok["retCode"] == 0
    assert ok["result"]["category"] == "linear"  # V5's default for klines
    bad = requests.get(url, params={"symbol": "BTCUSDT", "interval": "2h"}, timeout=5).json()
    assert bad["retCode"] == 10001
    missing = requests.get(sandbox.base_url + "/v5/market/tickers", timeout=5).json()
    assert (missing["retCode"], missing["retMsg"]) == (10001, "params error: category is required")
    alone = requests.get(
        sandbox.base_url + "/v5/market/funding/history",
        params={"category": "linear", "symbol": "BTCUSDT", "startTime": "1"},
        timeout=5,
    ).json()
    assert alone["retCode"] == 10001
    # A private route still wants its signature.
    private = requests.get(sandbox.base_url + "/v5/order/realtime", timeout=5).json()
    assert private["retCode"] != 0


def test_ip_ban_is_an_api_exception_and_never_retried(sandbox: Sandbox) -> None:
    sleeps = Sleeps()
    sandbox.set_fault("http_403", path="/v5/market/tickers", times=1)
    before = sandbox.stats()["by_path"].get("/v5/market/tickers", 0)
    with BybitAPI(sandbox.base_url, KEY, SECRET, retry=RetryPolicy(sleep=sleeps)) as bybit:
        with pytest.raises(ApiException) as info:
            bybit.rest(TickerInfo, TickerInfoRequest().setSymbol("BTCUSDT"))
        # The ban is over here: the next call goes through.
        assert (
            bybit.rest(TickerInfo, TickerInfoRequest().setSymbol("BTCUSDT")).getBody().count() == 1
        )
    error = info.value
    assert error.getMessage() == IP_LIMIT_MESSAGE
    assert "600 requests per 5 s" in str(error)
    assert "10 minutes" in str(error)
    assert (error.getCode(), error.http_status, error.attempts) == (403, 403, 1)
    assert sleeps == []
    assert sandbox.stats()["by_path"]["/v5/market/tickers"] == before + 2


def test_an_order_off_the_instruments_figures_is_refused_with_them(sandbox: Sandbox) -> None:
    """The order engine checks orders with the figures instruments-info lists."""
    from carpenstar_bybit.Derivatives.Contract.Order.PlaceOrder import PlaceOrder
    from carpenstar_bybit.Derivatives.Contract.Order.PlaceOrder.Request import PlaceOrderRequest

    with BybitAPI(sandbox.base_url, KEY, SECRET, retry=RetryPolicy.off()) as bybit:
        info = bybit.rest(InstrumentInfo, InstrumentInfoRequest().setSymbol("SOLUSDT"))
        item = info.getBody().fetch()
        price_filter, lot = item.getPriceFilter().fetch(), item.getLotSizeFilter().fetch()
        assert price_filter is not None
        assert lot is not None
        tick = Decimal(info.getBody().all()[0].toArray()["priceFilter"]["tickSize"])
        least = Decimal(str(lot.getMinOrderQty()))
        price = Decimal(str(ticker(bybit, "SOLUSDT").getBidPrice()))
        assert Decimal(str(price_filter.getTickSize())) == tick

        def place(at: Decimal, qty: Decimal) -> object:
            request = (
                PlaceOrderRequest()
                .setSymbol("SOLUSDT")
                .setSide("Buy")
                .setOrderType("Limit")
                .setQty(str(qty))
                .setPrice(str(at))
            )
            return bybit.rest(PlaceOrder, request)

        with pytest.raises(ApiException) as off_tick:
            place(price - tick / 2, least)
        assert off_tick.value.getCode() == 10001
        assert (
            off_tick.value.getMessage()
            == f"params error: price must be a multiple of tickSize {tick}"
        )
        placed = place(price - tick, least)  # on the tick, the least quantity: it rests
    assert placed.getBody().fetch().getOrderId()  # type: ignore[attr-defined]


def test_a_market_order_of_the_sandbox_leads_the_recent_trades(sandbox: Sandbox) -> None:
    from carpenstar_bybit.Derivatives.Contract.Order.PlaceOrder import PlaceOrder
    from carpenstar_bybit.Derivatives.Contract.Order.PlaceOrder.Request import PlaceOrderRequest

    with BybitAPI(sandbox.base_url, KEY, SECRET, retry=RetryPolicy.off()) as bybit:
        order = PlaceOrderRequest().setSymbol("ETHPERP").setSide("Sell").setOrderType("Market")
        bybit.rest(PlaceOrder, order.setQty("0.37"))
        request = PublicTradingHistoryRequest().setSymbol("ETHPERP").setLimit(2)
        newest, older = bybit.rest(PublicTradingHistory, request).getBody().all()
        last = ticker(bybit, "ETHPERP").getLastPrice()
    assert (newest.getSize(), newest.getSide()) == (0.37, "Sell")  # the taker's side
    assert newest.getPrice() == last  # a market order fills at the market's price
    assert older.getTime() < newest.getTime()  # type: ignore[operator]
