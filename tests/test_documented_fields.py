"""Every field of Bybit's V5 response tables has a getter, or a reason why not.

``tests/fixtures/v5_documented_fields.json`` lists each endpoint's documented answer fields as read
from the V5 docs (``tools/v5_doc_fields.py``, with the docs commit); a field Bybit adds shows up
here as a failure once the list is read again, naming the endpoint and the field.
"""

from __future__ import annotations

import importlib
import json
from pathlib import Path
from typing import Any

import pytest

from carpenstar_bybit.Core.Declarations import Declaration, Out, Shape
from carpenstar_bybit.Core.Registry import ENDPOINTS
from carpenstar_bybit.Core.Response import CurlResponseDto

LISTING = json.loads(
    (Path(__file__).parent / "fixtures" / "v5_documented_fields.json").read_text(encoding="utf-8")
)
DOCUMENTED: dict[str, Any] = LISTING["endpoints"]

# Fields of ``result`` outside the items, read by the answer object itself.
RESULT_GETTERS = {"nextPageCursor": "getNextPageCursor", "success": "getSuccess"}

Path_ = tuple[str | int, ...]


def declaration(name: str) -> Declaration:
    """The declaration of an endpoint named by its PHP path (``Derivatives.MarketData.Kline``)."""
    # by the registry: a folder may differ from the class (Spot.LeverageToken.Reedem in Redeem)
    found: Declaration = importlib.import_module(ENDPOINTS[name]).DECLARATION
    return found


def _out(shape: Shape, wire: str | int) -> Out | None:
    return next((out for out in shape.fields if out.wire == wire), None)


def _in_shape(shape: Shape, rest: Path_) -> str | None:
    """The getter chain reading ``rest`` inside an item of ``shape``, or None."""
    if len(rest) > 1 and all(isinstance(key, str) for key in rest):
        dotted = _out(shape, ".".join(map(str, rest)))  # a flat getter of a nested field
        if dotted is not None:
            return dotted.getter
    out = _out(shape, rest[0])
    if out is None:
        return None
    if len(rest) == 1:
        return out.getter
    if out.shape is None:
        return None
    inner = _in_shape(out.shape, rest[1:])
    return None if inner is None else f"{out.getter}().{inner}"


def _enclosing(shape: Shape, key: str | int) -> str | None:
    """A getter of a flattened item reading ``key`` of its enclosing object (``../key`` or the
    enclosing object's own shape)."""
    for out in shape.fields:
        if out.wire == f"../{key}":
            return out.getter
        if out.wire == ".." and out.shape is not None:
            inner = _out(out.shape, key)
            if inner is not None:
                return f"{out.getter}().{inner.getter}"
    return None


def getter_for(d: Declaration, path: Path_) -> str | None:
    """Where a bot reads the documented field at ``path`` (from ``result``), or None."""
    shape = d.response
    root: Path_ = tuple(shape.root.split(".")) if shape.root else ()
    if path[: len(root)] == root and len(path) > len(root):
        return _in_shape(shape, path[len(root) :])
    if path == root or (root and path == root[: len(path)]):
        return "getBody()"  # the items' container: the answer's collection
    if len(root) > 1 and len(path) == 2 and path[0] == root[0]:
        return _enclosing(shape, path[1])
    if len(root) == 1 and len(path) == 1 and _enclosing(shape, path[0]) is not None:
        return _enclosing(shape, path[0])  # beside the items in result (a candle's symbol)
    if d.batch is not None and path[0] == "retExtInfo":
        # a batch item reads its own outcome (retExtInfo.list[i]) as "../key"
        if len(path) == 3 and path[1] == "list":
            return next((o.getter for o in shape.fields if o.wire == f"../{path[2]}"), None)
        return "getBody()" if path == ("retExtInfo", "list") else "getReturnExtendedInfo()"
    if len(path) == 1 and isinstance(path[0], str) and path[0] in RESULT_GETTERS:
        return f"{CurlResponseDto.__name__}.{RESULT_GETTERS[path[0]]}()"
    return None


def _cases() -> list[tuple[str, tuple[str | int, ...]]]:
    return [
        (name, tuple(field["path"]))
        for name, entry in sorted(DOCUMENTED.items())
        for field in entry["fields"]
    ]


