"""Endpoint names: full paths as keys, short names where they are unambiguous.

Every endpoint is known by its full path, its PHP namespace after ``Carpenstar\\ByBitAPI\\``
(``Derivatives.Contract.Order.PlaceOrder``, ``Spot.Trade.PlaceOrder``). Class names repeat across
packages, so a class name alone is a key only while one package has it; a name two packages
share is refused with the full names it could mean.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Mapping
from typing import Any

from carpenstar_bybit.Core.Exceptions import SDKException


class DuplicateEndpoint(SDKException):
    """Two declarations claim one full name: the second would overwrite the first."""


class UnknownEndpoint(SDKException, LookupError):
    """A name that is no endpoint, or a short name several packages share."""

    def __init__(self, message: str, candidates: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.candidates = candidates


def unique(pairs: Iterable[tuple[str, str]]) -> dict[str, str]:
    """The registry from (full name, module) pairs; a repeated full name is refused."""
    found: dict[str, str] = {}
    for key, module in pairs:
        if key in found:
            raise DuplicateEndpoint(
                f"endpoint {key!r} is declared twice ({found[key]} and {module}): "
                "each endpoint needs its own full name (package and class)"
            )
        found[key] = module
    return found


def short(key: str) -> str:
    """The class name of a full name: ``Spot.Trade.PlaceOrder`` → ``PlaceOrder``."""
    return key.rsplit(".", 1)[-1]


def resolve(name: str, known: Mapping[str, str] | None = None) -> str:
    """The full name for ``name``: a full name, or a class name only one package has.

    PHP's backslashes are taken too (``Spot\\Trade\\PlaceOrder``).
    """
    if known is None:
        from carpenstar_bybit.Core.Registry import ENDPOINTS

        known = ENDPOINTS
    name = name.replace("\\", ".").strip(".")
    if name in known:
        return name
    matches = tuple(sorted(k for k in known if k.endswith("." + name)))
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise UnknownEndpoint(
            f"endpoint name {name!r} is ambiguous: it is {' or '.join(matches)}; "
            "give the full name",
            matches,
        )
    raise UnknownEndpoint(f"no endpoint {name!r}")


def endpoint_class(name: str, known: Mapping[str, str] | None = None) -> Any:
    """The endpoint class for a full or unambiguous short name."""
    if known is None:
        from carpenstar_bybit.Core.Registry import ENDPOINTS

        known = ENDPOINTS
    key = resolve(name, known)
    return getattr(importlib.import_module(known[key]), short(key))


__all__ = ["DuplicateEndpoint", "UnknownEndpoint", "endpoint_class", "resolve", "short", "unique"]
