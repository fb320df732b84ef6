"""Spot in Carpenstar's current PHP line: the ten list answers' wrappers and items, the renamed
getters, and the hooked calls answering ``execute()`` without a mode."""

from __future__ import annotations

import pytest
import requests_mock

from carpenstar_bybit import BybitAPI
from carpenstar_bybit.Core.Exceptions import SDKException
from carpenstar_bybit.Core.Objects import ExceptionResponse, SuccessResponse
from carpenstar_bybit.Core.Response import CurlResponseHandler
from carpenstar_bybit.Spot.Account.WalletBalance.Interfaces import (
    IWalletBalanceResponseInterface,
    IWalletBalanceResponseInterfaces,
    IWalletBalanceResponseItemInterface,
    IWalletBalanceResponseItemInterfaces,
)
from carpenstar_bybit.Spot.Account.WalletBalance.Response import (
    WalletBalanceResponse,
    WalletBalanceResponseItem,
)
from carpenstar_bybit.Spot.LeverageToken.AllAssetInfo.Response import AllAssetInfoResponse
from carpenstar_bybit.Spot.LeverageToken.PurchaseRedeemHistory.Response import (
    PurchaseRedeemHistoryResponse,
)
from carpenstar_bybit.Spot.MarketData.InstrumentInfo.Response import InstrumentInfoResponse
from carpenstar_bybit.Spot.MarketData.Kline.Response import KlineResponse, KlineResponseItem
from carpenstar_bybit.Spot.MarketData.PublicTradingRecords.Response import (
    PublicTradingRecordsResponse,
)
from carpenstar_bybit.Spot.Trade.BatchCancelOrder.Overrides import TestBatchCancelOrder
from carpenstar_bybit.Spot.Trade.BatchCancelOrderById.Response import (
    BatchCancelOrderByIdResponse,
)
from carpenstar_bybit.Spot.Trade.GetOrder import GetOrder
from carpenstar_bybit.Spot.Trade.GetOrder.Request import GetOrderRequest
from carpenstar_bybit.Spot.Trade.GetOrder.Response import GetOrderResponse
from carpenstar_bybit.Spot.Trade.OpenOrders import OpenOrders
from carpenstar_bybit.Spot.Trade.OpenOrders.Request import OpenOrdersRequest
from carpenstar_bybit.Spot.Trade.OpenOrders.Response import (
    OpenOrdersResponse,
    OpenOrdersResponseItem,
)
from carpenstar_bybit.Spot.Trade.OrderHistory.Response import OrderHistoryResponse
from carpenstar_bybit.Spot.Trade.PlaceOrder.Overrides import TestPlaceOrder
from carpenstar_bybit.Spot.Trade.TradeHistory.Response import TradeHistoryResponse

from ..conftest import FROZEN_MS, HOST, KEY, SECRET, envelope

WRAPPERS = [
    (WalletBalanceResponse, "getBalance", {"list": [{"coin": [{"coin": "BTC"}]}]}, "getCoin"),
    (AllAssetInfoResponse, "getAssets", {"list": [{"ltCoin": "BTC3L"}]}, "getLtCode"),
    (PurchaseRedeemHistoryResponse, "getPurchaseHistory", {"list": [{"orderId": "1"}]},
     "getOrderId"),
    (InstrumentInfoResponse, "getInstrumentInfoList", {"list": [{"symbol": "BTCUSDT"}]}, "getName"),
    (KlineResponse, "getKlineList", {"symbol": "BTCUSDT", "list": [["1", "2"]]}, "getOpenPrice"),
    (PublicTradingRecordsResponse, "getRecords", {"list": [{"price": "5"}]}, "getPrice"),
    (BatchCancelOrderByIdResponse, "getErrorOrderList", {"list": [{"orderId": "1"}]}, "getOrderId"),
    (OpenOrdersResponse, "getOpenOrders", {"list": [{"orderId": "1"}]}, "getOrderId"),
    (OrderHistoryResponse, "getOrderHistory", {"list": [{"orderId": "1"}]}, "getOrderId"),
    (TradeHistoryResponse, "getTradeHistory", {"list": [{"orderId": "1"}]}, "getOrderId"),
]  # fmt: skip


