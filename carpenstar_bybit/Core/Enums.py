"""Enumerations with the PHP names and values."""

from __future__ import annotations

from typing import Final


class EnumOutputMode:
    """What ``rest()`` puts in the response body.

    The 2023 line's values are kept: core 5.1 renumbered ``MODE_JSON`` to 1 and dropped
    ``MODE_ARRAY`` and ``DEFAULT_MODE``, but nothing in that line reads the enum (its
    ``execute()`` takes no mode), so a constant keeps one value: ``MODE_JSON`` is 2.
    """

    MODE_ENTITY: Final = 0  # response DTOs (EntityCollection)
    MODE_ARRAY: Final = 1  # plain dicts as the exchange sent them (ArrayCollection)
    MODE_JSON: Final = 2  # the raw body text (StringCollection with one item)
    DEFAULT_MODE: Final = MODE_ENTITY

    ALL: Final = (MODE_ENTITY, MODE_ARRAY, MODE_JSON)


class EnumHttpMethods:
    GET: Final = "GET"
    POST: Final = "POST"


class EnumDerivativesCategory:
    CATEGORY_PRODUCT_LINEAR: Final = "linear"
    CATEGORY_PRODUCT_INVERSE: Final = "inverse"
    CATEGORY_PRODUCT_OPTION: Final = "option"


class EnumCategory:
    """Every V5 category (the PHP derivatives enum lacks spot)."""

    LINEAR: Final = "linear"
    INVERSE: Final = "inverse"
    SPOT: Final = "spot"
    OPTION: Final = "option"

    ALL: Final = (LINEAR, INVERSE, SPOT, OPTION)


class EnumOrderFilter:
    ORDER: Final = "Order"
    STOP_ORDER: Final = "StopOrder"
    TPSL_ORDER: Final = "tpslOrder"
    OPEN_ORDER: Final = "OpenOrder"
    OCO_ORDER: Final = "OcoOrder"
    BIDIRECTIONAL_TPSL_ORDER: Final = "BidirectionalTpslOrder"


class EnumStopOrderType:
    STOP: Final = "Stop"


class EnumSide:
    BUY: Final = "Buy"
    SELL: Final = "Sell"

    ORDER_SIDE_LIST: Final = (BUY, SELL)


class EnumOrderType:
    """V5 order types. ``LIMIT_MAKER`` is PHP's spot value: refused on the contract endpoints."""

    LIMIT: Final = "Limit"
    MARKET: Final = "Market"
    LIMIT_MAKER: Final = "Limit_maker"

    ORDER_TYPE_LIST: Final = (LIMIT, MARKET)


