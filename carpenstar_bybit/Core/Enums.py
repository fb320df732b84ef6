"""Enumerations with the PHP names and values."""

from __future__ import annotations

from typing import Final


class EnumOutputMode:
    """What ``rest()`` puts in the response body."""

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
