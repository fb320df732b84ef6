"""``HtxEndpoint``: the base of every HTX endpoint (private, POST, HTX's answer handler)."""

from __future__ import annotations

from typing import Any, ClassVar, TypeVar, overload

from carpenstar_bybit.Core.Endpoints import PrivateEndpoint
from carpenstar_bybit.Core.Enums import EnumHttpMethods, EnumOutputMode
from carpenstar_bybit.Core.Exceptions import SDKException
from carpenstar_bybit.Core.Objects import AbstractParameters, AbstractResponse
from carpenstar_bybit.Core.Response import CurlResponseDto, CurlResponseHandler
from carpenstar_bybit.Htx.Auth import HtxSigner
from carpenstar_bybit.Htx.Response import HtxResponseHandler

Q = TypeVar("Q", bound=AbstractParameters)
R = TypeVar("R", bound=AbstractResponse)


class HtxEndpoint(PrivateEndpoint[Q, R]):
    HTTP_METHOD: ClassVar[str] = EnumHttpMethods.POST
    RESPONSE_HANDLER: ClassVar[type[CurlResponseHandler]] = HtxResponseHandler

    # HTX has one answer shape: the 2023 line's CurlResponseDto, with or without a mode.
    @overload  # type: ignore[override]
    def execute(self) -> CurlResponseDto[Any]: ...

    @overload
    def execute(self, mode: int) -> CurlResponseDto[Any]: ...

    def execute(self, mode: int = EnumOutputMode.DEFAULT_MODE) -> CurlResponseDto[Any]:
        # A BybitAPI connection would sign this for Bybit and send it to Bybit's host.
        connection = self._connection
        signer = connection.signer if connection is not None else None
        if signer is not None and not isinstance(signer, HtxSigner):
            raise SDKException(f"{type(self).__name__} is an HTX endpoint: call it through HtxAPI")
        return super().execute(mode)


__all__ = ["HtxEndpoint"]
