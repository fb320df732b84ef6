"""Each market-data docs_ru page shows the real PHP interfaces, and the index lists the page."""

from __future__ import annotations

import importlib
import inspect
from pathlib import Path
from typing import Any

import pytest

from carpenstar_bybit.Core.Names import short
from carpenstar_bybit.Core.Registry import ENDPOINTS

DOCS = Path(__file__).resolve().parents[2] / "docs_ru"
PAGES = {
    "Kline": "bybit-market-kline.md",
    "MarkPriceKline": "bybit-market-mark-price-kline.md",
    "IndexPriceKline": "bybit-market-index-price-kline.md",
    "FundingRateHistory": "bybit-market-funding-rate-history.md",
    "InstrumentInfo": "bybit-market-instrument-info.md",
    "OpenInterest": "bybit-market-open-interest.md",
    "OrderBook": "bybit-market-order-book.md",
    "PublicTradingHistory": "bybit-market-public-trading-history.md",
    "RiskLimit": "bybit-market-risk-limit.md",
    "TickerInfo": "bybit-market-ticker-info.md",
}


def _block(text: str, heading: str) -> dict[str, Any]:
    code = text.split(f"## {heading}", 1)[1].split("```python\n", 1)[1].split("```", 1)[0]
    namespace: dict[str, Any] = {}
    exec(code, namespace)  # noqa: S102  # our own docs page
    return namespace


def _methods(protocol: type) -> dict[str, list[str]]:
    return {
        name: list(inspect.signature(member).parameters)
        for name, member in vars(protocol).items()
        if name.startswith(("set", "get", "is")) and callable(member)
    }


def test_every_market_endpoint_has_a_page() -> None:
    market = {short(key) for key in ENDPOINTS if key.startswith("Derivatives.MarketData.")}
    assert set(PAGES) == market
    index = (DOCS / "README.md").read_text(encoding="utf-8")
    migration = (DOCS / "migration-php.md").read_text(encoding="utf-8")
    for name, page in PAGES.items():
        assert f"]({page})" in index
        assert f"### {name}\n" in migration


@pytest.mark.parametrize("name", sorted(PAGES))
def test_the_page_shows_the_real_interfaces(name: str) -> None:
    text = (DOCS / PAGES[name]).read_text(encoding="utf-8")
    interfaces = importlib.import_module(
        f"{ENDPOINTS['Derivatives.MarketData.' + name]}.Interfaces"
    )
    shown = _block(text, "Параметры запроса")[f"I{name}RequestInterface"]
    assert _methods(shown) == _methods(getattr(interfaces, f"I{name}RequestInterface"))
    answers = _block(text, "Структура ответа")
    protocols = {key: value for key, value in answers.items() if key.startswith("I")}
    assert f"I{name}ResponseInterface" in protocols
    for key, protocol in protocols.items():
        assert _methods(protocol) == _methods(getattr(interfaces, key)), key
    assert "<!-- declared:request:" in text
    assert "<!-- declared:response:" in text
