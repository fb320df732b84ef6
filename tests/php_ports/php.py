"""PHP built-ins the mechanical ports call under their PHP names."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal, TypeVar

T = TypeVar("T")


def current(array: Iterable[T]) -> T | Literal[False]:
    """PHP's ``current()`` on a fresh array: its first element, or ``False`` when it is empty."""
    return next(iter(array), False)
