"""``HtxApiException``: an ``ApiException`` that keeps what HTX says about a trading ban.

HTX sends ``recovery-time`` while a cancellation-ratio ban (err_code 1084) lasts, that is, on the
very answers that become exceptions; the exception keeps it so a bot knows when to try again.
"""

from __future__ import annotations

from carpenstar_bybit.Core.Exceptions import ApiException


class HtxApiException(ApiException):
    """An HTX error answer. ``getRecoveryTime()``: end of a trading ban, ms since the epoch, or
    None when HTX sent no ``recovery-time`` header."""

    recovery_time: int | None = None

    def getRecoveryTime(self) -> int | None:
        return self.recovery_time


__all__ = ["HtxApiException"]
