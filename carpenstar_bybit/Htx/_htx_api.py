"""``HtxAPI``: the HTX façade, shaped like ``BybitAPI`` so a bot switches with one line."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar, Self, TypeVar

import requests

from carpenstar_bybit.Core.Api import ExchangeAPI
from carpenstar_bybit.Core.Auth import Credentials, check_key
from carpenstar_bybit.Core.Builders import RestBuilder
from carpenstar_bybit.Core.Connection import Clock, Connection
from carpenstar_bybit.Core.Enums import EnumOutputMode
from carpenstar_bybit.Core.Exceptions import SDKException, SDKTypeError
from carpenstar_bybit.Core.Objects import AbstractParameters
from carpenstar_bybit.Core.Retry import RetryPolicy
from carpenstar_bybit.Core.Transport import DEFAULT_MAX_BODY
from carpenstar_bybit.Htx.Auth import HtxSigner, redact_urllib3_logs
from carpenstar_bybit.Htx.Endpoints import HtxEndpoint
from carpenstar_bybit.Htx.Response import HtxResponseDto
from carpenstar_bybit.Htx.Retry import htx_classifier

H = TypeVar("H", bound=HtxEndpoint[Any, Any])

HBDM = "https://api.hbdm.com"
HBDM_AWS = "https://api.hbdm.vn"  # the route HTX recommends to AWS customers


def _htx_endpoint(endpointClass: object) -> None:
    if not (isinstance(endpointClass, type) and issubclass(endpointClass, HtxEndpoint)):
        name = getattr(endpointClass, "__name__", repr(endpointClass))
        raise SDKException(f"HtxAPI: {name} is not an HTX endpoint class")


def _text(name: str, value: object) -> str:
    # Checked here so that a wrong type is reported under HTX's names, not Bybit's.
    if not isinstance(value, str):
        raise SDKTypeError(f"{name}: must be a string, got {type(value).__name__}")
    return value


def _credentials(host: object, accessKey: object, secretKey: object) -> Credentials:
    return Credentials(
        _text("host", host), check_key("accessKey", accessKey), check_key("secretKey", secretKey)
    )


class HtxAPI(ExchangeAPI):
    """One HTX account on one host, over one kept-alive, signed connection.

    ``HtxAPI(host, accessKey, secretKey)`` then ``rest(EndpointClass, request, mode)``, or
    ``HtxAPI().setCredentials(host, accessKey, secretKey).privateEndpoint(cls, request).execute()``.
    Hosts: ``HBDM`` (https://api.hbdm.com) and ``HBDM_AWS`` (https://api.hbdm.vn).

    Options (keyword only): ``timeout`` (seconds, or a (connect, read) pair; default (5, 10)),
    ``clock`` (a function giving ms since the epoch, for tests), ``proxies``, ``verify`` (TLS
    verification or a CA bundle path), ``pool_size`` (kept-alive connections for threads sharing
    this object, default 10), ``max_body`` (the largest answer accepted, encoded or decoded,
    in bytes; default 16 MiB),
    ``session`` (a ``requests.Session`` of your own), ``retry`` (a
    ``Core.Retry.RetryPolicy``; ``RetryPolicy.off()`` switches retries off; what is retried is in
    ``Htx.Retry``). Use it as a context manager, or call ``close()``.
    """

    KEY_LABEL: ClassVar[str] = "accessKey"
    CREDENTIALS_CALL: ClassVar[str] = "setCredentials(host, accessKey, secretKey)"

    def __init__(
        self,
        host: str = "",
        accessKey: str = "",
        secretKey: str = "",
        *,
        timeout: float | tuple[float, float] | None = None,
        clock: Clock | None = None,
        proxies: Mapping[str, str] | None = None,
        verify: bool | str = True,
        pool_size: int = 10,
        session: requests.Session | None = None,
        retry: RetryPolicy | None = None,
        max_body: int = DEFAULT_MAX_BODY,
    ) -> None:
        options: dict[str, Any] = {
            "timeout": timeout,
            "clock": clock,
            "proxies": proxies,
            "verify": verify,
            "pool_size": pool_size,
            "session": session,
            "retry": retry if retry is not None else RetryPolicy(),
            "max_body": max_body,
        }
        super().__init__(_credentials(host, accessKey, secretKey), options)

    # -- credentials ------------------------------------------------------------------------------

    def setCredentials(self, host: str, accessKey: str = "", secretKey: str = "") -> Self:
        self._use_credentials(_credentials(host, accessKey, secretKey))
        return self

    def setAccessKey(self, accessKey: str) -> Self:
        self._credentials.setApiKey(check_key("accessKey", accessKey))
        self._reset_connection()
        return self

    def setSecretKey(self, secretKey: str) -> Self:
        self._credentials.setSecret(check_key("secretKey", secretKey))
        self._reset_connection()
        return self

    def getCredentials(self) -> Credentials:
        """Host, access key (``getApiKey()``) and secret key (``getSecret()``)."""
        return self._credentials

    # -- calls ------------------------------------------------------------------------------------

    def rest(
        self,
        endpointClass: type[HtxEndpoint[Any, Any]],
        parameters: AbstractParameters | None = None,
        mode: int = EnumOutputMode.DEFAULT_MODE,
    ) -> HtxResponseDto:
        """Call an endpoint and return its answer in the output mode (default: DTOs)."""
        _htx_endpoint(endpointClass)
        answer = RestBuilder.make(endpointClass, parameters, self.connection()).execute(mode)
        if not isinstance(answer, HtxResponseDto):  # an endpoint with a handler of its own
            raise SDKException(
                f"{endpointClass.__name__}: its handler must return an HtxResponseDto, "
                f"got {type(answer).__name__}"
            )
        return answer

    def privateEndpoint(
        self, endpointClass: type[H], parameters: AbstractParameters | None = None
    ) -> H:
        _htx_endpoint(endpointClass)
        return self._bind(endpointClass, parameters, private=True)

    def publicEndpoint(
        self, endpointClass: type[H], parameters: AbstractParameters | None = None
    ) -> H:
        _htx_endpoint(endpointClass)
        return self._bind(endpointClass, parameters, private=False)

    def _open(self, credentials: Credentials) -> Connection:
        signer = None
        if credentials.getApiKey() and credentials.getSecret():
            signer = HtxSigner(credentials.getApiKey(), credentials.getSecret())
            redact_urllib3_logs()
        return Connection(credentials.getHost(), signer, classifier=htx_classifier, **self._options)


__all__ = ["HBDM", "HBDM_AWS", "HtxAPI"]
