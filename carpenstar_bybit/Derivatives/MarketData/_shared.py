"""What the market-data declarations share: the public endpoint base and the kline rows."""

from __future__ import annotations

from carpenstar_bybit.Core.Declarations import Out

PUBLIC = "carpenstar_bybit.Core.Endpoints:PublicEndpoint"


def candle_fields(with_volume: bool) -> tuple[Out, ...]:
    """A kline row read by position: V5 sends ``[start, open, high, low, close(, volume,
    turnover)]`` as strings, newest row first."""
    fields = (
        Out("getStartTime", 0, "datetime", "Candle start (UTC, ms kept)"),
        Out("getOpen", 1, "float", "Open price"),
        Out("getHigh", 2, "float", "Highest price"),
        Out("getLow", 3, "float", "Lowest price"),
        Out("getClose", 4, "float", "Close price (the last price while the candle is open)"),
    )
    if not with_volume:
        return fields
    return (
        *fields,
        Out("getVolume", 5, "float", "Volume (contracts: base coin; inverse: quote coin)"),
        Out("getTurnover", 6, "float", "Turnover (contracts: quote coin; inverse: base coin)"),
    )


__all__ = ["PUBLIC", "candle_fields"]
