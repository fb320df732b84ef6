"""Kept order books and tickers, and the DTOs made from V5 messages (Bybit's doc examples)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from carpenstar_bybit.WebSockets.Channels.Derivatives.PublicChannels.AllLiquidation import (
    AllLiquidationChannel,
)
from carpenstar_bybit.WebSockets.Channels.Derivatives.PublicChannels.OrderBook import (
    OrderBookChannel as DerivativesOrderBookChannel,
)
from carpenstar_bybit.WebSockets.Channels.Derivatives.PublicChannels.Tickers import (
    TickersChannel as DerivativesTickersChannel,
)
from carpenstar_bybit.WebSockets.Channels.PrivateChannels.Execution import ExecutionChannel
from carpenstar_bybit.WebSockets.Channels.PrivateChannels.Order import OrderChannel
from carpenstar_bybit.WebSockets.Channels.PrivateChannels.Position import PositionChannel
from carpenstar_bybit.WebSockets.Channels.PrivateChannels.Wallet import WalletChannel
from carpenstar_bybit.WebSockets.Channels.Spot.PublicChannels.Bookticker import BooktickerChannel
from carpenstar_bybit.WebSockets.Channels.Spot.PublicChannels.Kline import KlineChannel
from carpenstar_bybit.WebSockets.Channels.Spot.PublicChannels.PublicTrade import (
    PublicTradeChannel,
)
from carpenstar_bybit.WebSockets.Channels.Spot.PublicChannels.Tickers import TickersChannel
from carpenstar_bybit.WebSockets.State import BookGap, BookState, TickerState


def ms(value: int) -> datetime:
    return datetime.fromtimestamp(value / 1000, tz=UTC)


SNAPSHOT = {
    "topic": "orderbook.50.BTCUSDT", "type": "snapshot", "ts": 1672304484978,
    "data": {"s": "BTCUSDT", "b": [["16493.50", "0.006"], ["16493.00", "0.100"]],
             "a": [["16611.00", "0.029"], ["16612.00", "0.213"]], "u": 18521288,
             "seq": 7961638724},
    "cts": 1672304484976,
}  # fmt: skip


def delta(u: int, bids: list[list[str]], asks: list[list[str]], seq: int = 0) -> dict[str, Any]:
    return {
        "topic": "orderbook.50.BTCUSDT",
        "type": "delta",
        "ts": 1687940967466,
        "data": {"s": "BTCUSDT", "b": bids, "a": asks, "u": u, "seq": seq},
        "cts": 1687940967464,
    }


# -- the book -------------------------------------------------------------------------------------


def test_book_from_snapshot_and_deltas_sorted_with_deletes() -> None:
    book = BookState()
    book.feed(SNAPSHOT)
    kept = book.feed(
        delta(18521289, [["16493.00", "0"], ["16494.00", "1.5"], ["1.00", "0"]],
              [["16611.00", "0.5"], ["16600.00", "2"]], seq=7961638725)
    )  # fmt: skip
    assert kept is not None
    assert kept["type"] == "snapshot"
    assert kept["data"]["b"] == [("16494.00", "1.5"), ("16493.50", "0.006")]
    assert kept["data"]["a"] == [("16600.00", "2"), ("16611.00", "0.5"), ("16612.00", "0.213")]
    dto = DerivativesOrderBookChannel.entities(kept)[0]
    assert [(level.getPrice(), level.getSize()) for level in dto.getBid()] == [
        (16494.0, 1.5),
        (16493.5, 0.006),
    ]
    assert dto.getAsk().fetch().getPrice() == 16600.0
    assert dto.getUpdateId() == 18521289
    assert dto.getCrossSequence() == 7961638725
    assert dto.getSymbol() == "BTCUSDT"
    assert dto.getTopic() == "orderbook.50.BTCUSDT"
    assert dto.getRequestTimestamp() == ms(1687940967466)
    assert dto.getResponseTimestamp() == ms(1687940967464)


def test_delta_before_a_snapshot_is_held_back_and_a_gap_rebuilds() -> None:
    book = BookState()
    assert book.feed(delta(5, [["1", "1"]], [])) is None
    book.feed(SNAPSHOT)
    assert book.feed(delta(18521288, [["9", "9"]], [])) is None  # stale: dropped
    with pytest.raises(BookGap) as gap:
        book.feed(delta(18521290, [["1", "1"]], []))
    assert (gap.value.last, gap.value.got) == (18521288, 18521290)
    assert book.feed(delta(18521291, [["1", "1"]], [])) is None  # doubtful until a snapshot
    again = book.feed({**SNAPSHOT, "data": {**SNAPSHOT["data"], "u": 18521300}})
    assert again is not None
    assert again["data"]["b"][0] == ("16493.50", "0.006")


def test_u_equal_1_resets_the_book_whatever_its_type() -> None:
    book = BookState()
    book.feed(SNAPSHOT)
    kept = book.feed(delta(1, [["5", "1"]], [["6", "1"]]))
    assert kept is not None
    assert kept["data"]["b"] == [("5", "1")]
    assert kept["data"]["a"] == [("6", "1")]


def test_what_a_handler_keeps_does_not_change_with_the_book() -> None:
    book = BookState()
    first = book.feed(SNAPSHOT)
    assert first is not None
    book.feed(delta(18521289, [["16493.50", "0"]], []))
    assert first["data"]["b"][0] == ("16493.50", "0.006")


@pytest.mark.parametrize(
    "bad",
    [
        {**SNAPSHOT, "data": {**SNAPSHOT["data"], "u": "7"}},
        {**SNAPSHOT, "data": {**SNAPSHOT["data"], "b": [["abc", "1"]]}},
        {**SNAPSHOT, "data": {**SNAPSHOT["data"], "b": [[1.5, "1"]]}},
        {**SNAPSHOT, "data": {**SNAPSHOT["data"], "b": [["nan", "1"]]}},
        {"topic": "orderbook.50.BTCUSDT", "type": "snapshot"},
    ],
)
def test_a_malformed_book_message_is_a_value_error_never_a_corrupt_book(bad: Any) -> None:
    book = BookState()
    with pytest.raises((ValueError, KeyError, TypeError)):
        book.feed(bad)


prices = st.integers(min_value=1, max_value=40).map(lambda n: f"{n * 0.5:.2f}")
sizes = st.one_of(st.just("0"), st.just("0.000"), st.integers(1, 999).map(lambda n: f"{n / 10}"))
levels = st.lists(st.tuples(prices, sizes), max_size=8)


@settings(max_examples=150, deadline=None)
@given(
    snapshot=st.tuples(levels, levels),
    deltas=st.lists(st.tuples(levels, levels), max_size=25),
)
def test_book_equals_a_reference_dict_after_any_deltas(snapshot, deltas) -> None:  # type: ignore[no-untyped-def]
    reference: dict[str, dict[float, str]] = {"b": {}, "a": {}}
    for side, side_levels in zip("ba", snapshot, strict=True):
        for price, size in side_levels:
            if float(size) != 0:
                reference[side][float(price)] = size
            else:
                reference[side].pop(float(price), None)
    book = BookState()
    message = {
        "topic": "t", "type": "snapshot", "ts": 1,
        "data": {"s": "X", "b": [list(x) for x in snapshot[0]],
                 "a": [list(x) for x in snapshot[1]], "u": 10, "seq": 1},
    }  # fmt: skip
    kept = book.feed(message)
    for offset, (bids, asks) in enumerate(deltas, start=1):
        for side, side_levels in (("b", bids), ("a", asks)):
            for price, size in side_levels:
                if float(size) == 0:
                    reference[side].pop(float(price), None)
                else:
                    reference[side][float(price)] = size
        kept = book.feed(
            {"topic": "t", "type": "delta", "ts": 1,
             "data": {"s": "X", "b": [list(x) for x in bids], "a": [list(x) for x in asks],
                      "u": 10 + offset, "seq": 1}}
        )  # fmt: skip
    assert kept is not None
    got_bids = [(float(p), s) for p, s in kept["data"]["b"]]
    got_asks = [(float(p), s) for p, s in kept["data"]["a"]]
    assert got_bids == sorted(reference["b"].items(), reverse=True)
    assert got_asks == sorted(reference["a"].items())


# -- tickers ---------------------------------------------------------------------------------

LINEAR_TICKER = {
    "topic": "tickers.BTCUSDT", "type": "snapshot", "cs": 9532239429, "ts": 1760325052630,
    "data": {"symbol": "BTCUSDT", "tickDirection": "MinusTick", "price24hPcnt": "-0.158315",
             "lastPrice": "66666.60", "prevPrice24h": "79206.20", "highPrice24h": "79266.30",
             "lowPrice24h": "65076.90", "prevPrice1h": "66666.60", "markPrice": "66666.60",
             "indexPrice": "115418.19", "openInterest": "492373.72",
             "openInterestValue": "32824881841.75", "turnover24h": "4936790807.6521",
             "volume24h": "73191.3870", "fundingIntervalHour": "8", "fundingCap": "0.005",
             "nextFundingTime": "1760342400000", "fundingRate": "-0.005",
             "bid1Price": "66666.60", "bid1Size": "23789.165", "ask1Price": "66666.70",
             "ask1Size": "23775.469"},
}  # fmt: skip


def test_ticker_deltas_merge_into_the_last_snapshot() -> None:
    state = TickerState()
    assert state.feed({**LINEAR_TICKER, "type": "delta"}) is None  # no snapshot yet
    state.feed(LINEAR_TICKER)
    merged = state.feed(
        {"topic": "tickers.BTCUSDT", "type": "delta", "cs": 9532239430, "ts": 1760325052730,
         "data": {"symbol": "BTCUSDT", "lastPrice": "66670.10", "bid1Size": "10"}}
    )  # fmt: skip
    assert merged is not None
    dto = DerivativesTickersChannel.entities(merged)[0]
    item = dto.getData().fetch()
    assert item is not None
    assert item.getLastPrice() == 66670.10
    assert item.getBid1Size() == 10.0
    assert item.getMarkPrice() == 66666.60  # unchanged field: still there
    assert item.getNextFundingTime() == ms(1760342400000)
    assert item.getFundingRate() == -0.005
    assert item.getTickDirection() == "MinusTick"
    assert dto.getCrossSequence() == 9532239430
    assert dto.getType() == "delta"
    assert dto.getTimestamp() == ms(1760325052730)
    assert LINEAR_TICKER["data"]["lastPrice"] == "66666.60"  # the snapshot was not changed


def test_spot_ticker_reads_v3_names_from_v5_fields() -> None:
    message = {
        "topic": "tickers.BTCUSDT", "ts": 1673853746003, "type": "snapshot", "cs": 2588407389,
        "data": {"symbol": "BTCUSDT", "lastPrice": "21109.77", "highPrice24h": "21426.99",
                 "lowPrice24h": "20575", "prevPrice24h": "20704.93", "volume24h": "6780.866843",
                 "turnover24h": "141946527.22907118", "price24hPcnt": "0.0196",
                 "usdIndexPrice": "21120.2400136"},
    }  # fmt: skip
    dto = TickersChannel.entities(TickerState().feed(message) or {})[0]
    item = dto.getData().fetch()
    assert item is not None
    assert (item.getSymbol(), item.getClosePrice(), item.getOpenPrice()) == (
        "BTCUSDT",
        21109.77,
        20704.93,
    )
    assert (item.getHighPrice(), item.getLowPrice(), item.getTradingVolume()) == (
        21426.99,
        20575.0,
        6780.866843,
    )
    assert item.getTradingQuoteVolume() == 141946527.22907118
    assert item.getChange() == 0.0196
    assert item.getUsdIndexPrice() == "21120.2400136"
    assert item.getTimestamp() == ms(1673853746003)
    assert dto.getTopic() == "tickers.BTCUSDT"


# -- per-item channels ---------------------------------------------------------------------------


def test_bookticker_reads_the_best_levels() -> None:
    book = BookState()
    kept = book.feed(
        {"topic": "orderbook.1.BTCUSDT", "type": "snapshot", "ts": 1661742216109,
         "data": {"s": "BTCUSDT", "b": [["19693.04", "0.913957"]], "a": [["19694.27", "0.705447"]],
                  "u": 7, "seq": 9}, "cts": 1661742216108}
    )  # fmt: skip
    dto = BooktickerChannel.entities(kept or {})[0]
    assert (dto.getBestBidPrice(), dto.getBidQuantity()) == (19693.04, 0.913957)
    assert (dto.getBestAskPrice(), dto.getAskQuantity()) == (19694.27, 0.705447)
    assert dto.getSymbol() == "BTCUSDT"
    assert dto.getResponseTimestamp() == ms(1661742216108)
    assert dto.getRequestTimestamp() == ms(1661742216109)
    assert dto.setAskQuantity(2.5).getAskQuantity() == 2.5
    assert dto.setSymbol("ETHUSDT").getSymbol() == "ETHUSDT"
    again = book.feed(
        {"topic": "orderbook.1.BTCUSDT", "type": "snapshot", "ts": 1,
         "data": {"s": "BTCUSDT", "b": [], "a": [["19694.27", "0.7"]], "u": 8, "seq": 10}}
    )  # fmt: skip
    empty = BooktickerChannel.entities(again or {})[0]
    assert empty.getBestBidPrice() is None
    assert empty.getSymbol() == "BTCUSDT"  # the setter changed only that DTO


def test_one_trade_dto_per_trade_with_php_meanings_fixed() -> None:
    message = {
        "topic": "publicTrade.BTCUSDT", "type": "snapshot", "ts": 1672304486868,
        "data": [{"T": 1672304486865, "s": "BTCUSDT", "S": "Buy", "v": "0.001", "p": "16578.50",
                  "L": "PlusTick", "i": "20f43950-d8dd-5b31-9112-a178eb6023af", "BT": False,
                  "seq": 1783284617},
                 {"T": 1672304486866, "s": "BTCUSDT", "S": "Sell", "v": "2", "p": "16578.00",
                  "i": "t2", "BT": True, "seq": 1783284618}],
    }  # fmt: skip
    first, second = PublicTradeChannel.entities(message)
    assert first.getTradeId() == "20f43950-d8dd-5b31-9112-a178eb6023af"
    assert (first.getPrice(), first.getQuantity()) == (16578.5, 0.001)
    assert first.getTradingTime() == ms(1672304486865)
    assert first.getRequestTimestamp() == ms(1672304486868)
    assert (first.getIsTaker(), first.getTradeType()) == (True, 0)
    assert (second.getIsTaker(), second.getTradeType()) == (False, 1)
    assert (first.getTopic(), first.getType(), first.getSymbol()) == (
        "publicTrade.BTCUSDT",
        "snapshot",
        "BTCUSDT",
    )
    assert first.getSequence() == 1783284617


def test_kline_candles_take_the_symbol_from_the_topic() -> None:
    message = {
        "topic": "kline.5.BTCUSDT", "ts": 1672324988882, "type": "snapshot",
        "data": [{"start": 1672324800000, "end": 1672325099999, "interval": "5",
                  "open": "16649.5", "close": "16677", "high": "16677", "low": "16608",
                  "volume": "2.081", "turnover": "34666.4005", "confirm": False,
                  "timestamp": 1672324988882}],
    }  # fmt: skip
    (candle,) = KlineChannel.entities(message)
    assert candle.getSymbol() == "BTCUSDT"
    assert candle.getBarTimestamp() == ms(1672324800000)
    assert (candle.getOpenPrice(), candle.getClosePrice()) == (16649.5, 16677.0)
    assert (candle.getHighPrice(), candle.getLowPrice(), candle.getTradingVolume()) == (
        16677.0,
        16608.0,
        2.081,
    )
    assert (candle.getConfirm(), candle.getInterval(), candle.getTurnover()) == (
        False,
        "5",
        34666.4005,
    )


def test_liquidations_one_dto_each() -> None:
    message = {
        "topic": "allLiquidation.ROSEUSDT", "type": "snapshot", "ts": 1739502303204,
        "data": [{"T": 1739502302929, "s": "ROSEUSDT", "S": "Sell", "v": "20000", "p": "0.04499"}],
    }  # fmt: skip
    (item,) = AllLiquidationChannel.entities(message)
    assert (item.getSymbol(), item.getSide(), item.getSize(), item.getPrice()) == (
        "ROSEUSDT",
        "Sell",
        20000.0,
        0.04499,
    )
    assert item.getUpdatedTime() == ms(1739502302929)


def test_private_dtos_reuse_the_rest_getters() -> None:
    order = json.loads(
        '{"id":"5923240c6880ab-c59f-420b-9adb-3639adc9dd90","topic":"order",'
        '"creationTime":1672364262474,"data":[{"symbol":"ETH-30DEC22-1400-C",'
        '"orderId":"5cf98598-39a7-459e-97bf-76ca765ee020","side":"Sell","orderType":"Market",'
        '"price":"72.5","qty":"1","timeInForce":"IOC","orderStatus":"Filled","orderLinkId":"",'
        '"cumExecQty":"1","createdTime":"1672364262444","category":"option"}]}'
    )
    (dto,) = OrderChannel.entities(order)
    assert (dto.getOrderId(), dto.getOrderStatus(), dto.getPrice()) == (
        "5cf98598-39a7-459e-97bf-76ca765ee020",
        "Filled",
        72.5,
    )
    assert dto.getCategory() == "option"
    assert dto.getTopic() == "order"
    assert dto.getId() == "5923240c6880ab-c59f-420b-9adb-3639adc9dd90"
    assert dto.getCreationTime() == ms(1672364262474)
    execution = {
        "topic": "execution", "id": "x", "creationTime": 1746270400355,
        "data": [{"category": "linear", "symbol": "BTCUSDT", "execPrice": "95900.1",
                  "execQty": "0.5", "orderId": "o1", "side": "Sell", "seq": 140612148849382}],
    }  # fmt: skip
    (fill,) = ExecutionChannel.entities(execution)
    assert (fill.getExecPrice(), fill.getSeq(), fill.getCategory()) == (
        95900.1,
        140612148849382,
        "linear",
    )
    position = {
        "id": "p", "topic": "position", "creationTime": 1697682317044,
        "data": [{"symbol": "BTCUSDT", "side": "", "size": "0", "leverage": "10",
                  "category": "linear", "seq": 8327597863}],
    }  # fmt: skip
    (held,) = PositionChannel.entities(position)
    assert (held.getSymbol(), held.getSeq()) == ("BTCUSDT", 8327597863)
    wallet = {
        "id": "w", "topic": "wallet", "creationTime": 1700034722104,
        "data": [{"accountType": "UNIFIED", "totalEquity": "10262.91335023",
                  "coin": [{"coin": "BTC", "equity": "0.00102964", "walletBalance": "0.00102964",
                            "unrealisedPnl": "0"}]}],
    }  # fmt: skip
    (account,) = WalletChannel.entities(wallet)
    assert account.getTotalEquity() == 10262.91335023
    coin = account.getCoins().fetch()
    assert coin is not None
    assert (coin.getCoin(), coin.getEquity()) == ("BTC", 0.00102964)
    assert coin.getAccount() is not None
    assert account.getTopic() == "wallet"


def test_a_per_item_message_without_a_list_is_refused() -> None:
    with pytest.raises(TypeError):
        PublicTradeChannel.entities({"topic": "publicTrade.X", "data": {"p": "1"}})
