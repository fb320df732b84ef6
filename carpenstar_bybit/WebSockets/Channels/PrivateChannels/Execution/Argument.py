"""Private ``execution`` stream: every category (``execution``) or one
(``execution.<category>``)."""

from __future__ import annotations

from typing import ClassVar

from carpenstar_bybit.Core.Objects.WebSockets import PrivateArgument


class ExecutionArgument(PrivateArgument):
    TOPIC: ClassVar[str] = "execution"
    CATEGORIES: ClassVar[tuple[str, ...]] = ("spot", "linear", "inverse", "option")


__all__ = ["ExecutionArgument"]
