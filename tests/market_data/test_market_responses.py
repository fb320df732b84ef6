"""The PHP fixtures and the V5 docs' examples parse, getter by getter, in every output mode."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from carpenstar_bybit.Core.Builders import ResponseDtoBuilder, RestBuilder
from carpenstar_bybit.Core.Enums import EnumOutputMode
from carpenstar_bybit.Core.Exceptions import ApiException
from carpenstar_bybit.Core.Objects.Collection import (
    ArrayCollection,
    EntityCollection,
    StringCollection,
)
from carpenstar_bybit.Core.Response import CurlResponseDto
from carpenstar_bybit.Derivatives.MarketData.FundingRateHistory.Overrides import (
    TestFundingRateHistory,
)
from carpenstar_bybit.Derivatives.MarketData.FundingRateHistory.Request import (
    FundingRateHistoryRequest,
)
from carpenstar_bybit.Derivatives.MarketData.FundingRateHistory.Response import (
    FundingRateHistoryResponse,
)
from carpenstar_bybit.Derivatives.MarketData.IndexPriceKline.Overrides import TestIndexPriceKline
from carpenstar_bybit.Derivatives.MarketData.IndexPriceKline.Request import IndexPriceKlineRequest
from carpenstar_bybit.Derivatives.MarketData.IndexPriceKline.Response import (
    IndexPriceKlineResponse,
)
from carpenstar_bybit.Derivatives.MarketData.InstrumentInfo.Interfaces import (
    IInstrumentInfoResponse,
    ILeverageFilterItem,
    ILotSizeFilterItem,
    IPriceFilterItem,
)
from carpenstar_bybit.Derivatives.MarketData.InstrumentInfo.Overrides import TestInstrumentInfo
from carpenstar_bybit.Derivatives.MarketData.InstrumentInfo.Request import InstrumentInfoRequest
from carpenstar_bybit.Derivatives.MarketData.InstrumentInfo.Response import (
    InstrumentInfoResponse,
)
from carpenstar_bybit.Derivatives.MarketData.Kline.Interfaces import IKlineResponseInterface
from carpenstar_bybit.Derivatives.MarketData.Kline.Overrides import TestKline
from carpenstar_bybit.Derivatives.MarketData.Kline.Request import KlineRequest
from carpenstar_bybit.Derivatives.MarketData.Kline.Response import KlineResponse
from carpenstar_bybit.Derivatives.MarketData.MarkPriceKline.Interfaces import IMarkPriceKline
from carpenstar_bybit.Derivatives.MarketData.MarkPriceKline.Overrides import TestMarkPriceKline
from carpenstar_bybit.Derivatives.MarketData.MarkPriceKline.Request import MarkPriceKlineRequest
from carpenstar_bybit.Derivatives.MarketData.MarkPriceKline.Response import MarkPriceKlineResponse
from carpenstar_bybit.Derivatives.MarketData.OpenInterest.Overrides import TestOpenInterest
from carpenstar_bybit.Derivatives.MarketData.OpenInterest.Request import OpenInterestRequest
from carpenstar_bybit.Derivatives.MarketData.OpenInterest.Response import OpenInterestResponse
from carpenstar_bybit.Derivatives.MarketData.OrderBook.Interfaces import (
    IOrderBookPriceResponse,
    IOrderBookResponse,
)
from carpenstar_bybit.Derivatives.MarketData.OrderBook.Overrides import TestOrderBook
from carpenstar_bybit.Derivatives.MarketData.OrderBook.Request import OrderBookRequest
from carpenstar_bybit.Derivatives.MarketData.OrderBook.Response import (
    OrderBookPriceItemResponse,
    OrderBookResponse,
)
from carpenstar_bybit.Derivatives.MarketData.PublicTradingHistory.Overrides import (
    TestPublicTradingHistory,
)
from carpenstar_bybit.Derivatives.MarketData.PublicTradingHistory.Request import (
    PublicTradingHistoryRequest,
)
from carpenstar_bybit.Derivatives.MarketData.PublicTradingHistory.Response import (
    PublicTradingHistoryResponse,
)
from carpenstar_bybit.Derivatives.MarketData.RiskLimit.Interfaces import IRiskLimitsResponse
from carpenstar_bybit.Derivatives.MarketData.RiskLimit.Overrides import TestRiskLimit
from carpenstar_bybit.Derivatives.MarketData.RiskLimit.Request import RiskLimitsRequest
from carpenstar_bybit.Derivatives.MarketData.RiskLimit.Response import RiskLimitsResponse
from carpenstar_bybit.Derivatives.MarketData.TickerInfo.Overrides import TestTickerInfo
from carpenstar_bybit.Derivatives.MarketData.TickerInfo.Request import TickerInfoRequest
from carpenstar_bybit.Derivatives.MarketData.TickerInfo.Response import TickerInfoResponse

FIXTURES = Path(__file__).parent / "fixtures"


def text(name: str) -> str:
    return (FIXTURES / name).read_text()


def ms(value: int) -> datetime:
    return datetime.fromtimestamp(value / 1000, tz=UTC)


def run(endpoint: Any, request: Any, name: str, mode: int = EnumOutputMode.MODE_ENTITY) -> Any:
    answer = RestBuilder.make(endpoint, request).execute(mode, text(name))
    assert isinstance(answer, CurlResponseDto)
    return answer


def items(endpoint: Any, request: Any, name: str) -> list[Any]:
    body = run(endpoint, request, name).getBody()
    assert isinstance(body, EntityCollection)
    return body.all()


# -- klines ------------------------------------------------------------------------------------


def test_php_kline_fixture() -> None:
    first, second = items(TestKline, KlineRequest().setSymbol("BTCPERP"), "php_kline.json")
    assert isinstance(first, KlineResponse)
    checked: IKlineResponseInterface = first  # mypy proves the DTO fits PHP's interface
    assert checked.getStartTime() == datetime(2022, 12, 7, tzinfo=UTC)
    assert (first.getOpen(), first.getHigh(), first.getLow(), first.getClose()) == (
        17077.0,
        17084.0,
        17077.0,
        17084.0,
    )
    assert (first.getVolume(), first.getTurnover()) == (0.017, 290.412)
    assert second.getStartTime() == ms(1670371140000)
    assert second.getHigh() == 17077.5


def test_v5_kline_example_keeps_milliseconds_and_exact_strings() -> None:
    rows = items(TestKline, KlineRequest(), "v5_kline.json")
    assert [r.getClose() for r in rows] == [17055.5, 17071.0, 17071.5]
    assert rows[0].getStartTime() == ms(1670608800000)
    assert rows[0].getVolume() == 268611.0
    assert rows[0].getTurnover() == 15.74462667
    assert rows[2].getLow() == 16978.0
    arrays = run(TestKline, KlineRequest(), "v5_kline.json", EnumOutputMode.MODE_ARRAY)
    assert isinstance(arrays.getBody(), ArrayCollection)
    assert arrays.getBody().fetch() == [
        "1670608800000", "17071", "17073", "17027", "17055.5", "268611", "15.74462667",
    ]  # fmt: skip
    raw = run(TestKline, KlineRequest(), "v5_kline.json", EnumOutputMode.MODE_JSON)
    assert isinstance(raw.getBody(), StringCollection)
    assert raw.getBody().fetch() == text("v5_kline.json")


def test_a_candle_start_keeps_its_milliseconds() -> None:
    answer = '{"retCode":0,"retMsg":"OK","result":{"list":[["1670608800123","1","1","1","1"]]}}'
    row = RestBuilder.make(TestMarkPriceKline, MarkPriceKlineRequest()).execute(0, answer)
    assert row.getBody().fetch().getStartTime() == datetime(
        2022, 12, 9, 18, 0, 0, 123_000, tzinfo=UTC
    )


@pytest.mark.parametrize(
    ("endpoint", "request_", "name", "dto", "expected"),
    [
        (
            TestMarkPriceKline,
            MarkPriceKlineRequest().setSymbol("BTCPERP"),
            "php_mark_price_kline.json",
            MarkPriceKlineResponse,
            [
                (1670261280000, 17064.76, 17068.45, 17063.5, 17067.0),
                (1670261220000, 17062.5, 17064.88, 17062.5, 17064.76),
                (1670261160000, 17064.0, 17064.0, 17062.5, 17062.5),
                (1670261100000, 17072.0, 17072.0, 17064.0, 17064.0),
            ],
        ),
        (
            TestMarkPriceKline,
            MarkPriceKlineRequest(),
            "v5_mark_price_kline.json",
            MarkPriceKlineResponse,
            [(1670608800000, 17164.16, 17164.16, 17121.5, 17131.64)],
        ),
        (
            TestIndexPriceKline,
            IndexPriceKlineRequest(),
            "php_index_price_kline.json",
            IndexPriceKlineResponse,
            [
                (1682935440000, 1847.37, 1847.65, 1847.37, 1847.4),
                (1682935380000, 1847.45, 1847.57, 1847.36, 1847.37),
                (1682935320000, 1847.65, 1847.79, 1847.41, 1847.45),
                (1682935260000, 1847.63, 1847.66, 1847.27, 1847.65),
                (1682935200000, 1847.25, 1847.68, 1847.25, 1847.63),
            ],
        ),
        (
            TestIndexPriceKline,
            IndexPriceKlineRequest(),
            "v5_index_price_kline.json",
            IndexPriceKlineResponse,
            [
                (1670608800000, 17167.0, 17167.0, 17161.9, 17163.07),
                (1670608740000, 17166.54, 17167.69, 17165.42, 17167.0),
            ],
        ),
    ],
)
def test_mark_and_index_klines(
    endpoint: Any, request_: Any, name: str, dto: type, expected: list[tuple[Any, ...]]
) -> None:
    rows = items(endpoint, request_, name)
    assert all(isinstance(row, dto) for row in rows)
    got = [(r.getStartTime(), r.getOpen(), r.getHigh(), r.getLow(), r.getClose()) for r in rows]
    assert got == [(ms(e[0]), *e[1:]) for e in expected]
    assert not hasattr(rows[0], "getVolume")  # mark/index rows have five items: no volume
    if dto is MarkPriceKlineResponse:
        checked: IMarkPriceKline = rows[0]
        assert checked.getClose() == expected[0][4]


# -- list items --------------------------------------------------------------------------------


def test_funding_rate_history_fixtures() -> None:
    request = FundingRateHistoryRequest()
    rows = items(TestFundingRateHistory, request, "php_funding_rate_history.json")
    assert all(isinstance(r, FundingRateHistoryResponse) for r in rows)
    assert [(r.getSymbol(), r.getFundingRate(), r.getFundingRateTimestamp()) for r in rows] == [
        ("BTCUSDT", 0.0001, ms(1683993600000)),
        ("BTCUSDT", 0.00009144, ms(1683964800000)),
        ("BTCUSDT", 0.0008453, ms(1683936000000)),
    ]
    (v5,) = items(TestFundingRateHistory, request, "v5_funding_rate_history.json")
    assert (v5.getSymbol(), v5.getFundingRate(), v5.getFundingRateTimestamp()) == (
        "ETHPERP",
        0.0001,
        ms(1672041600000),
    )


def test_instruments_info_v5_example() -> None:
    answer = run(TestInstrumentInfo, InstrumentInfoRequest(), "v5_instruments_info.json")
    assert answer.getNextPageCursor() == ""
    (item,) = answer.getBody().all()
    assert isinstance(item, InstrumentInfoResponse)
    checked: IInstrumentInfoResponse = item
    assert checked.getSymbol() == "BTCUSDT"
    assert item.getContractType() == "LinearPerpetual"
    assert item.getStatus() == "Trading"
    assert (item.getBaseCoin(), item.getQuoteCoin(), item.getSettleCoin()) == (
        "BTC",
        "USDT",
        "USDT",
    )
    assert item.getLaunchTime() == ms(1585526400000)
    assert item.getDeliveryTime() is None  # "0": no delivery (PHP: null too)
    assert item.getDeliveryFeeRate() is None  # "" on perpetuals (PHP: 0.0)
    assert item.getPriceScale() == 2.0
    assert item.getUnifiedMarginTrade() is True
    assert item.getFundingInterval() == 480
    assert item.getSymbolType() == ""
    assert item.getCopyTrading() == "both"
    assert (item.getUpperFundingRate(), item.getLowerFundingRate()) == (0.00375, -0.00375)
    assert item.getIsPreListing() is False
    assert item.getDisplayName() is None
    lot = item.getLotSizeFilter().fetch()  # PHP's EntityCollection of one filter
    assert lot is not None
    checked_lot: ILotSizeFilterItem = lot
    assert (checked_lot.getMaxOrderQty(), lot.getMinOrderQty(), lot.getQtyStep()) == (
        1190.0,
        0.001,
        0.001,
    )
    assert (lot.getMaxMktOrderQty(), lot.getMinNotionalValue()) == (500.0, 5.0)
    assert lot.getPostOnlyMaxOrderQty() == 1190.0
    price = item.getPriceFilter().fetch()
    assert price is not None
    checked_price: IPriceFilterItem = price
    assert (checked_price.getMinPrice(), price.getMaxPrice(), price.getTickSize()) == (
        0.1,
        1999999.8,
        0.1,
    )
    leverage = item.getLeverageFilter().fetch()
    assert leverage is not None
    checked_leverage: ILeverageFilterItem = leverage
    assert checked_leverage.getMinLeverage() == 1
    assert (leverage.getMaxLeverage(), leverage.getLeverageStep()) == (100.0, 0.01)
    arrays = run(
        TestInstrumentInfo, InstrumentInfoRequest(), "v5_instruments_info.json", 1
    ).getBody()
    assert arrays.fetch()["priceFilter"]["tickSize"] == "0.10"  # exact strings kept


def test_instruments_info_v3_item_through_the_dto_builder() -> None:
    item = ResponseDtoBuilder.make(
        InstrumentInfoResponse, json.loads(text("v3_instrument_item.json"))
    )
    assert isinstance(item, InstrumentInfoResponse)
    assert item.getSymbol() == "BTCPERP"
    assert item.getSettleCoin() == "USDC"
    assert item.getLaunchTime() == ms(1610604231000)
    lot, leverage = item.getLotSizeFilter().fetch(), item.getLeverageFilter().fetch()
    assert lot is not None
    assert leverage is not None
    assert (lot.getMaxOrderQty(), lot.getMaxMktOrderQty()) == (20.0, None)
    assert leverage.getMaxLeverage() == 125.0
    assert item.getCopyTrading() is None  # not in the v3 item


def test_open_interest_fixtures() -> None:
    answer = run(TestOpenInterest, OpenInterestRequest(), "php_open_interest.json")
    assert answer.getNextPageCursor() == "lastid%3D44487872"
    rows = answer.getBody().all()
    assert all(isinstance(r, OpenInterestResponse) for r in rows)
    assert [(r.getOpenInterest(), r.getTimestamp(), r.getSingleOpenInterest()) for r in rows] == [
        (411496.22, ms(1677832800000), None),
        (411484.61, ms(1677832500000), None),
    ]
    v5 = run(TestOpenInterest, OpenInterestRequest(), "v5_open_interest.json")
    assert v5.getNextPageCursor() == "lastid%3D19408935%26lasttime%3D1780617600"
    first = v5.getBody().fetch()
    assert (first.getOpenInterest(), first.getSingleOpenInterest()) == (63910691.0, 31955346.0)
    assert first.getTimestamp() == ms(1780963200000)
    assert v5.getBody().count() == 5


@pytest.mark.parametrize("name", ["php_order_book.json", "v5_order_book.json"])
def test_order_book_levels_are_rows(name: str) -> None:
    answer = run(TestOrderBook, OrderBookRequest(), name)
    assert answer.getBody().count() == 1
    book = answer.getBody().fetch()
    assert isinstance(book, OrderBookResponse)
    checked: IOrderBookResponse = book
    raw = json.loads(text(name))["result"]
    assert checked.getSymbol() == raw["s"]
    assert book.getTimestamp() == ms(raw["ts"])
    assert book.getUpdateId() == raw["u"]
    for levels, wire in ((book.getBid(), "b"), (book.getAsk(), "a")):
        assert all(isinstance(level, OrderBookPriceItemResponse) for level in levels)
        assert [(lv.getPrice(), lv.getQuantity()) for lv in levels] == [
            (float(p), float(q)) for p, q in raw[wire]
        ]
    level: IOrderBookPriceResponse = book.getAsk()[0]
    assert level.getPrice() == float(raw["a"][0][0])
    if name.startswith("v5"):
        assert (book.getSeq(), book.getCts()) == (1432604333, ms(1716863718905))
        assert book.getBid()[0].getPrice() == 65485.47
    else:
        assert (book.getSeq(), book.getCts()) == (None, None)
    array = run(TestOrderBook, OrderBookRequest(), name, EnumOutputMode.MODE_ARRAY)
    assert array.getBody().fetch()["b"] == raw["b"]


def test_public_trading_history_fixtures() -> None:
    request = PublicTradingHistoryRequest().setSymbol("ETHUSDT")
    (php,) = items(TestPublicTradingHistory, request, "php_public_trading_history.json")
    assert isinstance(php, PublicTradingHistoryResponse)
    assert php.getExecId() == "5706445b-8543-59bc-8988-93e0f4a3f0f9"
    assert (php.getSymbol(), php.getPrice(), php.getSize(), php.getSide()) == (
        "BTCUSDT",
        16814.5,
        0.001,
        "Buy",
    )
    assert php.getTime() == ms(1671970297430)
    assert php.isBlockTrade() is False
    assert (php.isRPITrade(), php.getSeq()) == (None, None)
    (v5,) = items(TestPublicTradingHistory, request, "v5_public_trading_history.json")
    assert v5.getExecId() == "2100000000007764263"  # numeric on spot: still a string
    assert (v5.getPrice(), v5.getSize(), v5.getTime()) == (16618.49, 0.00012, ms(1672052955758))
    assert (v5.isBlockTrade(), v5.isRPITrade(), v5.getSeq()) == (False, True, "123456")
    assert (v5.getMarkPrice(), v5.getIndexPrice(), v5.getMarkIv(), v5.getIv()) == (
        None,
        None,
        None,
        None,
    )


def test_risk_limit_fixtures_read_the_v5_names() -> None:
    (php,) = items(TestRiskLimit, RiskLimitsRequest().setSymbol("ETHPERP"), "php_risk_limit.json")
    assert isinstance(php, RiskLimitsResponse)
    checked: IRiskLimitsResponse = php
    assert (checked.getId(), php.getSymbol()) == ("1", "ETHPERP")
    assert php.getIsLowerRisk() == 1  # PHP read isLowerRisk, never sent: always 0 there
    assert (php.getInitialMargin(), php.getMaxLeverage()) == (0.015, 66.67)
    # The v3 fixture's limit / maintainMargin keys are gone in V5.
    assert (php.getLimit(), php.getMaintainMargin()) == (None, None)
    (v5,) = items(TestRiskLimit, RiskLimitsRequest(), "v5_risk_limit.json")
    assert (v5.getId(), v5.getSymbol(), v5.getLimit()) == ("1", "BTCUSD", 150)
    assert (v5.getMaintainMargin(), v5.getInitialMargin()) == (0.5, 1.0)
    assert (v5.getIsLowerRisk(), v5.getMaxLeverage(), v5.getMmDeduction()) == (1, 100.0, None)
    assert (v5.getRiskLimitValue(), v5.getMaintenanceMargin(), v5.getIsLowestRisk()) == (
        150,
        0.5,
        1,
    )


def test_risk_limit_margins_may_be_json_numbers() -> None:
    answer = (
        '{"retCode":0,"retMsg":"OK","result":{"list":[{"id":2,"symbol":"BTCUSDT",'
        '"riskLimitValue":"4000000","maintenanceMargin":0.01,"initialMargin":0.02,'
        '"isLowestRisk":0,"maxLeverage":"50.00","mmDeduction":"2000"}]}}'
    )
    tier = RestBuilder.make(TestRiskLimit, RiskLimitsRequest()).execute(0, answer).getBody().fetch()
    assert (tier.getId(), tier.getLimit()) == ("2", 4_000_000)
    assert (tier.getMaintainMargin(), tier.getInitialMargin()) == (0.01, 0.02)
    assert (tier.getIsLowerRisk(), tier.getMmDeduction()) == (0, 2000.0)


def test_tickers_v5_example() -> None:
    (item,) = items(TestTickerInfo, TickerInfoRequest(), "v5_tickers.json")
    assert isinstance(item, TickerInfoResponse)
    assert item.getSymbol() == "BTCUSD"
    assert (item.getBidPrice(), item.getAskPrice()) == (103401.0, 109152.8)  # bid1/ask1Price
    assert (item.getBid1Size(), item.getAsk1Size()) == (1063.0, 9854.0)
    assert item.getLastPrice() == 120635.5
    assert item.getLastTickDirection() is None  # no V5 REST field
    assert (item.getPrevPrice24h(), item.getPrice24hPcnt()) == (105595.9, 0.142425)
    assert (item.getHighPrice24h(), item.getLowPrice24h()) == (131309.3, 102007.6)
    assert item.getPrevPrice1h() == 119806.1
    assert (item.getMarkPrice(), item.getIndexPrice()) == (114898.43, 114890.92)
    assert (item.getOpenInterests(), item.getOpenInterestValue()) == (240113967.0, 2089.79)
    assert (item.getTurnover24h(), item.getVolume24h()) == (115.6907, 13713832.0)
    assert item.getFundingRate() == 0.0001
    assert item.getNextFundingTime() == ms(1760371200000)
    assert (item.getPredictedDeliveryPrice(), item.getBasisRate()) == (None, None)
    assert (item.getDeliveryFeeRate(), item.getDeliveryTime()) == (None, None)
    assert (item.getBasis(), item.getFundingIntervalHour(), item.getFundingCap()) == (
        None,
        8,
        0.005,
    )
    assert item.getUsdIndexPrice() is None


def test_tickers_v3_item_with_empty_funding_rate() -> None:
    """PHP crashed (TypeError) on the "" funding rate of inverse futures."""
    item = ResponseDtoBuilder.make(TickerInfoResponse, json.loads(text("v3_ticker_item.json")))
    assert item.getFundingRate() is None
    assert item.getNextFundingTime() is None  # "0"
    assert item.getDeliveryTime() == ms(1672387200000)
    assert item.getBasisRate() == -0.00009093
    assert item.getPredictedDeliveryPrice() == 0.0
    # v3 names: bidPrice / askPrice are not V5's bid1Price / ask1Price.
    assert (item.getBidPrice(), item.getAskPrice()) == (None, None)


# -- hostile answers ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("endpoint", "request_", "result"),
    [
        (TestKline, KlineRequest(), {"list": [{"not": "a row"}]}),
        (TestKline, KlineRequest(), {"list": [["1", {"open": 1}, "1", "1", "1", "1", "1"]]}),
        (TestOrderBook, OrderBookRequest(), {"s": "X", "b": {"0": "1"}, "a": []}),
        (TestOrderBook, OrderBookRequest(), {"s": "X", "b": [{"price": "1"}], "a": []}),
        (TestOrderBook, OrderBookRequest(), {"s": "X", "b": [["1", ["nested"]]], "a": []}),
        (TestInstrumentInfo, InstrumentInfoRequest(), {"list": [{"priceFilter": []}]}),
        (
            TestInstrumentInfo,
            InstrumentInfoRequest(),
            {"list": [{"lotSizeFilter": {"qtyStep": {}}}]},
        ),
        (TestTickerInfo, TickerInfoRequest(), {"list": [{"lastPrice": ["1"]}]}),
    ],
)
def test_hostile_answers_are_api_exceptions(endpoint: Any, request_: Any, result: Any) -> None:
    answer = json.dumps({"retCode": 0, "retMsg": "OK", "result": result})
    with pytest.raises(ApiException, match="unexpected response"):
        RestBuilder.make(endpoint, request_).execute(EnumOutputMode.MODE_ENTITY, answer)


def test_a_bad_number_fails_in_its_getter_as_an_api_exception() -> None:
    answer = '{"retCode":0,"retMsg":"OK","result":{"list":[["x","1","1","1","oops"]]}}'
    row = RestBuilder.make(TestMarkPriceKline, MarkPriceKlineRequest()).execute(0, answer)
    candle = row.getBody().fetch()
    with pytest.raises(ApiException, match="4 is not a number"):
        candle.getClose()
    with pytest.raises(ApiException, match="0 is not a whole number"):
        candle.getStartTime()
    assert candle.getOpen() == 1.0


def test_short_rows_read_none() -> None:
    answer = '{"retCode":0,"retMsg":"OK","result":{"list":[["1670608800000","1"]]}}'
    row = RestBuilder.make(TestKline, KlineRequest()).execute(0, answer).getBody().fetch()
    assert (row.getOpen(), row.getClose(), row.getTurnover()) == (1.0, None, None)


def test_empty_answers() -> None:
    empty = '{"retCode":0,"retMsg":"OK","result":{}}'
    assert (
        RestBuilder.make(TestOrderBook, OrderBookRequest()).execute(0, empty).getBody().count() == 0
    )
    listed = '{"retCode":0,"retMsg":"OK","result":{"list":[]}}'
    assert RestBuilder.make(TestKline, KlineRequest()).execute(0, listed).getBody().count() == 0
    # A list endpoint whose answer names no list has not said it is empty.
    with pytest.raises(ApiException, match=r"result\.list is null or missing on a list endpoint"):
        RestBuilder.make(TestKline, KlineRequest()).execute(0, empty)
