"""Collections with the PHP ``push/fetch/all/count`` surface that are Python lists too.

PHP hands out an ``EntityCollection`` where a list of items is read (a response body, the order
book's sides, an instrument's filters); its current line hands out plain arrays in some of the
same places. A ``list`` subclass serves both bots: ``fetch()``, ``all()``, ``count()`` and
``push()`` as in PHP, and ``len()``, indexing, slicing, iteration and ``== [...]`` as a list.

``count()`` with no argument is PHP's (the number of items); with one it is ``list.count``.
``fetch()`` reads the next item through a cursor of its own and then returns None (PHP's 2023
line; its current line returns ``[]`` there, which reads false just the same).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Generic, TypeVar

T = TypeVar("T")

_NO_VALUE: Any = object()


class AbstractCollection(list[T], Generic[T]):
    """An ordered list of items with a read cursor: ``fetch()`` gives the next item, then None."""

    __slots__ = ("_cursor",)

    def __init__(self, items: Iterable[T] = ()) -> None:
        super().__init__(items)
        self._cursor = 0

    def push(self, item: T) -> AbstractCollection[T]:
        self.append(item)
        return self

    def fetch(self) -> T | None:
        cursor = self._cursor
        if cursor >= len(self):
            return None
        self._cursor = cursor + 1
        return self[cursor]

    def all(self) -> list[T]:
        """The items as a plain list (a copy)."""
        return list(self)

    def count(self, value: Any = _NO_VALUE, /) -> int:
        """PHP's ``count()``: the number of items; ``count(x)`` is ``list.count(x)``."""
        if value is _NO_VALUE:
            return len(self)
        return super().count(value)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(count={len(self)})"


class EntityCollection(AbstractCollection[T]):
    """Response DTOs (``EnumOutputMode.MODE_ENTITY``), and the nested lists of a DTO."""

    __slots__ = ()


class ArrayCollection(AbstractCollection[dict[str, Any]]):
    """Items as plain dicts (``EnumOutputMode.MODE_ARRAY``)."""

    __slots__ = ()


class StringCollection(AbstractCollection[str]):
    """Raw JSON text (``EnumOutputMode.MODE_JSON``)."""

    __slots__ = ()


__all__ = ["AbstractCollection", "ArrayCollection", "EntityCollection", "StringCollection"]
