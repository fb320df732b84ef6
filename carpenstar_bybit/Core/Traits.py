"""PHP's ``Core\\Traits``. ``OverrideExecuteTrait`` gave the ``Overrides\\Test*`` endpoints
``execute(mode, json)``, which parses a given JSON text instead of calling the exchange; here that
is the ``OverrideEndpoint`` base, under the PHP name too."""

from __future__ import annotations

from carpenstar_bybit.Core.Endpoints import OverrideEndpoint

OverrideExecuteTrait = OverrideEndpoint

__all__ = ["OverrideExecuteTrait"]
