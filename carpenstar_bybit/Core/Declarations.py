"""Endpoint declarations: everything about one endpoint's wire, in one place.

A ``Declaration`` names the PHP class, the V5 path and method, whether the call is signed, the
request parameters (``Param``: PHP setter and getter, wire name, kind, rule, doc) and the answer
(``Shape`` of ``Out`` fields: wire name, PHP getter, type; nested shapes). Each endpoint folder
holds its ``Declaration.py`` (written by hand, with the cross-field rules the kinds cannot say)
and the files generated from it by ``tools/generate_endpoints.py`` (``__init__``, ``Interfaces``,
``Request``, ``Response``, ``Overrides``). The command line, the docs tables and the tests read
the declarations too, so a field is written once.

The kinds below turn what a PHP bot passes into what the wire takes, or refuse it with the rule.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from decimal import Context, Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

import attrs

if TYPE_CHECKING:
    from carpenstar_bybit.Core.Retry import Replay


class Refused(Exception):
    """A value broke a kind's rule; the request turns it into an SDKException naming the field."""

    def __init__(self, rule: str, wrong_type: bool = False) -> None:
        super().__init__(rule)
        self.rule = rule
        self.wrong_type = wrong_type


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
# A lone surrogate is not Unicode text: it cannot be encoded for the wire (UTF-8 refuses it).
_SURROGATE = re.compile(r"[\ud800-\udfff]")
# Python refuses to turn an int of more than 4300 digits into text (ValueError); every int a kind
# takes is held far below that, and one beyond this many bits is refused before it is ever shown.
_SHOWN_BITS = 256

INT32_MAX = 2**31 - 1
"""The default upper bound of ``Integer``: V5's integer ids and codes (riskId) are 32-bit."""


def _shown(value: object) -> str:
    if isinstance(value, int) and value.bit_length() > _SHOWN_BITS:
        # Its digits are never made: a 10**5000 would raise ValueError, and costs time anyway.
        digits = int(value.bit_length() * math.log10(2)) + 1
        return f"{'a negative' if value < 0 else 'an'} integer of about {digits} digits"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _int_text(value: int, rule: str) -> str:
    """The digits of an int a text kind takes (PHP bots pass integer ids), or refused."""
    if value.bit_length() > _SHOWN_BITS:
        raise Refused(f"{rule} (got {_shown(value)})")
    return str(value)


# -- request kinds ----------------------------------------------------------------------------


@attrs.frozen
class Text:
    """A string, maybe held to a pattern; ``upper`` says the exchange takes uppercase only.

    Never empty, never with control characters or lone surrogates (no text the wire can carry);
    ``max_len`` bounds the length before the pattern is tried, with its own rule.
    """

    pattern: str | None = None
    rule: str = "must be text"
    upper: bool = False
    ints: bool = False  # PHP bots pass integer ids: sent as their digits
    to_upper: bool = False  # any case is taken and sent in uppercase
    max_len: int | None = None
    annotation: str = "str"
    returns: str = "str | None"
    example: str = "X"

    def accept(self, value: object) -> str:
        if self.ints and isinstance(value, int) and not isinstance(value, bool):
            value = _int_text(value, self.rule)
        if not isinstance(value, str):
            raise Refused(f"must be a string, got {type(value).__name__}", wrong_type=True)
        if value == "":
            raise Refused("must not be empty")
        if self.max_len is not None and len(value) > self.max_len:
            raise Refused(f"must be at most {self.max_len} characters (got {len(value)})")
        if _CONTROL.search(value):
            raise Refused(f"must not contain control characters (got {_shown(value)})")
        if _SURROGATE.search(value):
            raise Refused(f"must be valid Unicode text, not a lone surrogate (got {_shown(value)})")
        if self.to_upper and value.isascii():  # only ASCII: no letter turns into others (ß → SS)
            value = value.upper()
        if self.pattern is not None and not re.fullmatch(self.pattern, value):
            if self.upper and value != value.upper() and re.fullmatch(self.pattern, value.upper()):
                raise Refused(f"must be uppercase, e.g. {value.upper()!r} (got {value!r})")
            raise Refused(f"{self.rule} (got {_shown(value)})")
        return value

    def describe(self) -> str:
        return self.rule