def test_the_listing_names_its_source() -> None:
    source = LISTING["source"]
    assert source["repository"] == "https://github.com/bybit-exchange/docs"
    assert len(source["commit"]) == 40
    assert all(entry["doc"].startswith("docs/v5/") for entry in DOCUMENTED.values())


def test_every_bybit_endpoint_is_listed() -> None:
    declared = [importlib.import_module(m).DECLARATION for m in ENDPOINTS.values()]
    bybit = {f"{d.package}.{d.name}" for d in declared if d.exchange == "bybit"}
    assert bybit <= set(DOCUMENTED), sorted(bybit - set(DOCUMENTED))


def _id(value: object) -> str:
    return ".".join(map(str, value)) if isinstance(value, tuple) else str(value)


@pytest.mark.parametrize(("name", "path"), _cases(), ids=_id)
def test_each_documented_field_has_a_getter(name: str, path: tuple[str | int, ...]) -> None:
    key = ".".join(map(str, path))
    reason = DOCUMENTED[name]["not_applicable"].get(key)
    found = getter_for(declaration(name), path)
    if reason is not None:
        assert found is None, f"{name}: {key} has a getter ({found}): drop it from not_applicable"
        assert len(reason) > 20, f"{name}: {key}: say why it does not apply"
        return
    assert found is not None, f"{name}: V5 documents {key} but no getter reads it"


def test_not_applicable_names_only_documented_fields() -> None:
    for name, entry in DOCUMENTED.items():
        documented = {".".join(map(str, f["path"])) for f in entry["fields"]}
        assert set(entry["not_applicable"]) <= documented, name


def test_the_resolver_finds_what_it_should() -> None:
    # The resolver itself, on shapes whose answers nest in each way V5 nests them.
    wallet = declaration("Derivatives.Contract.Account.WalletBalance")
    assert getter_for(wallet, ("list", "coin", "equity")) == "getEquity"
    assert getter_for(wallet, ("list", "totalEquity")) == "getAccount().getTotalEquity"
    assert getter_for(wallet, ("list", "coin", "noSuchField")) is None
    book = declaration("Derivatives.MarketData.OrderBook")
    assert getter_for(book, ("b", 0)) == "getBid().getPrice"
    assert getter_for(book, ("b", 2)) is None
    kline = declaration("Derivatives.MarketData.Kline")
    assert getter_for(kline, ("list", 4)) == "getClose"
    info = declaration("Derivatives.MarketData.InstrumentInfo")
    assert getter_for(info, ("list", "priceFilter", "tickSize")) == "getPriceFilter().getTickSize"
    assert getter_for(info, ("nextPageCursor",)) == "CurlResponseDto.getNextPageCursor()"
    assert getter_for(info, ("category",)) is None
    spot_info = declaration("Spot.MarketData.InstrumentInfo")  # flat getters of nested fields
    assert getter_for(spot_info, ("list", "lotSizeFilter", "minOrderQty")) == "getMinTradeQty"
    assert getter_for(spot_info, ("list", "lotSizeFilter")) is None
    spot_kline = declaration("Spot.MarketData.Kline")  # result.symbol read as "../symbol"
    assert getter_for(spot_kline, ("symbol",)) == "getSymbol"
    assert getter_for(spot_kline, ("category",)) is None
    batch = declaration("Derivatives.Contract.Order.BatchPlaceOrder")
    assert getter_for(batch, ("retExtInfo", "list", "code")) == "getCode"
    assert getter_for(batch, ("retExtInfo", "list", "nope")) is None
    assert getter_for(batch, ("list", "createAt")) == "getCreateAt"
    by_id = declaration("Spot.Trade.BatchCancelOrderById")  # a hook's shape, not a batch
    assert getter_for(by_id, ("retExtInfo", "list", "code")) is None


