"""The public names import by the rule, and the Russian pages' examples run as written."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest

import carpenstar_bybit.Htx
from carpenstar_bybit.Core.Endpoints import OverrideEndpoint
from carpenstar_bybit.Htx.Endpoints import HtxEndpoint

DOCS = Path(__file__).resolve().parents[2] / "docs_ru"
PAGES = ["htx-cancel-all-orders.md", "htx-swap-cancel-all.md"]
V5 = "carpenstar_bybit.Htx.V5.Trade.CancelAllOrders"
SWAP = "carpenstar_bybit.Htx.Swap.Trade.SwapCancelAll"

SURFACE: dict[str, tuple[str, ...]] = {
    "carpenstar_bybit.Htx.HtxAPI": (
        "rest",
        "setCredentials",
        "setHost",
        "setAccessKey",
        "setSecretKey",
        "privateEndpoint",
        "publicEndpoint",
        "connection",
        "close",
        "__enter__",
        "__exit__",
    ),
    f"{V5}.CancelAllOrders": ("bindRequestParameters", "execute"),
    f"{V5}.Overrides.TestCancelAllOrders": ("bindRequestParameters", "execute"),
    f"{V5}.Request.CancelAllOrdersRequest": (
        "setContractCode",
        "setSide",
        "setPositionSide",
        "getContractCode",
        "getSide",
        "getPositionSide",
        "array",
    ),
    f"{V5}.Response.CancelAllOrdersResponse": (
        "getOrderId",
        "getClientOrderId",
        "getCode",
        "getMessage",
        "isCancelled",
    ),
    f"{SWAP}.SwapCancelAll": ("bindRequestParameters", "execute"),
    f"{SWAP}.Overrides.TestSwapCancelAll": ("bindRequestParameters", "execute"),
    f"{SWAP}.Request.SwapCancelAllRequest": (
        "setContractCode",
        "setDirection",
        "setOffset",
        "getContractCode",
        "getDirection",
        "getOffset",
        "array",
    ),
    f"{SWAP}.Response.SwapCancelAllResponse": (
        "getOrderId",
        "getErrCode",
        "getErrMsg",
        "isCancelled",
    ),
    "carpenstar_bybit.Htx.Response.HtxResponseDto": (
        "getCancelled",
        "getFailed",
        "getRateLimitLimit",
        "getRateLimitInterval",
        "getRateLimitRemaining",
        "getRateLimitResetMs",
        "getRecoveryTime",
        "getTime",
        "getReturnCode",
        "getReturnMessage",
        "getBody",
    ),
    "carpenstar_bybit.Htx.Auth.htx_signature": (),
    "carpenstar_bybit.Htx.Exceptions.HtxApiException": ("getRecoveryTime", "getCode"),
}


def _resolve(dotted: str) -> object:
    module, _, name = dotted.rpartition(".")
    return getattr(importlib.import_module(module), name)


@pytest.mark.parametrize(("dotted", "methods"), SURFACE.items())
def test_surface(dotted: str, methods: tuple[str, ...]) -> None:
    target = _resolve(dotted)
    for method in methods:
        assert callable(getattr(target, method)), f"{dotted}.{method}"


def test_package_exports() -> None:
    assert sorted(carpenstar_bybit.Htx.__all__) == ["HBDM", "HBDM_AWS", "HtxAPI"]


@pytest.mark.parametrize("name", ["CancelAllOrders", "SwapCancelAll"])
def test_endpoints_and_overrides(name: str) -> None:
    package = V5 if name == "CancelAllOrders" else SWAP
    endpoint = _resolve(f"{package}.{name}")
    override = _resolve(f"{package}.Overrides.Test{name}")
    assert isinstance(endpoint, type)
    assert issubclass(endpoint, HtxEndpoint)
    assert isinstance(override, type)
    assert issubclass(override, OverrideEndpoint)
    assert issubclass(override, endpoint)
    assert endpoint.HTTP_METHOD == "POST"
    assert endpoint.IS_NEED_AUTHORIZATION


def _blocks(page: str) -> list[str]:
    return re.findall(r"```python\n(.*?)```", (DOCS / page).read_text(encoding="utf-8"), re.S)


@pytest.mark.parametrize("page", PAGES)
def test_page_tables_name_real_methods(page: str) -> None:
    text = (DOCS / page).read_text(encoding="utf-8")
    package = V5 if "orders" in page else SWAP
    classes = {
        "CancelAllOrdersResponse": f"{V5}.Response.CancelAllOrdersResponse",
        "SwapCancelAllResponse": f"{SWAP}.Response.SwapCancelAllResponse",
        "HtxResponseDto": "carpenstar_bybit.Htx.Response.HtxResponseDto",
    }
    named = re.findall(r"`(\w+)\.(\w+)\(\)`", text)
    assert named
    for owner, method in named:
        if owner in classes:
            assert hasattr(_resolve(classes[owner]), method), f"{owner}.{method}"
    request = _resolve(
        f"{package}.Request.{'CancelAllOrders' if 'orders' in page else 'SwapCancelAll'}Request"
    )
    for setter in re.findall(r"^\| `(set\w+)\(", text, re.M):
        assert hasattr(request, setter), setter
