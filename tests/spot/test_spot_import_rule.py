"""Carpenstar's spot package (2023 line, 3.0.2, commit 5a00475) by the import rule: every class and
interface, with every public method, at ``carpenstar_bybit.<namespace>``. The method lists were
read from the PHP sources by ``tools/php_surface.py`` (tests/fixtures/php_surface_spot_2023.json);
what is still missing is named here with the reason, so a new gap fails and a closed one must be
struck off."""

from __future__ import annotations

import json
from pathlib import Path

from tools.php_surface import measure

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
FIXTURE = FIXTURES / "php_surface_spot_2023.json"
# The current line (carpenstar/bybitapi-spot 3.1.3, commit ed98785, read with core 5.1.1.0):
# list answers' items are <X>ResponseItem classes, so the same setters sit on those.
FIXTURE_CURRENT = FIXTURES / "php_surface_spot_current.json"

NO_V5_FIELD: set[str] = set()  # PHP's setters of fields V5 does not send are there too


def test_every_spot_class_and_method_of_the_2023_line_is_importable() -> None:
    expected = json.loads(FIXTURE.read_text(encoding="utf-8"))
    assert len(expected) == 131  # classes, interfaces and traits of src/Spot
    ((package, (full, total, gaps)),) = measure(expected).items()
    assert package == "Spot"
    assert set(gaps) == NO_V5_FIELD
    assert (full, total) == (131, 131)


NO_V5_FIELD_CURRENT = {
    gap.replace("OpenOrdersResponse.", "OpenOrdersResponseItem.").replace(
        "OrderHistoryResponse.", "OrderHistoryResponseItem."
    )
    for gap in NO_V5_FIELD
}


def test_every_spot_class_and_method_of_the_current_line_is_importable() -> None:
    expected = json.loads(FIXTURE_CURRENT.read_text(encoding="utf-8"))
    assert len(expected) == 130  # classes, interfaces and traits of src/Spot
    # PHP's misspelt item interface of the current line is there under PHP's name
    assert (
        "Spot.LeverageToken.PurchaseRedeemHistory.Interfaces."
        "IPurchaseReedemHistoryResponseItemInterface" in expected
    )
    ((package, (full, total, gaps)),) = measure(expected).items()
    assert package == "Spot"
    assert set(gaps) == NO_V5_FIELD_CURRENT
    assert (full, total) == (130, 130)
