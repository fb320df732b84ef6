"""``WebSocketConnectionResponse``: an ack of the stream (subscribe, unsubscribe, auth, ping).

The stream reads acks itself (a refusal is a ``WebSocketException``); this DTO reads one for
those who parse frames of their own (``MODE_JSON``). PHP read ``retm_msg``, a typo: this reads
``ret_msg``.
"""

from __future__ import annotations

from typing import ClassVar

from carpenstar_bybit.Core.Objects import AbstractResponse


class WebSocketConnectionResponse(AbstractResponse):
    __slots__ = ()
    rootDataKey: ClassVar[str | None] = None

    def isSuccess(self) -> bool:
        return self._bool("success") is True

    def getReturnMessage(self) -> str | None:
        return self._optstr("ret_msg")

    def getConnectionId(self) -> str:
        return self._str("conn_id")

    def getReqId(self) -> str | None:
        return self._optstr("req_id")

    def getOperation(self) -> str:
        return self._str("op")


__all__ = ["WebSocketConnectionResponse"]
