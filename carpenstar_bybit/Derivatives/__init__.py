"""Bybit derivatives endpoints, under the PHP namespace Derivatives."""
