"""The PHP surface of the position and account endpoints, pinned by hand from the references.

A declaration that misspells a PHP setter, its parameter name, a getter or a PHP getter's type
fails here, however consistent the generated files are with it.
"""

from __future__ import annotations

import importlib
import inspect
from pathlib import Path

import pytest

CONTRACT = "carpenstar_bybit.Derivatives.Contract"

# endpoint -> (package, [(setter, PHP parameter name, getter)]) in PHP's order.
REQUESTS: dict[str, tuple[str, list[tuple[str, str, str]]]] = {
    "MyPosition": (
        "Position",
        [("setSymbol", "symbol", "getSymbol"), ("setSettleCoin", "symbol", "getSettleCoin")],
    ),
    "SetLeverage": (
        "Position",
        [
            ("setSymbol", "symbol", "getSymbol"),
            ("setBuyLeverage", "buyLeverage", "getBuyLeverage"),
            ("setSellLeverage", "sellLeverage", "getSellLeverage"),
        ],
    ),
    "SetRiskLimit": (
        "Position",
        [
            ("setSymbol", "symbol", "getSymbol"),
            ("setRiskId", "riskId", "getRiskId"),
            ("setPositionIdx", "positionIdx", "getPositionIdx"),
        ],
    ),
    "SetTradingStop": (
        "Position",
        [
            ("setSymbol", "symbol", "getSymbol"),
            ("setTakeProfit", "takeProfit", "getTakeProfit"),
            ("setStopLoss", "stopLoss", "getStopLoss"),
            ("setTpslMode", "tpslMode", "getTpslMode"),
            ("setTpSize", "tpSize", "getTpSize"),
            ("setSlSize", "slSize", "getSlSize"),
            ("setTpTriggerBy", "tpTriggerBy", "getTpTriggerBy"),
            ("setSlTriggerBy", "slTriggerBy", "getSlTriggerBy"),
            ("setTrailingStop", "trailingStop", "getTrailingStop"),
            ("setActivePrice", "activePrice", "getActivePrice"),
            ("setTpLimitPrice", "tpLimitPrice", "getTpLimitPrice"),
            ("setSlLimitPrice", "slLimitPrice", "getSlLimitPrice"),
            ("setTpOrderType", "tpOrderType", "getTpOrderType"),
            ("setSlOrderType", "slOrderType", "getSlOrderType"),
            ("setPositionIdx", "positionIdx", "getPositionIdx"),
        ],
    ),
    "SwitchCrossIsolatedMargin": (
        "Position",
        [
            ("setSymbol", "symbol", "getSymbol"),
            ("setTradeMode", "tradeMode", "getTradeMode"),
            ("setBuyLeverage", "buyLeverage", "getBuyLeverage"),
            ("setSellLeverage", "sellLeverage", "getSellLeverage"),
        ],
    ),
    "SwitchPositionMode": (
        "Position",
        [
            ("setSymbol", "symbol", "getSymbol"),
            ("setCoin", "coin", "getCoin"),
            ("setPositionMode", "positionMode", "getPositionMode"),
            ("setMode", "mode", "getMode"),  # the current PHP line's name of the same
        ],
    ),
    "SwitchTpSlMode": (
        "Position",
        [("setSymbol", "symbol", "getSymbol"), ("setTpSlMode", "tpSlMode", "getTpSlMode")],
    ),
    "SetAutoAddMargin": (
        "Position",
        [
            ("setSymbol", "symbol", "getSymbol"),
            ("setSide", "side", "getSide"),
            ("setAutoAddMargin", "autoAddMargin", "getAutoAddMargin"),
            ("setPositionIdx", "positionIdx", "getPositionIdx"),
        ],
    ),
    "GetClosedPnL": (
        "Position",
        [
            ("setSymbol", "symbol", "getSymbol"),
            ("setStartTime", "startTime", "getStartTime"),
            ("setEndTime", "endTime", "getEndTime"),
            ("setLimit", "limit", "getLimit"),
            ("setCursor", "cursor", "getCursor"),
        ],
    ),
    "GetExecutionList": (
        "Position",
        [
            ("setSymbol", "symbol", "getSymbol"),
            ("setOrderId", "orderId", "getOrderId"),
            ("setStartTime", "startTime", "getStartTime"),
            ("setEndTime", "endTime", "getEndTime"),
            ("setExecType", "execType", "getExecType"),
            ("setLimit", "limit", "getLimit"),
            ("setCursor", "cursor", "getCursor"),
        ],
    ),
    "WalletBalance": ("Account", [("setCoin", "symbol", "getCoin")]),
    "GetTradingFeeRate": ("Account", [("setSymbol", "symbol", "getSymbol")]),
}