# Fields V5 sends that the port had no getter for (a bot reading them got nothing).
SENT_FIELDS = [
    ("WalletBalance", "getAvailableToWithdraw", ("list", "coin", "availableToWithdraw"), "0.5"),
    ("WalletBalance", "getAvailableToBorrow", ("list", "coin", "availableToBorrow"), "1.5"),
    ("WalletBalance", "getSpotHedgingQty", ("list", "coin", "spotHedgingQty"), "0.25"),
    ("WalletBalance", "getTotalOrderIM", ("list", "coin", "totalOrderIM"), "12.5"),
    ("WalletBalance", "getTotalPositionIM", ("list", "coin", "totalPositionIM"), "7.75"),
    ("GetOrderList", "getTrailingValue", ("list", "trailingValue"), "100.5"),
    ("GetOrderList", "getTrailingPercentage", ("list", "trailingPercentage"), "2.5"),
    ("GetOrderList", "getActivationPrice", ("list", "activationPrice"), "65000.5"),
    ("GetOpenOrders", "getActivationPrice", ("list", "activationPrice"), "65000.5"),
    ("MyPosition", "getAvgPrice", ("list", "avgPrice"), "64000.5"),
    ("MyPosition", "getLeverageSysUpdatedTime", ("list", "leverageSysUpdatedTime"), "1700000123"),
    ("MyPosition", "getMmrSysUpdatedTime", ("list", "mmrSysUpdatedTime"), "1700000000123"),
    ("GetExecutionList", "getMarketUnit", ("list", "marketUnit"), "baseCoin"),
    ("GetClosedPnL", "getCreatedTime", ("list", "createdTime"), "1700000000123"),
    ("TickerInfo", "getPreOpenPrice", ("list", "preOpenPrice"), "0.5"),
    ("TickerInfo", "getPreQty", ("list", "preQty"), "1000.5"),
    ("TickerInfo", "getCurPreListingPhase", ("list", "curPreListingPhase"), "ContinuousTrading"),
]  # fmt: skip


_DECLARED = {name: declaration(name) for name in DOCUMENTED}


@pytest.mark.parametrize(("name", "getter", "path", "sent"), SENT_FIELDS, ids=_id)
def test_fields_v5_sends_are_read(name: str, getter: str, path: Path_, sent: str) -> None:
    d = next(
        d
        for key, d in _DECLARED.items()
        if key.endswith(f".{name}") and d.package.startswith("Derivatives.")
    )
    item: dict[str, Any] = {str(path[-1]): sent}
    result: dict[str, Any] = {"list": [item]} if len(path) == 2 else {"list": [{"coin": [item]}]}
    text = json.dumps({"retCode": 0, "retMsg": "OK", "result": result})
    module = importlib.import_module(d.module)
    endpoint = getattr(importlib.import_module(f"{d.module}.Overrides"), f"Test{name}")()
    read = getattr(endpoint.execute(0, text).getBody().fetch(), getter)()
    if sent.isdigit():  # a time in ms
        assert read is not None
        assert int(read.timestamp() * 1000) == int(sent)
    else:
        assert read == (sent if not sent[0].isdigit() else float(sent))
    # Generated with the response (its module), typed: not a hand-written base's catch-all.
    response_class = getattr(module, name).RESPONSE_CLASS
    assert getattr(response_class, getter).__module__ == response_class.__module__