class EnumTimeInForce:
    """V5 values under V5's names and under PHP's (the same names in both PHP lines).

    Each PHP constant holds the V5 value its name means, so a bot that sends one or compares an
    answer's ``getTimeInForce()`` with one is right on V5: ``GOOD_TILL_CANCELED_SHORT`` and
    ``GOOD_TILL_CANCELED_FULL`` are both ``"GTC"``. PHP gave the ``*_FULL`` names v3's spellings
    (``"GoodTillCancel"``, ``"ImmediateOrCancel"``, and ``"FillOrKlii"`` for FOK, sic), which V5
    does not take; those strings are still taken by ``setTimeInForce`` and sent as V5's. PHP's
    ``TIME_IN_FORCE_LIST_FULL`` names IOC twice and FOK never: here it holds the three it meant.
    """

    GOOD_TILL_CANCELED: Final = "GTC"
    IMMEDIATE_OR_CANCEL: Final = "IOC"
    FILL_OR_KILL: Final = "FOK"
    POST_ONLY: Final = "PostOnly"
    RETAIL_PRICE_IMPROVEMENT: Final = "RPI"

    # PHP's names (core 3.0.5 and 5.1.1.0)
    GOOD_TILL_CANCELED_SHORT: Final = GOOD_TILL_CANCELED
    IMMEDIATE_OR_CANCEL_SHORT: Final = IMMEDIATE_OR_CANCEL
    FILL_OR_KILL_SHORT: Final = FILL_OR_KILL
    GOOD_TILL_CANCELED_FULL: Final = GOOD_TILL_CANCELED
    IMMEDIATE_OR_CANCEL_FULL: Final = IMMEDIATE_OR_CANCEL
    FILL_OR_KILL_FULL: Final = FILL_OR_KILL
    TIME_IN_FORCE_LIST_SHORT: Final = (
        GOOD_TILL_CANCELED_SHORT,
        IMMEDIATE_OR_CANCEL_SHORT,
        FILL_OR_KILL_SHORT,
    )
    TIME_IN_FORCE_LIST_FULL: Final = (
        GOOD_TILL_CANCELED_FULL,
        IMMEDIATE_OR_CANCEL_FULL,
        FILL_OR_KILL_FULL,
    )

    # Earlier names of this port for the same values, kept.
    GOOD_TILL_CANCEL_SHORT: Final = GOOD_TILL_CANCELED_SHORT
    GOOD_TILL_CANCEL_FULL: Final = GOOD_TILL_CANCELED_FULL

    TIME_IN_FORCE_LIST: Final = (
        GOOD_TILL_CANCELED,
        IMMEDIATE_OR_CANCEL,
        FILL_OR_KILL,
        POST_ONLY,
        RETAIL_PRICE_IMPROVEMENT,
    )
    # v3 spelling (PHP's *_FULL values, its "FillOrKlii" included) -> V5 value
    V3_SPELLINGS: Final = {
        "GoodTillCancel": GOOD_TILL_CANCELED,
        "ImmediateOrCancel": IMMEDIATE_OR_CANCEL,
        "FillOrKill": FILL_OR_KILL,
        "FillOrKlii": FILL_OR_KILL,
    }


class EnumTriggerDirection:
    DIRECTION_UP: Final = 1  # triggers when the price rises to triggerPrice
    DIRECTION_DOWN: Final = 2  # triggers when the price falls to triggerPrice

    DIRECTION_LIST: Final = (DIRECTION_UP, DIRECTION_DOWN)


class EnumTriggerPriceType:
    PRICE_TYPE_LAST: Final = "LastPrice"
    PRICE_TYPE_MARK: Final = "MarkPrice"
    PRICE_TYPE_INDEX: Final = "IndexPrice"

    PRICE_TYPE_LIST: Final = (PRICE_TYPE_LAST, PRICE_TYPE_MARK, PRICE_TYPE_INDEX)


class EnumTPSLModes:
    MODE_FULL: Final = "Full"
    MODE_PARTIAL: Final = "Partial"

    MODE_LIST: Final = (MODE_FULL, MODE_PARTIAL)


