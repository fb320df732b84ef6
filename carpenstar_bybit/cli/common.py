"""What every command shares: exit codes, hosts, keys, the first line, flag hints.

Imports nothing heavy: a cold start pays only for the command it runs.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from typing import TextIO

from carpenstar_bybit.Core.Auth import is_loopback

EXIT_OK = 0  # done; for flatten: flat and verified by the open-orders list
EXIT_API_ERROR = 1  # the exchange refused
EXIT_USAGE = 2  # bad flags, missing keys, a request that fails validation: nothing was sent
EXIT_TRANSPORT = 3  # the exchange was not reached: nothing was sent
EXIT_INCOMPLETE = 4  # orders may remain open (500 cap, --max-rounds, the final list shows some)
EXIT_UNKNOWN = 5  # the answer was lost after the request went out: the exchange may have acted

EXIT_CODES_TEXT = (
    "exit codes: 0 done (flatten: flat and verified), 1 the exchange refused, 2 usage error "
    "(nothing sent), 3 exchange not reached (nothing sent), 4 orders may remain open, "
    "5 outcome unknown (the request went out, the answer was lost: the exchange may have acted)"
)

DEFAULT_SANDBOX_PORT = 8181
KEY_ENV = "BYBIT_API_KEY"
SECRET_ENV = "BYBIT_API_SECRET"  # noqa: S105  # the name of a variable, not a secret
HTX_KEY_ENV = "HTX_ACCESS_KEY"
HTX_SECRET_ENV = "HTX_SECRET_KEY"  # noqa: S105  # the name of a variable, not a secret
MAX_ROUNDS = 100
EXCHANGES = ("bybit", "htx")

# Kept here as text: resolving a host must not import the HTTP stack.
_NAMED_HOSTS: dict[str, dict[str, str]] = {
    "bybit": {"mainnet": "https://api.bybit.com", "testnet": "https://api-testnet.bybit.com"},
    "htx": {"mainnet": "https://api.hbdm.com", "aws": "https://api.hbdm.vn"},
}


def help_text(text: str) -> str:
    """``text`` as argparse help: argparse %-formats help (``%(default)s``), so a literal ``%``
    (a declaration's "10% of the price") is doubled, or ``--help`` would raise."""
    return text.replace("%", "%%")


class UsageError(Exception):
    """A command-line mistake: printed with the usage hint, exit code 2."""


def resolve_host(host: str, sandbox_port: int, exchange: str = "bybit") -> str:
    """The base URL for ``--host``: a name of the exchange, ``sandbox``, or a URL as given.

    A name that only the other exchange has (``testnet`` for HTX, ``aws`` for Bybit) is a
    UsageError.
    """
    if host == "sandbox":
        return f"http://127.0.0.1:{sandbox_port}"
    named = _NAMED_HOSTS[exchange]
    if host in named:
        return named[host]
    if any(host in other for other in _NAMED_HOSTS.values()):
        if exchange == "htx" and host == "testnet":
            raise UsageError(
                "HTX has no testnet for these endpoints: use --host sandbox, mainnet or aws"
            )
        names = ", ".join([*named, "sandbox"])
        raise UsageError(f"--host {host} is not a {exchange} host; use {names} or a URL")
    return host


def credentials(key_env: str, secret_env: str) -> tuple[str, str]:
    key, secret = os.environ.get(key_env, ""), os.environ.get(secret_env, "")
    if not key or not secret:
        raise UsageError(
            f"set {key_env} and {secret_env} in the environment (keys are never flags)"
        )
    return key, secret


def mask(key: str) -> str:
    """The key as the first line shows it: enough to tell keys apart, never the whole."""
    if not key:
        return "no key (public calls only)"
    if len(key) <= 8:
        return "key ***"
    return f"key {key[:4]}…{key[-2:]}"


def banner(err: TextIO, exchange: str, host: str, key: str, what: str = "") -> None:
    """The first line of every command: which exchange, host and account it acts on."""
    sandbox = " (local sandbox)" if is_loopback(host) else ""
    tail = f"; {what}" if what else ""
    err.write(f"{exchange} {host}{sandbox}, {mask(key)}{tail}\n")
    err.flush()


def table(headers: Sequence[str], rows: Sequence[Sequence[str]], out: TextIO) -> None:
    """Columns padded to their widest cell, two spaces apart."""
    widths = [max(len(headers[i]), *(len(r[i]) for r in rows)) for i in range(len(headers))]
    for line in (headers, *rows):
        out.write("  ".join(c.ljust(widths[i]) for i, c in enumerate(line)).rstrip() + "\n")


def plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def kebab(wire: str) -> str:
    """A wire name as its flag: settleCoin → settle-coin, contract_code → contract-code."""
    return re.sub(r"(?<!^)(?=[A-Z])", "-", wire).replace("_", "-").lower()


def upper(value: str) -> str:
    """Symbols and coins are taken in any case, as HTX takes them, and sent in uppercase."""
    return value.upper() if value.isascii() else value


_SETTER_CALL = re.compile(r"(?:call )?set([A-Z]\w*)\(([^)]*)\)")
_REQUEST_FIELD = re.compile(r"\b\w+Request\.(\w+):")


def flag_hint(message: str) -> str:
    """A library message as a command-line user needs it: flags, not methods.

    ``CancelAllOrderRequest.settleCoin: …`` → ``--settle-coin: …``;
    ``setCategory('spot'|'option')`` → ``--category spot|option``.
    """

    def setter(match: re.Match[str]) -> str:
        flag = "--" + kebab(match[1][0].lower() + match[1][1:])
        value = match[2].replace("'", "").replace('"', "").strip()
        return f"{flag} {value}" if value and value != "..." else flag

    message = _REQUEST_FIELD.sub(lambda m: f"--{kebab(m[1])}:", message)
    return _SETTER_CALL.sub(setter, message)


__all__ = [
    "DEFAULT_SANDBOX_PORT",
    "EXCHANGES",
    "EXIT_API_ERROR",
    "EXIT_CODES_TEXT",
    "EXIT_INCOMPLETE",
    "EXIT_OK",
    "EXIT_TRANSPORT",
    "EXIT_UNKNOWN",
    "EXIT_USAGE",
    "HTX_KEY_ENV",
    "HTX_SECRET_ENV",
    "KEY_ENV",
    "MAX_ROUNDS",
    "SECRET_ENV",
    "UsageError",
    "banner",
    "credentials",
    "flag_hint",
    "help_text",
    "kebab",
    "mask",
    "plural",
    "resolve_host",
    "table",
    "upper",
]
