"""``WebSockets\\Objects``: handlers (``Channels``) and channel bases (``WebSockets``)."""
