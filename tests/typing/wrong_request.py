"""Checked by mypy (tests/typing/test_typed_answers.py): each call below must be an error."""

from __future__ import annotations

from carpenstar_bybit import BybitAPI
from carpenstar_bybit.Derivatives.Contract.Order.CancelOrder.Request import CancelOrderRequest
from carpenstar_bybit.Derivatives.Contract.Order.PlaceOrder import PlaceOrder


def wrong(api: BybitAPI) -> None:
    api.rest(PlaceOrder, CancelOrderRequest())  # E: the request of another endpoint
    api.privateEndpoint(PlaceOrder, CancelOrderRequest())  # E: the same, current line
