"""Both PHP lines by the import rule: every class of Carpenstar's core and derivatives, with every
public method, at ``carpenstar_bybit.<namespace>``. The method lists were read from the PHP
sources by ``tools/php_surface.py`` (tests/fixtures/php_surface_*.json); what may still be
missing is named here with the reason, so a new gap fails (a closed one may be struck off)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tools.php_surface import measure

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"

# PHP's own validation table leaked as public methods; the declaration's rules hold it here.
_REQUIRED_BETWEEN = {
    "Derivatives.Contract.Order.ReplaceOrder.Request.ReplaceOrderRequest.getRequiredBetweenFields",
    "Derivatives.Contract.Order.ReplaceOrder.Request.ReplaceOrderRequest.setRequiredBetweenFields",
}
NOT_MIRRORED = {
    "current": {"Core": set(), "Derivatives": set()},
    "2023": {"Core": set(), "Derivatives": _REQUIRED_BETWEEN},
}
# (classes with every method, classes) when the two lines were first measured: see CHANGELOG.
BEFORE = {
    "current": {"Core": (27, 77), "Derivatives": (54, 168)},
    "2023": {"Core": (33, 50), "Derivatives": (136, 167)},
}


@pytest.mark.parametrize("line", ["current", "2023"])
def test_every_class_of_the_line_exists_with_its_methods(line: str) -> None:
    expected = json.loads((FIXTURES / f"php_surface_{line}.json").read_text(encoding="utf-8"))
    counts = measure(expected)
    assert set(counts) == {"Core", "Derivatives"}
    for package, (full, total, gaps) in counts.items():
        assert set(gaps) <= NOT_MIRRORED[line][package], package
        short = {gap if gap in expected else gap.rsplit(".", 1)[0] for gap in gaps}
        assert full == total - len(short)
        assert full > BEFORE[line][package][0]
        assert total == BEFORE[line][package][1]


def test_the_measure_sees_a_missing_method() -> None:
    counts = measure({"Core.Objects.SuccessResponse": ["getResult", "getNoSuchThing"]})
    assert counts["Core"] == (0, 1, ["Core.Objects.SuccessResponse.getNoSuchThing"])
    counts = measure({"Core.Nowhere.Thing": []})
    assert counts["Core"] == (0, 1, ["Core.Nowhere.Thing"])