class EnumIntervals:
    """Kline intervals: each constant is the V5 value its name means (minutes as digits, ``D``,
    ``W``, ``M``), as in Carpenstar's current line (core 5.1).

    The 2023 line (core 3.0.5) gave the same names v3-spot spellings (``HOUR_1 = '1h'``), which
    V5 does not take, and spelt both ``MINUTE1`` and ``MONTH_1`` ``'1m'``. Those literals are
    still taken and sent as V5's (``'1h'`` → ``60``), and ``'1m'`` is read as one minute, because
    a bot that passes ``'1m'`` by hand most likely means a minute; ``MONTH_1`` itself is ``'M'``,
    a month, and so is v3's ``'1M'``.
    """

    MINUTE1: Final = "1"
    MINUTE_3: Final = "3"
    MINUTE_5: Final = "5"
    MINUTE_15: Final = "15"
    MINUTE_30: Final = "30"
    HOUR_1: Final = "60"
    HOUR_2: Final = "120"
    HOUR_4: Final = "240"
    HOUR_6: Final = "360"
    HOUR_12: Final = "720"
    DAY_1: Final = "D"
    WEEK_1: Final = "W"
    MONTH_1: Final = "M"

    DAY: Final = DAY_1
    WEEK: Final = WEEK_1
    MONTH: Final = MONTH_1

    INTERVALS_LIST: Final = (
        MINUTE1, MINUTE_3, MINUTE_5, MINUTE_15, MINUTE_30, HOUR_1, HOUR_2, HOUR_4, HOUR_6,
        HOUR_12, DAY_1, WEEK_1, MONTH_1,
    )  # fmt: skip
    # The 2023 line's values (v3 spot spellings) -> V5 value; "1m" was MINUTE1 and MONTH_1 there
    PHP_SPELLINGS: Final = {
        "1m": "1", "3m": "3", "5m": "5", "15m": "15", "30m": "30", "1h": "60", "2h": "120",
        "4h": "240", "6h": "360", "12h": "720", "1d": "D", "1w": "W", "1M": "M",
    }  # fmt: skip

    # Open interest: V5's intervalTime values. PHP sent its digits + "min" (5 -> 5min, but
    # 1h -> 1min): its digits, the constants above and the kline values that mean the same
    # span are taken and sent as V5's.
    INTERVAL_TIME_LIST: Final = ("5min", "15min", "30min", "1h", "4h", "1d")
    INTERVAL_TIME_SPELLINGS: Final = {
        "5": "5min", "15": "15min", "30": "30min", "60": "1h", "240": "4h", "D": "1d",
        "5m": "5min", "15m": "15min", "30m": "30min",
    }  # fmt: skip


class EnumInstrumentStatus:
    PRE_LAUNCH: Final = "PreLaunch"
    TRADING: Final = "Trading"
    DELIVERING: Final = "Delivering"
    CLOSED: Final = "Closed"

    STATUS_LIST: Final = (PRE_LAUNCH, TRADING, DELIVERING, CLOSED)


class EnumSymbolType:
    """instruments-info ``symbolType``: linear/inverse innovation, commodity, stock, forex;
    spot innovation, adventure, xstocks."""

    INNOVATION: Final = "innovation"
    COMMODITY: Final = "commodity"
    STOCK: Final = "stock"
    FOREX: Final = "forex"
    ADVENTURE: Final = "adventure"
    XSTOCKS: Final = "xstocks"

    SYMBOL_TYPE_LIST: Final = (INNOVATION, COMMODITY, STOCK, FOREX, ADVENTURE, XSTOCKS)


class EnumOptionType:
    CALL: Final = "Call"
    PUT: Final = "Put"

    OPTION_TYPE_LIST: Final = (CALL, PUT)


class EnumCategoryList:
    CATEGORY_SPOT: Final = "spot"
    CATEGORY_PERPETUAL: Final = "linear"
    CATEGORY_INVERSE: Final = "inverse"
    CATEGORY_OPTION: Final = "option"

    CATEGORY_LIST: Final = (CATEGORY_INVERSE, CATEGORY_OPTION, CATEGORY_PERPETUAL, CATEGORY_SPOT)


class EnumOrderCategory:
    NORMAL_ORDER: Final = 0
    TPSL_ORDER: Final = 1


# -- positions and the account ---------------------------------------------------------------


class EnumPositionIdx:
    ONE_WAY: Final = 0
    HEDGE_BUY: Final = 1
    HEDGE_SELL: Final = 2

    POSITION_IDX_LIST: Final = (ONE_WAY, HEDGE_BUY, HEDGE_SELL)


class EnumPositionMode:
    """``mode`` of /v5/position/switch-mode (PHP's setPositionMode)."""

    MERGED_SINGLE: Final = 0  # one-way
    BOTH_SIDES: Final = 3  # hedge

    MODE_LIST: Final = (MERGED_SINGLE, BOTH_SIDES)


