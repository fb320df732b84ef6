"""The generic declaration machinery the position endpoints added: path roots, '../' getters,
defaults, unsent PHP parameters and refusal hints."""

from __future__ import annotations

import json
import re
from typing import ClassVar

import pytest

from carpenstar_bybit.Core.Declarations import Declaration, Out, Param, Shape, Text, is_up
from carpenstar_bybit.Core.Exceptions import ApiException
from carpenstar_bybit.Core.Objects import AbstractResponse
from carpenstar_bybit.Core.Response import CurlResponseHandler
from carpenstar_bybit.Derivatives.Contract.Position.SwitchPositionMode import SwitchPositionMode
from tools.generate_endpoints import declarations, drift, render_request, render_response


class Deep(AbstractResponse):
    """Items three levels down: result.a[].b[].c[]."""

    __slots__ = ()
    rootDataKey: ClassVar[str | None] = "a.b.c"  # noqa: N815  # the PHP-named attribute

    def name(self) -> str:
        return self._str("n")

    def owner(self) -> str:
        return self._upper()._str("id")


def handle(result: object) -> list[Deep]:
    text = json.dumps({"retCode": 0, "retMsg": "OK", "result": result})
    items: list[Deep] = CurlResponseHandler(Deep).handle(text).getBody().all()
    return items


def test_a_path_root_flattens_at_any_depth_in_order() -> None:
    result = {
        "a": [
            {"b": [{"id": "b1", "c": [{"n": "1"}, {"n": "2"}]}, {"id": "b2", "c": []}]},
            {"b": [{"id": "b3", "c": [{"n": "3"}]}, {"id": "b4"}]},
            {},
        ]
    }
    assert [(d.name(), d.owner()) for d in handle(result)] == [
        ("1", "b1"),
        ("2", "b1"),
        ("3", "b3"),
    ]
    assert handle({}) == []
    assert handle({"a": []}) == []


def test_a_flat_holder_is_an_item_itself_without_an_owner() -> None:
    # v3 answered {"list": [{"coin": "USDC", ...}]}: the nested key holds a scalar.
    items = handle({"a": [{"b": [{"id": "x", "c": "scalar", "n": "flat"}]}]})
    assert [(d.name(), d.owner()) for d in items] == [("flat", "")]


@pytest.mark.parametrize(
    ("result", "where"),
    [
        ({"a": {"b": []}}, "result.a"),
        ({"a": [{"b": [1]}]}, "result.a[].b"),
        ({"a": [{"b": [{"c": [[]]}]}]}, "result.a[].b[].c"),
    ],
)
def test_a_broken_path_is_an_api_exception(result: object, where: str) -> None:
    expected = re.escape(f"unexpected response: {where} is not a list of objects")
    with pytest.raises(ApiException, match=expected):
        handle(result)


def test_up_wires() -> None:
    assert is_up("..")
    assert is_up("../totalEquity")
    assert not is_up("..x")
    assert not is_up("a")
    assert not is_up(None)
    assert not is_up(3)


SYNTHETIC = Declaration(
    name="Synthetic",
    package="Derivatives.Contract.Synthetic",
    path="/v5/synthetic",
    method="GET",
    private=True,
    summary="A declaration for the generator's tests.",
    params=(
        Param("Kind", "kind", Text(), "Kind", php=False, default="UNIFIED"),
        Param("Side", "side", Text(), "Side", sent=False),
    ),
    response=Shape(
        "SyntheticResponse",
        (
            Out("getTotal", "../total", "float", "Total"),
            Out("getHolder", "..", "str", "Holder", shape=Shape("Holder", (), root=None)),
        ),
        root="list.items",
    ),
    refusal_hints={1: "do this instead"},
)


def test_the_generator_writes_up_getters_defaults_and_unsent_params() -> None:
    response = render_response(SYNTHETIC)
    assert "return self._upper('../total')._float('total')" in response
    assert "return self._upper_as(Holder, '..')" in response
    assert "rootDataKey: ClassVar[str | None] = 'list.items'" in response
    request = render_request(SYNTHETIC)
    assert "return 'UNIFIED' if self.kind is None else self.kind" in request
    assert "'UNIFIED' when not set" in request
    assert "checked, not sent: V5 has no such field" in request


def test_declarations_are_generated_and_every_hint_names_a_code() -> None:
    assert drift() == []
    for declaration in declarations():
        for code, hint in declaration.refusal_hints.items():
            assert isinstance(code, int)
            assert hint
    assert SwitchPositionMode.REQUEST_CLASS.DECLARATION is not None
