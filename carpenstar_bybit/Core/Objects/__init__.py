"""Bases of the request and response DTOs; both are driven by the endpoint's ``Declaration``.

A request stores each parameter in its canonical wire form (what ``Declarations`` kinds make of
what a bot passes), checks it when set and again in ``validate()``, and serializes through the
library's own cattrs converter. A response is a read-only view of one answer item: parsing keeps
the item as the exchange sent it (array mode's exact strings), checks that every declared field
has a JSON type it can be read from, and each getter converts its one value when asked.
"""

from __future__ import annotations

import math
import re
import warnings
from collections.abc import Callable, Iterator
from datetime import datetime
from itertools import chain, repeat
from operator import itemgetter
from typing import Any, ClassVar, Generic, Self, TypeVar

from carpenstar_bybit.Core import Validation as rules
from carpenstar_bybit.Core.Converter import converter
from carpenstar_bybit.Core.Declarations import (
    CurrentLine,
    Declaration,
    Param,
    Refused,
    Shape,
    is_up,
    ms_datetime,
)
from carpenstar_bybit.Core.Exceptions import ApiException, SDKException, SDKTypeError
from carpenstar_bybit.Core.Objects.Collection import EntityCollection

R = TypeVar("R", bound="AbstractResponse")

_WHOLE = re.compile(r"-?\d{1,40}")


class AbstractParameters:
    """Base of request DTOs. ``array()`` checks the request and gives the wire parameters."""

    __slots__ = ()

    DECLARATION: ClassVar[Declaration | None] = None

    # -- values -------------------------------------------------------------------------------

    @classmethod
    def _params_by_attr(cls) -> dict[str, Param]:
        cached: dict[str, Param] | None = cls.__dict__.get("_PARAMS_BY_ATTR")
        if cached is None:
            declaration = cls.DECLARATION
            cached = {p.attr: p for p in declaration.params} if declaration else {}
            type.__setattr__(cls, "_PARAMS_BY_ATTR", cached)
        return cached

    def _accept(self, attr: str, value: object, alias: bool = False) -> Any:
        """``value`` in wire form, or an SDKException naming the field and the rule.

        ``alias``: set through the current PHP line's name, whose kind may take more (dates).
        """
        param = self._params_by_attr()[attr]
        kind = param.alias_kind if alias and param.alias_kind is not None else param.kind
        try:
            return kind.accept(value)
        except Refused as refused:
            error = SDKTypeError if refused.wrong_type else SDKException
            raise error(f"{type(self).__name__}.{param.wire}: {refused.rule}") from None

    def __attrs_post_init__(self) -> None:
        # Keyword construction (``PlaceOrderRequest(symbol="BTCUSDT")``) is checked like setters.
        for attr in self._params_by_attr():
            value = getattr(self, attr)
            if value is not None:
                object.__setattr__(self, attr, self._accept(attr, value))

    def _value(self, wire: str) -> Any:
        """The value of a field by wire name; None when unset or when this request has no such
        field (rules shared by endpoints read fields only some of them declare)."""
        param = next((p for p in self._params_by_attr().values() if p.wire == wire), None)
        return None if param is None else getattr(self, param.attr, None)

    def fail(self, wire: str, rule: str) -> SDKException:
        return SDKException(f"{type(self).__name__}.{wire}: {rule}")

    # -- checks -------------------------------------------------------------------------------

    def resolveCategory(self) -> str | None:
        """The category to send: the one set, else told from the symbol or the settle coin."""
        declaration = self.DECLARATION
        if declaration is None or not declaration.categories:
            return None
        category: str | None = self._value("category")
        if category is not None:
            return category
        for wire in declaration.category_from:
            value = self._value(wire)
            if value is None:
                continue
            if wire == "symbol":
                told = rules.category_from_symbol(value)
                if told is None:
                    raise self.fail(
                        "category",
                        f"cannot be told from symbol {value!r}; call setCategory("
                        f"{'|'.join(repr(c) for c in declaration.categories)})",
                    )
                return told
            if wire == "settleCoin":
                return rules.category_from_settle_coin(value)
            raise self.fail(
                "category",
                f"cannot be told from {wire} alone; call setCategory('linear'|'inverse')",
            )
        if declaration.default_category is not None:
            return declaration.default_category
        if declaration.category_missing is not None:
            raise self.fail(*declaration.category_missing)
        told_from = " or ".join(declaration.category_from) or "the request"
        raise self.fail(
            "category",
            f"is required: it cannot be told from {told_from}; call setCategory("
            f"{'|'.join(repr(c) for c in declaration.categories)})",
        )

    def validate(self, category: str | None = None) -> None:
        """Raise ``SDKException`` naming the field and the rule when the request is incomplete.

        ``category``: the category this request is checked under (a batch item takes its
        batch's); by default the one set or told from the fields.
        """
        declaration = self.DECLARATION
        if declaration is None:
            return
        for attr, param in self._params_by_attr().items():
            value = getattr(self, attr)
            if value is None:
                if param.required:
                    raise self.fail(param.wire, "is required")
                continue
            object.__setattr__(self, attr, self._accept(attr, value))
        if category is None:
            category = self.resolveCategory()
        else:
            own = self._value("category")
            if own is not None and own != category:
                raise self.fail("category", f"is {own!r}, but the batch's category is {category!r}")
        if category is not None and category not in declaration.categories:
            raise self.fail(
                "category",
                f"must be one of {', '.join(declaration.categories)} for {declaration.name} "
                f"(got {category!r})",
            )
        if declaration.rules is not None:
            declaration.rules(self, category)

    def array(self) -> dict[str, Any]:
        self.validate()
        return self.wire()

    def wire(self, with_category: bool = True) -> dict[str, Any]:
        """The set fields under their wire names, unchecked; the category first when told.

        ``with_category`` False: without the category (a batch item, sent under its batch's).
        """
        wire: dict[str, Any] = converter.unstructure(self)
        declaration = self.DECLARATION
        if declaration is not None and any(
            p.default is not None and p.wire not in wire for p in declaration.params
        ):
            # Declaration order, as the converter gives it, with the defaults in their places.
            wire = {
                p.wire: wire.get(p.wire, p.default)
                for p in declaration.params
                if p.wire in wire or (p.default is not None and p.sent)
            }
        if not with_category:
            wire.pop("category", None)
        elif declaration is not None and declaration.categories and "category" not in wire:
            category = self.resolveCategory()
            if category is not None:
                wire = {"category": category, **wire}
        return wire

    def query(self) -> dict[str, str]:
        """``array()`` as query text: booleans as ``true``/``false``, numbers as digits."""
        return {
            key: ("true" if value else "false") if isinstance(value, bool) else str(value)
            for key, value in self.array().items()
        }

    def warnIfDeprecated(self) -> None:
        declaration = self.DECLARATION
        if declaration is not None and declaration.deprecated:
            warnings.warn(declaration.deprecated, DeprecationWarning, stacklevel=4)


