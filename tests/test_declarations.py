"""Every declared endpoint, walked from the registry: wire names, parsing, interfaces, no drift.

Nothing about an endpoint can be forgotten silently: a setter whose value does not reach the
wire under its V5 name, a getter that does not read its field, a PHP interface that does not
hold, or generated files older than their declaration all fail here.
"""

from __future__ import annotations

import importlib
import inspect
import json
from datetime import UTC, datetime
from typing import Any

import pytest

from carpenstar_bybit.Core.Converter import converter
from carpenstar_bybit.Core.Declarations import Declaration, Number, Out, Param, Shape, is_up
from carpenstar_bybit.Core.Endpoints import Endpoint, OverrideEndpoint
from carpenstar_bybit.Core.Enums import EnumOutputMode
from carpenstar_bybit.Core.Names import short
from carpenstar_bybit.Core.Objects import AbstractParameters, AbstractResponse
from carpenstar_bybit.Core.Objects.Collection import EntityCollection
from carpenstar_bybit.Core.Registry import ENDPOINTS
from tools import generate_endpoints

NAMES = sorted(ENDPOINTS)


def _endpoint(name: str) -> type[Endpoint]:
    module = importlib.import_module(ENDPOINTS[name])
    endpoint: type[Endpoint] = getattr(module, short(name))
    return endpoint


def _declaration(name: str) -> Declaration:
    declaration: Declaration = _endpoint(name).DECLARATION  # type: ignore[attr-defined]
    return declaration


def _interfaces(name: str) -> Any:
    return importlib.import_module(f"{ENDPOINTS[name]}.Interfaces")


def test_registry_holds_every_declaration() -> None:
    declared = {d.key: d.module for d in generate_endpoints.declarations()}
    assert declared == ENDPOINTS
    # the module is the PHP namespace; only a folder PHP spelt otherwise differs from the key
    assert [k for k, m in ENDPOINTS.items() if m != f"carpenstar_bybit.{k}"] == [
        "Spot.LeverageToken.Reedem"
    ]
    order = "Derivatives.Contract.Order."
    assert {order + n for n in ("PlaceOrder", "ReplaceOrder", "GetOpenOrders")} <= set(ENDPOINTS)


def test_generated_files_match_their_declarations() -> None:
    assert generate_endpoints.drift() == []


@pytest.mark.parametrize("name", NAMES)
def test_endpoint_class_follows_its_declaration(name: str) -> None:
    endpoint = _endpoint(name)
    declaration = _declaration(name)
    assert endpoint.__name__ == declaration.name == short(name)
    assert declaration.key == name
    assert declaration.path == endpoint.PATH
    assert declaration.method == endpoint.HTTP_METHOD
    assert endpoint.IS_NEED_AUTHORIZATION is declaration.private
    assert endpoint.REQUEST_CLASS.DECLARATION is declaration
    # <name>Request, or PHP's own name where it differs (RiskLimit: RiskLimitsRequest)
    assert endpoint.REQUEST_CLASS.__name__ == declaration.request_class
    assert declaration.request_class in (f"{short(name)}Request", declaration.request_name)
    assert endpoint.RESPONSE_CLASS.SHAPE is declaration.response
    assert endpoint.PATH.startswith("/")
    assert "/v3/" not in endpoint.PATH
    override = getattr(
        importlib.import_module(f"{ENDPOINTS[name]}.Overrides"), f"Test{short(name)}"
    )
    assert issubclass(override, OverrideEndpoint)
    assert issubclass(override, endpoint)


