"""Bases of the request and response DTOs."""

from __future__ import annotations

from typing import Any, ClassVar

from carpenstar_bybit.Core.Converter import converter


class AbstractParameters:
    """Base of request DTOs. ``array()`` checks the request and gives the wire parameters."""

    __slots__ = ()

    def validate(self) -> None:
        """Raise ``SDKException`` naming the field and the rule when the request is incomplete."""

    def array(self) -> dict[str, Any]:
        self.validate()
        return self.wire()

    def wire(self) -> dict[str, Any]:
        """The set fields under their wire names, unchecked."""
        wire: dict[str, Any] = converter.unstructure(self)
        return wire


class AbstractResponse:
    """Base of response DTOs (one item of the exchange's answer).

    ``rootDataKey`` names the list inside ``result`` that holds the items; None means that
    ``result`` itself is the single item.
    """

    __slots__ = ()

    rootDataKey: ClassVar[str | None] = "list"


__all__ = ["AbstractParameters", "AbstractResponse"]
