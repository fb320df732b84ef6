"""Private ``order`` stream: every category (``order``) or one (``order.<category>``)."""

from __future__ import annotations

from typing import ClassVar

from carpenstar_bybit.Core.Objects.WebSockets import PrivateArgument


class OrderArgument(PrivateArgument):
    TOPIC: ClassVar[str] = "order"
    CATEGORIES: ClassVar[tuple[str, ...]] = ("spot", "linear", "inverse", "option")


__all__ = ["OrderArgument"]