class EnumTradeMode:
    CROSS_MARGIN: Final = 0
    ISOLATED_MARGIN: Final = 1

    TRADE_MODE_LIST: Final = (CROSS_MARGIN, ISOLATED_MARGIN)


class EnumAutoAddMargin:
    OFF: Final = 0
    ON: Final = 1

    AUTO_ADD_MARGIN_LIST: Final = (OFF, ON)


class EnumExecType:
    """Execution types /v5/execution/list can filter by (``UNKNOWN`` cannot be queried)."""

    TRADE: Final = "Trade"
    ADL_TRADE: Final = "AdlTrade"
    FUNDING: Final = "Funding"
    BUST_TRADE: Final = "BustTrade"
    DELIVERY: Final = "Delivery"
    SETTLE: Final = "Settle"
    BLOCK_TRADE: Final = "BlockTrade"
    MOVE_POSITION: Final = "MovePosition"
    FUTURE_SPREAD: Final = "FutureSpread"
    CORPORATE_ACTION: Final = "CorporateAction"

    EXEC_TYPE_LIST: Final = (
        TRADE, ADL_TRADE, FUNDING, BUST_TRADE, DELIVERY, SETTLE, BLOCK_TRADE, MOVE_POSITION,
        FUTURE_SPREAD, CORPORATE_ACTION,
    )  # fmt: skip


class EnumAccountType:
    UNIFIED: Final = "UNIFIED"
    CONTRACT: Final = "CONTRACT"  # the inverse derivatives wallet of a unified account 1.0 only

    ACCOUNT_TYPE_LIST: Final = (UNIFIED, CONTRACT)


class EnumOrderStatus:
    """V5 order statuses (``/docs/v5/enum#orderstatus``); v3's Created, PendingCancel, Active
    are gone."""

    NEW: Final = "New"
    PARTIALLY_FILLED: Final = "PartiallyFilled"
    UNTRIGGERED: Final = "Untriggered"
    REJECTED: Final = "Rejected"
    PARTIALLY_FILLED_CANCELED: Final = "PartiallyFilledCanceled"  # spot only
    FILLED: Final = "Filled"
    CANCELLED: Final = "Cancelled"
    TRIGGERED: Final = "Triggered"
    DEACTIVATED: Final = "Deactivated"

    OPEN_LIST: Final = (NEW, PARTIALLY_FILLED, UNTRIGGERED)
    CLOSED_LIST: Final = (
        REJECTED,
        PARTIALLY_FILLED_CANCELED,
        FILLED,
        CANCELLED,
        TRIGGERED,
        DEACTIVATED,
    )
    STATUS_LIST: Final = OPEN_LIST + CLOSED_LIST


# -- streams (the websocket enums core 5.1 moved into Core; values are V5's) -------------------


class WebSocketHostEnum:
    """Bybit's stream hosts. PHP's were ``ws://`` (no TLS) and V3's; these are V5's ``wss://``."""

    WEBSOCKET_HOST_DEV: Final = "wss://stream-testnet.bybit.com/"
    WEBSOCKET_HOST_PROD: Final = "wss://stream.bybit.com/"
    WEBSOCKET_HOST_DEMO: Final = "wss://stream-demo.bybit.com/"  # private streams only


class WebSocketOperationsEnum:
    SUBSCRIBE: Final = "subscribe"
    UNSUBSCRIBE: Final = "unsubscribe"
    AUTH: Final = "auth"
    PING: Final = "ping"


class WebSocketOrderBookDepth:
    """V5 book depths of spot, linear and inverse (options: 25 and 100). PHP's ``DEPTH_500``
    is no V5 depth and is refused; PHP's spot depth 40 is taken and sent as 50."""

    DEPTH_1: Final = "1"
    DEPTH_50: Final = "50"
    DEPTH_200: Final = "200"
    DEPTH_1000: Final = "1000"
    OPTION_DEPTH_25: Final = "25"
    OPTION_DEPTH_100: Final = "100"

    ALL: Final = (DEPTH_1, DEPTH_50, DEPTH_200, DEPTH_1000)
    OPTION_ALL: Final = (OPTION_DEPTH_25, OPTION_DEPTH_100)


