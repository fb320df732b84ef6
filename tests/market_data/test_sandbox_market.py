"""The sandbox market alone (no HTTP): deterministic for a seed, consistent across answers."""

from __future__ import annotations

from decimal import Decimal

import pytest

from carpenstar_bybit.sandbox.market import KLINE_INTERVALS, Fill, Market, figures

NOW = 1_767_225_600_000 + 12_345_678  # 2026-01-01 03:25:45.678 UTC


def answers(market: Market) -> list[object]:
    return [
        market.klines("linear", "BTCUSDT", "5", None, None, 100, NOW),
        market.klines("inverse", "BTCUSD", "D", None, None, 10, NOW, "mark"),
        market.book("linear", "ETHUSDT", 10, NOW),
        market.ticker("linear", "SOLUSDT", NOW),
        market.funding_history("BTCUSDT", None, None, 10, NOW),
        market.open_interest("linear", "BTCUSDT", "1h", None, None, 10, 0, NOW),
        market.recent_trades("linear", "BTCUSDT", 20, NOW),
        market.risk_tiers("linear", "BTCUSDT"),
    ]


def test_deterministic_for_a_seed() -> None:
    assert answers(Market(5)) == answers(Market(5))
    assert answers(Market(5)) != answers(Market(6))


def test_intervals_agree_where_they_overlap() -> None:
    market = Market(3)
    minutes = market.klines("linear", "BTCUSDT", "1", None, None, 60, NOW)
    fives = market.klines("linear", "BTCUSDT", "5", None, None, 12, NOW)
    by_start = {row[0]: row for row in minutes}
    for five in fives[1:]:  # whole five-minute candles
        start = int(five[0])
        first, last = by_start[str(start)], by_start[str(start + 4 * 60_000)]
        assert five[1] == first[1]  # opens together
        assert five[4] == last[4]  # closes together
    assert minutes[0][4] == fives[0][4] == str(market.price("BTCUSDT"))


@pytest.mark.parametrize("interval", KLINE_INTERVALS)
def test_every_interval_is_served_on_the_tick(interval: str) -> None:
    market = Market(1)
    market.set_price("ETHUSDT", Decimal("3001.17"))
    rows = market.klines("linear", "ETHUSDT", interval, None, None, 30, NOW)
    assert rows[0][4] == "3001.17"
    tick = figures("linear", "ETHUSDT").tick_size
    for row in rows:
        for price in row[1:5]:
            assert Decimal(price) % tick == 0


def test_month_candles_start_on_the_first() -> None:
    rows = Market(1).klines("linear", "BTCUSDT", "M", None, None, 3, NOW)
    assert [r[0] for r in rows] == ["1767225600000", "1764547200000", "1761955200000"]


def test_fills_come_first_in_recent_trades_and_clear_resets() -> None:
    market = Market(2)
    fill = Fill("key", "linear", "BTCUSDT", "Buy", Decimal("60000.1"), Decimal("0.5"), "o",
                "l", "e-1", False, "Market", False, 0, NOW - 10)  # fmt: skip
    market.announce(fill)
    trades = market.recent_trades("linear", "BTCUSDT", 3, NOW)
    assert trades[0]["execId"] == "e-1"
    assert trades[0]["side"] == "Buy"  # a taker's own side
    assert int(str(trades[1]["time"])) < NOW - 10
    market.clear()
    assert market.recent_trades("linear", "BTCUSDT", 1, NOW)[0]["execId"] != "e-1"


def test_a_symbol_outside_the_table_gets_default_figures() -> None:
    market = Market(0)
    item = market.ticker("linear", "DOGEUSDT", NOW)
    assert item["lastPrice"] == "100"
    book = market.book("linear", "DOGEUSDT", 2, NOW)
    assert book["b"] == [["99.99", book["b"][0][1]], ["99.98", book["b"][1][1]]]
