"""``HtxEndpoint``: the base of every HTX endpoint (private, POST, HTX's answer handler)."""

from __future__ import annotations

from typing import ClassVar

from carpenstar_bybit.Core.Endpoints import PrivateEndpoint
from carpenstar_bybit.Core.Enums import EnumHttpMethods, EnumOutputMode
from carpenstar_bybit.Core.Exceptions import SDKException
from carpenstar_bybit.Core.Response import CurlResponseDto, CurlResponseHandler
from carpenstar_bybit.Htx.Auth import HtxSigner
from carpenstar_bybit.Htx.Response import HtxResponseHandler


class HtxEndpoint(PrivateEndpoint):
    HTTP_METHOD: ClassVar[str] = EnumHttpMethods.POST
    RESPONSE_HANDLER: ClassVar[type[CurlResponseHandler]] = HtxResponseHandler

    def execute(self, mode: int = EnumOutputMode.DEFAULT_MODE) -> CurlResponseDto:
        # A BybitAPI connection would sign this for Bybit and send it to Bybit's host.
        connection = self._connection
        signer = connection.signer if connection is not None else None
        if signer is not None and not isinstance(signer, HtxSigner):
            raise SDKException(f"{type(self).__name__} is an HTX endpoint: call it through HtxAPI")
        return super().execute(mode)


__all__ = ["HtxEndpoint"]
