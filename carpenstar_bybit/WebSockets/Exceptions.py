"""``WebSocketException``: a stream's exchange said no (auth or subscription refused) or sent
something that is not V5. It is an ``ApiException``, so ``except ApiException`` catches it too;
``getCode()`` is the exchange's ``retCode`` when it sent one, else 0."""

from __future__ import annotations

from carpenstar_bybit.Core.Exceptions import ApiException


class WebSocketException(ApiException):
    """Raised in the thread that runs the stream (or at ``stop()``/``join()`` of a background
    one), never left to die in a background thread."""


__all__ = ["WebSocketException"]
