"""Private ``wallet`` stream: every category (``wallet``) or one (``wallet.<category>``)."""

from __future__ import annotations

from typing import ClassVar

from carpenstar_bybit.Core.Objects.WebSockets import PrivateArgument


class WalletArgument(PrivateArgument):
    TOPIC: ClassVar[str] = "wallet"
    CATEGORIES: ClassVar[tuple[str, ...]] = ()  # wallet has no categorised topic


__all__ = ["WalletArgument"]
