"""Stream handlers (PHP ``Core\\Objects\\WebSockets\\Channels``; the websockets package 3.0.x has
the same under ``WebSockets\\Objects\\Channels``, where ``DefaultCallbackHandler`` is called
``DefaultChannelHandler``: both names are one class).

A handler has ``handle(data)``. Core 5.1's ``handle($data, $connection)`` is honoured too: a
``handle`` with two required parameters is given the stream as the second (its ``stop()`` ends
it, as closing the connection did).
"""

from __future__ import annotations

import abc
import sys
from typing import Any

from carpenstar_bybit.Core.Objects import AbstractResponse


class ChannelHandler(abc.ABC):
    """Subclass it and write ``handle(data)``: a DTO, a dict or the raw text, by output mode."""

    @abc.abstractmethod
    def handle(self, data: Any) -> None: ...


class DefaultCallbackHandler(ChannelHandler):
    """Prints each message, as PHP's ``var_dump`` did: a DTO as its fields."""

    def handle(self, data: Any) -> None:
        shown = data.toArray() if isinstance(data, AbstractResponse) else data
        print(f"{type(data).__name__}: {shown!r}", file=sys.stdout, flush=True)


DefaultChannelHandler = DefaultCallbackHandler


__all__ = ["ChannelHandler", "DefaultCallbackHandler", "DefaultChannelHandler"]
