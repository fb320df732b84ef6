"""A local exchange speaking Bybit's V5 REST wire and HTX's two cancel-all endpoints, for tests and
demos (standard library only)."""

from .server import Sandbox

__all__ = ["Sandbox"]
