"""``AllAssetInfo``: leverage tokens' details (PHP: v3 ``infos``; V5 ``spot-lever-token/info``).

Retired by Bybit (4 July 2025): see ``Spot.LeverageToken._retired``.
"""

from __future__ import annotations

from carpenstar_bybit.Core import Params as p
from carpenstar_bybit.Core.Declarations import Declaration, Out, Shape
from carpenstar_bybit.Spot import _fields as f
from carpenstar_bybit.Spot.LeverageToken import _retired as r


def _n(getter: str, wire: str, doc: str) -> Out:
    return Out(getter, wire, "float", doc)


DECLARATION = Declaration(
    name="AllAssetInfo",
    # the current PHP line: <Name>Response wraps result, items are <Name>ResponseItem
    current=p.current_list("getAssets", "AllAssetInfoResponseItem"),
    package="Spot.LeverageToken",
    path="/v5/spot-lever-token/info",
    method="GET",
    private=False,
    summary=r.summary("Leverage tokens' details (all of them unless setLtCode)"),
    params=(r.lt_code(),),
    response=Shape(
        "AllAssetInfoResponse",
        (
            Out("getLtCode", "ltCoin", "str", "Leverage token"),
            Out("getLtName", "ltName", "str", "Its name"),
            _n("getMaxPurchase", "maxPurchase", "Most per purchase"),
            _n("getMinPurchase", "minPurchase", "Least per purchase"),
            _n("getMaxPurchaseDaily", "maxPurchaseDaily", "Most purchased a day"),
            _n("getMaxRedeem", "maxRedeem", "Most per redemption"),
            _n("getMinRedeem", "minRedeem", "Least per redemption"),
            _n("getMaxRedeemDaily", "maxRedeemDaily", "Most redeemed a day"),
            _n("getPurchaseFeeRate", "purchaseFeeRate", "Purchase fee rate"),
            _n("getRedeemFeeRate", "redeemFeeRate", "Redemption fee rate"),
            Out("getStatus", "ltStatus", "str", "1 can purchase/redeem, 2 cannot"),
            _n("getFundFee", "fundFee", "Funding fee"),
            Out("getFundFeeTime", "fundFeeTime", "datetime", "Funding fee time, UTC"),
            _n("getManageFeeRate", "manageFeeRate", "Management fee rate"),
            Out("getManageFeeTime", "manageFeeTime", "datetime", "Management fee time, UTC"),
            _n("getTotal", "total", "Token supply cap"),
            _n("getNetValue", "netValue", "Net asset value"),
            _n("getValue", "value", "Value (V5)"),
        ),
        doc="One leverage token (an item of result.list).",
        setters=("getManageFeeTime", "getTotal"),  # PHP's public item setters
    ),
    deprecated=r.RETIRED,
    refusal_hints=r.HINTS,
    endpoint_base=f.PUBLIC,
    php_interfaces=(("AllAssetInfoResponseInterface", "IAllAssetInfoResponseInterface"),),
)
