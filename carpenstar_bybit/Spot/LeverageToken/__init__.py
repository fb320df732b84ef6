"""Leverage tokens (PHP namespace Spot\\LeverageToken): a service Bybit retired in July 2025."""
