"""Checked by mypy (tests/typing/test_typed_answers.py), never run: ``assert_type`` states the
exact type mypy must infer (an answer typed ``Any``, as ``rest()`` was, fails it). Both PHP
lines' calls."""

from __future__ import annotations

from typing import assert_type

from carpenstar_bybit import BybitAPI
from carpenstar_bybit.Core.Objects import ExceptionResponse, SuccessResponse
from carpenstar_bybit.Core.Response import CurlResponseDto
from carpenstar_bybit.Derivatives.Contract.Order.GetOpenOrders import GetOpenOrders
from carpenstar_bybit.Derivatives.Contract.Order.GetOpenOrders.Request import (
    GetOpenOrdersRequest,
)
from carpenstar_bybit.Derivatives.Contract.Order.GetOpenOrders.Response import (
    GetOpenOrdersResponse,
    GetOpenOrdersResponseItem,
)
from carpenstar_bybit.Derivatives.Contract.Order.PlaceOrder import PlaceOrder
from carpenstar_bybit.Derivatives.Contract.Order.PlaceOrder.Request import PlaceOrderRequest
from carpenstar_bybit.Derivatives.Contract.Order.PlaceOrder.Response import PlaceOrderResponse
from carpenstar_bybit.Derivatives.MarketData.Kline import Kline
from carpenstar_bybit.Derivatives.MarketData.Kline.Request import KlineRequest
from carpenstar_bybit.Derivatives.MarketData.Kline.Response import KlineResponseItem


def line_2023(api: BybitAPI) -> None:
    answer = api.rest(PlaceOrder, PlaceOrderRequest())
    assert_type(answer, CurlResponseDto[PlaceOrderResponse])
    assert_type(answer.getBody().fetch(), PlaceOrderResponse | None)
    assert_type(answer.getBody().all()[0].getOrderId(), str)


def current_line(api: BybitAPI) -> None:
    answer = api.privateEndpoint(GetOpenOrders, GetOpenOrdersRequest()).execute()
    assert_type(answer, SuccessResponse[GetOpenOrdersResponse] | ExceptionResponse)
    if isinstance(answer, SuccessResponse):
        assert_type(answer.getResult(), GetOpenOrdersResponse)
        assert_type(answer.getResult().getOpenOrders(), list[GetOpenOrdersResponseItem])
        assert_type(answer.getResult().getNextPageCursor(), str)
    candles = api.publicEndpoint(Kline, KlineRequest()).execute()
    if isinstance(candles, SuccessResponse):
        assert_type(candles.getResult().getKlineList(), list[KlineResponseItem])
