"""What a mechanical port of Carpenstar's PHP tests and bot code does, line for line.

Each test is a PHP line (quoted above it) written in Python as a porting team would write it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from carpenstar_bybit import BybitAPI
from carpenstar_bybit.Core.Builders import ResponseDtoBuilder, RestBuilder
from carpenstar_bybit.Core.Enums import EnumOutputMode
from carpenstar_bybit.Core.Exceptions import SDKException
from carpenstar_bybit.Core.Interfaces import ICollectionInterface
from carpenstar_bybit.Core.Objects.Collection import (
    ArrayCollection,
    EntityCollection,
    StringCollection,
)
from carpenstar_bybit.Core.Response import CurlResponseDto
from carpenstar_bybit.Derivatives.Contract.Account.WalletBalance import WalletBalance
from carpenstar_bybit.Derivatives.Contract.Account.WalletBalance.Overrides import (
    TestWalletBalance,
)
from carpenstar_bybit.Derivatives.Contract.Account.WalletBalance.Response import (
    WalletBalanceResponse,
)
from carpenstar_bybit.Derivatives.Contract.Order.CancelAllOrder import CancelAllOrder
from carpenstar_bybit.Derivatives.MarketData.IndexPriceKline.Response import (
    IndexPriceKlineResponse,
)
from carpenstar_bybit.Derivatives.MarketData.InstrumentInfo.Overrides import TestInstrumentInfo
from carpenstar_bybit.Derivatives.MarketData.InstrumentInfo.Request import InstrumentInfoRequest
from carpenstar_bybit.Derivatives.MarketData.InstrumentInfo.Response import (
    InstrumentInfoResponse,
    PriceFilterItemResponse,
)
from carpenstar_bybit.Derivatives.MarketData.Kline.Overrides import TestKline
from carpenstar_bybit.Derivatives.MarketData.Kline.Request import KlineRequest
from carpenstar_bybit.Derivatives.MarketData.Kline.Response import KlineResponse
from carpenstar_bybit.Derivatives.MarketData.MarkPriceKline.Response import (
    MarkPriceKlineResponse,
)
from carpenstar_bybit.Derivatives.MarketData.OrderBook.Interfaces import (
    IOrderBookPriceItemResponseInterface,
)
from carpenstar_bybit.Derivatives.MarketData.OrderBook.Overrides import TestOrderBook
from carpenstar_bybit.Derivatives.MarketData.OrderBook.Request import OrderBookRequest
from carpenstar_bybit.Derivatives.MarketData.OrderBook.Response import (
    OrderBookPriceItemResponse,
    OrderBookResponse,
)
from carpenstar_bybit.sandbox import Sandbox

FIXTURES = Path(__file__).parent / "market_data" / "fixtures"
KEY, SECRET = "port-key-0001", "port-secret"

# WalletBalanceTest.php's answer (the 2023 line's v3 shape: one flat item per coin).
PHP_WALLET = (
    '{"retCode":0,"retMsg":"OK","result":{"list":[{"coin":"USDC","equity":"1259.7788251",'
    '"walletBalance":"1259.7488251","positionMargin":"1259.7788251","availableBalance":'
    '"1246.7387871","orderMargin":"0","occClosingFee":"0","occFundingFee":"0","unrealisedPnl":'
    '"0.03","cumRealisedPnl":"26.6561752","givenCash":"0","serviceCash":"0","accountIM":'
    '"13.040038","accountMM":"1.367038"}]},"retExtInfo":{},"time":1670923631261}'
)
# The V5 shape of the same call: coins nested in the account.
V5_WALLET = (
    '{"retCode":0,"retMsg":"OK","result":{"list":[{"accountType":"UNIFIED",'
    '"totalEquity":"3.31216591","totalInitialMargin":"0","coin":[{"coin":"BTC",'
    '"equity":"0.00006","walletBalance":"0.00006"},{"coin":"USDT","equity":"2.1",'
    '"walletBalance":"2.1"}]}]},"retExtInfo":{},"time":1690872862481}'
)


def fixture(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


# -- RestBuilder::make(TestWalletBalance::class): PHP's WalletBalance took no request -----------


def test_rest_builder_makes_wallet_balance_without_a_request() -> None:
    # $endpoint = RestBuilder::make(TestWalletBalance::class);
    endpoint = RestBuilder.make(TestWalletBalance)
    # $entityResponse = $endpoint->execute(EnumOutputMode::MODE_ENTITY, $json);
    answer = endpoint.execute(EnumOutputMode.MODE_ENTITY, V5_WALLET)
    assert isinstance(answer, CurlResponseDto)
    body = answer.getBody()
    assert isinstance(body, EntityCollection)
    assert [coin.getCoin() for coin in body] == ["BTC", "USDT"]
    assert body.fetch() == body[0]
    # The request bound in PHP's place is an empty one: it sends only V5's accountType.
    parameters = endpoint.getParameters()
    assert parameters is not None
    assert parameters.array() == {"accountType": "UNIFIED"}


def test_the_php_tests_own_answer_parses_too() -> None:
    answer = RestBuilder.make(TestWalletBalance).execute(EnumOutputMode.MODE_ENTITY, PHP_WALLET)
    item = answer.getBody().fetch()
    assert isinstance(item, WalletBalanceResponse)
    assert (item.getCoin(), item.getEquity()) == ("USDC", 1259.7788251)


@pytest.fixture
def sandbox() -> Iterator[Sandbox]:
    with Sandbox(keys={KEY: SECRET}, rate_limit=None) as server:
        yield server


def test_rest_without_a_request_calls_wallet_balance(sandbox: Sandbox) -> None:
    # $bybit->rest(WalletBalance::class) over real HTTP: the sandbox checks the signature of
    # exactly the query sent, and answers only when accountType=UNIFIED is in it.
    with BybitAPI(sandbox.base_url, KEY, SECRET) as api:
        answer = api.rest(WalletBalance)
    assert answer.getReturnCode() == 0
    assert all(isinstance(item, WalletBalanceResponse) for item in answer.getBody())
    assert sandbox.stats()["requests"] == 1


def test_an_endpoint_that_needs_a_request_still_refuses_none() -> None:
    # PHP substituted its empty StubQueryBag only where the endpoint took no request: a
    # cancel-all bound to nothing must not go out as "cancel everything".
    with pytest.raises(SDKException, match="parameters must be a CancelAllOrderRequest, got None"):
        RestBuilder.make(CancelAllOrder)


# -- ResponseDtoBuilder::make(KlineResponse::class, $row): candle rows are arrays ---------------


@pytest.mark.parametrize(
    ("dto", "name", "width"),
    [
        (KlineResponse, "php_kline.json", 7),
        (MarkPriceKlineResponse, "php_mark_price_kline.json", 5),
        (IndexPriceKlineResponse, "php_index_price_kline.json", 5),
    ],
)
def test_dto_builder_takes_a_candle_row(dto: Any, name: str, width: int) -> None:
    # foreach (json_decode($json, true)['result']['list'] as $row)
    #     $dto = ResponseDtoBuilder::make(KlineResponse::class, $row);
    rows = json.loads(fixture(name))["result"]["list"]
    for row in rows:
        assert len(row) == width
        made = ResponseDtoBuilder.make(dto, row)
        assert isinstance(made, dto)
        assert made.toArray() == row
        assert made.getStartTime().timestamp() * 1000 == int(row[0])
        assert (made.getOpen(), made.getHigh(), made.getLow(), made.getClose()) == tuple(
            float(cell) for cell in row[1:5]
        )
        assert ResponseDtoBuilder.make(dto, tuple(row)) == made  # any sequence is a row


def test_dto_builder_reads_a_kline_row_by_position() -> None:
    row = ["1670608800000", "17071", "17073", "17027", "17055.5", "268611", "15.74462667"]
    candle = ResponseDtoBuilder.make(KlineResponse, row)
    start = candle.getStartTime()
    assert start is not None
    assert start.isoformat() == "2022-12-09T18:00:00+00:00"
    assert (candle.getClose(), candle.getVolume(), candle.getTurnover()) == (
        17055.5,
        268611.0,
        15.74462667,
    )


def test_dto_builder_says_what_shape_it_wants() -> None:
    with pytest.raises(SDKException, match="data must be a row \\(list\\) for KlineResponse, got"):
        ResponseDtoBuilder.make(KlineResponse, {"0": "1670608800000"})
    with pytest.raises(SDKException, match="data must be a row \\(list\\) for KlineResponse, got"):
        ResponseDtoBuilder.make(KlineResponse, "1670608800000,1,2,3,4")
    with pytest.raises(SDKException, match="does not fit KlineResponse"):
        ResponseDtoBuilder.make(KlineResponse, ["1670608800000", {"x": 1}, "2"])


# -- EntityCollection where PHP returned one ------------------------------------------------------


def book() -> OrderBookResponse:
    answer = RestBuilder.make(TestOrderBook, OrderBookRequest().setSymbol("BTCPERP")).execute(
        EnumOutputMode.MODE_ENTITY, fixture("php_order_book.json")
    )
    item = answer.getBody().fetch()
    assert isinstance(item, OrderBookResponse)
    return item


def test_order_book_sides_are_php_collections() -> None:
    bids = book().getBid()
    # $book->getBid()->all(), ->count(), ->fetch() (2023 line: an ICollectionInterface)
    assert isinstance(bids, EntityCollection)
    assert bids.count() == 2
    assert [level.getPrice() for level in bids.all()] == [16818.0, 16818.5]
    first = bids.fetch()
    assert isinstance(first, OrderBookPriceItemResponse)
    assert (first.getPrice(), first.getQuantity()) == (16818.0, 0.156)
    second = bids.fetch()
    assert second is not None
    assert second.getQuantity() == 0.183
    assert bids.fetch() is None  # read to the end, as PHP's fetch()
    typed: ICollectionInterface[IOrderBookPriceItemResponseInterface] = book().getAsk()
    assert typed.count() == 2


def test_order_book_sides_are_python_lists_too() -> None:
    # The current PHP line returns a plain array here: a list serves that bot as well.
    item = book()
    asks = item.getAsk()
    assert isinstance(asks, list)
    assert len(asks) == 2
    assert asks[0].getPrice() == 16819.0
    assert asks[-1].getQuantity() == 0.054
    assert [level.getPrice() for level in asks] == [16819.0, 16819.5]
    assert asks == [
        OrderBookPriceItemResponse.fromItem(["16819", "0.454"]),
        OrderBookPriceItemResponse.fromItem(["16819.5", "0.054"]),
    ]
    assert asks[:1] == [asks[0]]
    assert asks.count(asks[1]) == 1  # list.count with an argument


def instrument(text: str) -> InstrumentInfoResponse:
    answer = RestBuilder.make(TestInstrumentInfo, InstrumentInfoRequest()).execute(
        EnumOutputMode.MODE_ENTITY, text
    )
    item = answer.getBody().fetch()
    assert isinstance(item, InstrumentInfoResponse)
    return item


def test_instrument_filters_are_collections_of_one() -> None:
    info = instrument(fixture("v5_instruments_info.json"))
    # $info->getPriceFilter()->fetch()->getTickSize() (both PHP lines: an EntityCollection)
    price = info.getPriceFilter()
    assert isinstance(price, EntityCollection)
    assert price.count() == 1
    tick = price.fetch()
    assert isinstance(tick, PriceFilterItemResponse)
    assert tick.getTickSize() == 0.1
    assert price.fetch() is None
    assert info.getLotSizeFilter().all()[0].getQtyStep() == 0.001
    assert [f.getMinLeverage() for f in info.getLeverageFilter()] == [1]
    assert info.getPriceFilter() == [tick]
    assert len(info.getLeverageFilter()) == 1


def test_a_missing_filter_is_an_empty_collection() -> None:
    text = '{"retCode":0,"retMsg":"OK","result":{"category":"linear","list":[{"symbol":"X"}]}}'
    info = instrument(text)
    for filters in (info.getPriceFilter(), info.getLotSizeFilter(), info.getLeverageFilter()):
        assert isinstance(filters, EntityCollection)
        assert filters.count() == 0
        assert filters.fetch() is None
        assert filters == []


def test_response_bodies_are_lists_with_the_php_surface() -> None:
    text = fixture("php_kline.json")
    request = KlineRequest().setSymbol("BTCPERP").setInterval(1)
    for mode, kind in (
        (EnumOutputMode.MODE_ENTITY, EntityCollection),
        (EnumOutputMode.MODE_ARRAY, ArrayCollection),
        (EnumOutputMode.MODE_JSON, StringCollection),
    ):
        body = RestBuilder.make(TestKline, request).execute(mode, text).getBody()
        assert isinstance(body, kind)
        assert isinstance(body, list)
        assert body.count() == len(body) == len(body.all())
        assert list(body) == body.all()
    rows = json.loads(text)["result"]["list"]
    arrays = RestBuilder.make(TestKline, request).execute(EnumOutputMode.MODE_ARRAY, text)
    assert arrays.getBody() == rows


def test_collection_semantics() -> None:
    collection: EntityCollection[str] = EntityCollection(["a", "b", "a"])
    assert collection.push("c") is collection
    assert collection == ["a", "b", "a", "c"]
    assert collection.count() == 4
    assert collection.count("a") == 2
    assert collection.all() == ["a", "b", "a", "c"]
    assert collection.all() is not collection.all()  # a copy, as PHP arrays are values
    assert [collection.fetch() for _ in range(5)] == ["a", "b", "a", "c", None]
    assert repr(collection) == "EntityCollection(count=4)"
    assert EntityCollection() == []
    assert not EntityCollection()