@attrs.frozen
class Choice:
    """One of a value set; ``aliases`` are older spellings (PHP's v3 ones) sent as V5's."""

    values: tuple[str, ...]
    aliases: Mapping[str, str] = attrs.field(factory=dict)
    annotation: str = "str"
    returns: str = "str | None"
    ints: bool = False  # PHP bots pass integers (an interval of 5): taken as their digits

    @property
    def example(self) -> str:
        return self.values[0]

    def accept(self, value: object) -> str:
        if self.ints and isinstance(value, int) and not isinstance(value, bool):
            value = _int_text(value, f"must be one of {', '.join(self.values)}")
        if not isinstance(value, str):
            raise Refused(f"must be a string, got {type(value).__name__}", wrong_type=True)
        if value in self.values:
            return value
        if value == "":
            raise Refused("must not be empty")
        alias = self.aliases.get(value)
        if alias is not None:
            return alias
        raise Refused(f"must be one of {', '.join(self.values)} (got {_shown(value)})")

    def describe(self) -> str:
        text = ", ".join(self.values)
        if self.aliases:
            text += " (also " + ", ".join(f"{k} → {v}" for k, v in self.aliases.items()) + ")"
        return text


_OUT_OF_RANGE = "is out of range (a number below 10**31 and, unless 0, at least 10**-30)"
_SIGNIFICANT = 28
# Its own context: a bot's getcontext().prec = 6 must not round the prices it sends.
EXACT = Context(prec=_SIGNIFICANT)


def decimal_text(value: object) -> str:
    """An exact decimal string for the wire: never exponent form, a float to 15 digits.

    Its magnitude is below 10**31 and at least 10**-30 (or 0), with at most 28 significant digits:
    no price, size or rate V5 takes is near either end, the text stays short, and it is exact.
    """
    if isinstance(value, bool):
        raise Refused("must be a number, got bool", wrong_type=True)
    if isinstance(value, int):
        if not -(10**31) < value < 10**31:
            raise Refused(f"{_OUT_OF_RANGE} (got {_shown(value)})")
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise Refused(f"must be a finite number (got {value!r})")
        number = Decimal(format(value, ".15g"))
    elif isinstance(value, Decimal):
        number = value
    elif isinstance(value, str):
        text = value.strip()
        if not re.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d{1,4})?", text):
            raise Refused(f"must be a decimal number (got {_shown(value)})")
        try:
            number = Decimal(text)
        except InvalidOperation:  # pragma: no cover - the pattern admits only decimals
            raise Refused(f"must be a decimal number (got {_shown(value)})") from None
    else:
        raise Refused(
            f"must be a number (int, float, Decimal or decimal string), got {type(value).__name__}",
            wrong_type=True,
        )
    if not number.is_finite():
        raise Refused(f"must be a finite number (got {value!r})")
    if number == 0:
        return "0"
    if number.adjusted() > 30 or number.adjusted() < -30:
        raise Refused(f"{_OUT_OF_RANGE} (got {_shown(value)})")
    if len(bytes(number.as_tuple().digits).rstrip(b"\0")) > _SIGNIFICANT:  # trailing 0s aside
        # normalize() would round it: a changed price, said nowhere.
        raise Refused(f"has more than {_SIGNIFICANT} significant digits (got {_shown(value)})")
    return format(number.normalize(EXACT), "f")