def _bad(field: str | int, why: str) -> ApiException:
    return ApiException(f"unexpected response: {field} {why}", code=0)


class Wrapped:
    """The ``result`` of a current-line answer held by a wrapper-role DTO (see ``CurrentLine``).

    A DTO in the wrapper role keeps this in place of an item, so an item getter called on it
    (``_get``) finds no item and says what to call instead.
    """

    __slots__ = ("cursor", "items", "result")

    def __init__(self, result: dict[str, Any], items: list[Any]) -> None:
        self.result = result
        self.items = items
        self.cursor = 0

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Wrapped) and self.result == other.result

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:  # equal wrappers hash alike (AbstractResponse hashes the repr)
        return f"Wrapped({self.result!r})"


class AbstractResponse:
    """Base of response DTOs (one item of the exchange's answer), a read-only view of it.

    ``rootDataKey`` names the list inside ``result`` that holds the items; None means that
    ``result`` itself is the single item. Getters convert as PHP's did, without its defects:
    ``""`` or a missing number is None, times keep their milliseconds (UTC ``datetime``).

    Where the current PHP line made the class a wrapper (``CURRENT``, see ``CurrentLine``), an
    object is built either as an item (``fromItem``: the 2023 line's ``getBody()``) or as the
    wrapper of ``result`` (``fromResult``: the current line's ``getResult()``), and each role's
    getters refuse the other role with ``SDKException``.
    """

    __slots__ = ("_parent", "_raw")

    rootDataKey: ClassVar[str | None] = "list"
    SHAPE: ClassVar[Shape | None] = None
    ROWS: ClassVar[bool] = False
    CURRENT: ClassVar[CurrentLine | None] = None  # the current line's wrapper, where it has one
    ITEM_CLASS: ClassVar[type[AbstractResponse] | None] = None  # the wrapper's item class
    # (wire key, accepts) per declared scalar field, and (wire key, many) per nested one.
    _CHECKS: ClassVar[tuple[tuple[str | int, bool], ...]] = ()

    _raw: Any
    _parent: Any  # the enclosing object of an item flattened out of a path root

    def __init__(self, raw: Any = None) -> None:
        if raw is None:
            raw = [] if self.ROWS else {}
        self._raw = raw

    @classmethod
    def fromItem(cls: type[R], item: Any) -> R:
        made = object.__new__(cls)
        made._raw = item
        return made

    @classmethod
    def fromResult(
        cls: type[R], result: dict[str, Any], items: list[Any], parents: list[Any] | None = None
    ) -> R:
        """The DTO of the current line's ``getResult()``: the wrapper of ``result`` where the
        current line has one (``items``: the answer's items, ``parents`` their enclosing
        objects), else the one item ``result`` is. ValueError when an item cannot be read."""
        item_class = cls.ITEM_CLASS
        if cls.CURRENT is None or item_class is None:
            return cls.fromItem(result)
        made = object.__new__(cls)
        made._raw = Wrapped(result, item_class.fromItems(items, parents))
        return made

    def _wrapper(self, getter: str) -> Wrapped:
        """The wrapped ``result``; SDKException when this object is an item."""
        raw = self._raw
        if isinstance(raw, Wrapped):
            return raw
        name = type(self).__name__
        raise SDKException(
            f"{name}.{getter}(): this {name} is one item (the 2023 line's getBody() item), not "
            "the current line's wrapper from execute()->getResult(); read the item's own getters"
        )

    def _list(self, getter: str, item: type[R]) -> list[R]:
        return [i for i in self._wrapper(getter).items if isinstance(i, item)]

    def _next(self, getter: str, item: type[R]) -> R | None:
        """The next item on each call (PHP's ``fetch()``), None when none is left."""
        wrapped = self._wrapper(getter)
        if wrapped.cursor >= len(wrapped.items):
            return None
        wrapped.cursor += 1
        found = wrapped.items[wrapped.cursor - 1]
        return found if isinstance(found, item) else None

    def _field(self, getter: str) -> AbstractResponse:
        """A view of ``result`` for the wrapper's own fields (cursor, category)."""
        return AbstractResponse.fromItem(self._wrapper(getter).result)

    def _not_an_item(self, key: str | int) -> SDKException:
        name = type(self).__name__
        shape, current = self.SHAPE, self.CURRENT
        getter = next((o.getter for o in shape.fields if o.wire == key), str(key)) if shape else key
        how = (
            f"call {current.list_getter}() and read its {current.item_class} items"
            if current
            else ""
        )
        return SDKException(
            f"{name}.{getter}(): this {name} is the current line's wrapper of the whole answer "
            f"(from execute()->getResult()), not one item; {how}"
        )

    @classmethod
    def fromItems(cls: type[R], items: list[Any], parents: list[Any] | None = None) -> list[R]:
        """The DTOs of a list of answer items; ValueError when an item cannot be read as one.

        ``parents``: the enclosing object of each item, for a shape flattened out of a path root.
        """
        cls._check_kinds(items)
        cls.check(items)
        new = object.__new__
        made: list[R] = []
        append = made.append
        for item in items:
            dto = new(cls)
            dto._raw = item
            append(dto)
        if parents is not None:
            for dto, parent in zip(made, parents, strict=True):
                dto._parent = parent
        return made

    @classmethod
    def _check_kinds(cls, items: list[Any]) -> None:
        kind = list if cls.ROWS else dict
        if all(map(isinstance, items, repeat(kind))):  # one C loop; the index only on failure
            return
        for index, item in enumerate(items):
            if not isinstance(item, kind):
                raise ValueError(f"item {index} is not a JSON {'array' if cls.ROWS else 'object'}")

    @classmethod
    def _plan(cls) -> tuple[tuple[str | int, bool, type[AbstractResponse] | None, bool], ...]:
        """(wire key, bool allowed, nested class, many) per wire key the fields read, once each."""
        cached: tuple[tuple[str | int, bool, type[AbstractResponse] | None, bool], ...] | None
        cached = cls.__dict__.get("_PLAN")
        if cached is None:
            shape = cls.SHAPE
            plan: dict[str | int, tuple[str | int, bool, type[AbstractResponse] | None, bool]]
            plan = {}
            for out in shape.fields if shape is not None else ():
                key = out.wire
                if key is None or is_up(key) or out.type == "map":
                    continue  # the enclosing object's fields, and maps, are read when asked
                if out.shape is not None:
                    plan[key] = (key, False, _nested_class(cls, out.getter), out.many)
                    continue
                # Two getters may read one key (a PHP name and the V5 one): bool wins if any.
                flags = out.type == "bool" or (key in plan and plan[key][1])
                plan[key] = (key, flags, None, False)
            cached = tuple(plan.values())
            type.__setattr__(cls, "_PLAN", cached)
        return cached

    @classmethod
    def check(cls, items: list[Any]) -> None:
        """Every declared field holds a JSON type its getter reads: ValueError naming it if not.

        Each key is read across all items in one C loop (``itemgetter`` under ``str.join``, which
        also proves every value a string, the common case); only a key with a missing, numeric
        or boolean value is looked at item by item.
        """
        plan = cls._plan()
        if cls.ROWS and items and all(nested is None for _, _, nested, _ in plan):
            try:  # rows of strings only (klines, book levels): every cell in one C pass
                "".join(chain.from_iterable(items))
                return
            except TypeError:
                pass
        for key, flags, nested, many in plan:
            if nested is None:
                try:
                    "".join(map(itemgetter(key), items))
                    continue
                except (TypeError, KeyError, IndexError):
                    pass
                for value in _column(items, key):
                    if value is None or (flags and isinstance(value, bool)):
                        continue
                    if isinstance(value, bool) or not isinstance(value, str | int | float):
                        raise ValueError(f"{key} is {type(value).__name__}, not a value")
                continue
            wanted: type = list if many or nested.ROWS else dict
            found = [value for value in _column(items, key) if value is not None]
            if not all(map(isinstance, found, repeat(wanted))):
                raise ValueError(f"{key} is not a JSON {'array' if wanted is list else 'object'}")
            inner = [v for value in found for v in value] if many else found
            if inner:
                nested._check_kinds(inner)
                nested.check(inner)

    # -- typed reads ---------------------------------------------------------------------------

    def _get(self, key: str | int) -> Any:
        raw = self._raw
        if isinstance(key, int):
            if isinstance(raw, list):
                return raw[key] if len(raw) > key else None
        elif isinstance(raw, dict):
            value = raw.get(key)
            if value is None and "." in key:  # a nested object's field: lotSizeFilter.minOrderQty
                value = raw
                for part in key.split("."):
                    value = value.get(part) if isinstance(value, dict) else None
            return value
        if isinstance(raw, Wrapped):
            raise self._not_an_item(key)
        return None

    def _str(self, key: str | int) -> str:
        value = self._get(key)
        if value is None:
            return ""
        if isinstance(value, str):
            return value
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, int | float):
            return str(value)
        raise _bad(key, f"is {type(value).__name__}, not text")

    def _optstr(self, key: str | int) -> str | None:
        return None if self._get(key) is None else self._str(key)

    def _float(self, key: str | int) -> float | None:
        value = self._get(key)
        if value is None or value == "":
            return None
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            raise _bad(key, f"is {type(value).__name__}, not a number")
        try:
            return float(value)
        except (ValueError, OverflowError):
            raise _bad(key, f"is not a number (got {str(value)[:40]!r})") from None

    def _int(self, key: str | int) -> int | None:
        value = self._get(key)
        if value is None or value == "":
            return None
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            raise _bad(key, f"is {type(value).__name__}, not a whole number")
        if isinstance(value, int):
            return value
        if isinstance(value, str) and _WHOLE.fullmatch(value):
            return int(value)
        try:
            number = float(value)
        except ValueError:
            number = math.nan
        if not number.is_integer():
            raise _bad(key, f"is not a whole number (got {str(value)[:40]!r})")
        return int(number)

    def _bool(self, key: str | int) -> bool | None:
        value = self._get(key)
        if value is None or value == "":
            return None
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text in ("true", "1"):
            return True
        if text in ("false", "0"):
            return False
        raise _bad(key, f"is not a boolean (got {str(value)[:40]!r})")

    def _map(self, key: str | int) -> dict[str, Any] | None:
        value = self._get(key)
        if value is None or value == "":
            return None
        if not isinstance(value, dict):
            raise _bad(key, f"is {type(value).__name__}, not an object")
        return dict(value)

    def _ms(self, key: str | int) -> int | None:
        return self._int(key)

    def _datetime(self, key: str | int) -> datetime | None:
        ms = self._int(key)
        return None if ms is None else ms_datetime(ms)

    def _optdatetime(self, key: str | int) -> datetime | None:
        ms = self._int(key)
        return None if not ms else ms_datetime(ms)  # 0: no such time (a perpetual's delivery)

    def _set(self, key: str | int, value: object) -> Self:
        """PHP's item setter: the value the getter of ``key`` reads from now on (this object)."""
        raw = self._raw
        if isinstance(raw, Wrapped):
            raise self._not_an_item(key)
        if isinstance(key, int):
            if isinstance(raw, list):
                raw.extend([None] * (key + 1 - len(raw)))
                raw[key] = value
        elif key.startswith("../"):  # a field of the enclosing object
            parent = getattr(self, "_parent", None)
            if not isinstance(parent, dict):
                parent = {}
                self._parent = parent
            parent[key[3:]] = value
        elif isinstance(raw, dict):
            raw[key] = value
        return self

    def _upper(self, wire: str = "..") -> AbstractResponse:
        """A view of the object enclosing this item (an empty one when there is none);
        ``wire``: the field's declared wire, to name its getter when this is a wrapper."""
        if isinstance(self._raw, Wrapped):
            raise self._not_an_item(wire)
        parent = getattr(self, "_parent", None)
        return AbstractResponse.fromItem(parent if isinstance(parent, dict) else {})

    def _upper_as(self, cls: type[R], wire: str = "..") -> R | None:
        if isinstance(self._raw, Wrapped):
            raise self._not_an_item(wire)
        parent = getattr(self, "_parent", None)
        return cls.fromItem(parent) if isinstance(parent, dict) else None

    def _one(self, key: str, cls: type[R]) -> R | None:
        value = self._get(key)
        if value is None:
            return None
        return cls.fromItem(value)

    def _many(self, key: str, cls: type[R]) -> EntityCollection[R]:
        value = self._get(key)
        if not isinstance(value, list):
            return EntityCollection()
        return EntityCollection(map(cls.fromItem, value))

    def _collection(self, key: str, cls: type[R]) -> EntityCollection[R]:
        """One nested object as PHP gave it: a collection of that one item (empty when absent)."""
        value = self._get(key)
        return EntityCollection(() if value is None else (cls.fromItem(value),))

    # -- the item as data ----------------------------------------------------------------------

    def toArray(self) -> Any:
        """The item as the exchange sent it (exact strings), as array mode gives it; a wrapper
        gives the ``result`` object."""
        raw = self._raw
        if isinstance(raw, Wrapped):
            return dict(raw.result)
        return list(raw) if isinstance(raw, list) else dict(raw)

    def __iter__(self) -> Iterator[Any]:
        """Nothing: PHP's ``foreach`` over a DTO visits its public properties, and a DTO has
        none (its fields are read through getters), so a ported loop runs zero times as in PHP."""
        return iter(())

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, AbstractResponse):
            return NotImplemented
        return type(self) is type(other) and self._raw == other._raw

    def __hash__(self) -> int:
        return hash((type(self), repr(self._raw)))

    def __repr__(self) -> str:
        shape = self.SHAPE
        raw = getattr(self, "_raw", None)
        if isinstance(raw, Wrapped):
            return f"{type(self).__name__}(count={len(raw.items)})"
        if shape is None:
            return f"{type(self).__name__}()"
        shown = []
        for out in shape.fields[:6]:
            if out.wire is None or out.shape is not None or is_up(out.wire):
                continue
            shown.append(f"{out.wire}={self._get(out.wire)!r}")
        return f"{type(self).__name__}({', '.join(shown)})"


