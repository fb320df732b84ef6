"""What every exchange façade shares: credentials, one lazily opened connection, its lifetime."""

from __future__ import annotations

import threading
from types import TracebackType
from typing import Any, ClassVar, Self, TypeVar

from carpenstar_bybit.Core.Auth import Credentials, mask_key
from carpenstar_bybit.Core.Builders import RestBuilder
from carpenstar_bybit.Core.Connection import (
    Connection,
    check_max_body,
    check_pool_size,
    check_timeout,
    normalize_base_url,
)
from carpenstar_bybit.Core.Endpoints import Endpoint
from carpenstar_bybit.Core.Exceptions import SDKException
from carpenstar_bybit.Core.Objects import AbstractParameters

E = TypeVar("E", bound=Endpoint[Any, Any])


class ExchangeAPI:
    """Base of ``BybitAPI`` and ``HtxAPI``. Subclasses say how to open their connection.

    ``options`` are keyword arguments of ``Connection`` (timeout, clock, proxies, verify,
    pool_size, session, retry, …); they are checked here, before any I/O.
    """

    KEY_LABEL: ClassVar[str] = "apiKey"
    CREDENTIALS_CALL: ClassVar[str] = "setCredentials(host, apiKey, secret)"

    def __init__(self, credentials: Credentials, options: dict[str, Any]) -> None:
        if credentials.getHost():
            normalize_base_url(credentials.getHost())
        check_timeout(options.get("timeout"))
        check_pool_size(options.get("pool_size", 10))
        if "max_body" in options:
            check_max_body(options["max_body"])
        self._credentials = credentials
        self._options = options
        self._connection: Connection | None = None
        self._lock = threading.Lock()

    def _open(self, credentials: Credentials) -> Connection:
        raise NotImplementedError

    # -- credentials ------------------------------------------------------------------------------

    def _use_credentials(self, credentials: Credentials) -> None:
        normalize_base_url(credentials.getHost())
        self._credentials = credentials
        self._reset_connection()

    def setHost(self, host: str) -> Self:
        normalize_base_url(host)
        self._credentials.setHost(host)
        self._reset_connection()
        return self

    def getCredentials(self) -> Credentials:
        return self._credentials

    # -- the connection ----------------------------------------------------------------------------

    def connection(self) -> Connection:
        """The connection, opened on first use (settings are checked before any I/O)."""
        connection = self._connection
        if connection is not None:
            return connection
        with self._lock:
            if self._connection is None:
                if not self._credentials.getHost():
                    raise SDKException(f"host: is not set; call {self.CREDENTIALS_CALL}")
                self._connection = self._open(self._credentials)
            return self._connection

    def _bind(
        self, endpointClass: type[E], parameters: AbstractParameters | None, private: bool
    ) -> E:
        if private != endpointClass.IS_NEED_AUTHORIZATION:
            kind = "public" if private else "private"
            raise SDKException(f"{endpointClass.__name__} is a {kind} endpoint")
        return RestBuilder.make(endpointClass, parameters, self.connection())

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
        creds = getattr(self, "_credentials", None)  # None when __init__ failed
        if creds is None:
            return f"{type(self).__name__}(<not set up>)"
        return (
            f"{type(self).__name__}(host={creds.getHost()!r}, "
            f"{self.KEY_LABEL}={mask_key(creds.getApiKey())})"
        )

    __str__ = __repr__

    def __reduce__(self) -> Any:
        raise SDKException(f"{type(self).__name__} cannot be pickled: it holds a secret")


__all__ = ["ExchangeAPI"]