@attrs.frozen
class Number:
    """A decimal amount or price, sent as an exact string (V5 sends and takes them as strings).

    ``low`` is the least value allowed: ``"positive"`` (> 0) or ``"non-negative"`` (>= 0, where 0
    means something, e.g. "cancel the take profit"). The magnitude is held as ``decimal_text``
    says (below 10**31; 10**5000 is refused as out of range, never a ValueError).
    """

    low: str = "positive"
    annotation: str = "Numeric"
    returns: str = "float | None"  # PHP's getters give float
    example: str = "0.01"

    def accept(self, value: object) -> str:
        text = decimal_text(value)
        negative = text.startswith("-")
        if self.low == "positive" and (negative or text == "0"):
            raise Refused(f"must be greater than 0 (got {_shown(value)})")
        if self.low == "non-negative" and negative:
            raise Refused(f"must not be negative (got {_shown(value)})")
        return text

    def describe(self) -> str:
        return "a number > 0" if self.low == "positive" else "a number >= 0"


@attrs.frozen
class Integer:
    """A whole number, in a range or a value set.

    Without ``high`` the range ends at ``INT32_MAX`` (2147483647): V5's integer fields are 32-bit
    ids and codes, so ``setRiskId(10**40)`` is refused rather than sent as 41 digits.
    """

    low: int | None = None
    high: int | None = None
    values: tuple[int, ...] = ()
    annotation: str = "int"
    returns: str = "int | None"

    @property
    def example(self) -> int:
        if self.values:
            return self.values[-1]
        return self.low if self.low is not None else 1

    def accept(self, value: object) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            if isinstance(value, str) and re.fullmatch(r"-?\d{1,18}", value.strip()):
                value = int(value)
            else:
                raise Refused(
                    f"must be a whole number, got {type(value).__name__}", wrong_type=True
                )
        shown = _shown(value)
        if self.values and value not in self.values:
            raise Refused(f"must be one of {', '.join(map(str, self.values))} (got {shown})")
        if self.low is not None and value < self.low:
            raise Refused(f"must be at least {self.low} (got {shown})")
        if value > self.top:
            raise Refused(f"must be at most {self.top} (got {shown})")
        if self.low is None and value < -INT32_MAX - 1:
            raise Refused(f"must be at least {-INT32_MAX - 1} (got {shown})")
        return value

    @property
    def top(self) -> int:
        return INT32_MAX if self.high is None else self.high

    def describe(self) -> str:
        if self.values:
            return "one of " + ", ".join(map(str, self.values))
        if self.low is not None:
            return f"a whole number from {self.low} to {self.top}"
        return f"a whole number up to {self.top}"


@attrs.frozen
class Flag:
    """A boolean, sent as JSON true/false (``"true"``/``"false"`` in a query)."""

    annotation: str = "bool"
    returns: str = "bool | None"
    example: bool = True

    def accept(self, value: object) -> bool:
        if not isinstance(value, bool):
            raise Refused(f"must be True or False, got {type(value).__name__}", wrong_type=True)
        return value

    def describe(self) -> str:
        return "True or False"


_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?")


@attrs.frozen
class Millis:
    """A time: ms since the epoch as an int, or a timezone-aware ``datetime``.

    ``dates``: a date string ``'Y-m-d H:i:s'`` (or ``'Y-m-d'``) is taken too, read as UTC: the
    current PHP line's ``setStart``/``setEnd`` take dates where the 2023 line took ms.
    """

    annotation: str = "int | datetime"
    returns: str = "int | None"
    example: int = 1_700_000_000_000
    dates: bool = False

    def accept(self, value: object) -> int:
        if self.dates and isinstance(value, str):
            return self._date(value)
        if isinstance(value, datetime):
            if value.tzinfo is None:
                raise Refused("must be a timezone-aware datetime (a naive one is ambiguous)")
            value = int(value.timestamp() * 1000)
        if isinstance(value, bool) or not isinstance(value, int):
            raise Refused(
                f"must be ms since the epoch (int) or a datetime, got {type(value).__name__}",
                wrong_type=True,
            )
        if not 0 <= value < 10**14:
            raise Refused(f"must be ms since the epoch (got {_shown(value)})")
        return value

    def _date(self, value: str) -> int:
        match = _DATE.fullmatch(value.strip())
        if match is None:
            raise Refused(
                f"must be a date 'Y-m-d H:i:s' (UTC), ms or a datetime (got {_shown(value)})"
            )
        y, mo, d, h, mi, sec = (int(part) if part else 0 for part in match.groups())
        try:
            when = datetime(y, mo, d, h, mi, sec, tzinfo=UTC)
        except ValueError:
            raise Refused(f"is not a real date (got {_shown(value)})") from None
        return int(when.timestamp()) * 1000

    def describe(self) -> str:
        if self.dates:
            return "a date 'Y-m-d H:i:s' (UTC), ms since the epoch, or an aware datetime"
        return "ms since the epoch, or an aware datetime"


