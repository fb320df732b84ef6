"""V5 batch calls: a body whose ``request`` is a list of another endpoint's requests, and an
answer whose every item carries its own outcome.

V5's create-, amend- and cancel-batch answer ``retCode`` 0 whenever the call itself was taken,
even when Bybit refused every order in it: the truth per order is ``retExtInfo.list[i]``
(``{code, msg}``) beside ``result.list[i]``. So a batch never raises for its items: each item of
the answer reads ``getCode()``, ``getMessage()`` and ``isSuccess()``, and the answer
(``BatchResponseDto``) says ``getSuccess()`` only when every item succeeded, with
``getFailed()`` / ``getSucceeded()`` in request order (botocore's Successful/Failed, as one list
with an outcome per item). ``raiseForFailures()`` turns refused items into a ``BatchException``
for a bot that wants an exception.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from carpenstar_bybit.Core.Declarations import Batch
from carpenstar_bybit.Core.Exceptions import ApiException, SDKException, SDKTypeError
from carpenstar_bybit.Core.Objects import AbstractParameters, AbstractResponse


class BatchParameters(AbstractParameters):
    """Base of a batch request: the category, then the items (each another endpoint's request)."""

    __slots__ = ()

    ITEM_CLASS: ClassVar[type[AbstractParameters]] = AbstractParameters
    items: list[Any]

    @classmethod
    def _batch(cls) -> Batch:
        declaration = cls.DECLARATION
        if declaration is None or declaration.batch is None:
            raise SDKException(f"{cls.__name__}: not declared as a batch")
        return declaration.batch

    def _accept_items(self, requests: Sequence[Any]) -> list[Any]:
        wire = self._batch().wire
        if isinstance(requests, str | bytes) or not isinstance(requests, Sequence):
            raise SDKTypeError(
                f"{type(self).__name__}.{wire}: must be a list of {self.ITEM_CLASS.__name__}, "
                f"got {type(requests).__name__}"
            )
        for index, request in enumerate(requests):
            if not isinstance(request, self.ITEM_CLASS):
                raise SDKTypeError(
                    f"{type(self).__name__}.{wire}[{index}]: must be a "
                    f"{self.ITEM_CLASS.__name__}, got {type(request).__name__}"
                )
        return list(requests)

    def validate(self, category: str | None = None) -> None:
        super().validate(category)
        batch = self._batch()
        items = self._accept_items(self.items)
        told = self.resolveCategory()
        if told is None:  # pragma: no cover - a batch declares its categories
            raise self.fail("category", "is required")
        most = batch.limits[told]
        if not items:
            raise self.fail(batch.wire, f"needs 1 to {most} items (got none)")
        if len(items) > most:
            raise self.fail(
                batch.wire, f"takes at most {most} items for category {told!r} (got {len(items)})"
            )
        for index, item in enumerate(items):
            try:
                item.validate(told)
                for wire in batch.refused:
                    if item._value(wire) is not None:
                        raise item.fail(wire, "is not taken in a batch")
            except SDKException as exc:
                raise type(exc)(f"{type(self).__name__}.{batch.wire}[{index}]: {exc}") from None

    def wire(self, with_category: bool = True) -> dict[str, Any]:
        items = [item.wire(with_category=False) for item in self.items]
        return {**super().wire(with_category), self._batch().wire: items}


class BatchItemResponse(AbstractResponse):
    """One item of a batch answer: ``result.list[i]``, read beside ``retExtInfo.list[i]``."""

    __slots__ = ()

    # Where the per-item outcomes sit in the envelope; the handler pairs them with the items.
    OUTCOMES: ClassVar[str] = "retExtInfo.list"

    def isSuccess(self) -> bool:
        """True when Bybit took this item (code 0); an item with no outcome is not a success."""
        parent = getattr(self, "_parent", None)
        if not isinstance(parent, dict):
            return False
        code = parent.get("code")
        return isinstance(code, int) and not isinstance(code, bool) and code == 0


class BatchException(ApiException):
    """Items of a batch that Bybit refused; ``failures`` holds (index, code, message) of each."""

    def __init__(self, message: str, failures: list[tuple[int, int | None, str]]) -> None:
        first = failures[0][1] if failures else None
        super().__init__(message, code=first or 0, ret_code=first)
        self.failures = failures


__all__ = ["BatchException", "BatchItemResponse", "BatchParameters"]
