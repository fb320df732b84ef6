"""Endpoints are keyed by full name; a duplicate is refused at generation and at import."""

from __future__ import annotations

import shutil
from pathlib import Path

import attrs
import pytest

from carpenstar_bybit.Core.Endpoints import PrivateEndpoint
from carpenstar_bybit.Core.Names import (
    DuplicateEndpoint,
    UnknownEndpoint,
    endpoint_class,
    resolve,
    unique,
)
from carpenstar_bybit.Core.Registry import ENDPOINTS
from carpenstar_bybit.Derivatives.Contract.Order.PlaceOrder import PlaceOrder
from carpenstar_bybit.Derivatives.Contract.Order.PlaceOrder.Declaration import DECLARATION
from tools import generate_endpoints

PACKAGE = Path(generate_endpoints.PACKAGE)
PLACE = "Derivatives.Contract.Order.PlaceOrder"
KNOWN = {
    PLACE: "carpenstar_bybit." + PLACE,
    "Spot.Trade.PlaceOrder": "carpenstar_bybit.Spot.Trade.PlaceOrder",
    "Derivatives.Contract.Order.CancelOrder": "carpenstar_bybit.Derivatives.Contract.Order.X",
}


def test_the_registry_is_keyed_by_full_name() -> None:
    assert ENDPOINTS[PLACE] == "carpenstar_bybit.Derivatives.Contract.Order.PlaceOrder"
    assert "PlaceOrder" not in ENDPOINTS
    assert DECLARATION.key == PLACE


def test_a_repeated_full_name_is_refused_at_import() -> None:
    with pytest.raises(DuplicateEndpoint, match=r"'Spot\.Trade\.PlaceOrder' is declared twice"):
        unique([("Spot.Trade.PlaceOrder", "a"), (PLACE, "b"), ("Spot.Trade.PlaceOrder", "c")])


def test_an_endpoint_class_outside_its_declared_module_is_refused_at_import() -> None:
    with pytest.raises(DuplicateEndpoint, match=r"declares 'Derivatives\.Contract\.Order\.Place"):

        class PlaceOrderCopy(PrivateEndpoint):  # a copy that would pass for the real one
            DECLARATION = DECLARATION


def _copy(source: str, target: Path) -> None:
    target.mkdir(parents=True)
    shutil.copy(PACKAGE / Path(*source.split(".")) / "Declaration.py", target / "Declaration.py")


def test_generation_refuses_a_declaration_copied_into_another_folder(tmp_path: Path) -> None:
    _copy(PLACE, tmp_path / "Derivatives" / "Contract" / "Order" / "PlaceOrder")
    assert [d.key for d in generate_endpoints.declarations(tmp_path)] == [PLACE]
    # The copy keeps the derivatives package: its files would overwrite the derivatives ones.
    _copy(PLACE, tmp_path / "Spot" / "Trade" / "PlaceOrder")
    with pytest.raises(DuplicateEndpoint, match=r"its folder is 'Spot\.Trade\.PlaceOrder'"):
        generate_endpoints.declarations(tmp_path)


def test_the_generated_registry_refuses_two_declarations_of_one_name() -> None:
    twice = [DECLARATION, attrs.evolve(DECLARATION, summary="a second one")]
    text = generate_endpoints.render_registry(twice)
    assert text.count(f'("{PLACE}", ') == 2
    with pytest.raises(DuplicateEndpoint, match="declared twice"):
        exec(compile(text, "Registry.py", "exec"), {})  # noqa: S102  # our generated text


def test_a_short_name_resolves_only_when_one_package_has_it() -> None:
    assert resolve("CancelOrder", KNOWN) == "Derivatives.Contract.Order.CancelOrder"
    assert resolve("Spot.Trade.PlaceOrder", KNOWN) == "Spot.Trade.PlaceOrder"
    assert resolve("Spot\\Trade\\PlaceOrder", KNOWN) == "Spot.Trade.PlaceOrder"  # PHP spelling
    with pytest.raises(UnknownEndpoint, match="ambiguous") as caught:
        resolve("PlaceOrder", KNOWN)
    assert caught.value.candidates == (PLACE, "Spot.Trade.PlaceOrder")
    assert "Derivatives.Contract.Order.PlaceOrder or Spot.Trade.PlaceOrder" in str(caught.value)
    with pytest.raises(UnknownEndpoint, match=r"no endpoint 'Order\.Nope'"):
        resolve("Order.Nope", KNOWN)
    # "Order" alone is no class name: a suffix matches whole dotted parts only
    with pytest.raises(UnknownEndpoint):
        resolve("rder.PlaceOrder", KNOWN)


def test_endpoint_class_by_full_and_short_name() -> None:
    assert endpoint_class(PLACE) is PlaceOrder
    assert endpoint_class("Derivatives\\Contract\\Order\\PlaceOrder") is PlaceOrder
