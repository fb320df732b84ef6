"""What a stream keeps between messages: order books and the last ticker of each topic.

A book is built from a snapshot and then patched by deltas; ``feed()`` hands back the whole
current book in V5's snapshot shape. Rules (Bybit's ``orderbook`` page, plus one of ours):

- a ``snapshot``, or any message with ``u == 1`` (the service restarted), replaces the book;
- a delta's level with size 0 is deleted (absent or not), any other is inserted or replaced;
- bids are kept sorted high to low, asks low to high;
- a delta must carry ``u`` = the last ``u`` + 1. A larger ``u`` is a gap: the book is doubtful,
  ``BookGap`` is raised and nothing is handed out until a fresh snapshot arrives (the stream
  resubscribes the topic to get one). A delta with ``u`` at or below the last is stale and is
  dropped. The book is never patched across a gap.

Levels are ``(price, size)`` tuples of the strings the exchange sent, so what a handler holds
cannot change the book; a price or size that is not a numeric string is a ValueError, never a
level.
"""

from __future__ import annotations

from bisect import bisect_left
from typing import Any


class BookGap(Exception):
    """A delta's ``u`` skipped ahead: the book must be rebuilt from a fresh snapshot."""

    def __init__(self, last: int, got: int) -> None:
        super().__init__(last, got)
        self.last = last
        self.got = got


class BookState:
    """One topic's order book, each side as two parallel lists kept in ascending key order: the
    keys (the price for asks, minus the price for bids) and the ``(price, size)`` levels. A delta
    costs a ``bisect`` per level; handing out the book costs a copy of each levels list."""

    __slots__ = (
        "ask_cache", "ask_keys", "ask_levels", "bid_cache", "bid_keys", "bid_levels", "ready", "u",
    )  # fmt: skip

    def __init__(self) -> None:
        self.bid_keys: list[float] = []
        self.bid_levels: list[tuple[str, str]] = []
        self.ask_keys: list[float] = []
        self.ask_levels: list[tuple[str, str]] = []
        self.bid_cache: dict[str, float] = {}
        self.ask_cache: dict[str, float] = {}
        self.u = 0
        self.ready = False

    def reset(self) -> None:
        """Forget the book: nothing is handed out until the next snapshot."""
        self.__init__()  # type: ignore[misc]

    def feed(self, message: dict[str, Any]) -> dict[str, Any] | None:
        """The whole book after ``message``, or None while waiting for a snapshot.

        Raises ``BookGap`` on a gap in ``u``; ValueError/KeyError/TypeError on a malformed message.
        """
        data = message["data"]
        u = data["u"]
        if u.__class__ is not int:
            raise ValueError("u is not a whole number")
        if message["type"] == "snapshot" or u == 1:
            self.bid_keys, self.bid_levels = self._load(data["b"], -1.0)
            self.ask_keys, self.ask_levels = self._load(data["a"], 1.0)
            self.ready = True
        elif not self.ready:
            return None
        elif u == self.u + 1:
            _patch(data["b"], self.bid_keys, self.bid_levels, -1.0, self.bid_cache)
            _patch(data["a"], self.ask_keys, self.ask_levels, 1.0, self.ask_cache)
        elif u <= self.u:
            return None
        else:
            last = self.u
            self.reset()
            raise BookGap(last, u)
        self.u = u
        return {
            "topic": message["topic"],
            "type": "snapshot",
            "ts": message.get("ts"),
            "data": {
                "s": data.get("s"),
                "b": self.bid_levels[:],
                "a": self.ask_levels[:],
                "u": u,
                "seq": data.get("seq"),
            },
            "cts": message.get("cts"),
        }

    @staticmethod
    def _load(levels: list[Any], sign: float) -> tuple[list[float], list[tuple[str, str]]]:
        book: dict[float, tuple[str, str]] = {}
        for price, size in levels:
            if price.__class__ is not str or size.__class__ is not str:
                raise ValueError("a price or size is not a string")
            key = sign * float(price)
            if key != key:  # NaN cannot be sorted
                raise ValueError("a price is NaN")
            if size[:1] == "0" and float(size) == 0.0:
                book.pop(key, None)
            else:
                book[key] = (price, size)
        keys = sorted(book)
        return keys, [book[key] for key in keys]


KEY_CACHE = 10_000  # prices remembered per side; a book's prices repeat a lot


def _patch(
    levels: list[Any],
    keys: list[float],
    book: list[tuple[str, str]],
    sign: float,
    cache: dict[str, float],
) -> None:
    """Apply one side of a delta: size 0 deletes (present or not), else insert or replace."""
    for price, size in levels:
        key = cache.get(price)  # the price's key, parsed once (a dict hit beats float())
        if key is None:
            if price.__class__ is not str:
                raise ValueError("a price is not a string")
            key = sign * float(price)
            if key != key:
                raise ValueError("a price is NaN")
            if len(cache) >= KEY_CACHE:
                cache.clear()
            cache[price] = key
        if size.__class__ is not str:
            raise ValueError("a size is not a string")
        at = bisect_left(keys, key)
        # A zero size starts with "0" ("0", "0.000"): float() only for those.
        if size[:1] == "0" and float(size) == 0.0:
            if at < len(keys) and keys[at] == key:
                del keys[at]
                del book[at]
        elif at < len(keys) and keys[at] == key:
            book[at] = (price, size)
        else:
            keys.insert(at, key)
            book.insert(at, (price, size))


class TickerState:
    """One topic's ticker: a delta carries only the fields that changed, so it is merged into the
    last snapshot and no getter turns None. A delta before any snapshot is held back."""

    __slots__ = ("last",)

    def __init__(self) -> None:
        self.last: dict[str, Any] | None = None

    def reset(self) -> None:
        self.last = None

    def feed(self, message: dict[str, Any]) -> dict[str, Any] | None:
        data = message["data"]
        if not isinstance(data, dict):
            raise ValueError("data is not a JSON object")
        if message.get("type") == "delta":
            if self.last is None:
                return None
            data = {**self.last, **data}
        self.last = data
        return {**message, "data": data}


__all__ = ["BookGap", "BookState", "TickerState"]