@pytest.mark.parametrize(("response", "list_getter", "result", "getter"), WRAPPERS)
def test_the_ten_spot_wrappers_hand_out_their_items(
    response: type, list_getter: str, result: dict[str, object], getter: str
) -> None:
    answer = CurlResponseHandler().build(envelope(result), response)
    assert isinstance(answer, SuccessResponse)
    wrapper = answer.getResult()
    assert type(wrapper) is response
    (item,) = getattr(wrapper, list_getter)()
    assert type(item).__name__ == f"{response.__name__}Item"
    assert getattr(item, getter)() not in (None, "")
    with pytest.raises(SDKException, match=rf"{getter}\(\).*wrapper.*call {list_getter}\(\)"):
        getattr(wrapper, getter)()


def test_kline_items_keep_the_answer_s_symbol() -> None:
    answer = CurlResponseHandler().build(
        envelope({"symbol": "BTCUSDT", "list": [["1670608800000", "17071"]]}), KlineResponse
    )
    assert isinstance(answer, SuccessResponse)
    (item,) = answer.getResult().getKlineList()
    assert isinstance(item, KlineResponseItem)
    assert item.getOpenPrice() == 17071.0


def test_the_renamed_getters_and_interfaces() -> None:
    text = '{"retCode":0,"retMsg":"OK","result":{"success":"0","list":[]}}'
    item = TestBatchCancelOrder().execute(0, text).getBody().fetch()
    assert (item.getSuccess(), item.isSuccess()) == (False, False)  # 2023 and current names
    placed = TestPlaceOrder().execute(0, '{"retCode":0,"result":{"orderId":"1"}}')
    assert placed.getBody().fetch().getOrderType() is None  # V5 answers the ids only
    assert IWalletBalanceResponseInterfaces is IWalletBalanceResponseInterface  # PHP's spelling
    assert IWalletBalanceResponseItemInterfaces is IWalletBalanceResponseItemInterface
    item = CurlResponseHandler().build(
        envelope({"list": [{"coin": [{"coin": "BTC"}]}]}), WalletBalanceResponse
    )
    assert isinstance(item, SuccessResponse)
    assert isinstance(item.getResult().getBalance()[0], WalletBalanceResponseItem)


def test_the_current_line_on_the_wire_and_through_a_hook(mock: requests_mock.Mocker) -> None:
    order = {"orderId": "7", "symbol": "BTCUSDT", "orderStatus": "New"}
    mock.get(f"{HOST}/v5/order/realtime", json=envelope({"list": [order]}))
    api = BybitAPI(clock=lambda: FROZEN_MS).setCredentials(HOST, KEY, SECRET)
    listed = api.privateEndpoint(OpenOrders, OpenOrdersRequest()).execute()
    assert isinstance(listed, SuccessResponse)
    (item,) = listed.getResult().getOpenOrders()
    assert isinstance(item, OpenOrdersResponseItem)
    assert item.getStatus() == "New"
    found = api.privateEndpoint(GetOrder, GetOrderRequest().setOrderId("7")).execute()
    assert isinstance(found, SuccessResponse)
    assert isinstance(found.getResult(), GetOrderResponse)
    mock.get(f"{HOST}/v5/order/realtime", json=envelope({}, 10001, "params error"))
    refused = api.privateEndpoint(GetOrder, GetOrderRequest().setOrderId("7")).execute()
    assert isinstance(refused, ExceptionResponse)  # the current line returns the "no"
    assert refused.getReturnCode() == 10001
    api.close()


def test_every_spot_endpoint_has_a_docs_page_with_its_tables() -> None:
    from pathlib import Path

    from carpenstar_bybit.Core.Registry import ENDPOINTS

    docs = Path(__file__).resolve().parents[2] / "docs_ru"
    pages = "\n".join(p.read_text(encoding="utf-8") for p in docs.glob("bybit-spot-*.md"))
    index = (docs / "README.md").read_text(encoding="utf-8")
    migration = (docs / "migration-php.md").read_text(encoding="utf-8")
    spot = [key for key in ENDPOINTS if key.startswith("Spot.")]
    assert len(spot) == 22
    for key in spot:
        assert f"<!-- declared:request:{key} -->" in pages, key
        assert f"<!-- declared:response:{key} -->" in pages, key
        assert f"`{key}`" in index, key
    assert "## Spot" in migration