class WebSocketSpotIntervalEnum:
    """PHP's spot kline constants; each is sent as the V5 interval it means (``'1h'`` → ``60``).
    PHP's ``KLINE_MONTH`` is ``'1m'`` too, which means one minute: use ``'M'`` for a month."""

    KLINE_1_MINUTE: Final = "1m"
    KLINE_3_MINUTE: Final = "3m"
    KLINE_5_MINUTE: Final = "5m"
    KLINE_15_MINUTE: Final = "15m"
    KLINE_30_MINUTE: Final = "30m"
    KLINE_1_HOUR: Final = "1h"
    KLINE_2_HOUR: Final = "2h"
    KLINE_4_HOUR: Final = "4h"
    KLINE_6_HOUR: Final = "6h"
    KLINE_12_HOUR: Final = "12h"
    KLINE_DAY: Final = "1d"
    KLINE_WEEK: Final = "1w"
    KLINE_MONTH: Final = "1m"

    ALL: Final = (
        KLINE_1_MINUTE, KLINE_3_MINUTE, KLINE_5_MINUTE, KLINE_15_MINUTE, KLINE_30_MINUTE,
        KLINE_1_HOUR, KLINE_2_HOUR, KLINE_4_HOUR, KLINE_6_HOUR, KLINE_12_HOUR, KLINE_DAY,
        KLINE_WEEK,
    )  # fmt: skip


class WebSocketDerivativesIntervalEnum:
    KLINE_1_MINUTE: Final = 1
    KLINE_3_MINUTE: Final = 3
    KLINE_5_MINUTE: Final = 5
    KLINE_15_MINUTE: Final = 15
    KLINE_30_MINUTE: Final = 30
    KLINE_60_MINUTE: Final = 60
    KLINE_120_MINUTE: Final = 120
    KLINE_240_MINUTE: Final = 240
    KLINE_360_MINUTE: Final = 360
    KLINE_720_MINUTE: Final = 720
    KLINE_DAY: Final = "D"
    KLINE_WEEK: Final = "W"
    KLINE_MONTH: Final = "M"

    ALL: Final = (
        KLINE_1_MINUTE, KLINE_3_MINUTE, KLINE_5_MINUTE, KLINE_15_MINUTE, KLINE_30_MINUTE,
        KLINE_60_MINUTE, KLINE_120_MINUTE, KLINE_240_MINUTE, KLINE_360_MINUTE, KLINE_720_MINUTE,
        KLINE_DAY, KLINE_WEEK, KLINE_MONTH,
    )  # fmt: skip


class WebSocketTopicNameEnum:
    """Topic names as V5 spells them (PHP's were V3's: ``trade``, ``bookticker``,
    ``liquidation``); the bookticker is V5's level-1 book."""

    SPOT_KLINE: Final = "kline"
    SPOT_BOOKTICKER: Final = "orderbook.1"
    SPOT_ORDERBOOK: Final = "orderbook"
    SPOT_PUBLIC_TRADE: Final = "publicTrade"
    SPOT_TICKERS: Final = "tickers"

    DERIVATIVES_PUBLIC_TRADE: Final = "publicTrade"
    DERIVATIVES_ORDERBOOK: Final = "orderbook"
    DERIVATIVES_TICKERS: Final = "tickers"
    DERIVATIVES_KLINE: Final = "kline"
    DERIVATIVES_LIQUIDATION: Final = "allLiquidation"

    PRIVATE_ORDER: Final = "order"
    PRIVATE_EXECUTION: Final = "execution"
    PRIVATE_POSITION: Final = "position"
    PRIVATE_WALLET: Final = "wallet"