Kind = Text | Choice | Number | Integer | Flag | Millis

Numeric = int | float | Decimal | str
"""What a number setter takes: PHP bots pass floats and ints; exact values go as Decimal or str."""


@attrs.frozen
class Param:
    """One request parameter: ``name`` is the PHP name after set/get (``Symbol``)."""

    name: str
    wire: str
    kind: Kind
    doc: str
    required: bool = False
    arg: str = ""  # the PHP setter's parameter name; lcfirst(name) when empty
    getter: str = ""  # the PHP getter's name; get<Name> when empty
    php: bool = True  # False: a V5 parameter PHP did not have (an additive setter)
    # Sent when the request leaves it unset: V5 added it and it has one value for the PHP call.
    default: str | int | None = None
    # False: PHP's setter is kept and its value checked, but V5 has no such field to send.
    sent: bool = True
    # The current PHP line's name for the same field (``Mode`` beside ``PositionMode``, ``Start``
    # beside ``StartTime``): set<alias>/get<alias> beside the 2023 ones, on the same value;
    # ``alias_kind`` when the current line's setter takes other values (dates for ms).
    alias: str = ""
    alias_kind: Kind | None = None

    @property
    def attr(self) -> str:
        """The snake_case attribute holding the value."""
        return re.sub(r"(?<!^)(?=[A-Z])", "_", self.wire).lower()

    @property
    def setter(self) -> str:
        return f"set{self.name}"

    @property
    def getter_name(self) -> str:
        return self.getter or f"get{self.name}"

    @property
    def arg_name(self) -> str:
        return self.arg or self.name[0].lower() + self.name[1:]

    @property
    def alias_arg(self) -> str:
        return self.alias[0].lower() + self.alias[1:]


# -- answers ------------------------------------------------------------------------------------

SETTER_TYPES = {
    "str": "str",
    "optstr": "str",
    "float": "float | str",
    "int": "int",
    "bool": "bool",
    "datetime": "int",
    "optdatetime": "int",
    "ms": "int",
}  # what a response setter takes: the wire's value (times as ms)

OUT_TYPES = {
    "str": "str",
    "optstr": "str | None",
    "float": "float | None",
    "int": "int | None",
    "bool": "bool | None",
    "datetime": "datetime | None",
    "optdatetime": "datetime | None",
    "ms": "int | None",
    "map": "dict[str, Any] | None",  # an object with keys of the exchange's (fee per coin)
}


@attrs.frozen
class Out:
    """One answer field: the PHP getter, the wire key (a position for array rows), the type.

    ``wire`` None: V5 has no such field; the getter returns None and the docs say so.
    ``wire="~name"``: neither, but PHP's item also had a public setter for it: the getter returns
    what that setter set (``Shape.setters``), else None; never read from an answer. ``shape``: a
    nested object (``many`` False) or list of objects/rows (``many`` True, read as an
    ``EntityCollection``, as PHP's getters gave it). ``collection``: PHP gave this one nested object
    as an ``EntityCollection`` of one item (an instrument's filters), so the getter does too (empty
    when the field is missing). On a shape whose items are flattened out of enclosing objects
    (``Shape.root`` a path), ``"../key"`` reads ``key`` of the enclosing object and ``".."`` with a
    ``shape`` gives the enclosing object itself.
    """

    getter: str
    wire: str | int | None
    type: str
    doc: str
    shape: Shape | None = None
    many: bool = False
    collection: bool = False

    @property
    def returns(self) -> str:
        if self.shape is not None:
            if self.many or self.collection:
                return f"EntityCollection[{self.shape.name}]"
            return f"{self.shape.name} | None"
        if self.wire is None:
            return "None"
        return OUT_TYPES[self.type]


