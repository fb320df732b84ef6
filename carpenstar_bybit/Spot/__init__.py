"""Bybit spot endpoints, under the PHP namespace Spot (Carpenstar's spot package), sent as V5."""
