"""What the market-data endpoints added to the declaration machinery, tested on its own."""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from carpenstar_bybit.Core.Declarations import Choice, Declaration, Out, Refused, Shape
from carpenstar_bybit.Core.Objects import AbstractResponse
from carpenstar_bybit.Derivatives.MarketData.OrderBook.Response import OrderBookResponse
from carpenstar_bybit.Derivatives.MarketData.RiskLimit import RiskLimit
from carpenstar_bybit.Derivatives.MarketData.RiskLimit.Interfaces import (
    IRiskLimitRequestInterface,
    IRiskLimitResponseInterface,
    IRiskLimitsRequestInterface,
    IRiskLimitsResponse,
)
from carpenstar_bybit.Derivatives.MarketData.RiskLimit.Request import RiskLimitsRequest
from carpenstar_bybit.Derivatives.MarketData.RiskLimit.Response import RiskLimitsResponse

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tools import generate_endpoints as generator  # noqa: E402  # the repository's tool


def test_choice_takes_integers_only_when_asked() -> None:
    digits = Choice(("1", "5"), ints=True)
    assert digits.accept(5) == "5"
    with pytest.raises(Refused, match="must be a string, got bool"):
        digits.accept(True)
    with pytest.raises(Refused, match="must be a string, got int"):
        Choice(("1", "5")).accept(5)


def test_optdatetime_reads_zero_as_no_time() -> None:
    shape = Shape("Probe", (Out("getWhen", "when", "optdatetime", "a time"),))

    class Probe(AbstractResponse):
        __slots__ = ()
        SHAPE = shape

        def getWhen(self) -> datetime | None:
            return self._optdatetime("when")

    assert Probe.fromItem({"when": "0"}).getWhen() is None
    assert Probe.fromItem({"when": ""}).getWhen() is None
    assert Probe.fromItem({"when": 0}).getWhen() is None
    assert Probe.fromItem({"when": "1672387200001"}).getWhen() == datetime(
        2022, 12, 30, 8, 0, 0, 1000, tzinfo=UTC
    )


def test_php_names_of_request_and_interfaces() -> None:
    assert RiskLimit.REQUEST_CLASS is RiskLimitsRequest
    assert IRiskLimitsRequestInterface is IRiskLimitRequestInterface
    assert IRiskLimitsResponse is IRiskLimitResponseInterface
    assert isinstance(RiskLimitsRequest(), IRiskLimitsRequestInterface)
    declaration = RiskLimit.DECLARATION
    assert isinstance(declaration, Declaration)
    assert declaration.request_class == "RiskLimitsRequest"
    text = generator.render_interfaces(declaration)
    assert "IRiskLimitsResponse = IRiskLimitResponseInterface" in text


def test_a_key_two_getters_read_is_checked_once() -> None:
    wires = {o.wire for o in RiskLimitsResponse.SHAPE.fields if o.wire is not None}
    plan = RiskLimitsResponse._plan()
    assert sorted(str(key) for key, *_ in plan) == sorted(map(str, wires))


def test_nested_items_are_checked_without_building_their_dtos() -> None:
    good = {"s": "X", "b": [["1", "2"]], "a": [["3", "4"]]}
    OrderBookResponse.check([good])
    with pytest.raises(ValueError, match="item 0 is not a JSON array"):
        OrderBookResponse.check([{"s": "X", "b": [{"p": "1"}], "a": []}])
    with pytest.raises(ValueError, match="1 is dict, not a value"):
        OrderBookResponse.check([{"s": "X", "b": [["1", {}]], "a": []}])


def test_generated_files_match_the_declarations() -> None:
    assert generator.drift() == []


def test_the_gc_is_paused_only_while_a_large_answer_is_read() -> None:
    import gc

    from carpenstar_bybit.Core.Response import LARGE_ANSWER_BYTES, CurlResponseHandler, gc_paused
    from carpenstar_bybit.Derivatives.MarketData.Kline.Response import KlineResponse

    seen: list[bool] = []

    class Probe(KlineResponse):
        __slots__ = ()

        @classmethod
        def check(cls, items: list[object]) -> None:
            seen.append(gc.isenabled())

    row = '["1670608800000","17071","17073","17027","17055.5","268611","15.74462667"]'
    small = '{"retCode":0,"retMsg":"OK","result":{"list":[' + row + "]}}"
    large = '{"retCode":0,"retMsg":"OK","result":{"list":[' + ",".join([row] * 1000) + "]}}"
    assert len(small) < LARGE_ANSWER_BYTES < len(large)
    assert gc.isenabled()
    CurlResponseHandler(Probe).handle(small)
    CurlResponseHandler(Probe).handle(large)
    assert seen == [True, False]
    assert gc.isenabled()
    with gc_paused():
        with gc_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # still inside the outer pause
    assert gc.isenabled()
    gc.disable()
    try:
        with gc_paused():
            pass
        assert not gc.isenabled()  # a GC the caller switched off stays off
    finally:
        gc.enable()


def test_rows_with_a_number_past_the_declared_cells_still_parse() -> None:
    from carpenstar_bybit.Derivatives.MarketData.MarkPriceKline.Response import (
        MarkPriceKlineResponse,
    )

    rows = [["1", "2", "3", "4", "5", 6], ["1", "2", "3", "4", None]]
    MarkPriceKlineResponse.check(rows)  # the slow path: cell 5 is no field, cell 4 may be missing
    with pytest.raises(ValueError, match="4 is list, not a value"):
        MarkPriceKlineResponse.check([["1", "2", "3", "4", ["5"]]])