@attrs.frozen
class Shape:
    """An answer item: its class name, where items sit in ``result``, and its fields.

    ``root``: ``"list"`` (items of ``result.list``), None (``result`` is the one item), or a path
    ``"list.coin"``: the items of each ``result.list[i].coin``, flattened in order (the flat view a
    PHP bot expects where V5 nests; each item keeps its enclosing object, see ``Out``). ``rows``:
    items are arrays read by position (klines), not objects.
    """

    name: str
    fields: tuple[Out, ...]
    root: str | None = "list"
    rows: bool = False
    doc: str = ""
    # Getters whose PHP item also had a public setter (set<Name> after get<Name>): the 2023
    # line's items exposed a few (GetOrderListResponse::setPrice); they change this object only.
    setters: tuple[str, ...] = ()


@attrs.frozen
class Batch:
    """A V5 batch body: ``{"category": …, "request": [item, …]}``, each item another endpoint's.

    ``item``: the single-order endpoint whose request is one item (create-batch takes what create
    takes); each item is checked by that endpoint's kinds and rules under the batch's category and
    sent without its own category. ``limits``: the most items per call, by category. ``refused``:
    the item endpoint's fields V5 does not take in a batch (refused by name, never sent). The
    answer pairs ``result.list[i]`` with ``retExtInfo.list[i]`` (see ``Core.Batch``).
    """

    item: Declaration
    limits: Mapping[str, int]
    refused: tuple[str, ...] = ()
    wire: str = "request"


@attrs.frozen
class CurrentLine:
    """What a list answer is in Carpenstar's current PHP line (core 5.1, derivatives 3.1).

    How one Python class serves both PHP lines: in the 2023 line ``<X>Response`` is ONE item of
    ``result.list`` (what ``rest(...)->getBody()`` holds); in the current line the same name is
    the wrapper that ``execute()->getResult()`` gives, built from the whole ``result``, whose
    ``list_getter`` hands out ``item_class`` objects (``<X>ResponseItem``, the item getters
    only). The two getter sets are disjoint, so the generated ``<X>Response`` carries both; its
    role is fixed when it is built (an item dict on the 2023 path, ``result`` on the current
    one), and a getter of the other role raises ``SDKException`` naming the role and what to call
    instead, never a silent None. ``fields``: the wrapper's own getters read from ``result``
    (``getNextPageCursor``, ``getCategory``, RiskLimit's ``getCursor``). ``one``: the list getter
    gives one item per call, the next each time, None when none is left (PHP's ``fetch()``:
    InstrumentInfo, TickerInfo; PHP's TypeError on an empty list is not copied). ``aliases``:
    the current line's names of nested item classes (``(current name, declared shape name)``).
    """

    list_getter: str
    item_class: str
    fields: tuple[Out, ...] = ()
    one: bool = False
    aliases: tuple[tuple[str, str], ...] = ()
    doc: str = ""


