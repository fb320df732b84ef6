"""V5's batch calls on the sandbox: create-, amend- and cancel-batch, answered item by item.

Each item goes through the single-order action with the batch's category; a refused item does not
fail the call: its ``result.list`` entry keeps the ids it was sent with (orderId empty) and its
``retExtInfo.list`` entry carries the code and message, as Bybit answers.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from .exchange import ApiError, params_error

# Most items per call, by category (V5 docs: 20 option, inverse, linear; 10 spot).
LIMITS = {"linear": 20, "inverse": 20, "option": 20, "spot": 10}

Single = Callable[[str, Mapping[str, object], int], Mapping[str, object]]


@dataclass(frozen=True, slots=True)
class WithOutcomes:
    """An answer whose ``retExtInfo`` holds one outcome per item."""

    result: dict[str, object]
    outcomes: list[dict[str, object]]


def batch(single: Single, stamped: bool) -> Callable[[str, Mapping[str, object], int], object]:
    """The batch action over a single-order one; ``stamped``: items carry ``createAt``."""

    def action(api_key: str, params: Mapping[str, object], now_ms: int) -> WithOutcomes:
        category = params.get("category")
        if not isinstance(category, str) or category not in LIMITS:
            raise params_error("category must be one of linear, inverse, option, spot")
        items = params.get("request")
        if not isinstance(items, list) or not items:
            raise params_error("request must be a non-empty list of orders")
        if len(items) > LIMITS[category]:
            raise params_error(
                f"too many orders: at most {LIMITS[category]} for category {category}"
            )
        listed: list[dict[str, object]] = []
        outcomes: list[dict[str, object]] = []
        for item in items:
            sent: dict[str, Any] = item if isinstance(item, dict) else {}
            entry: dict[str, object] = {
                "category": category,
                "symbol": sent.get("symbol", "") if isinstance(sent.get("symbol"), str) else "",
                "orderId": "",
                "orderLinkId": sent.get("orderLinkId", "")
                if isinstance(sent.get("orderLinkId"), str)
                else "",
            }
            try:
                if not isinstance(item, dict):
                    raise params_error("each order must be an object")
                if "category" in item:
                    raise params_error("category goes on the batch, not on its orders")
                ids = single(api_key, {**item, "category": category}, now_ms)
                entry.update(ids)
                outcomes.append({"code": 0, "msg": "OK"})
            except ApiError as exc:
                outcomes.append({"code": exc.code, "msg": exc.message})
            if stamped:
                entry["createAt"] = str(now_ms) if entry["orderId"] else ""
            listed.append(entry)
        return WithOutcomes({"list": listed}, outcomes)

    return action


__all__ = ["LIMITS", "WithOutcomes", "batch"]
