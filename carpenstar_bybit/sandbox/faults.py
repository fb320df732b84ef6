"""Fault injection: rules that make the sandbox misbehave the way a real exchange or CDN does."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

MAX_DELAY_S = 60.0  # a forgotten delay must not hang a test run for ever

HTML_KINDS: dict[str, int] = {"http_403": 403, "http_502": 502, "http_503": 503, "http_504": 504}
FAULT_KINDS = frozenset(
    {
        "delay",
        "drop",
        "truncated_json",
        "redirect",
        "http_429",
        "clock_offset",
        "bend",
        *HTML_KINDS,
    }
)
_PARAMS: dict[str, frozenset[str]] = {
    "delay": frozenset({"seconds"}),
    "drop": frozenset({"process"}),
    "http_429": frozenset({"reset_ms"}),
    "redirect": frozenset({"location"}),
    "clock_offset": frozenset({"ms"}),
    "bend": frozenset({"body", "edit"}),
}
DEFAULT_REDIRECT = "http://127.0.0.2:1"


@dataclass(slots=True)
class Fault:
    kind: str
    path: str | None
    remaining: int | None  # None: until cleared
    seconds: float = 0.0
    process: bool = False
    reset_ms: int = 200
    location: str = DEFAULT_REDIRECT
    body: bytes | None = None  # bend: the answer sent instead (the request is not acted on)
    edit: Callable[[Any], Any] | None = None  # bend: what the real answer's JSON becomes


def _number(kind: str, name: str, value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError(f"{kind}: {name} must be a number")
    return float(value)


def make_fault(kind: str, times: int | None, path: str | None, params: dict[str, object]) -> Fault:
    """Validate set_fault() arguments (ValueError/TypeError) and build the rule."""
    if kind not in FAULT_KINDS:
        raise ValueError(f"unknown fault kind {kind!r}; known: {', '.join(sorted(FAULT_KINDS))}")
    unknown = set(params) - _PARAMS.get(kind, frozenset())
    if unknown:
        raise ValueError(f"{kind}: unexpected parameter(s) {', '.join(sorted(unknown))}")
    if times is not None and (isinstance(times, bool) or not isinstance(times, int) or times < 1):
        raise ValueError("times must be a positive int or None")
    if path is not None and not path.startswith("/"):
        raise ValueError("path must start with '/', e.g. /v5/order/cancel-all")
    fault = Fault(kind=kind, path=path, remaining=times)
    if kind == "delay":
        if "seconds" not in params:
            raise ValueError("delay: seconds=... is required")
        seconds = _number(kind, "seconds", params["seconds"])
        if seconds < 0:
            raise ValueError("delay: seconds must not be negative")
        fault.seconds = min(seconds, MAX_DELAY_S)
    elif kind == "drop":
        fault.process = bool(params.get("process", False))
    elif kind == "http_429":
        reset_ms = _number(kind, "reset_ms", params.get("reset_ms", 200))
        if reset_ms < 0:
            raise ValueError("http_429: reset_ms must not be negative")
        fault.reset_ms = int(reset_ms)
    elif kind == "redirect":
        location = params.get("location", DEFAULT_REDIRECT)
        if not isinstance(location, str) or "://" not in location:
            raise ValueError("redirect: location must be an absolute URL like http://host:port")
        fault.location = location.rstrip("/")
    elif kind == "bend":
        _bend(fault, params)
    return fault


def _bend(fault: Fault, params: dict[str, object]) -> None:
    """``body`` (JSON-able, or bytes as they are): answered instead, HTTP 200, nothing acted on;
    ``edit`` (a function of the real answer's JSON): the request is acted on, the answer bent."""
    if ("body" in params) == ("edit" in params):
        raise ValueError("bend: give exactly one of body=... and edit=...")
    if "edit" in params:
        edit = params["edit"]
        if not callable(edit):
            raise TypeError("bend: edit must be a function of the answer's JSON")
        fault.edit = edit
        return
    body = params["body"]
    fault.body = body if isinstance(body, bytes) else json.dumps(body).encode("utf-8")


class FaultBook:
    """The active fault rules; the first rule matching a request's path wins."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._rules: list[Fault] = []

    def add(self, fault: Fault) -> None:
        with self._lock:
            # A new rule for the same kind and path replaces the old one.
            self._rules = [r for r in self._rules if (r.kind, r.path) != (fault.kind, fault.path)]
            self._rules.append(fault)

    def clear(self) -> None:
        with self._lock:
            self._rules.clear()

    def active(self) -> list[str]:
        with self._lock:
            return [r.kind for r in self._rules]

    def take(self, path: str) -> Fault | None:
        """The rule that applies to this request, used up by one when it has a count."""
        if not self._rules:  # unlocked fast path; a racing add() is seen by the next request
            return None
        with self._lock:
            for rule in self._rules:
                if rule.path is None or rule.path == path:
                    if rule.remaining is not None:
                        rule.remaining -= 1
                        if rule.remaining <= 0:
                            self._rules.remove(rule)
                    return rule
        return None
