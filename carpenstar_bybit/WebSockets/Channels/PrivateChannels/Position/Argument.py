"""Private ``position`` stream: every category (``position``) or one (``position.<category>``)."""

from __future__ import annotations

from typing import ClassVar

from carpenstar_bybit.Core.Objects.WebSockets import PrivateArgument


class PositionArgument(PrivateArgument):
    TOPIC: ClassVar[str] = "position"
    CATEGORIES: ClassVar[tuple[str, ...]] = ("linear", "inverse", "option")


__all__ = ["PositionArgument"]