class StubQueryBag(AbstractParameters):
    """The request of an endpoint that takes no parameters (PHP's ``StubQueryBag``)."""

    __slots__ = ()

    def array(self) -> dict[str, Any]:
        return {}


class _Envelope:
    """What both of the current line's answers read from the envelope (``IResponseInterface``)."""

    __slots__ = ("_ext", "_ret_code", "_ret_msg", "_time_ms")

    def __init__(
        self, ret_code: int, ret_msg: str, ext: dict[str, Any], time_ms: int | None = None
    ) -> None:
        self._ret_code = ret_code
        self._ret_msg = ret_msg
        self._ext = ext
        self._time_ms = time_ms

    def getReturnCode(self) -> int:
        return self._ret_code

    def getReturnMessage(self) -> str:
        return self._ret_msg

    def getExtendedInfo(self) -> dict[str, Any]:
        """``retExtInfo`` (``{}`` when the exchange sent none)."""
        return dict(self._ext)

    def getTime(self) -> datetime | None:
        """The exchange's time of the answer (UTC), None when it sent none."""
        return None if self._time_ms is None else ms_datetime(self._time_ms)


class SuccessResponse(_Envelope, Generic[R]):
    """The current PHP line's answer when the exchange said yes (``retCode`` 0).

    ``getResult()`` is the endpoint's DTO in the current line's role: the wrapper of ``result``
    for list answers (``getOpenOrders()``, ``getNextPageCursor()``…), else the one item.
    ``getTime()`` is an addition (PHP's SuccessResponse has none).
    """

    __slots__ = ("_raw_result", "_result", "_top")

    def __init__(
        self,
        ret_code: int,
        ret_msg: str,
        ext: dict[str, Any],
        raw_result: dict[str, Any],
        result: R,
        time_ms: int | None = None,
        top_cursor: str = "",
    ) -> None:
        super().__init__(ret_code, ret_msg, ext, time_ms)
        self._raw_result = raw_result
        self._result = result
        self._top = top_cursor

    def getNextPageCursor(self) -> str:
        """``result.nextPageCursor`` (PHP read a top-level key Bybit never sends: always '')."""
        cursor = self._raw_result.get("nextPageCursor", self._top)
        return cursor if isinstance(cursor, str) else ""

    def getResult(self) -> R:
        return self._result

    def getRawResult(self) -> dict[str, Any]:
        """The ``result`` object as sent, for fields no getter covers."""
        return dict(self._raw_result)

    def __repr__(self) -> str:
        return f"SuccessResponse(retCode={self._ret_code}, result={self._result!r})"


