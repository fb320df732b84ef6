"""The PHP surface: every class importable by the import rule, with the PHP method names."""

from __future__ import annotations

import importlib

import pytest

import carpenstar_bybit
from carpenstar_bybit.Core.Enums import (
    EnumDerivativesCategory,
    EnumHttpMethods,
    EnumOutputMode,
)
from carpenstar_bybit.Derivatives.Contract.Order.CancelAllOrder.Request import (
    CancelAllOrderRequest,
)
from carpenstar_bybit.Derivatives.Contract.Order.CancelOrder.Request import CancelOrderRequest

ORDER = "Derivatives.Contract.Order"

# PHP FQCN after Carpenstar\ByBitAPI\  ->  public methods the port must have.
SURFACE: dict[str, tuple[str, ...]] = {
    "BybitAPI": (
        "rest",
        "setCredentials",
        "setHost",
        "setApiKey",
        "setSecret",
        "publicEndpoint",
        "privateEndpoint",
        "close",
    ),
    f"{ORDER}.CancelOrder.CancelOrder": ("bindRequestParameters", "execute"),
    f"{ORDER}.CancelOrder.Interfaces.ICancelOrderRequestInterface": (
        "setSymbol",
        "setOrderId",
        "setOrderLinkId",
        "getSymbol",
        "getOrderId",
        "getOrderLinkId",
    ),
    f"{ORDER}.CancelOrder.Request.CancelOrderRequest": (
        "setSymbol",
        "setOrderId",
        "setOrderLinkId",
        "getSymbol",
        "getOrderId",
        "getOrderLinkId",
        "setCategory",
        "getCategory",
        "setOrderFilter",
        "getOrderFilter",
        "array",
    ),
    f"{ORDER}.CancelOrder.Interfaces.ICancelOrderResponseInterface": (
        "getOrderId",
        "getOrderLinkId",
    ),
    f"{ORDER}.CancelOrder.Response.CancelOrderResponse": ("getOrderId", "getOrderLinkId"),
    f"{ORDER}.CancelOrder.Overrides.TestCancelOrder": ("bindRequestParameters", "execute"),
    f"{ORDER}.CancelAllOrder.CancelAllOrder": ("bindRequestParameters", "execute"),
    f"{ORDER}.CancelAllOrder.Interfaces.ICancelAllOrderRequestInterface": (
        "setSymbol",
        "setBaseCoin",
        "setSettleCoin",
        "getSymbol",
        "getBaseCoin",
        "getSettleCoin",
    ),
    f"{ORDER}.CancelAllOrder.Request.CancelAllOrderRequest": (
        "setSymbol",
        "setBaseCoin",
        "setSettleCoin",
        "getSymbol",
        "getBaseCoin",
        "getSettleCoin",
        "setCategory",
        "getCategory",
        "setOrderFilter",
        "getOrderFilter",
        "setStopOrderType",
        "getStopOrderType",
        "array",
    ),
    f"{ORDER}.CancelAllOrder.Interfaces.ICancelAllOrderResponseInterface": (
        "getOrderId",
        "getOrderLinkId",
    ),
    f"{ORDER}.CancelAllOrder.Response.CancelAllOrderResponse": ("getOrderId", "getOrderLinkId"),
    f"{ORDER}.CancelAllOrder.Overrides.TestCancelAllOrder": ("bindRequestParameters", "execute"),
    "Core.Enums.EnumOutputMode": ("MODE_ENTITY", "MODE_ARRAY", "MODE_JSON", "DEFAULT_MODE"),
    "Core.Enums.EnumHttpMethods": ("GET", "POST"),
    "Core.Enums.EnumDerivativesCategory": (
        "CATEGORY_PRODUCT_LINEAR",
        "CATEGORY_PRODUCT_INVERSE",
        "CATEGORY_PRODUCT_OPTION",
    ),
    "Core.Exceptions.ApiException": ("getCode", "getMessage"),
    "Core.Exceptions.SDKException": ("getCode", "getMessage"),
    "Core.Auth.Credentials": (
        "setHost",
        "setApiKey",
        "setSecret",
        "getHost",
        "getApiKey",
        "getSecret",
    ),
    "Core.Auth.SignGenerator": ("make",),
    "Core.Builders.RestBuilder": ("make",),
    "Core.Builders.ResponseDtoBuilder": ("make",),
    "Core.Builders.ResponseHandlerBuilder": ("make",),
    "Core.Response.CurlResponseHandler": ("bindDto", "handle"),
    "Core.Response.CurlResponseDto": (
        "getTime",
        "getReturnCode",
        "getReturnMessage",
        "getReturnExtendedInfo",
        "getNextPageCursor",
        "getBody",
        "getSuccess",
        "getRateLimit",
        "getRateLimitStatus",
        "getRateLimitResetTimestamp",
    ),
    "Core.Objects.Collection.EntityCollection": ("push", "fetch", "all", "count"),
    "Core.Objects.Collection.ArrayCollection": ("push", "fetch", "all", "count"),
    "Core.Objects.Collection.StringCollection": ("push", "fetch", "all", "count"),
    "Core.Objects.AbstractParameters": ("array",),
    "Core.Objects.AbstractResponse": ("rootDataKey",),
    "Core.Endpoints.Endpoint": ("bindRequestParameters", "execute"),
    "Core.Endpoints.PrivateEndpoint": ("bindRequestParameters", "execute"),
    "Core.Endpoints.PublicEndpoint": ("bindRequestParameters", "execute"),
}


