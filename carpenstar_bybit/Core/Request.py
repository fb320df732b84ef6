"""PHP's ``Core\\Request``: the transport classes (public in PHP, not meant for bots).

Core 5.1: ``(new GetRequest())->init($auth, $credentials)->execute($endpoint, $params)`` gives the
decoded answer. The 2023 line: ``GetRequest::getInstance($auth)->exec($endpoint, $params)`` gives
the body text, with process-global credentials; here credentials are never process-global, so
``init`` comes first on both lines. Both send through a ``BybitAPI`` connection (signing,
timeouts, retries, no redirects), opened for the call and closed after it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar, Self

from carpenstar_bybit.Core.Auth import Credentials
from carpenstar_bybit.Core.Enums import EnumHttpMethods
from carpenstar_bybit.Core.Exceptions import ApiException, SDKException, safe_excerpt


class Curl:
    """Base of ``GetRequest`` and ``PostRequest``."""

    METHOD: ClassVar[str] = EnumHttpMethods.GET

    def __init__(self) -> None:
        self._auth = False
        self._credentials: Credentials | None = None

    @classmethod
    def getInstance(cls, isNeedAuthorization: bool = False) -> Self:
        """The 2023 line's factory: a new request object (not a process-wide singleton)."""
        made = cls()
        made._auth = bool(isNeedAuthorization)
        return made

    def init(self, isNeedAuthorization: bool, credentials: Credentials) -> Self:
        if not isinstance(credentials, Credentials):
            raise SDKException(f"init: must be a Credentials, got {type(credentials).__name__}")
        self._auth = bool(isNeedAuthorization)
        self._credentials = credentials
        return self

    def _send(self, endpoint: str, params: Mapping[str, Any] | None) -> Any:
        credentials = self._credentials
        if credentials is None:
            raise SDKException(
                f"{type(self).__name__}: call init(isNeedAuthorization, Credentials) first; "
                "credentials are not process-global here"
            )
        from carpenstar_bybit._bybit_api import BybitAPI  # the façade opens connections

        with BybitAPI(
            credentials.getHost(), credentials.getApiKey(), credentials.getSecret()
        ) as api:
            return api.connection().request(self.METHOD, endpoint, params, signed=self._auth)

    def execute(self, endpoint: str, params: Mapping[str, Any] | None = None) -> dict[str, Any]:
        """Core 5.1: send and return the decoded answer (ApiException when it is not JSON)."""
        response = self._send(endpoint, params)
        try:
            payload = response.payload()
        except ValueError:
            payload = None
        if not isinstance(payload, dict):
            raise ApiException(
                "unexpected response: the body is not a JSON object",
                code=response.status,
                http_status=response.status,
                path=endpoint,
                excerpt=safe_excerpt(response.content),
            )
        return payload

    def exec(self, endpoint: str, params: Mapping[str, Any] | None = None) -> str:
        """The 2023 line: send and return the body text."""
        content: bytes = self._send(endpoint, params).content
        return content.decode("utf-8", "replace")


class GetRequest(Curl):
    METHOD: ClassVar[str] = EnumHttpMethods.GET


class PostRequest(Curl):
    METHOD: ClassVar[str] = EnumHttpMethods.POST


__all__ = ["Curl", "GetRequest", "PostRequest"]
