"""Carpenstar's websockets package (``Carpenstar\\ByBitAPI\\WebSockets``) on Bybit V5 streams.

``BybitAPI.websocket(Channel, Argument, handler)`` blocks and hands each message to
``handler.handle()``; ``BybitAPI.stream(...)`` gives a ``WebSocketStream`` to run in the
background. The engine is ``WebSockets.Stream``; books and tickers are kept by
``WebSockets.State``.
"""
