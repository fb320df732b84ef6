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
cannot change the book.
"""

from __future__ import annotations

from bisect import bisect_left, insort
from typing import Any


class BookGap(Exception):
    """A delta's ``u`` skipped ahead: the book must be rebuilt from a fresh snapshot."""

    def __init__(self, last: int, got: int) -> None:
        super().__init__(last, got)
        self.last = last
        self.got = got


def _key(price: Any, sign: float) -> float:
    if not isinstance(price, str):
        raise ValueError("a price is not a string")
    key = sign * float(price)
    if key != key:  # NaN cannot be sorted
        raise ValueError("a price is NaN")
    return key


def _zero(size: Any) -> bool:
    if not isinstance(size, str):
        raise ValueError("a size is not a string")
    return size == "0" or float(size) == 0.0


class BookState:
    """One topic's order book. Keys are the price (asks) or minus the price (bids), so both sides
    are kept in ascending key order with ``bisect``."""

    __slots__ = ("ask_keys", "asks", "bid_keys", "bids", "ready", "u")

    def __init__(self) -> None:
        self.bids: dict[float, tuple[str, str]] = {}
        self.asks: dict[float, tuple[str, str]] = {}
        self.bid_keys: list[float] = []
        self.ask_keys: list[float] = []
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
        if not isinstance(u, int) or isinstance(u, bool):
            raise ValueError("u is not a whole number")
        if message["type"] == "snapshot" or u == 1:
            self._load(data)
        elif not self.ready:
            return None
        elif u == self.u + 1:
            self._side(data["b"], self.bids, self.bid_keys, -1.0)
            self._side(data["a"], self.asks, self.ask_keys, 1.0)
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
                "b": list(map(self.bids.__getitem__, self.bid_keys)),
                "a": list(map(self.asks.__getitem__, self.ask_keys)),
                "u": u,
                "seq": data.get("seq"),
            },
            "cts": message.get("cts"),
        }

    def _load(self, data: dict[str, Any]) -> None:
        bids: dict[float, tuple[str, str]] = {}
        asks: dict[float, tuple[str, str]] = {}
        for levels, book, sign in ((data["b"], bids, -1.0), (data["a"], asks, 1.0)):
            for level in levels:
                price, size = level[0], level[1]
                key = _key(price, sign)
                if _zero(size):
                    book.pop(key, None)
                else:
                    book[key] = (price, size)
        self.bids, self.asks = bids, asks
        self.bid_keys, self.ask_keys = sorted(bids), sorted(asks)
        self.ready = True

    @staticmethod
    def _side(
        levels: list[Any], book: dict[float, tuple[str, str]], keys: list[float], sign: float
    ) -> None:
        for level in levels:
            price, size = level[0], level[1]
            key = _key(price, sign)
            if _zero(size):
                if key in book:
                    del book[key]
                    del keys[bisect_left(keys, key)]
            else:
                if key not in book:
                    insort(keys, key)
                book[key] = (price, size)


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