# endpoint -> PHP response getters and the type each returns (the seven set/switch: none).
F, N, S, D, B = "float | None", "int | None", "str", "datetime | None", "bool | None"
NONE = "None"  # a PHP getter V5 has no field for
RESPONSES: dict[str, dict[str, str]] = {
    "MyPosition": {
        "getSymbol": S, "getSide": S, "getSize": F, "getEntryPrice": F, "getLeverage": F,
        "getPositionValue": F, "getPositionIdx": N, "getRiskId": N, "getRiskLimitValue": S,
        "getTradeMode": N, "getAutoAddMargin": N, "getPositionBalance": F, "getLiqPrice": F,
        "getBustPrice": F, "getTpSlMode": S, "getTakeProfit": F, "getStopLoss": F,
        "getCreatedTime": D, "getUpdatedTime": D, "getTrailingStop": S, "getActivePrice": NONE,
        "getMarkPrice": F, "getUnrealisedPnl": F, "getCumRealisedPnl": F, "getPositionMM": F,
        "getPositionIM": F, "getPositionStatus": S, "getSessionAvgPrice": F,
        "getOccClosingFee": NONE, "getAdlRankIndicator": N,
    },
    "GetClosedPnL": {
        "getSymbol": S, "getOrderId": S, "getSide": S, "getQty": F, "getLeverage": F,
        "getOrderPrice": F, "getOrderType": S, "getExecType": S, "getClosedSize": F,
        "getCumEntryValue": F, "getAvgEntryPrice": F, "getCumExitValue": F, "getAvgExitPrice": F,
        "getClosedPnl": F, "getFillCount": N, "getCreatedAt": D,
    },
    "GetExecutionList": {
        "getSymbol": S, "getSide": S, "getOrderId": S, "getOrderLinkId": S, "getOrderPrice": F,
        "getOrderQty": F, "getOrderType": S, "getStopOrderType": S, "getExecId": S,
        "getExecPrice": F, "getExecQty": F, "getExecFee": F, "getExecType": S, "getExecValue": F,
        "getFeeRate": F, "getLastLiquidityInd": NONE, "isMaker": B, "getLeavesQty": F,
        "getClosedSize": F, "getBlockTradeId": S, "getMarkPrice": F, "getIndexPrice": F,
        "getUnderlyingPrice": F, "getExecTime": D,
    },
    "WalletBalance": {
        "getCoin": S, "getEquity": F, "getWalletBalance": F, "getPositionMargin": F,
        "getAvailableBalance": F, "getOrderMargin": F, "getOccClosingFee": NONE,
        "getOccFundingFee": NONE, "getUnrealisedPnl": F, "getCumRealisedPnl": F,
        "getGivenCash": NONE, "getServiceCash": NONE, "getAccountIM": S, "getAccountMM": S,
    },
    "GetTradingFeeRate": {"getSymbol": S, "getTakerFeeRate": F, "getMakerFeeRate": F},
    # The seven set/switch answers had no getters in PHP.
    "SetLeverage": {}, "SetRiskLimit": {}, "SetTradingStop": {}, "SwitchCrossIsolatedMargin": {},
    "SwitchPositionMode": {}, "SwitchTpSlMode": {}, "SetAutoAddMargin": {},
}  # fmt: skip
# Request getters whose PHP type was float (decimal setters) or int.
FLOAT_REQUEST_GETTERS = {
    "getBuyLeverage", "getSellLeverage", "getTakeProfit", "getStopLoss", "getTpSize", "getSlSize",
    "getTrailingStop", "getActivePrice", "getTpLimitPrice", "getSlLimitPrice",
}  # fmt: skip
INT_REQUEST_GETTERS = {
    "getRiskId", "getPositionIdx", "getTradeMode", "getPositionMode", "getMode", "getAutoAddMargin",
    "getLimit",
}  # fmt: skip


