"""Flags made from an endpoint's declaration, and a request filled from them.

A request field ``settleCoin`` is the flag ``--settle-coin`` (``args.settle_coin``); its help is the
declaration's doc and rule; the value goes through the same setter a bot calls.
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from carpenstar_bybit.cli.common import UsageError, help_text, kebab, upper


def _quoted(text: str) -> str:
    """The value as an error quotes it: a 10,000-character argument is not echoed whole."""
    shown = repr(text)
    return shown if len(shown) <= 60 else shown[:57] + "..."


def flag_type(kind: Any) -> Any:
    """argparse's type for a kind: the setter checks the value; this only turns the text."""
    from carpenstar_bybit.Core.Declarations import Flag, Millis, Text

    if isinstance(kind, Flag):

        def flag(text: str) -> bool:
            lowered = text.lower()
            if lowered in ("true", "1", "yes"):
                return True
            if lowered in ("false", "0", "no"):
                return False
            raise argparse.ArgumentTypeError(f"true or false (got {_quoted(text)})")

        return flag
    if isinstance(kind, Millis):

        def millis(text: str) -> int:
            # ASCII digits only ("²" is a digit to isdigit, not to int); the setter bounds it.
            if not (text.isascii() and text.isdigit()) or len(text) > 20:
                raise argparse.ArgumentTypeError(f"ms since the epoch (got {_quoted(text)})")
            return int(text)

        return millis
    if isinstance(kind, Text) and (kind.upper or kind.to_upper):
        return upper
    return str


def add_flags(target: Any, declaration: Any, prefix: str = "") -> list[tuple[str, str]]:
    """Add a flag per request field not added yet; returns every field's (flag, dest)."""
    found: list[tuple[str, str]] = []
    for param in declaration.params:
        flag = f"--{kebab(param.wire)}"
        dest = f"{prefix}{param.attr}"
        found.append((flag, dest))
        if flag in target._option_string_actions:
            continue
        required = " Required." if param.required else ""
        target.add_argument(
            flag,
            dest=dest,
            type=flag_type(param.kind),
            metavar=kebab(param.wire).upper().replace("-", "_"),
            help=help_text(f"{param.doc}: {param.kind.describe()}.{required}"),
        )
    batch = getattr(declaration, "batch", None)
    if batch is not None and f"--{batch.wire}" not in target._option_string_actions:
        target.add_argument(
            f"--{batch.wire}",
            dest=f"{prefix}batch_items",
            type=_json_objects,
            metavar="JSON",
            help=help_text(
                f"The {batch.item.name} requests: a JSON list of objects with V5 field names, "
                f"each checked by {batch.item.name}'s rules. Required."
            ),
        )
    return found


def _json_objects(text: str) -> list[dict[str, Any]]:
    try:
        value = json.loads(text)
    except (ValueError, RecursionError):  # not JSON, or nested past what json.loads takes
        raise argparse.ArgumentTypeError("a JSON list of objects") from None
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise argparse.ArgumentTypeError("a JSON list of objects")
    return value


def fill(request: Any, declaration: Any, args: argparse.Namespace, prefix: str = "") -> Any:
    """Set every field given on the command line, through the request's own setters."""
    for param in declaration.params:
        value = getattr(args, f"{prefix}{param.attr}", None)
        if value is not None:
            getattr(request, param.setter)(value)
    batch = getattr(declaration, "batch", None)
    items = getattr(args, f"{prefix}batch_items", None)
    if batch is not None and items is not None:
        made = []
        for index, item in enumerate(items):
            order = request.ITEM_CLASS()
            for wire, value in item.items():
                try:
                    param = batch.item.param(wire)
                except KeyError:
                    raise UsageError(
                        f"--{batch.wire}: item {index} has no field {wire!r} "
                        f"({batch.item.name} takes {', '.join(p.wire for p in batch.item.params)})"
                    ) from None
                getattr(order, param.setter)(value)
            made.append(order)
        request.setRequest(made)
    return request


__all__ = ["add_flags", "fill", "flag_type"]