class ExceptionResponse(_Envelope):
    """The current PHP line's answer when the exchange said no: returned, not raised."""

    __slots__ = ()

    def getResult(self) -> list[Any]:
        """``[]``, as in PHP: a refused call has no result."""
        return []

    def __repr__(self) -> str:
        return f"ExceptionResponse(retCode={self._ret_code}, retMsg={self._ret_msg[:80]!r})"


def _column(items: list[Any], key: str | int) -> list[Any]:
    """One key's value in every item (None where an item lacks it)."""
    if isinstance(key, int):
        return [item[key] if len(item) > key else None for item in items]
    return [item.get(key) for item in items]


def _nested_class(cls: type[AbstractResponse], getter: str) -> type[AbstractResponse]:
    nested: dict[str, type[AbstractResponse]] = getattr(cls, "NESTED", {})
    return nested[getter]


def nested_types(**classes: type[AbstractResponse]) -> dict[str, type[AbstractResponse]]:
    """The DTO class behind each nested getter (generated Response modules declare it)."""
    return dict(classes)


Structure = Callable[[Any], AbstractResponse]

__all__ = [
    "AbstractParameters",
    "AbstractResponse",
    "ExceptionResponse",
    "StubQueryBag",
    "SuccessResponse",
    "Wrapped",
    "nested_types",
]