def _with_category(request: AbstractParameters, declaration: Declaration) -> None:
    if any(p.wire == "category" for p in declaration.params):
        request.setCategory(declaration.categories[0])  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("name", "param"),
    [(name, param) for name in NAMES for param in _declaration(name).params],
    ids=lambda v: v if isinstance(v, str) else v.wire,
)
def test_each_setter_reaches_the_wire_under_its_name(name: str, param: Param) -> None:
    declaration = _declaration(name)
    request_class = _endpoint(name).REQUEST_CLASS
    setter = getattr(request_class, param.setter)
    getter = getattr(request_class, param.getter_name)
    # The PHP parameter name, visible to an IDE and to keyword calls.
    assert list(inspect.signature(setter).parameters)[1:] == [param.arg_name]
    assert setter.__doc__
    assert param.wire in setter.__doc__

    request = request_class()
    assert getter(request) == param.default  # None unless V5's one value is the default
    assert converter.unstructure(request) == {}
    if param.wire != "category":
        _with_category(request, declaration)
    before = converter.unstructure(request)
    assert setter(request, param.kind.example) is request  # fluent
    sent = param.kind.accept(param.kind.example)
    # A PHP parameter V5 has no field for (sent=False) is checked and kept, never sent.
    assert converter.unstructure(request) == (
        {**before, param.wire: sent} if param.sent else before
    )
    read = getter(request)
    if isinstance(param.kind, Number) and param.kind.returns == "float | None":
        assert read == float(sent)
    else:
        assert read == sent


@pytest.mark.parametrize("name", NAMES)
def test_request_interface_holds_php_setters_only(name: str) -> None:
    declaration = _declaration(name)
    interface = getattr(_interfaces(name), f"I{short(name)}RequestInterface")
    request = _endpoint(name).REQUEST_CLASS()
    assert isinstance(request, interface)
    # PHP's WalletBalance and InstrumentInfo (spot) took no request: their interface is empty.
    php_surface = declaration.batch is not None or any(p.php for p in declaration.params)
    assert isinstance(object(), interface) is not php_surface
    for param in declaration.params:
        assert hasattr(interface, param.setter) is param.php
        assert hasattr(interface, param.getter_name) is param.php


_SAMPLES: dict[str, tuple[Any, Any]] = {
    # type -> (value on the wire, what the getter gives)
    "str": ("text", "text"),
    "optstr": ("text", "text"),
    "float": ("1.25", 1.25),
    "int": ("7", 7),
    "bool": (True, True),
    "datetime": ("1700000000123", datetime(2023, 11, 14, 22, 13, 20, 123000, tzinfo=UTC)),
    "optdatetime": ("1700000000123", datetime(2023, 11, 14, 22, 13, 20, 123000, tzinfo=UTC)),
    "ms": ("1700000000123", 1700000000123),
    "map": ({"USDT": "0.0242"}, {"USDT": "0.0242"}),
}


def _item(shape: Shape) -> Any:
    if shape.rows:
        width = max(int(out.wire) for out in shape.fields if isinstance(out.wire, int)) + 1
        row: list[Any] = [None] * width
        for out in shape.fields:
            if isinstance(out.wire, int):
                row[out.wire] = _value(out)
        return row
    return {
        out.wire: _value(out)
        for out in shape.fields
        if isinstance(out.wire, str) and not is_up(out.wire)
    }


def _parent(shape: Shape) -> dict[str, Any]:
    """The enclosing object a flattened item's '../' getters read."""
    parent: dict[str, Any] = {}
    for out in shape.fields:
        if out.wire == ".." and out.shape is not None:
            parent.update(_item(out.shape))
    for out in shape.fields:  # then the '../' samples, which win a shared key
        if is_up(out.wire) and out.wire != "..":
            parent[str(out.wire)[3:]] = _SAMPLES[out.type][0]
    return parent


def _result(shape: Shape, item: Any) -> Any:
    """The V5 ``result`` holding one item where the shape's root says."""
    if shape.root is None:
        return item
    outer, _, inner = shape.root.partition(".")
    if inner:
        return {outer: [{**_parent(shape), inner: [item]}]}
    return {**_parent(shape), outer: [item]}  # a list item's "../key" reads result's own key