def _module(name: str, part: str) -> object:
    package = REQUESTS[name][0]
    return importlib.import_module(f"{CONTRACT}.{package}.{name}.{part}")


@pytest.mark.parametrize("name", sorted(REQUESTS))
def test_request_interface_is_php_s(name: str) -> None:
    interface = getattr(_module(name, "Interfaces"), f"I{name}RequestInterface")
    request_class = getattr(_module(name, "Request"), f"{name}Request")
    rows = REQUESTS[name][1]
    for setter, arg, getter in rows:
        assert hasattr(interface, setter), setter
        assert hasattr(interface, getter), getter
        assert list(inspect.signature(getattr(request_class, setter)).parameters) == [
            "self",
            arg,
        ], setter
        hint = inspect.signature(getattr(request_class, getter)).return_annotation
        if getter in FLOAT_REQUEST_GETTERS:
            assert hint == "float | None", getter
        if getter in INT_REQUEST_GETTERS:
            assert hint == "int | None", getter
    php = {m for row in rows for m in (row[0], row[2])}
    declared = {m for m in vars(interface) if m.startswith(("set", "get", "is"))}
    assert declared == php  # the V5 additions stay out of the PHP interface


@pytest.mark.parametrize("name", sorted(RESPONSES))
def test_response_getters_are_php_s(name: str) -> None:
    interface = getattr(_module(name, "Interfaces"), f"I{name}ResponseInterface")
    response_class = getattr(_module(name, "Response"), f"{name}Response")
    for getter, returns in RESPONSES[name].items():
        assert hasattr(interface, getter), getter
        hint = inspect.signature(getattr(response_class, getter)).return_annotation
        assert hint == returns, getter
    # Own and inherited: a wrapper's interface extends its item's (the two PHP lines).
    declared = {m for k in interface.__mro__ for m in vars(k) if m.startswith(("get", "is"))}
    assert set(RESPONSES[name]) <= declared


PAGES = {
    "MyPosition": "bybit-my-position.md",
    "SetLeverage": "bybit-set-leverage.md",
    "SetRiskLimit": "bybit-set-risk-limit.md",
    "SetTradingStop": "bybit-set-trading-stop.md",
    "SwitchCrossIsolatedMargin": "bybit-switch-cross-isolated-margin.md",
    "SwitchPositionMode": "bybit-switch-position-mode.md",
    "SwitchTpSlMode": "bybit-switch-tpsl-mode.md",
    "SetAutoAddMargin": "bybit-set-auto-add-margin.md",
    "GetClosedPnL": "bybit-get-closed-pnl.md",
    "GetExecutionList": "bybit-get-execution-list.md",
    "WalletBalance": "bybit-wallet-balance.md",
    "GetTradingFeeRate": "bybit-get-trading-fee-rate.md",
}


@pytest.mark.parametrize("name", sorted(PAGES))
def test_the_docs_page_shows_the_real_request_interface(name: str) -> None:
    """The hand-written interface block of each docs_ru page matches the generated one."""
    text = (Path(__file__).parents[2] / "docs_ru" / PAGES[name]).read_text(encoding="utf-8")
    block = text.split("## Параметры запроса", 1)[1].split("```python\n", 1)[1].split("```", 1)[0]
    namespace: dict[str, object] = {}
    exec(block, namespace)  # noqa: S102  # our own docs page
    shown = namespace[f"I{name}RequestInterface"]
    real = getattr(_module(name, "Interfaces"), f"I{name}RequestInterface")
    for method in (m for m in vars(shown) if m.startswith(("set", "get"))):
        real_params = list(inspect.signature(getattr(real, method)).parameters)
        assert list(inspect.signature(getattr(shown, method)).parameters) == real_params, method
    setters = {m for m in vars(real) if m.startswith("set")}
    assert {m for m in vars(shown) if m.startswith("set")} == setters
