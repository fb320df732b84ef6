"""``HtxAPI``: the HTX façade, shaped like ``BybitAPI`` so a bot switches with one line."""

from __future__ import annotations

import threading
from collections.abc import Mapping
from types import TracebackType
from typing import Any, Self, TypeVar

import requests

from carpenstar_bybit.Core.Auth import Credentials, mask_key
from carpenstar_bybit.Core.Builders import RestBuilder
from carpenstar_bybit.Core.Connection import Clock, Connection, check_timeout, normalize_base_url
from carpenstar_bybit.Core.Enums import EnumOutputMode
from carpenstar_bybit.Core.Exceptions import SDKException, SDKTypeError
from carpenstar_bybit.Core.Objects import AbstractParameters
from carpenstar_bybit.Core.Retry import RetryPolicy
from carpenstar_bybit.Htx.Auth import HtxSigner, redact_urllib3_logs
from carpenstar_bybit.Htx.Endpoints import HtxEndpoint
from carpenstar_bybit.Htx.Response import HtxResponseDto
from carpenstar_bybit.Htx.Retry import htx_classifier

H = TypeVar("H", bound=HtxEndpoint)

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
        _text("host", host), _text("accessKey", accessKey), _text("secretKey", secretKey)
    )


class HtxAPI:
    """One HTX account on one host, over one kept-alive, signed connection.

    ``HtxAPI(host, accessKey, secretKey)`` then ``rest(EndpointClass, request, mode)``, or
    ``HtxAPI().setCredentials(host, accessKey, secretKey).privateEndpoint(cls, request).execute()``.
    Hosts: ``HBDM`` (https://api.hbdm.com) and ``HBDM_AWS`` (https://api.hbdm.vn).

    Options (keyword only): ``timeout`` (seconds, or a (connect, read) pair; default (5, 10)),
    ``clock`` (a function giving ms since the epoch, for tests), ``proxies``, ``verify`` (TLS
    verification or a CA bundle path), ``pool_size`` (kept-alive connections for threads sharing
    this object, default 10), ``session`` (a ``requests.Session`` of your own), ``retry`` (a
    ``Core.Retry.RetryPolicy``; ``RetryPolicy.off()`` switches retries off; what is retried is in
    ``Htx.Retry``). Use it as a context manager, or call ``close()``.
    """

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
    ) -> None:
        self._credentials = _credentials(host, accessKey, secretKey)
        if host:
            normalize_base_url(host)
        check_timeout(timeout)
        self._options: dict[str, Any] = {
            "timeout": timeout,
            "clock": clock,
            "proxies": proxies,
            "verify": verify,
            "pool_size": pool_size,
            "session": session,
            "retry": retry if retry is not None else RetryPolicy(),
        }
        self._connection: Connection | None = None
        self._lock = threading.Lock()

    # -- credentials ------------------------------------------------------------------------------

    def setCredentials(self, host: str, accessKey: str = "", secretKey: str = "") -> Self:
        self._credentials = _credentials(host, accessKey, secretKey)
        normalize_base_url(host)
        self._reset_connection()
        return self

    def setHost(self, host: str) -> Self:
        normalize_base_url(host)
        self._credentials.setHost(host)
        self._reset_connection()
        return self

    def setAccessKey(self, accessKey: str) -> Self:
        self._credentials.setApiKey(_text("accessKey", accessKey))
        self._reset_connection()
        return self

    def setSecretKey(self, secretKey: str) -> Self:
        self._credentials.setSecret(_text("secretKey", secretKey))
        self._reset_connection()
        return self

    def getCredentials(self) -> Credentials:
        """Host, access key (``getApiKey()``) and secret key (``getSecret()``)."""
        return self._credentials

    # -- calls ------------------------------------------------------------------------------------

    def rest(
        self,
        endpointClass: type[HtxEndpoint],
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
        if not endpointClass.IS_NEED_AUTHORIZATION:
            raise SDKException(f"{endpointClass.__name__} is a public endpoint")
        return RestBuilder.make(endpointClass, parameters, self.connection())

    def publicEndpoint(
        self, endpointClass: type[H], parameters: AbstractParameters | None = None
    ) -> H:
        _htx_endpoint(endpointClass)
        if endpointClass.IS_NEED_AUTHORIZATION:
            raise SDKException(f"{endpointClass.__name__} is a private endpoint")
        return RestBuilder.make(endpointClass, parameters, self.connection())

    def connection(self) -> Connection:
        """The connection, opened on first use (settings are checked before any I/O)."""
        connection = self._connection
        if connection is not None:
            return connection
        with self._lock:
            if self._connection is None:
                self._connection = self._open()
            return self._connection

    def _open(self) -> Connection:
        creds = self._credentials
        if not creds.getHost():
            raise SDKException("host: is not set; call setCredentials(host, accessKey, secretKey)")
        signer = None
        if creds.getApiKey() and creds.getSecret():
            signer = HtxSigner(creds.getApiKey(), creds.getSecret())
            redact_urllib3_logs()
        return Connection(creds.getHost(), signer, classifier=htx_classifier, **self._options)

    def _reset_connection(self) -> None:
        with self._lock:
            old, self._connection = self._connection, None
        if old is not None:
            old.close()

    def close(self) -> None:
        self._reset_connection()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        creds = self._credentials
        return f"HtxAPI(host={creds.getHost()!r}, accessKey={mask_key(creds.getApiKey())})"

    __str__ = __repr__

    def __reduce__(self) -> Any:
        raise SDKException("HtxAPI cannot be pickled: it holds a secret")


__all__ = ["HBDM", "HBDM_AWS", "HtxAPI"]
