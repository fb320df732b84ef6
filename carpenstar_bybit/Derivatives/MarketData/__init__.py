"""Public market data (PHP namespace Derivatives\\MarketData), sent as Bybit V5 ``/v5/market/*``."""
