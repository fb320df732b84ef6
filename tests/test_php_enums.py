"""PHP's enum constants, of both Carpenstar lines, exist and mean on V5 what their names say.

The names are those of ``Core\\Enums`` in core 3.0.5 (2023) and core 5.1.1.0 (2024): a bot of
either line imports the constant it was written with and gets the V5 value its name means.
"""

from __future__ import annotations

import pytest

from carpenstar_bybit.Core import Enums
from carpenstar_bybit.Core.Enums import EnumIntervals, EnumTimeInForce
from carpenstar_bybit.Derivatives.Contract.Order.PlaceOrder.Request import PlaceOrderRequest
from carpenstar_bybit.Derivatives.MarketData.IndexPriceKline.Request import (
    IndexPriceKlineRequest,
)
from carpenstar_bybit.Derivatives.MarketData.Kline.Request import KlineRequest
from carpenstar_bybit.Derivatives.MarketData.MarkPriceKline.Request import MarkPriceKlineRequest

# Constant names per enum: the union of both lines (WebSocket enums are the streams' own).
PHP_CONSTANTS = {
    "EnumCategoryList": (
        "CATEGORY_SPOT", "CATEGORY_PERPETUAL", "CATEGORY_INVERSE", "CATEGORY_OPTION",
        "CATEGORY_LIST",
    ),
    "EnumDerivativesCategory": (
        "CATEGORY_PRODUCT_LINEAR", "CATEGORY_PRODUCT_INVERSE", "CATEGORY_PRODUCT_OPTION",
    ),
    "EnumHttpMethods": ("GET", "POST"),
    "EnumIntervals": (
        "MINUTE1", "MINUTE_3", "MINUTE_5", "MINUTE_15", "MINUTE_30", "HOUR_1", "HOUR_2", "HOUR_4",
        "HOUR_6", "HOUR_12", "DAY_1", "WEEK_1", "MONTH_1", "INTERVALS_LIST",
    ),
    "EnumOrderCategory": ("NORMAL_ORDER", "TPSL_ORDER"),
    "EnumOrderType": ("LIMIT", "MARKET", "LIMIT_MAKER", "ORDER_TYPE_LIST"),
    "EnumOutputMode": ("MODE_ENTITY", "MODE_ARRAY", "MODE_JSON", "DEFAULT_MODE"),
    "EnumSide": ("BUY", "SELL", "ORDER_SIDE_LIST"),
    "EnumTPSLModes": ("MODE_FULL", "MODE_PARTIAL", "MODE_LIST"),
    "EnumTimeInForce": (
        "GOOD_TILL_CANCELED_SHORT", "GOOD_TILL_CANCELED_FULL", "FILL_OR_KILL_SHORT",
        "FILL_OR_KILL_FULL", "IMMEDIATE_OR_CANCEL_SHORT", "IMMEDIATE_OR_CANCEL_FULL",
        "TIME_IN_FORCE_LIST_FULL", "TIME_IN_FORCE_LIST_SHORT",
    ),
    "EnumTriggerDirection": ("DIRECTION_UP", "DIRECTION_DOWN", "DIRECTION_LIST"),
    "EnumTriggerPriceType": (
        "PRICE_TYPE_LAST", "PRICE_TYPE_MARK", "PRICE_TYPE_INDEX", "PRICE_TYPE_LIST",
    ),
}  # fmt: skip


@pytest.mark.parametrize(("enum", "names"), PHP_CONSTANTS.items())
def test_every_php_constant_exists(enum: str, names: tuple[str, ...]) -> None:
    cls = getattr(Enums, enum)
    assert [name for name in names if not hasattr(cls, name)] == []


def placed(time_in_force: str) -> str:
    request = (
        PlaceOrderRequest()
        .setSymbol("BTCUSDT")
        .setSide("Buy")
        .setOrderType("Limit")
        .setQty(1)
        .setPrice(1)
        .setTimeInForce(time_in_force)
    )
    sent: str = request.array()["timeInForce"]
    return sent


