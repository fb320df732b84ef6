"""A local exchange speaking Bybit's V5 REST wire, for tests and demos (standard library only)."""

from .server import Sandbox

__all__ = ["Sandbox"]
