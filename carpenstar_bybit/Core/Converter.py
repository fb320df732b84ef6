"""The library's own cattrs converter: wire names from the declarations, unset fields dropped.

Never the global converter, so that a bot's own cattrs hooks cannot change what is sent. One hook
factory serves every declared request class (found by predicate, so none can be forgotten), and
one every response DTO class (built from an answer item as a read-only view).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

import attrs
from cattrs import Converter
from cattrs.gen import make_dict_unstructure_fn, override

converter = Converter()


def _is_declared_request(cls: Any) -> bool:
    return (
        isinstance(cls, type)
        and attrs.has(cls)
        and getattr(cls, "DECLARATION", None) is not None
        and hasattr(cls, "_params_by_attr")
    )


def _request_hook(cls: Any) -> Callable[[Any], dict[str, Any]]:
    by_attr = cls._params_by_attr()
    renames = {
        field.name: override(rename=by_attr[field.name].wire, omit_if_default=True)
        if field.name in by_attr and by_attr[field.name].sent
        else override(omit=True)
        for field in attrs.fields(cls)
    }
    hook: Callable[[Any], dict[str, Any]] = make_dict_unstructure_fn(
        cls, converter, **cast(Any, renames)
    )
    return hook


def _is_response(cls: Any) -> bool:
    return isinstance(cls, type) and hasattr(cls, "fromItem") and hasattr(cls, "rootDataKey")


def _response_hook(cls: Any) -> Callable[[Any, Any], Any]:
    def structure(item: Any, _: Any) -> Any:
        cls.fromItems([item])  # the same checks as an answer's items
        return cls.fromItem(item)

    return structure


converter.register_unstructure_hook_factory(_is_declared_request, _request_hook)
converter.register_structure_hook_factory(_is_response, _response_hook)


__all__ = ["converter"]
