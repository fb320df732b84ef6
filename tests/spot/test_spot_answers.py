"""Each Spot answer read getter by getter, from the V5 docs' response examples (docs/v5/**)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from carpenstar_bybit.Core.Enums import EnumOutputMode
from carpenstar_bybit.Spot.Account.WalletBalance.Overrides import TestWalletBalance
from carpenstar_bybit.Spot.LeverageToken.AllAssetInfo.Overrides import TestAllAssetInfo
from carpenstar_bybit.Spot.LeverageToken.MarketInfo.Overrides import TestMarketInfo
from carpenstar_bybit.Spot.LeverageToken.Purchase.Overrides import TestPurchase
from carpenstar_bybit.Spot.LeverageToken.PurchaseRedeemHistory.Overrides import (
    TestPurchaseRedeemHistory,
)
from carpenstar_bybit.Spot.LeverageToken.Redeem.Overrides import TestReedem
from carpenstar_bybit.Spot.MarketData.BestBidAskPrice.Overrides import TestBestBidAskPrice
from carpenstar_bybit.Spot.MarketData.InstrumentInfo.Overrides import TestInstrumentInfo
from carpenstar_bybit.Spot.MarketData.Kline.Overrides import TestKline
from carpenstar_bybit.Spot.MarketData.LastTradedPrice.Overrides import TestLastTradedPrice
from carpenstar_bybit.Spot.MarketData.MergedOrderBook.Overrides import TestMergedOrderBook
from carpenstar_bybit.Spot.MarketData.OrderBook.Overrides import TestOrderBook
from carpenstar_bybit.Spot.MarketData.PublicTradingRecords.Overrides import (
    TestPublicTradingRecords,
)
from carpenstar_bybit.Spot.MarketData.Tickers.Overrides import TestTickers
from carpenstar_bybit.Spot.Trade.BatchCancelOrder.Overrides import TestBatchCancelOrder
from carpenstar_bybit.Spot.Trade.BatchCancelOrderById.Overrides import TestBatchCancelOrderById
from carpenstar_bybit.Spot.Trade.CancelOrder.Overrides import TestCancelOrder
from carpenstar_bybit.Spot.Trade.GetOrder.Overrides import TestGetOrder
from carpenstar_bybit.Spot.Trade.OpenOrders.Overrides import TestOpenOrders
from carpenstar_bybit.Spot.Trade.OrderHistory.Overrides import TestOrderHistory
from carpenstar_bybit.Spot.Trade.PlaceOrder.Overrides import TestPlaceOrder
from carpenstar_bybit.Spot.Trade.TradeHistory.Overrides import TestTradeHistory


def _env(result: Any, time: int = 1673859087947) -> str:
    return json.dumps(
        {"retCode": 0, "retMsg": "OK", "result": result, "retExtInfo": {}, "time": time}
    )


def _one(override: Any, result: Any) -> Any:
    return override().execute(EnumOutputMode.MODE_ENTITY, _env(result)).getBody().fetch()


def _ms(ms: int) -> datetime:
    return datetime.fromtimestamp(ms / 1000, tz=UTC)


# docs/v5/market/tickers.mdx, the spot example
SPOT_TICKER = {
    "symbol": "BTCUSDT", "bid1Price": "20517.96", "bid1Size": "2", "ask1Price": "20527.77",
    "ask1Size": "1.862172", "lastPrice": "20533.13", "prevPrice24h": "20393.48",
    "price24hPcnt": "0.0068", "highPrice24h": "21128.12", "lowPrice24h": "20318.89",
    "turnover24h": "243765620.65899866", "volume24h": "11801.27771",
    "usdIndexPrice": "20784.12009279",
}  # fmt: skip
TICKERS = {"category": "spot", "list": [SPOT_TICKER]}


def test_best_bid_ask_price() -> None:
    item = _one(TestBestBidAskPrice, TICKERS)
    assert item.getSymbol() == "BTCUSDT"
    assert (item.getBidPrice(), item.getBidQty()) == (20517.96, 2.0)
    assert (item.getAskPrice(), item.getAskQty()) == (20527.77, 1.862172)
    assert item.getTime() is None  # per item none: the answer's getTime() has it
    answer = TestBestBidAskPrice().execute(EnumOutputMode.MODE_ENTITY, _env(TICKERS))
    assert answer.getTime() == _ms(1673859087947)


def test_last_traded_price_and_tickers() -> None:
    last = _one(TestLastTradedPrice, TICKERS)
    assert (last.getSymbol(), last.getPrice()) == ("BTCUSDT", 20533.13)
    item = _one(TestTickers, TICKERS)
    assert (item.getSymbol(), item.getLastTradedPrice()) == ("BTCUSDT", 20533.13)
    assert (item.getHighPrice(), item.getLowPrice()) == (21128.12, 20318.89)
    assert item.getOpenPrice() == 20393.48
    assert (item.getBestBidPrice(), item.getBestAskPrice()) == (20517.96, 20527.77)
    assert item.getTradingVolume() == 11801.27771
    assert item.getTradingQuoteVolume() == 243765620.65899866
    assert item.getTime() is None


def test_instrument_info_reads_the_nested_filters() -> None:
    # docs/v5/market/instrument.mdx, the spot example
    item = _one(
        TestInstrumentInfo,
        {"category": "spot", "list": [{
            "symbolId": 9, "symbol": "BTCUSDT", "baseCoin": "BTC", "quoteCoin": "USDT",
            "innovation": "0", "status": "Trading", "marginTrading": "utaOnly", "stTag": "0",
            "lotSizeFilter": {
                "basePrecision": "0.000001", "quotePrecision": "0.0000001",
                "minOrderQty": "0.000011", "maxOrderQty": "83", "minOrderAmt": "5",
                "maxOrderAmt": "8000000", "maxLimitOrderQty": "83", "maxMarketOrderQty": "41.5",
            },
            "priceFilter": {"tickSize": "0.1"},
        }]},
    )  # fmt: skip
    assert (item.getName(), item.getBaseCoin(), item.getQuoteCoin()) == ("BTCUSDT", "BTC", "USDT")
    assert (item.getBasePrecision(), item.getQuotePrecision()) == (0.000001, 0.0000001)
    assert (item.getMinTradeQty(), item.getMaxTradeQty()) == (0.000011, 83.0)
    assert (item.getMinTradeAmt(), item.getMaxTradeAmt()) == (5.0, 8000000.0)
    assert item.getMinPricePrecision() == 0.1
    assert (item.getShowStatus(), item.getInnovation()) == ("Trading", 0)
    assert (item.getAlias(), item.getCategory()) == (None, None)


def test_kline_rows_and_the_symbol_of_the_answer() -> None:
    # docs/v5/market/kline.mdx (rows as in the example, for a spot symbol)
    answer = TestKline().execute(
        EnumOutputMode.MODE_ENTITY,
        _env({"symbol": "BTCUSDT", "category": "spot", "list": [
            ["1670608800000", "17071", "17073", "17027", "17055.5", "268611", "15.74462667"],
            ["1670605200000", "17071.5", "17071.5", "17061", "17071", "4177", "0.24469757"],
        ]}),
    )  # fmt: skip
    first, second = answer.getBody().all()
    assert first.getTime() == _ms(1670608800000)
    assert (first.getSymbol(), second.getSymbol(), first.getAlias()) == ("BTCUSDT", "BTCUSDT", None)
    assert (first.getOpenPrice(), first.getHighPrice()) == (17071.0, 17073.0)
    assert (first.getLowPrice(), first.getClosePrice()) == (17027.0, 17055.5)
    assert (first.getTradingVolume(), first.getTurnover()) == (268611.0, 15.74462667)
    rows = TestKline().execute(EnumOutputMode.MODE_ARRAY, _env({"list": [["1", "2"]]}))
    assert rows.getBody().all() == [["1", "2"]]  # array mode: the rows as sent


# docs/v5/market/orderbook.mdx
BOOK = {
    "s": "BTCUSDT", "a": [["65557.7", "16.606555"]], "b": [["65485.47", "47.081829"]],
    "ts": 1716863719031, "u": 230704, "seq": 1432604333, "cts": 1716863718905,
}  # fmt: skip


def test_order_books() -> None:
    for override in (TestOrderBook, TestMergedOrderBook):  # merged: read as given here
        book = _one(override, BOOK)
        assert book.getTime() == _ms(1716863719031)
        ((bid,), (ask,)) = (book.getBids(), book.getAsks())
        assert (bid.getPrice(), bid.getQuantity()) == (65485.47, 47.081829)
        assert (ask.getPrice(), ask.getQuantity()) == (65557.7, 16.606555)
        assert (book.getSymbol(), book.getUpdateId()) == ("BTCUSDT", 230704)


def test_public_trading_records() -> None:
    # docs/v5/market/recent-trade.mdx
    item = _one(
        TestPublicTradingRecords,
        {"category": "spot", "list": [{
            "execId": "2100000000007764263", "symbol": "BTCUSDT", "price": "16618.49",
            "size": "0.00012", "side": "Buy", "time": "1672052955758", "isBlockTrade": False,
            "isRPITrade": True, "seq": "123456",
        }]},
    )  # fmt: skip
    assert (item.getPrice(), item.getQuantity()) == (16618.49, 0.00012)
    assert item.getTime() == _ms(1672052955758)
    assert (item.getType(), item.getIsBuyerMaker()) == (False, None)
    assert (item.getSide(), item.getExecId()) == ("Buy", "2100000000007764263")


SPOT_ORDER = {
    "orderId": "1321052653536515584", "orderLinkId": "1672217748277652", "symbol": "BTCUSDT",
    "price": "16500", "qty": "0.000296", "side": "Buy", "isLeverage": "0",
    "orderStatus": "PartiallyFilled", "avgPrice": "16498.5", "leavesQty": "0.000096",
    "leavesValue": "1.584", "cumExecQty": "0.0002", "cumExecValue": "3.2997",
    "timeInForce": "GTC", "orderType": "Limit", "stopOrderType": "tpslOrder",
    "triggerPrice": "16400", "createdTime": "1672217748287", "updatedTime": "1672217748300",
}  # fmt: skip


def _check_order(order: Any) -> None:
    assert (order.getOrderId(), order.getOrderLinkId()) == (
        "1321052653536515584",
        "1672217748277652",
    )
    assert (order.getSymbol(), order.getSide(), order.getOrderType()) == ("BTCUSDT", "Buy", "Limit")
    assert (order.getOrderPrice(), order.getOrderQty()) == (16500.0, 0.000296)
    assert (order.getExecQty(), order.getCummulativeQuoteQty()) == (0.0002, 3.2997)
    assert (order.getAvgPrice(), order.getStatus()) == (16498.5, "PartiallyFilled")
    assert (order.getTimeInForce(), order.getStopPrice()) == ("GTC", 16400.0)
    assert order.getCreateTime() == _ms(1672217748287)
    assert order.getUpdateTime() == _ms(1672217748300)
    assert (order.getAccountId(), order.getIsWorking()) == (None, None)


def test_orders_of_get_order_open_orders_and_history() -> None:
    result = {"category": "spot", "list": [SPOT_ORDER], "nextPageCursor": "c%3D1"}
    got = _one(TestGetOrder, result)
    _check_order(got)
    assert got.getLocked() is None
    for override in (TestOpenOrders, TestOrderHistory):
        answer = override().execute(EnumOutputMode.MODE_ENTITY, _env(result))
        assert answer.getNextPageCursor() == "c%3D1"
        item = answer.getBody().fetch()
        _check_order(item)
        assert (item.getOrderCategory(), item.getTriggerPrice()) == ("tpslOrder", 16400.0)


def test_place_and_cancel_answers_carry_the_ids() -> None:
    ids = {"orderId": "1321003749386327552", "orderLinkId": "spot-test-postonly"}
    for override in (TestPlaceOrder, TestCancelOrder):
        item = _one(override, ids)
        assert (item.getOrderId(), item.getOrderLinkId()) == tuple(ids.values())
        assert item.getSymbol() is None  # V5 answers the ids only
    assert _one(TestPlaceOrder, ids).getStatusgetOrderType() is None  # PHP's name kept


def test_trade_history() -> None:
    # docs/v5/order/execution.mdx, as a spot fill
    item = _one(
        TestTradeHistory,
        {"category": "spot", "nextPageCursor": "", "list": [{
            "symbol": "BTCUSDT", "orderType": "Market", "orderLinkId": "", "side": "Buy",
            "orderId": "8c065341", "leavesQty": "0", "execTime": "1672282722429",
            "feeCurrency": "BTC", "isMaker": False, "execFee": "0.0000001", "feeRate": "0.001",
            "execId": "e0cbe81d", "execPrice": "1190.15", "orderQty": "0.1",
            "orderPrice": "1236.9", "execValue": "119.015", "execType": "Trade", "execQty": "0.1",
        }]},
    )  # fmt: skip
    assert (item.getSymbol(), item.getOrderId(), item.getTradeId()) == (
        "BTCUSDT",
        "8c065341",
        "e0cbe81d",
    )
    assert (item.getOrderPrice(), item.getOrderQty()) == (1190.15, 0.1)  # the fill's
    assert (item.getExecFee(), item.getFeeTokenId()) == (0.0000001, "BTC")
    assert item.getExecutionTime() == item.getCreatTime() == _ms(1672282722429)
    assert (item.getIsMaker(), item.getSide(), item.getId(), item.getIsBuyer()) == (
        False, "Buy", None, None,
    )  # fmt: skip


def test_batch_cancel_answers() -> None:
    item = _one(
        TestBatchCancelOrder,
        {"success": "1", "list": [{"orderId": "1", "orderLinkId": "a", "code": 0, "msg": "OK"}]},
    )
    assert item.getSuccess() is True
    (order,) = item.getList()
    assert (order.getOrderId(), order.getOrderLinkId(), order.getCode()) == ("1", "a", 0)
    failed = _one(
        TestBatchCancelOrderById,
        {
            "list": [
                {
                    "orderId": "2",
                    "symbol": "BTCUSDT",
                    "code": 170213,
                    "msg": "Order does not exist.",
                }
            ]
        },
    )
    assert (failed.getOrderId(), failed.getCode(), failed.getSymbol()) == ("2", "170213", "BTCUSDT")


def test_wallet_balance_one_item_per_coin() -> None:
    # docs/v5/account/wallet-balance.mdx
    item = _one(
        TestWalletBalance,
        {"list": [{"accountType": "UNIFIED", "totalEquity": "3.31216591", "coin": [{
            "availableToBorrow": "3", "equity": "0.5", "walletBalance": "0.5", "locked": "0.01",
            "coin": "BTC", "free": "", "usdValue": "0",
        }]}]},
    )  # fmt: skip
    assert (item.getCoin(), item.getTotal(), item.getLocked()) == ("BTC", 0.5, 0.01)
    assert (item.getFree(), item.getCoinId(), item.getEquity()) == (None, None, 0.5)


def test_leverage_token_answers() -> None:
    # docs/v5/lt/*.mdx
    info = _one(
        TestAllAssetInfo,
        {"list": [{
            "fundFee": "299.70622821", "fundFeeTime": "1672992000000", "ltCoin": "BTC3L",
            "ltName": "3X Long", "ltStatus": "1", "manageFeeRate": "0.00005",
            "manageFeeTime": "1673053200000", "maxPurchase": "10000", "maxPurchaseDaily": "200000",
            "maxRedeem": "14434", "maxRedeemDaily": "2100000", "minPurchase": "100",
            "minRedeem": "144", "netValue": "0.376482201140738147", "purchaseFeeRate": "0.0005",
            "redeemFeeRate": "0.0005", "total": "5000000", "value": "49464463114.02",
        }]},
    )  # fmt: skip
    assert (info.getLtCode(), info.getLtName(), info.getStatus()) == ("BTC3L", "3X Long", "1")
    assert (info.getMinRedeem(), info.getMaxRedeem(), info.getTotal()) == (144.0, 14434.0, 5e6)
    assert info.getFundFeeTime() == _ms(1672992000000)
    market = _one(
        TestMarketInfo,
        {"basket": "-132.46", "circulation": "30097.9", "leverage": "-2.66", "ltCoin": "BTC3S",
         "nav": "27.69", "navTime": "1672991679858"},
    )  # fmt: skip
    assert (market.getLtCode(), market.getNav(), market.getLeverage()) == ("BTC3S", 27.69, -2.66)
    bought = _one(
        TestPurchase,
        {"amount": "200", "execAmt": "", "execQty": "", "ltCoin": "EOS3L", "ltOrderStatus": "2",
         "purchaseId": "2611", "serialNo": "purchase-001", "valueCoin": "USDT"},
    )  # fmt: skip
    assert (bought.getId(), bought.getAmount(), bought.getOrderAmount()) == ("2611", 200.0, None)
    assert (bought.getOrderStatus(), bought.getTimestamp()) == (2, None)
    redeemed = _one(
        TestReedem,
        {"execAmt": "", "execQty": "150", "ltCoin": "EOS3L", "ltOrderStatus": "2",
         "quantity": "", "redeemId": "2619", "serialNo": "redeem-001", "valueCoin": "EOS3L"},
    )  # fmt: skip
    assert (redeemed.getId(), redeemed.getOrderQuantity(), redeemed.getQuantity()) == (
        "2619", 150.0, None,
    )  # fmt: skip
    record = _one(
        TestPurchaseRedeemHistory,
        {"list": [{"amount": "222.90757477", "fee": "0", "ltCoin": "EOS3L", "ltOrderStatus": "1",
                   "ltOrderType": "1", "orderId": "2611", "orderTime": "1672737465000",
                   "serialNo": "pruchase-002", "updateTime": "1672737478000",
                   "value": "95.13860435", "valueCoin": "USDT"}]},
    )  # fmt: skip
    assert (record.getOrderType(), record.getOrderStatus(), record.getFee()) == (1, 1, 0.0)
    assert record.getExecTime() == _ms(1672737478000)


def test_php_setters_of_fields_v5_does_not_send_are_read_back() -> None:
    # PHP's items had public setters for v3 fields V5 never sends: what was set is what is read,
    # and an answer alone reads None (never a key of the same name V5 might add later).
    from carpenstar_bybit.Spot.Trade.CancelOrder.Response import CancelOrderResponse
    from carpenstar_bybit.Spot.Trade.OpenOrders.Response import OpenOrdersResponse
    from carpenstar_bybit.Spot.Trade.PlaceOrder.Response import PlaceOrderResponse

    item = OpenOrdersResponse.fromItem({"orderId": "1", "accountId": 7, "isWorking": 1})
    assert (item.getAccountId(), item.getIsWorking()) == (None, None)
    assert item.setAccountId(533287).setIsWorking(1) is item
    assert (item.getAccountId(), item.getIsWorking(), item.getOrderId()) == (533287, 1, "1")
    placed = PlaceOrderResponse.fromItem({"orderId": "2", "orderLinkId": "a"})
    placed.setOrderPrice(70000.5).setOrderCategory(1).setTriggerPrice(69000.0)
    assert (placed.getOrderPrice(), placed.getOrderCategory(), placed.getTriggerPrice()) == (
        70000.5,
        1,
        69000.0,
    )
    cancelled = CancelOrderResponse.fromItem({"orderId": "3"})
    assert cancelled.getSide() is None
    assert cancelled.setSide("Buy").getSide() == "Buy"
