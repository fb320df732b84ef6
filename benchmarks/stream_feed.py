"""A local V5 order-book feed for the ``ws`` section of run.py, in its own process.

    python benchmarks/stream_feed.py          # prints "listening on ws://127.0.0.1:PORT"

A client connects to ``/v5/public/linear`` and subscribes ``orderbook.50.BTCUSDT``; the feed acks
it, sends a 50-level snapshot, then deltas with ``u`` rising by one, as fast as the socket takes
them or paced. What the next connection gets is set on ``/control`` with
``{"count": N, "rate": R}`` (rate 0: as fast as possible). Each delta carries ``cts``: the feed's
``time.monotonic_ns() // 1000`` when it was sent, so a client on the same machine can tell the
socket-to-handler latency. Deltas come from a seeded walk of 2,000 precomputed changes (sizes
changed, levels deleted and inserted: the book stays at about 50 a side), repeated as needed.
"""

from __future__ import annotations

import json
import random
import sys
import threading
import time
from typing import Any

from websockets.sync.server import ServerConnection, serve

TOPIC = "orderbook.50.BTCUSDT"
VARIANTS = 2000


def _levels(rng: random.Random) -> tuple[list[list[str]], list[list[str]], list[str]]:
    """The snapshot's sides and the delta bodies (``"b":[...],"a":[...]``) that follow it."""
    bids = {60000 - i: rng.randint(1, 999) for i in range(1, 51)}
    asks = {60000 + i: rng.randint(1, 999) for i in range(1, 51)}
    snapshot = (
        [[f"{p / 10:.1f}", f"{s / 1000:.3f}"] for p, s in sorted(bids.items(), reverse=True)],
        [[f"{p / 10:.1f}", f"{s / 1000:.3f}"] for p, s in sorted(asks.items())],
    )
    bodies = []
    for _ in range(VARIANTS):
        changes: dict[str, list[list[str]]] = {"b": [], "a": []}
        for side, book, sign in (("b", bids, -1), ("a", asks, 1)):
            for price in rng.sample(sorted(book), rng.randint(1, 3)):
                book[price] = rng.randint(1, 999)
                changes[side].append([f"{price / 10:.1f}", f"{book[price] / 1000:.3f}"])
            free = [60000 + sign * i for i in range(1, 61) if 60000 + sign * i not in book]
            if free and rng.random() < 0.4:  # one level leaves, another comes
                gone = rng.choice(sorted(book))
                del book[gone]
                changes[side].append([f"{gone / 10:.1f}", "0"])
                new = rng.choice(free)
                book[new] = rng.randint(1, 999)
                changes[side].append([f"{new / 10:.1f}", f"{book[new] / 1000:.3f}"])
        bodies.append(json.dumps(changes["b"]) + ',"a":' + json.dumps(changes["a"]))
    return snapshot[0], snapshot[1], bodies


class Feed:
    def __init__(self) -> None:
        self.plan: dict[str, Any] = {"count": 1000, "rate": 0}
        self.lock = threading.Lock()
        self.bids, self.asks, self.bodies = _levels(random.Random(20240607))

    def handler(self, ws: ServerConnection) -> None:
        path = ws.request.path if ws.request is not None else ""
        if path.startswith("/control"):
            with self.lock:
                self.plan = json.loads(ws.recv())
            ws.send("ok")
            return
        with self.lock:
            count, rate = int(self.plan["count"]), float(self.plan["rate"])
        for text in ws:  # wait for the subscribe, answer pings (pybit pings at once)
            message = json.loads(text)
            if message.get("op") == "ping":
                ws.send('{"success":true,"ret_msg":"pong","op":"ping"}')
                continue
            if message.get("op") == "subscribe":
                ack = {"success": True, "ret_msg": "", "conn_id": "bench", "op": "subscribe"}
                ws.send(json.dumps({**ack, "req_id": message.get("req_id", "")}))
                break
        self.stream(ws, count, rate)
        try:  # hold the connection until the client leaves
            for _ in ws:
                pass
        except Exception:  # noqa: BLE001, S110  # the client went away: that is the end
            pass

    def stream(self, ws: ServerConnection, count: int, rate: float) -> None:
        snapshot = {
            "topic": TOPIC,
            "type": "snapshot",
            "ts": 1,
            "data": {"s": "BTCUSDT", "b": self.bids, "a": self.asks, "u": 1, "seq": 1},
            "cts": time.monotonic_ns() // 1000,
        }
        ws.send(json.dumps(snapshot))
        head = '{"topic":"' + TOPIC + '","type":"delta","ts":1,"data":{"s":"BTCUSDT","b":'
        bodies = self.bodies
        variants = len(bodies)
        clock = time.monotonic_ns
        started = time.monotonic()
        for n in range(1, count):
            if rate:
                wait = started + n / rate - time.monotonic()
                if wait > 0:
                    time.sleep(wait)
            u = n + 1
            ws.send(f'{head}{bodies[n % variants]},"u":{u},"seq":{u}}},"cts":{clock() // 1000}}}')


def main() -> int:
    feed = Feed()
    with serve(feed.handler, "127.0.0.1", 0, ping_interval=None, compression=None) as server:
        port = server.socket.getsockname()[1]
        print(f"listening on ws://127.0.0.1:{port}", flush=True)
        threading.Thread(target=lambda: (sys.stdin.read(), server.shutdown()), daemon=True).start()
        server.serve_forever()
    return 0


if __name__ == "__main__":
    sys.exit(main())
