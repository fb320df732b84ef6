"""WalletBalanceTest, ported mechanically from carpenstar/bybitapi-sdk-derivatives src/Derivatives/Contract/Account/WalletBalance/Tests/WalletBalanceTest.php by tools/port_php_tests.py.

Do not edit by hand: re-run the tool (a port keeps PHP's names and structure line by line).
"""

from __future__ import annotations

import json

import pytest

from carpenstar_bybit.Core.Builders import ResponseDtoBuilder, ResponseHandlerBuilder, RestBuilder
from carpenstar_bybit.Core.Enums import EnumOutputMode
from carpenstar_bybit.Core.Exceptions import SDKException
from carpenstar_bybit.Core.Objects.Collection import EntityCollection
from carpenstar_bybit.Core.Response import CurlResponseDto, CurlResponseHandler
from carpenstar_bybit.Derivatives.Contract.Account.WalletBalance.Overrides import TestWalletBalance
from carpenstar_bybit.Derivatives.Contract.Account.WalletBalance.Response import (
    WalletBalanceResponse,
)
from tests.php_ports import gaps

walletBalanceResponse = '{"retCode":0,"retMsg":"OK","result":{"list":[{"coin":"USDC","equity":"1259.7788251","walletBalance":"1259.7488251","positionMargin":"1259.7788251","availableBalance":"1246.7387871","orderMargin":"0","occClosingFee":"0","occFundingFee":"0","unrealisedPnl":"0.03","cumRealisedPnl":"26.6561752","givenCash":"0","serviceCash":"0","accountIM":"13.040038","accountMM":"1.367038"}]},"retExtInfo":{},"time":1670923631261}'


def testWalletBalanceDTOBuilder() -> None:
    for feeRate in json.loads(walletBalanceResponse)["result"]["list"]:
        dto = ResponseDtoBuilder.make(WalletBalanceResponse, feeRate)
        assert isinstance(dto, WalletBalanceResponse)


def testWalletBalanceResponseHandlerBuilder() -> None:
    handler = ResponseHandlerBuilder.make(
        walletBalanceResponse, CurlResponseHandler, WalletBalanceResponse
    )
    assert isinstance(handler.getBody(), EntityCollection)
    assert handler.getBody().count() > 0


@pytest.mark.xfail(
    gaps.NO_REQUEST_REFUSED,
    strict=True,
    raises=SDKException,
    reason="RestBuilder.make(TestWalletBalance) without a request object is refused",
)
def testWalletBalanceEndpoint() -> None:
    endpoint = RestBuilder.make(TestWalletBalance)
    entityResponse = endpoint.execute(EnumOutputMode.MODE_ENTITY, walletBalanceResponse)
    assert isinstance(entityResponse, CurlResponseDto)
    body = entityResponse.getBody()
    assert isinstance(body, EntityCollection)
    for wallet in body.fetch():
        dto = ResponseDtoBuilder.make(WalletBalanceResponse, wallet)
        assert isinstance(dto, WalletBalanceResponse)
