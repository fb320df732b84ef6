"""The sandbox exchange over TLS, in the foreground, for the benchmark's TLS section.

    python benchmarks/tls_sandbox.py --cert cert.pem --keyfile key.pem --key K:S [--seed N]

It is ``python -m carpenstar_bybit sandbox --rate-limit 0`` with the listening socket wrapped in
an ``ssl.SSLContext``: the sandbox package itself stays plain HTTP. Each accepted connection does
its TLS handshake on its own handler thread (on the first read), not on the accept loop. It prints
one banner line, ``sandbox listening on https://127.0.0.1:PORT ...``, and serves until SIGINT or
SIGTERM. Loopback only.
"""

from __future__ import annotations

import argparse
import signal
import ssl
import sys
import threading
from collections.abc import Sequence
from types import FrameType

from carpenstar_bybit.sandbox import Sandbox


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cert", required=True, help="PEM certificate for 127.0.0.1")
    parser.add_argument("--keyfile", required=True, help="PEM private key of --cert")
    parser.add_argument("--key", required=True, help="API KEY:SECRET")
    parser.add_argument("--port", type=int, default=0, help="0 picks a free port (default)")
    parser.add_argument("--seed", type=int, default=0, help="open BTCUSDT orders (seed-0...)")
    args = parser.parse_args(argv)
    key, _, secret = str(args.key).partition(":")
    if not key or not secret:
        parser.error("--key takes KEY:SECRET")

    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    context.load_cert_chain(args.cert, args.keyfile)

    stop = threading.Event()

    def on_signal(signum: int, frame: FrameType | None) -> None:
        stop.set()

    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)

    sandbox = Sandbox(keys={key: secret}, port=args.port, rate_limit=None)
    sandbox.start()
    try:
        server = sandbox._server  # the benchmark's own launcher may reach into the sandbox
        if server is None:
            raise RuntimeError("the sandbox did not start")
        # Same file descriptor, so the running accept loop keeps polling it; accepted sockets come
        # out as SSLSockets whose handshake runs on the handler thread's first read.
        server.socket = context.wrap_socket(
            server.socket, server_side=True, do_handshake_on_connect=False
        )
        if args.seed:
            sandbox.seed_orders(
                key, "linear", "BTCUSDT", count=args.seed, order_link_prefix="seed-"
            )
        url = sandbox.base_url.replace("http://", "https://", 1)
        sys.stdout.write(f"sandbox listening on {url} with 1 key(s); SIGINT stops it\n")
        sys.stdout.flush()
        while not stop.wait(0.2):
            pass
    finally:
        sandbox.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