def test_the_reader_takes_both_table_forms_of_the_docs() -> None:
    from tools.v5_doc_fields import fields

    markdown = (
        "### Response Parameters\n| Parameter | Type | Comments|\n|:----- |:-----|----- |\n"
        "|[category](../enum#category) |string |Product type |\n|list |array |Object |\n"
        "|> list[0]: startTime |string |Start (ms) |\n|> coin |array |Object |\n"
        "|>> walletBalance |string |Balance\n|nextPageCursor |string |Cursor |\n\n"
        "### Request Example\n|ignored |string |x |\n"
    )
    assert [f["path"] for f in fields(markdown, None)] == [
        ["category"], ["list"], ["list", 0], ["list", "coin"], ["list", "coin", "walletBalance"],
        ["nextPageCursor"],
    ]  # fmt: skip
    tabbed = (
        "### Response Parameters\n<Tabs>\n"
        '<TabItem value="linear" label="Linear/Inverse" default>\n<table>\n'
        "<tr><th>Parameter</th><th>Type</th><th>Comments</th></tr>\n"
        "<tr><td>list</td><td>array</td><td>Object</td></tr>\n"
        '<tr><td>> <a href="../enum#status">status</a></td><td>string</td><td>x</td></tr>\n'
        "<tr><td>>> minPrice</td><td>string</td><td><ul><li>y</li></ul></td></tr>\n"
        '</table>\n</TabItem>\n<TabItem value="option" label="Option">\n<table>\n'
        "<tr><td>optionOnly</td><td>string</td><td>z</td></tr>\n</table>\n</TabItem>\n</Tabs>\n"
    )
    assert [f["path"] for f in fields(tabbed, "Linear/Inverse")] == [
        ["list"], ["list", "status"], ["list", "status", "minPrice"],
    ]  # fmt: skip
    assert fields("### Response Parameters\nNone\n### Request Example\n", None) == []
    whole = (  # the batch pages list the whole answer: paths from result, retExtInfo kept
        "### Response Parameters\n| Parameter | Type | Comments|\n|:--- |:---|--- |\n"
        "|result |Object | |\n|> list |array |Object |\n|>> orderId |string |Order ID |\n"
        "|retExtInfo |Object | |\n|> list |array |Object |\n|>> code |number |Code |\n"
    )
    assert [f["path"] for f in fields(whole, None)] == [
        ["list"], ["list", "orderId"], ["retExtInfo"], ["retExtInfo", "list"],
        ["retExtInfo", "list", "code"],
    ]  # fmt: skip


# Spot getters for V5 fields the v3 shapes left unread: (endpoint, getter chain, result, value).
SPOT_FIELDS = [
    ("Spot.Trade.OpenOrders", "getTakeProfit", {"list": [{"takeProfit": "70000.5"}]}, 70000.5),
    ("Spot.Trade.OrderHistory", "getLeavesQty", {"list": [{"leavesQty": "0.25"}]}, 0.25),
    ("Spot.Trade.TradeHistory", "getExecValue", {"list": [{"execValue": "12.5"}]}, 12.5),
    ("Spot.MarketData.Tickers", "getUsdIndexPrice", {"list": [{"usdIndexPrice": "1.5"}]}, 1.5),
    ("Spot.MarketData.OrderBook", "getSeq", {"s": "BTCUSDT", "seq": 7}, 7),
    ("Spot.MarketData.PublicTradingRecords", "isRPITrade", {"list": [{"isRPITrade": True}]}, True),
    (
        "Spot.MarketData.InstrumentInfo",
        "getMaxLimitOrderQty",
        {"list": [{"lotSizeFilter": {"maxLimitOrderQty": "83"}}]},
        83.0,
    ),
    (
        "Spot.Account.WalletBalance",
        "getAccount().getTotalEquity",
        {"list": [{"totalEquity": "99.5", "coin": [{"coin": "USDT"}]}]},
        99.5,
    ),
]


@pytest.mark.parametrize(("name", "chain", "result", "expected"), SPOT_FIELDS, ids=_id)
def test_spot_reads_the_v5_fields_it_gained(
    name: str, chain: str, result: dict[str, Any], expected: object
) -> None:
    d = declaration(name)
    endpoint = getattr(importlib.import_module(f"{d.module}.Overrides"), f"Test{d.name}")()
    text = json.dumps({"retCode": 0, "retMsg": "OK", "result": result})
    read: Any = endpoint.execute(0, text).getBody().fetch()
    for getter in chain.replace("()", "").split("."):
        read = getattr(read, getter)()
    assert read == expected
    # the same getter says where the listing finds the field: not a hand-kept list
    assert getter_for(d, _documented_path(name, result)) == chain


def _documented_path(name: str, result: dict[str, Any]) -> Path_:
    """The path of the one leaf field set in ``result`` (list items and nested objects)."""
    path: list[str | int] = []
    node: Any = result
    while isinstance(node, dict):
        key = next(k for k in node if k not in ("s", "coin"))
        path.append(key)
        node = node[key]
        if isinstance(node, list):
            node = node[0]
    found = tuple(path)
    assert any(tuple(f["path"]) == found for f in DOCUMENTED[name]["fields"]), (name, found)
    return found
