"""Collections returned in a response body, with the PHP ``push/fetch/all/count`` surface."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, Generic, TypeVar

T = TypeVar("T")


class AbstractCollection(Generic[T]):
    """An ordered list of items with a read cursor: ``fetch()`` gives the next item, then None."""

    __slots__ = ("_cursor", "_items")

    def __init__(self, items: Iterable[T] = ()) -> None:
        self._items: list[T] = list(items)
        self._cursor = 0

    def push(self, item: T) -> AbstractCollection[T]:
        self._items.append(item)
        return self

    def fetch(self) -> T | None:
        if self._cursor >= len(self._items):
            return None
        item = self._items[self._cursor]
        self._cursor += 1
        return item

    def all(self) -> list[T]:
        return list(self._items)

    def count(self) -> int:
        return len(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[T]:
        return iter(self._items)

    def __getitem__(self, index: int) -> T:
        return self._items[index]

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, AbstractCollection):
            return NotImplemented
        return type(self) is type(other) and self._items == other._items

    __hash__ = None  # type: ignore[assignment]  # mutable, like a list

    def __repr__(self) -> str:
        return f"{type(self).__name__}(count={len(self._items)})"


class EntityCollection(AbstractCollection[T]):
    """Response DTOs (``EnumOutputMode.MODE_ENTITY``)."""


class ArrayCollection(AbstractCollection[dict[str, Any]]):
    """Items as plain dicts (``EnumOutputMode.MODE_ARRAY``)."""


class StringCollection(AbstractCollection[str]):
    """Raw JSON text (``EnumOutputMode.MODE_JSON``)."""


__all__ = ["AbstractCollection", "ArrayCollection", "EntityCollection", "StringCollection"]