@attrs.frozen
class Declaration:
    """One endpoint. ``package`` is the PHP namespace after ``Carpenstar\\ByBitAPI\\``."""

    name: str
    package: str
    path: str
    method: str
    private: bool
    summary: str
    params: tuple[Param, ...]
    response: Shape
    rules: Callable[[Any, str | None], None] | None = None
    category_from: tuple[str, ...] = ()  # wire fields the category may be told from
    categories: tuple[str, ...] = ()  # the categories the endpoint takes; () for none
    default_category: str | None = None
    # PHP's endpoint took no request (StubQueryBag): called without one, it gets an empty request
    optional_request: bool = False
    # (field, rule) of the error when nothing tells the category; a generic one when None
    category_missing: tuple[str, str] | None = None
    deprecated: str | None = None  # a DeprecationWarning for a call Bybit narrowed or retired
    # PHP's request class name when it is not <name>Request (RiskLimit: RiskLimitsRequest)
    request_name: str = ""
    # (PHP interface name, generated interface name): PHP names that differ, kept as aliases
    php_interfaces: tuple[tuple[str, str], ...] = ()
    # retCode -> what to do instead, added to the ApiException's message when the exchange refuses
    refusal_hints: Mapping[int, str] = attrs.field(factory=dict)
    # Whether a try that may have acted is sent again (Core.Retry.Replay); None: a GET is, a
    # write is not. Every write states it, with the reason.
    replay: Replay | None = None

    # The current PHP line's shape of a list answer (None: getResult() is the one item)
    current: CurrentLine | None = None
    endpoint_base: str = "carpenstar_bybit.Core.Endpoints:PrivateEndpoint"
    response_base: str = "carpenstar_bybit.Core.Objects:AbstractResponse"
    request_base: str = "carpenstar_bybit.Core.Objects:AbstractParameters"
    exchange: str = "bybit"
    batch: Batch | None = None  # a batch endpoint: its items are another endpoint's requests
    # PHP's folder when it differs from the class name (Spot\LeverageToken\Redeem\Reedem)
    folder: str = ""
    # (PHP class name, declared shape name): PHP's own names of answer classes, kept as aliases
    php_classes: tuple[tuple[str, str], ...] = ()
    # interfaces PHP kept in the endpoint's own namespace (2023 spot BatchCancelOrder)
    package_interfaces: tuple[str, ...] = ()
    # A call that takes more than one exchange call ("module:function", see Core.Hooks): it runs
    # instead of the plain send, with the same request and answer classes.
    hook: str | None = None

    @property
    def key(self) -> str:
        """The endpoint's full name, its PHP namespace path: ``Spot.Trade.PlaceOrder``.

        The registry, the command line and the docs markers name endpoints by it, so a Spot
        ``PlaceOrder`` and the Derivatives one never share a key.
        """
        return f"{self.package}.{self.name}"

    @property
    def module(self) -> str:
        return f"carpenstar_bybit.{self.package}.{self.folder or self.name}"

    @property
    def request_class(self) -> str:
        return self.request_name or f"{self.name}Request"

    def param(self, wire: str) -> Param:
        for param in self.params:
            if param.wire == wire:
                return param
        raise KeyError(wire)

    def shape(self, name: str) -> Shape:
        for shape in self.shapes():
            if shape.name == name:
                return shape
        raise KeyError(name)

    def shapes(self) -> list[Shape]:
        """The answer's shape and every nested one, outermost first."""
        found: list[Shape] = []

        def walk(shape: Shape) -> None:
            found.append(shape)
            for out in shape.fields:
                if out.shape is not None and out.shape not in found:
                    walk(out.shape)

        walk(self.response)
        return found


def is_up(wire: str | int | None) -> bool:
    """True for an ``Out`` wire that reads the enclosing object of a flattened item."""
    return isinstance(wire, str) and (wire == ".." or wire.startswith("../"))


def ms_datetime(ms: int) -> datetime | None:
    try:
        return datetime.fromtimestamp(ms / 1000, tz=UTC)
    except (OverflowError, ValueError, OSError):
        return None


__all__ = [
    "INT32_MAX",
    "Batch",
    "Choice",
    "CurrentLine",
    "Declaration",
    "Flag",
    "Integer",
    "Kind",
    "Millis",
    "Number",
    "Numeric",
    "Out",
    "Param",
    "Refused",
    "Shape",
    "Text",
    "decimal_text",
    "is_up",
    "ms_datetime",
]
