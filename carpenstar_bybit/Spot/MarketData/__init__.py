"""Spot market data (PHP namespace Spot\\MarketData), sent as V5 ``/v5/market/*``."""
