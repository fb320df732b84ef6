"""The spot account (PHP namespace Spot\\Account), sent as V5 ``/v5/account/*``."""
