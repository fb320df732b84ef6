"""``SwapOpenOrders``: the open orders of an HTX coin-margined swap account, a page at a time.

With no ``contract_code`` HTX lists the orders of every contract: the kill switch reads it to
find the contracts that have orders, and to prove, page by page, that none is left.
"""

from __future__ import annotations

from typing import Any

from carpenstar_bybit.Core.Declarations import Choice, Declaration, Integer, Out, Param, Shape
from carpenstar_bybit.Core.Retry import IDEMPOTENT
from carpenstar_bybit.Htx import Validation as htx
from carpenstar_bybit.Htx.Response import HtxResult, MalformedData, as_int

PAGE_SIZE_MAX = 50
SORT_BY = ("created_at", "update_time")
# 0 all, 1 buy long, 2 sell short, 3 buy short, 4 sell long
TRADE_TYPES = (0, 1, 2, 3, 4)


def _page_object(data: Any) -> dict[str, Any]:
    # A list endpoint that sends no page has not said there is nothing on it.
    if not isinstance(data, dict):
        raise MalformedData("data is not an object on a list endpoint")
    return data


class SwapOpenOrdersItems(HtxResult):
    """The orders of one page (``data.orders``), each with its ``order_id_str``."""

    __slots__ = ()

    @classmethod
    def itemsFromData(cls, data: Any) -> list[dict[str, Any]]:
        orders = _page_object(data).get("orders")
        if orders is None:
            raise MalformedData("data.orders is null or missing on a list endpoint")
        if not isinstance(orders, list):
            raise MalformedData("data.orders is not a list")
        items = []
        for index, raw in enumerate(orders):
            if not isinstance(raw, dict):
                raise MalformedData(f"data.orders[{index}] is not an object")
            order_id = raw.get("order_id_str")
            if not isinstance(order_id, str):
                number = as_int(raw.get("order_id"))
                if number is None:
                    raise MalformedData(f"data.orders[{index}] has no order id")
                order_id = str(number)
            if not isinstance(raw.get("contract_code"), str):
                raise MalformedData(f"data.orders[{index}].contract_code is not a string")
            items.append({**raw, "order_id_str": order_id})
        return items

    @classmethod
    def pagesFromData(cls, data: Any) -> dict[str, int]:
        page = _page_object(data)
        pages: dict[str, int] = {}
        for name in ("total_page", "current_page", "total_size"):
            value = as_int(page.get(name))
            if value is None or value < 0:
                raise MalformedData(f"data.{name} is not a whole number")
            pages[name] = value
        return pages


DECLARATION = Declaration(
    name="SwapOpenOrders",
    package="Htx.Swap.Trade",
    path="/swap-api/v1/swap_openorders",
    method="POST",
    private=True,
    summary=(
        "The open orders of one coin-margined swap contract, or of every contract when none is "
        "given, a page (at most 50) at a time."
    ),
    params=(
        Param(
            "ContractCode",
            "contract_code",
            htx.COIN_SWAP_CONTRACT_CODE,
            "Contract code, any case (sent uppercase): BTC-USD; none: every contract",
        ),
        Param("PageIndex", "page_index", Integer(low=1, high=100_000), "Page, from 1"),
        Param(
            "PageSize",
            "page_size",
            Integer(low=1, high=PAGE_SIZE_MAX),
            f"Orders per page, 1 to {PAGE_SIZE_MAX} (HTX's default 20)",
        ),
        Param("SortBy", "sort_by", Choice(SORT_BY), "Newest first by created_at or update_time"),
        Param(
            "TradeType",
            "trade_type",
            Integer(values=TRADE_TYPES),
            "0 all, 1 buy long, 2 sell short, 3 buy short, 4 sell long",
        ),
    ),
    response=Shape(
        "SwapOpenOrdersResponse",
        (
            Out("getOrderId", "order_id_str", "str", "Order id"),
            Out("getClientOrderId", "client_order_id", "int", "Client order id, None when none"),
            Out("getContractCode", "contract_code", "str", "Contract code: BTC-USD"),
            Out("getSymbol", "symbol", "str", "Coin: BTC"),
            Out("getDirection", "direction", "str", "buy or sell"),
            Out("getOffset", "offset", "str", "open or close"),
            Out("getVolume", "volume", "float", "Contracts ordered"),
            Out("getPrice", "price", "float", "Price"),
            Out("getOrderPriceType", "order_price_type", "str", "limit, opponent, post_only, …"),
            Out("getLeverRate", "lever_rate", "int", "Leverage"),
            Out("getTradeVolume", "trade_volume", "float", "Contracts filled"),
            Out("getStatus", "status", "int", "3 submitted, 4 partly filled, 11 cancelling, …"),
            Out("getCreatedAt", "created_at", "datetime", "When the order was made"),
        ),
        root="data.orders",
        doc="One open order of a coin-margined swap contract.",
    ),
    endpoint_base="carpenstar_bybit.Htx.Endpoints:HtxEndpoint",
    response_base="carpenstar_bybit.Htx.Swap.Trade.SwapOpenOrders.Declaration:SwapOpenOrdersItems",
    exchange="htx",
    # A read that HTX takes by POST: sending it again changes nothing.
    replay=IDEMPOTENT,
)