def _value(out: Out) -> Any:
    if out.shape is not None:
        return [_item(out.shape)] if out.many else _item(out.shape)
    return _SAMPLES[out.type][0]


def _check_item(dto: AbstractResponse, shape: Shape, skip: frozenset[str] = frozenset()) -> None:
    for out in shape.fields:
        if out.wire in skip:
            continue
        got = getattr(dto, out.getter)()
        if out.wire is None:
            assert got is None, out.getter
        elif out.wire == ".." and out.shape is not None:
            # The enclosing object as its own shape; keys the item's '../' getters read carry
            # their samples, checked there.
            read_up = frozenset(str(o.wire)[3:] for o in shape.fields if is_up(o.wire))
            _check_item(got, out.shape, read_up)
        elif out.shape is not None:
            collected = out.many or out.collection
            if collected:  # PHP's EntityCollection, and a Python list
                assert isinstance(got, EntityCollection), out.getter
                assert got.count() == len(got.all()) == 1, out.getter
            nested = got if collected else [got]
            assert len(nested) == 1, out.getter
            _check_item(nested[0], out.shape)
        else:
            assert got == _SAMPLES[out.type][1], out.getter


@pytest.mark.parametrize("name", NAMES)
def test_each_getter_reads_its_field(name: str) -> None:
    declaration = _declaration(name)
    response_class = _endpoint(name).RESPONSE_CLASS
    item = _item(declaration.response)
    (dto,) = response_class.fromItems([item], [_parent(declaration.response)])
    _check_item(dto, declaration.response)
    assert dto.toArray() == item
    interfaces = _interfaces(name)
    for shape in declaration.shapes():
        iface = f"I{short(name)}ResponseInterface" if shape is declaration.response else None
        if iface is not None:
            assert isinstance(dto, getattr(interfaces, iface))
            if shape.fields:  # an answer without getters (result {}) has an empty interface
                assert not isinstance(object(), getattr(interfaces, iface))


@pytest.mark.parametrize("name", [n for n in NAMES if _declaration(n).exchange == "bybit"])
def test_bybit_answer_parses_through_the_override(name: str) -> None:
    declaration = _declaration(name)
    item = _item(declaration.response)
    result = _result(declaration.response, item)
    envelope = {"retCode": 0, "retMsg": "OK", "result": result, "time": 1700000000000}
    if getattr(_endpoint(name).RESPONSE_CLASS, "OUTCOMES", None):  # a batch: one outcome an item
        envelope["retExtInfo"] = {"list": [_parent(declaration.response)]}
    text = json.dumps(envelope)
    override = getattr(
        importlib.import_module(f"{ENDPOINTS[name]}.Overrides"), f"Test{short(name)}"
    )
    answer = override().execute(EnumOutputMode.MODE_ENTITY, text)
    if not declaration.response.fields:  # V5 answers result {}: no item
        assert answer.getBody().count() == 0
        assert override().execute(EnumOutputMode.MODE_ARRAY, text).getBody().all() == []
        return
    assert answer.getBody().count() == 1
    dto = answer.getBody().fetch()
    assert isinstance(dto, _endpoint(name).RESPONSE_CLASS)
    _check_item(dto, declaration.response)
    rows = override().execute(EnumOutputMode.MODE_ARRAY, text).getBody().all()
    assert rows == [item]


@pytest.mark.parametrize("name", NAMES)
def test_a_hostile_field_type_is_refused_by_name(name: str) -> None:
    declaration = _declaration(name)
    fields = declaration.response.fields
    out = next((o for o in fields if o.shape is None and isinstance(o.wire, str | int)), None)
    if out is None or is_up(out.wire):
        assert not fields  # only an answer without getters has no field to break
        return
    item = _item(declaration.response)
    item[out.wire] = {"not": "a value"}
    with pytest.raises(ValueError, match=str(out.wire)):
        _endpoint(name).RESPONSE_CLASS.fromItems([item])