@pytest.mark.parametrize(
    ("constant", "v5"),
    [
        (EnumTimeInForce.GOOD_TILL_CANCELED_SHORT, "GTC"),
        (EnumTimeInForce.GOOD_TILL_CANCELED_FULL, "GTC"),
        (EnumTimeInForce.IMMEDIATE_OR_CANCEL_SHORT, "IOC"),
        (EnumTimeInForce.IMMEDIATE_OR_CANCEL_FULL, "IOC"),
        (EnumTimeInForce.FILL_OR_KILL_SHORT, "FOK"),
        (EnumTimeInForce.FILL_OR_KILL_FULL, "FOK"),
        (EnumTimeInForce.GOOD_TILL_CANCEL_FULL, "GTC"),  # this port's earlier name
        # The values PHP gave the *_FULL names (v3's, its typo included), passed as literals.
        ("GoodTillCancel", "GTC"),
        ("ImmediateOrCancel", "IOC"),
        ("FillOrKlii", "FOK"),
        ("FillOrKill", "FOK"),
    ],
)
def test_time_in_force_constants_go_as_v5s(constant: str, v5: str) -> None:
    assert placed(constant) == v5


def test_time_in_force_lists_hold_what_php_meant() -> None:
    # PHP's TIME_IN_FORCE_LIST_FULL names IOC twice and FOK never.
    assert [placed(c) for c in EnumTimeInForce.TIME_IN_FORCE_LIST_FULL] == ["GTC", "IOC", "FOK"]
    assert [placed(c) for c in EnumTimeInForce.TIME_IN_FORCE_LIST_SHORT] == ["GTC", "IOC", "FOK"]
    assert EnumTimeInForce.TIME_IN_FORCE_LIST_SHORT == ("GTC", "IOC", "FOK")


def test_full_names_compare_equal_to_what_v5_answers() -> None:
    # V5 answers "GTC": a bot comparing getTimeInForce() with PHP's *_FULL constant stays right.
    assert EnumTimeInForce.GOOD_TILL_CANCELED_FULL == "GTC"
    assert EnumTimeInForce.IMMEDIATE_OR_CANCEL_FULL == "IOC"
    assert EnumTimeInForce.FILL_OR_KILL_FULL == "FOK"
    assert EnumTimeInForce.TIME_IN_FORCE_LIST_FULL == EnumTimeInForce.TIME_IN_FORCE_LIST_SHORT


# What each name means on V5 (/docs/v5/enum#interval): minutes as digits, D, W, M.
INTERVAL_MEANINGS = [
    ("MINUTE1", "1"), ("MINUTE_3", "3"), ("MINUTE_5", "5"), ("MINUTE_15", "15"),
    ("MINUTE_30", "30"), ("HOUR_1", "60"), ("HOUR_2", "120"), ("HOUR_4", "240"),
    ("HOUR_6", "360"), ("HOUR_12", "720"), ("DAY_1", "D"), ("WEEK_1", "W"), ("MONTH_1", "M"),
    ("DAY", "D"), ("WEEK", "W"), ("MONTH", "M"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "v5"), INTERVAL_MEANINGS)
def test_each_interval_constant_means_its_name(name: str, v5: str) -> None:
    for request in (KlineRequest(), MarkPriceKlineRequest(), IndexPriceKlineRequest()):
        request.setSymbol("BTCUSDT").setInterval(getattr(EnumIntervals, name))
        assert request.query()["interval"] == v5


def test_month_is_never_sent_as_a_minute() -> None:
    query = KlineRequest().setSymbol("BTCUSDT").setInterval(EnumIntervals.MONTH_1).query()
    assert query["interval"] == "M"
    assert list(EnumIntervals.INTERVALS_LIST) == [v5 for _, v5 in INTERVAL_MEANINGS[:13]]


@pytest.mark.parametrize(
    ("literal", "v5"),
    # The 2023 line's values passed as literals; "1m" was its MINUTE1 and its MONTH_1 alike.
    [("1m", "1"), ("15m", "15"), ("1h", "60"), ("12h", "720"), ("1d", "D"), ("1w", "W"),
     ("1M", "M")],
)  # fmt: skip
def test_the_2023_lines_literals_still_go_as_v5s(literal: str, v5: str) -> None:
    assert KlineRequest().setSymbol("BTCUSDT").setInterval(literal).query()["interval"] == v5
