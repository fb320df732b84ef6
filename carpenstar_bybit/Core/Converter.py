"""The library's own cattrs converter: camelCase on the wire, unset fields dropped.

Never the global converter, so that a bot's own cattrs hooks cannot change what is sent.
"""

from __future__ import annotations

from typing import Any, TypeVar

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
    return cls


__all__ = ["converter", "register_request", "register_response"]
