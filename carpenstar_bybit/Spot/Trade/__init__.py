"""Spot trading (PHP namespace Spot\\Trade), sent as V5 ``/v5/order/*`` with category spot."""