@pytest.mark.parametrize(("fqcn", "members"), SURFACE.items())
def test_import_rule(fqcn: str, members: tuple[str, ...]) -> None:
    module_path, _, name = f"carpenstar_bybit.{fqcn}".rpartition(".")
    cls = getattr(importlib.import_module(module_path), name)
    assert isinstance(cls, type)
    assert cls.__name__ == name
    missing = [m for m in members if not hasattr(cls, m)]
    assert missing == []


def test_top_level_all_is_pinned() -> None:
    assert sorted(carpenstar_bybit.__all__) == [
        "BybitAPI",
        "FlattenReport",
        "MAINNET",
        "TESTNET",
        "__version__",
        "flatten",
    ]
    assert carpenstar_bybit.__version__.count(".") == 2


def test_enum_values() -> None:
    assert (EnumOutputMode.MODE_ENTITY, EnumOutputMode.MODE_ARRAY, EnumOutputMode.MODE_JSON) == (
        0,
        1,
        2,
    )
    assert EnumOutputMode.DEFAULT_MODE == EnumOutputMode.MODE_ENTITY
    assert (EnumHttpMethods.GET, EnumHttpMethods.POST) == ("GET", "POST")
    assert (
        EnumDerivativesCategory.CATEGORY_PRODUCT_LINEAR,
        EnumDerivativesCategory.CATEGORY_PRODUCT_INVERSE,
        EnumDerivativesCategory.CATEGORY_PRODUCT_OPTION,
    ) == ("linear", "inverse", "option")


def test_setters_are_fluent_and_getters_read_back() -> None:
    cancel = CancelOrderRequest()
    assert cancel.setSymbol("BTCUSDT") is cancel
    assert cancel.setOrderId("1") is cancel
    assert cancel.setOrderLinkId("l") is cancel
    assert cancel.setCategory("linear") is cancel
    assert cancel.setOrderFilter("Order") is cancel
    assert (cancel.getSymbol(), cancel.getOrderId(), cancel.getOrderLinkId()) == (
        "BTCUSDT",
        "1",
        "l",
    )
    assert (cancel.getCategory(), cancel.getOrderFilter()) == ("linear", "Order")

    cancel_all = CancelAllOrderRequest()
    for setter, value in [
        ("setSymbol", "ETHUSDT"),
        ("setBaseCoin", "ETH"),
        ("setSettleCoin", "USDT"),
        ("setCategory", "linear"),
        ("setOrderFilter", "StopOrder"),
        ("setStopOrderType", "Stop"),
    ]:
        assert getattr(cancel_all, setter)(value) is cancel_all
        assert getattr(cancel_all, "g" + setter[1:])() == value


def test_keyword_construction_and_snake_case_reads() -> None:
    request = CancelAllOrderRequest(category="linear", base_coin="BTC")
    assert request.base_coin == "BTC"
    assert request.array() == {"category": "linear", "baseCoin": "BTC"}
