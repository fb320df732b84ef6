"""WalletBalanceTest, ported mechanically from carpenstar/bybitapi-sdk-spot src/Spot/Account/WalletBalance/Tests/WalletBalanceTest.php by tools/port_php_tests.py.

Do not edit by hand: re-run the tool (a port keeps PHP's names and structure line by line).
"""

from __future__ import annotations

import json

import pytest

from carpenstar_bybit.Core.Builders import ResponseDtoBuilder, ResponseHandlerBuilder, RestBuilder
from carpenstar_bybit.Core.Enums import EnumOutputMode
from carpenstar_bybit.Core.Exceptions import ApiException
from carpenstar_bybit.Core.Objects.Collection import EntityCollection
from carpenstar_bybit.Core.Response import CurlResponseDto, CurlResponseHandler
from carpenstar_bybit.Spot.Account.WalletBalance.Overrides import TestWalletBalance
from carpenstar_bybit.Spot.Account.WalletBalance.Response import WalletBalanceResponse
from tests.php_ports import gaps

walletResponse = '{"retCode":0,"retMsg":"OK","result":{"balances":[{"coin":"EOS","coinId":"EOS","total":"2000","free":"2000","locked":"0"},{"coin":"ETH","coinId":"ETH","total":"1","free":"1","locked":"0"},{"coin":"USDC","coinId":"USDC","total":"50000","free":"50000","locked":"0"},{"coin":"USDT","coinId":"USDT","total":"50000","free":"50000","locked":"0"},{"coin":"XRP","coinId":"XRP","total":"10000","free":"10000","locked":"0"}]},"retExtInfo":{},"time":1683973704401}'


@pytest.mark.xfail(
    gaps.V3_NAMES_NOT_READ,
    strict=True,
    raises=AssertionError,
    reason="v3's total is not read: the Spot package reads V5's walletBalance",
)
def testWalletBalanceDTOBuilder() -> None:
    for wallet in json.loads(walletResponse)["result"]["balances"]:
        dto = ResponseDtoBuilder.make(WalletBalanceResponse, wallet)
        assert isinstance(dto, WalletBalanceResponse)
        assert isinstance(dto.getCoin(), str)
        assert isinstance(dto.getFree(), float)
        assert isinstance(dto.getTotal(), float)
        assert isinstance(dto.getLocked(), bool)


@pytest.mark.xfail(
    gaps.OBJECT_RESULT_REFUSED,
    strict=True,
    raises=ApiException,
    reason="v3 answers with one object; V5's wallet-balance answers result.list, and a list answer without its list is refused as unexpected (v3's list is result.balances)",
)
def testWalletBalanceResponseHandlerBuilder() -> None:
    handler = ResponseHandlerBuilder.make(
        walletResponse, CurlResponseHandler, WalletBalanceResponse
    )
    assert isinstance(handler.getBody(), EntityCollection)
    assert handler.getBody().count() > 0


@pytest.mark.xfail(
    gaps.OBJECT_RESULT_REFUSED,
    strict=True,
    raises=ApiException,
    reason="v3 answers with one object; V5's wallet-balance answers result.list, and a list answer without its list is refused as unexpected (v3's list is result.balances)",
)
def testWalletBalanceEndpoint() -> None:
    endpoint = RestBuilder.make(TestWalletBalance)
    entityResponse = endpoint.execute(EnumOutputMode.MODE_ENTITY, walletResponse)
    assert isinstance(entityResponse, CurlResponseDto)
    body = entityResponse.getBody()
    assert isinstance(body, EntityCollection)
    for wallet in body.fetch():
        dto = ResponseDtoBuilder.make(WalletBalanceResponse, wallet)
        assert isinstance(dto, WalletBalanceResponse)
        assert isinstance(dto.getCoin(), str)
        assert isinstance(dto.getFree(), float)
        assert isinstance(dto.getTotal(), float)
        assert isinstance(dto.getLocked(), bool)
