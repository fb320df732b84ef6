"""The sandbox's order engine, called directly: matching, fills, amend, lists and V5's codes."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from carpenstar_bybit.sandbox.exchange import ApiError, Exchange
from carpenstar_bybit.sandbox.market import Fill

KEY = "k"
NOW = 1_700_000_000_000


@pytest.fixture
def ex() -> Exchange:
    return Exchange(seed=1)


@pytest.fixture
def fills(ex: Exchange) -> list[Fill]:
    heard: list[Fill] = []
    ex.market.listen(heard.append)
    return heard


def place(ex: Exchange, **params: Any) -> dict[str, str]:
    body: dict[str, Any] = {"category": "linear", "symbol": "BTCUSDT", "side": "Buy"}
    body.update(params)
    return ex.create(KEY, body, NOW)


def one(ex: Exchange, order_id: str, category: str = "linear") -> dict[str, Any]:
    """The order as /v5/order/realtime finds it by id (open or closed)."""
    listed = items(ex.realtime(KEY, {"category": category, "orderId": order_id}))
    assert isinstance(listed, list)
    assert len(listed) == 1
    item: dict[str, Any] = listed[0]
    return item


def items(answer: dict[str, object]) -> list[dict[str, Any]]:
    listed = answer["list"]
    assert isinstance(listed, list)
    return listed


def code_of(call: Any) -> int:
    with pytest.raises(ApiError) as caught:
        call()
    return caught.value.code


# The market starts BTCUSDT at 60000 (tick 0.1, step 0.001, max 1190: 119 at the price).


def test_a_limit_that_does_not_cross_rests(ex: Exchange, fills: list[Fill]) -> None:
    made = place(ex, orderType="Limit", qty="0.01", price="59000", orderLinkId="rest-1")
    item = one(ex, made["orderId"])
    assert item["orderStatus"] == "New"
    assert item["orderLinkId"] == "rest-1"
    assert (item["price"], item["qty"], item["leavesQty"], item["cumExecQty"]) == (
        "59000",
        "0.01",
        "0.010",
        "0.000",
    )
    assert item["leavesValue"] == "590"
    assert item["avgPrice"] == ""
    assert item["timeInForce"] == "GTC"
    assert item["lastPriceOnCreated"] == "60000"
    assert item["createdTime"] == str(NOW)
    assert fills == []


def test_a_crossing_limit_takes_at_the_market_price(ex: Exchange, fills: list[Fill]) -> None:
    made = place(ex, orderType="Limit", qty="0.01", price="61000")
    item = one(ex, made["orderId"])
    assert item["orderStatus"] == "Filled"
    assert (item["cumExecQty"], item["leavesQty"], item["avgPrice"]) == ("0.010", "0.000", "60000")
    assert item["cumExecValue"] == "600"
    assert item["cumExecFee"] == "0.33"  # taker 0.055 %
    assert item["cumFeeDetail"] == {"USDT": "0.33"}
    assert items(ex.realtime(KEY, {"category": "linear"})) == []
    (fill,) = fills
    assert (fill.price, fill.qty, fill.is_maker, fill.side) == (
        Decimal(60000),
        Decimal("0.01"),
        False,
        "Buy",
    )
    assert (fill.order_id, fill.api_key, fill.time_ms) == (made["orderId"], KEY, NOW)


@pytest.mark.parametrize("side", ["Buy", "Sell"])
def test_market_fills_at_the_price(ex: Exchange, fills: list[Fill], side: str) -> None:
    ex.market.set_price("ETHUSDT", Decimal("2500.55"))
    made = place(ex, symbol="ETHUSDT", side=side, orderType="Market", qty="2")
    item = one(ex, made["orderId"])
    assert item["orderStatus"] == "Filled"
    assert item["avgPrice"] == "2500.55"
    assert item["timeInForce"] == "IOC"  # Bybit: a Market order is IOC
    assert item["price"] == "0"
    assert [(f.price, f.qty, f.side) for f in fills] == [(Decimal("2500.55"), Decimal(2), side)]


def test_market_beyond_the_depth_fills_what_is_there(ex: Exchange) -> None:
    made = place(ex, orderType="Market", qty="200")
    item = one(ex, made["orderId"])
    assert (item["orderStatus"], item["cumExecQty"], item["leavesQty"]) == (
        "Cancelled",
        "119.000",
        "0.000",
    )


def test_spot_names_a_partial_cancel_apart(ex: Exchange) -> None:
    made = place(ex, category="spot", side="Sell", orderType="Market", qty="20")
    item = one(ex, made["orderId"], "spot")
    assert (item["orderStatus"], item["cumExecQty"]) == ("PartiallyFilledCanceled", "7.100000")


def test_gtc_beyond_the_depth_rests_partially_filled(ex: Exchange, fills: list[Fill]) -> None:
    made = place(ex, orderType="Limit", qty="150", price="60100")
    item = one(ex, made["orderId"])
    assert (item["orderStatus"], item["cumExecQty"], item["leavesQty"]) == (
        "PartiallyFilled",
        "119.000",
        "31.000",
    )
    assert [o["orderId"] for o in items(ex.realtime(KEY, {"category": "linear"}))] == [
        made["orderId"]
    ]
    # The price falls to the order's: the rest fills there, as a maker.
    ex.market.set_price("BTCUSDT", Decimal(60100))
    item = one(ex, made["orderId"])
    assert (item["orderStatus"], item["leavesQty"]) == ("Filled", "0.000")
    assert [(f.qty, f.price, f.is_maker) for f in fills] == [
        (Decimal(119), Decimal(60000), False),
        (Decimal(31), Decimal(60100), True),
    ]
    assert item["avgPrice"] == "60020.66666667"


def test_post_only_that_would_take_is_cancelled(ex: Exchange, fills: list[Fill]) -> None:
    made = place(ex, orderType="Limit", qty="0.01", price="60000", timeInForce="PostOnly")
    item = one(ex, made["orderId"])
    assert (item["orderStatus"], item["rejectReason"]) == (
        "Cancelled",
        "EC_PostOnlyWillTakeLiquidity",
    )
    resting = place(ex, orderType="Limit", qty="0.01", price="59999.9", timeInForce="PostOnly")
    assert one(ex, resting["orderId"])["orderStatus"] == "New"
    assert fills == []


def test_ioc_takes_what_crosses_and_cancels_the_rest(ex: Exchange, fills: list[Fill]) -> None:
    missed = place(ex, orderType="Limit", qty="1", price="59000", timeInForce="IOC")
    item = one(ex, missed["orderId"])
    assert (item["orderStatus"], item["rejectReason"]) == ("Cancelled", "EC_NoImmediateQtyToFill")
    partial = place(ex, orderType="Limit", qty="120", price="60000", timeInForce="IOC")
    item = one(ex, partial["orderId"])
    assert (item["orderStatus"], item["cumExecQty"]) == ("Cancelled", "119.000")
    assert items(ex.realtime(KEY, {"category": "linear"})) == []
    assert len(fills) == 1


def test_fok_fills_in_full_or_not_at_all(ex: Exchange, fills: list[Fill]) -> None:
    killed = place(ex, orderType="Limit", qty="120", price="60000", timeInForce="FOK")
    item = one(ex, killed["orderId"])
    assert (item["orderStatus"], item["cumExecQty"], item["rejectReason"]) == (
        "Cancelled",
        "0.000",
        "EC_NoEnoughQtyToFill",
    )
    assert fills == []
    done = place(ex, orderType="Limit", qty="100", price="60000", timeInForce="FOK")
    assert one(ex, done["orderId"])["orderStatus"] == "Filled"
    missed = place(ex, orderType="Limit", qty="1", price="1000", timeInForce="FOK")
    assert one(ex, missed["orderId"])["orderStatus"] == "Cancelled"


def test_set_price_fills_resting_orders_it_moves_through(ex: Exchange, fills: list[Fill]) -> None:
    buy = place(ex, orderType="Limit", qty="0.5", price="58000")
    sell = place(ex, side="Sell", orderType="Limit", qty="0.2", price="62000")
    other = place(ex, symbol="ETHUSDT", orderType="Limit", qty="1", price="2900")
    ex.market.set_price("BTCUSDT", Decimal("58000.5"))
    assert fills == []
    ex.market.set_price("BTCUSDT", Decimal("57000"))
    assert one(ex, buy["orderId"])["orderStatus"] == "Filled"
    assert one(ex, sell["orderId"])["orderStatus"] == "New"
    ex.market.set_price("BTCUSDT", Decimal("63000"))
    assert one(ex, sell["orderId"])["orderStatus"] == "Filled"
    assert one(ex, other["orderId"])["orderStatus"] == "New"
    assert [(f.side, f.price, f.is_maker) for f in fills] == [
        ("Buy", Decimal(58000), True),
        ("Sell", Decimal(62000), True),
    ]
    assert one(ex, buy["orderId"])["cumExecFee"] == "5.8"  # maker 0.02 %


def test_amend_changes_a_resting_order(ex: Exchange) -> None:
    made = place(
        ex, orderType="Limit", qty="0.01", price="59000", orderLinkId="am-1", takeProfit="65000"
    )
    ex.amend(KEY, {"category": "linear", "symbol": "BTCUSDT", "orderLinkId": "am-1",
                   "qty": "0.02", "price": "58000.5", "takeProfit": "0", "stopLoss": "50000"},
             NOW + 5)  # fmt: skip
    item = one(ex, made["orderId"])
    assert (item["qty"], item["price"], item["orderStatus"]) == ("0.02", "58000.5", "New")
    assert (item["takeProfit"], item["stopLoss"]) == ("", "50000")
    assert item["updatedTime"] == str(NOW + 5)
    assert item["createdTime"] == str(NOW)


def test_amend_that_crosses_fills(ex: Exchange, fills: list[Fill]) -> None:
    made = place(ex, orderType="Limit", qty="0.01", price="59000")
    ex.amend(KEY, {"category": "linear", "symbol": "BTCUSDT", "orderId": made["orderId"],
                   "price": "60500"}, NOW)  # fmt: skip
    assert one(ex, made["orderId"])["orderStatus"] == "Filled"
    assert fills[0].price == Decimal(60000)


def test_amend_refusals(ex: Exchange) -> None:
    made = place(ex, orderType="Limit", qty="150", price="60000")  # 119 filled, 31 rest
    base = {"category": "linear", "symbol": "BTCUSDT", "orderId": made["orderId"]}
    assert code_of(lambda: ex.amend(KEY, {**base, "qty": "100"}, NOW)) == 10001
    assert code_of(lambda: ex.amend(KEY, base, NOW)) == 10001
    no_id = {"category": "linear", "symbol": "BTCUSDT", "qty": "1"}
    assert code_of(lambda: ex.amend(KEY, no_id, NOW)) == 10001
    other = {**base, "symbol": "ETHUSDT", "qty": "200"}
    assert code_of(lambda: ex.amend(KEY, other, NOW)) == 110001
    assert code_of(lambda: ex.amend("someone-else", {**base, "qty": "200"}, NOW)) == 110001
    done = place(ex, orderType="Market", qty="1")
    closed = {**base, "orderId": done["orderId"], "qty": "2"}
    assert code_of(lambda: ex.amend(KEY, closed, NOW)) == 110001
    assert code_of(lambda: ex.amend(KEY, {**base, "price": "70000"}, NOW)) == 110003
    assert code_of(lambda: ex.amend(KEY, {**base, "price": "60000.05"}, NOW)) == 10001


@pytest.mark.parametrize(
    ("params", "code"),
    [
        ({"orderType": "Limit", "qty": "0.01", "price": "59000.05"}, 10001),  # off the tick
        ({"orderType": "Limit", "qty": "0.01", "price": "66001"}, 110003),  # over the band
        ({"side": "Sell", "orderType": "Limit", "qty": "0.01", "price": "53999"}, 110003),
        ({"orderType": "Market", "qty": "0.0009"}, 110017),  # truncated to zero
        ({"orderType": "Market", "qty": "1191"}, 10001),  # over max qty
        ({"symbol": "SOLUSDT", "orderType": "Market", "qty": "0.09"}, 110017),
        ({"orderType": "Limit", "qty": "1", "price": "1", "timeInForce": "GoodTillCancel"}, 10001),
        ({"orderType": "Market", "qty": "1", "positionIdx": 3}, 10001),
        ({"orderType": "Market", "qty": "1", "reduceOnly": "true"}, 10001),
        ({"orderType": "Market", "qty": "1", "marketUnit": "baseCoin"}, 10001),
        ({"orderType": "Market", "qty": "1", "tpTriggerBy": "Last"}, 10001),
        ({"category": "spot", "orderType": "Limit", "qty": "0.01", "price": "59000.001"}, 170134),
        ({"category": "spot", "orderType": "Limit", "qty": "0.0100001", "price": "1"}, 170137),
        ({"category": "spot", "orderType": "Limit", "qty": "0.00001", "price": "59000"}, 170136),
        ({"category": "spot", "orderType": "Market", "qty": "72", "side": "Sell"}, 170135),
        ({"category": "spot", "orderType": "Limit", "qty": "0.00005", "price": "10000"}, 170140),
        ({"category": "spot", "orderType": "Limit", "qty": "0.01", "price": "66001"}, 170132),
        (
            {
                "category": "spot",
                "side": "Sell",
                "orderType": "Limit",
                "qty": "0.01",
                "price": "50000",
            },
            170133,
        ),
        ({"category": "spot", "orderType": "Market", "qty": "1", "reduceOnly": True}, 10001),
        (
            {
                "category": "option",
                "symbol": "BTC-27DEC24-90000-C",
                "orderType": "Market",
                "qty": "1",
            },
            10001,
        ),
    ],
)
def test_create_refusals(ex: Exchange, params: dict[str, Any], code: int) -> None:
    assert code_of(lambda: place(ex, **params)) == code
    assert items(ex.realtime(KEY, {"category": params.get("category", "linear")})) == []


def test_qty_is_truncated_to_the_step(ex: Exchange) -> None:
    made = place(ex, orderType="Limit", qty="0.0159", price="59000")
    assert one(ex, made["orderId"])["qty"] == "0.015"


def test_spot_market_buy_is_by_value(ex: Exchange, fills: list[Fill]) -> None:
    made = place(ex, category="spot", orderType="Market", qty="600")
    item = one(ex, made["orderId"], "spot")
    assert (item["orderStatus"], item["cumExecQty"], item["marketUnit"]) == (
        "Filled",
        "0.010000",
        "quoteCoin",
    )
    by_base = place(ex, category="spot", orderType="Market", qty="0.02", marketUnit="baseCoin")
    assert one(ex, by_base["orderId"], "spot")["cumExecQty"] == "0.020000"
    assert [f.qty for f in fills] == [Decimal("0.01"), Decimal("0.02")]


def test_duplicate_link_id_codes(ex: Exchange) -> None:
    place(ex, orderType="Limit", qty="0.01", price="59000", orderLinkId="d")
    again = {"orderType": "Limit", "qty": "0.01", "price": "59000", "orderLinkId": "d"}
    assert code_of(lambda: place(ex, **again)) == 110072
    place(ex, category="spot", **again)
    assert code_of(lambda: place(ex, category="spot", **again)) == 170141


def test_create_keeps_and_lists_the_optional_fields(ex: Exchange) -> None:
    made = place(
        ex, category="inverse", symbol="BTCUSD", orderType="Limit", qty="100", price="59000",
        positionIdx=1, reduceOnly=False, closeOnTrigger=True, takeProfit="65000",
        stopLoss="55000", tpTriggerBy="MarkPrice", slTriggerBy="IndexPrice", tpslMode="Full",
    )  # fmt: skip
    item = one(ex, made["orderId"], "inverse")
    assert item["positionIdx"] == 1
    assert (item["reduceOnly"], item["closeOnTrigger"]) == (False, True)
    assert (item["takeProfit"], item["stopLoss"]) == ("65000", "55000")
    assert (item["tpTriggerBy"], item["slTriggerBy"], item["tpslMode"]) == (
        "MarkPrice",
        "IndexPrice",
        "Full",
    )
    assert item["leavesValue"] == "0.00169492"  # inverse: qty / price, in BTC
    assert "cumFeeDetail" not in item


def test_cancel_moves_the_order_to_history(ex: Exchange) -> None:
    made = place(ex, orderType="Limit", qty="0.01", price="59000", orderLinkId="c-1")
    ex.cancel(KEY, {"category": "linear", "symbol": "BTCUSDT", "orderLinkId": "c-1"})
    listed = items(ex.history(KEY, {"category": "linear"}, NOW + 1))
    assert isinstance(listed, list)
    (item,) = listed
    assert (item["orderId"], item["orderStatus"], item["cancelType"]) == (
        made["orderId"],
        "Cancelled",
        "CancelByUser",
    )
    # V5 keeps the link id unique once the order is closed too (v3 let it be reused).
    with pytest.raises(ApiError) as info:
        place(ex, orderType="Limit", qty="0.01", price="59000", orderLinkId="c-1")
    assert info.value.code == 110072


def test_cancel_all_moves_orders_to_history(ex: Exchange) -> None:
    for _ in range(3):
        place(ex, orderType="Limit", qty="0.01", price="59000")
    ex.cancel_all(KEY, {"category": "linear", "symbol": "BTCUSDT"})
    listed = items(ex.history(KEY, {"category": "linear", "orderStatus": "Cancelled"}, NOW))
    assert isinstance(listed, list)
    assert len(listed) == 3


def test_history_filters_pages_and_window(ex: Exchange) -> None:
    filled = [place(ex, orderType="Market", qty="0.01")["orderId"] for _ in range(5)]
    ex.market.set_price("ETHUSDT", Decimal(3000))
    place(ex, symbol="ETHUSDT", orderType="Limit", qty="1", price="2000", timeInForce="IOC")
    query = {"category": "linear", "symbol": "BTCUSDT", "limit": "2"}
    seen: list[str] = []
    while True:
        page = ex.history(KEY, query, NOW)
        listed = page["list"]
        assert isinstance(listed, list)
        seen += [o["orderId"] for o in listed]
        if not page["nextPageCursor"]:
            break
        query["cursor"] = str(page["nextPageCursor"])
    assert seen == filled[::-1]  # newest first, each once
    statuses = {o["orderStatus"] for o in items(ex.history(KEY, {"category": "linear"}, NOW))}
    assert statuses == {"Filled", "Cancelled"}
    assert items(ex.history(KEY, {"category": "linear", "orderStatus": "Rejected"}, NOW)) == []
    assert items(ex.history(KEY, {"category": "spot"}, NOW)) == []
    # The last 7 days by default; a window of at most 7 days.
    later = NOW + 8 * 24 * 3600 * 1000
    assert items(ex.history(KEY, {"category": "linear"}, later)) == []
    window = {"category": "linear", "startTime": str(NOW - 1), "endTime": str(NOW + 1)}
    assert len(items(ex.history(KEY, window, later))) == 6
    assert len(items(ex.history(KEY, {"category": "linear", "startTime": str(NOW)}, later))) == 6


@pytest.mark.parametrize(
    ("params", "code"),
    [
        ({"orderStatus": "New"}, 181017),
        ({"orderStatus": "PartiallyFilled"}, 181017),
        ({"startTime": "0", "endTime": str(8 * 24 * 3600 * 1000)}, 10001),
        ({"startTime": "10", "endTime": "5"}, 10001),
        ({"startTime": "soon"}, 10001),
        ({"limit": "51"}, 10001),
        ({"orderFilter": "OpenOrder"}, 10001),
        ({"cursor": "not-ours"}, 10001),
    ],
)
def test_history_refusals(ex: Exchange, params: dict[str, str], code: int) -> None:
    assert code_of(lambda: ex.history(KEY, {"category": "linear", **params}, NOW)) == code


def test_realtime_open_only_and_ids_find_closed_orders(ex: Exchange) -> None:
    resting = place(ex, orderType="Limit", qty="0.01", price="59000")
    done = place(ex, orderType="Market", qty="0.01", orderLinkId="mk")
    listed = items(ex.realtime(KEY, {"category": "linear"}))
    assert [o["orderId"] for o in listed] == [resting["orderId"]]
    both = items(ex.realtime(KEY, {"category": "linear", "openOnly": "1"}))
    assert [o["orderId"] for o in both] == [done["orderId"], resting["orderId"]]
    by_link = items(ex.realtime(KEY, {"category": "linear", "orderLinkId": "mk"}))
    assert [o["orderStatus"] for o in by_link] == ["Filled"]
    stop = items(ex.realtime(KEY, {"category": "linear", "orderFilter": "StopOrder"}))
    assert stop == []
    assert code_of(lambda: ex.realtime(KEY, {"category": "linear", "openOnly": "3"})) == 10001
    bad_filter = {"category": "option", "orderFilter": "StopOrder"}
    assert code_of(lambda: ex.realtime(KEY, bad_filter)) == 10001
