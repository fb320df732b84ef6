"""The library's own cattrs converter: camelCase on the wire, unset fields dropped.

Never the global converter, so that a bot's own cattrs hooks cannot change what is sent.
"""

from __future__ import annotations

import types
from collections import deque
from collections.abc import Callable
from itertools import repeat
from typing import Any, TypeVar, cast

import attrs
from cattrs import Converter
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

T = TypeVar("T")

converter = Converter()


def _lenient_str(value: Any, _: type) -> str:
    # Exchanges send ids as strings, and now and then as numbers; anything else is a broken body.
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    if value is None:
        return ""
    raise ValueError(f"expected a string, got {type(value).__name__}")


converter.register_structure_hook(str, _lenient_str)


def _renames(cls: type) -> dict[str, Any]:
    return {
        field.name: override(rename=field.metadata.get("wire", field.name))
        for field in attrs.fields(cls)
    }


def register_request(cls: type[T]) -> type[T]:
    """Unstructure ``cls`` to a wire dict: camelCase keys, None fields left out."""
    converter.register_unstructure_hook(
        cls,
        make_dict_unstructure_fn(cls, converter, _cattrs_omit_if_default=True, **_renames(cls)),
    )
    return cls


def register_response(cls: type[T]) -> type[T]:
    """Structure ``cls`` from a wire dict: camelCase keys, unknown keys ignored."""
    converter.register_structure_hook(
        cls,
        make_dict_structure_fn(cls, converter, _cattrs_detailed_validation=False, **_renames(cls)),
    )
    plan = _plain_text_fields(cls)
    if plan is None:
        _PLAIN_DTOS.pop(cls, None)
    else:
        _PLAIN_DTOS[cls] = plan
    return cls


# (wire name, default, slot setter) of each field of a plain text DTO.
_FieldPlan = tuple[tuple[str, str, Callable[[Any, Any], None]], ...]
_PLAIN_DTOS: dict[type, _FieldPlan] = {}


def _plain_text_fields(cls: type) -> _FieldPlan | None:
    """The field plan of a DTO whose ``__init__`` only stores strings, else None.

    That is a slotted attrs class whose fields are all ``str`` with a string default, without
    validators, converters, init hooks or a cached hash, and with the ``__init__`` attrs wrote:
    setting its slots directly gives the very object ``__init__`` would.
    """
    if not attrs.has(cls):
        return None
    try:
        attrs.resolve_types(cls)
    except (NameError, TypeError):  # annotations that do not resolve: cattrs' way it is
        return None
    init_code = getattr(cls.__init__, "__code__", None)
    if init_code is None or "attrs generated" not in init_code.co_filename:
        return None
    if any(
        hasattr(cls, hook)
        for hook in ("__attrs_pre_init__", "__attrs_post_init__", "_attrs_cached_hash")
    ):
        return None
    plan = []
    for field in attrs.fields(cls):
        slot = next((k.__dict__[field.name] for k in cls.__mro__ if field.name in k.__dict__), None)
        if (
            field.type is not str
            or not field.init
            or field.validator is not None
            or field.converter is not None
            or type(field.default) is not str
            or not isinstance(slot, types.MemberDescriptorType)
        ):
            return None
        plan.append((field.metadata.get("wire", field.name), field.default, slot.__set__))
    return tuple(plan) if plan else None


def structure_items(items: list[dict[str, Any]], cls: type[T]) -> list[T]:
    """``[converter.structure(item, cls) for item in items]``: the same objects, the same errors.

    For the plain text DTOs (see ``_plain_text_fields``) the objects are made without cattrs and
    without ``__init__``: their slots are set from the wire dicts directly. Values that are not
    strings go through the same lenient hook as cattrs (numbers become text, None becomes "",
    anything else raises ValueError).
    """
    plan = _PLAIN_DTOS.get(cls)
    if plan is None:
        return [converter.structure(item, cls) for item in items]
    if len(items) < _COLUMNS_FROM:
        return _by_item(items, cls, plan)
    return _by_column(items, cls, plan)


# From this many items on, building column by column in C loops pays for its set-up (~2 µs).
_COLUMNS_FROM = 32


def _by_item(items: list[dict[str, Any]], cls: type[T], plan: _FieldPlan) -> list[T]:
    made: list[T] = []
    for item in items:
        instance = object.__new__(cls)
        for wire, default, set_slot in plan:
            value = item.get(wire, default)
            if value.__class__ is not str:
                value = _lenient_str(value, str)
            set_slot(instance, value)
        made.append(instance)
    return made


def _by_column(items: list[dict[str, Any]], cls: type[T], plan: _FieldPlan) -> list[T]:
    # A cancel-all answer holds up to 500 items and a kill switch may read several: every loop
    # here is a C loop (map), one per field, instead of one Python iteration per item.
    count = len(items)
    made = cast(list[T], list(map(object.__new__, repeat(cls, count))))
    for wire, default, set_slot in plan:
        column = list(map(dict.get, items, repeat(wire, count), repeat(default, count)))
        try:
            "".join(column)  # the quickest check that every value is a str: a C loop, no calls
        except TypeError:
            column = [_lenient_str(value, str) for value in column]
        deque(map(set_slot, made, column), maxlen=0)
    return made


__all__ = ["converter", "register_request", "register_response", "structure_items"]
