"""The public surface of Carpenstar's PHP sources, for the import-rule measure.

    python tools/php_surface.py LINE CHECKOUT... > tests/fixtures/php_surface_LINE.json
    python tools/php_surface.py --measure tests/fixtures/php_surface_LINE.json

Reads every ``.php`` file under each checkout's ``src/`` and writes ``{FQCN after
Carpenstar\\ByBitAPI\\ with dots: [public methods, own and inherited, constructors left out]}``.
A text scan, not a PHP parser: it knows the shapes Carpenstar's sources use (one class,
interface or trait per file; ``extends`` / ``implements`` / ``use`` of names imported above).
Test classes (``*/Tests/*``) are left out: they are not part of the library.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

_NAMESPACE = re.compile(r"^namespace\s+([\w\\]+);", re.M)
_USE = re.compile(r"^use\s+([\w\\]+)(?:\s+as\s+(\w+))?;", re.M)
_DECL = re.compile(
    r"^\s*(?:abstract\s+|final\s+)?(class|interface|trait)\s+(\w+)"
    r"(?:\s+extends\s+([\w\\, ]+?))?(?:\s+implements\s+([\w\\, ]+?))?\s*\{",
    re.M,
)
_METHOD = re.compile(r"^\s*(?:(?:abstract|final|static|public)\s+)*function\s+(\w+)\s*\(", re.M)
_PUBLIC = re.compile(r"^\s*(?:(?:abstract|final|static)\s+)*public\s+")
_TRAIT_USE = re.compile(r"^\s+use\s+([\w\\, ]+);", re.M)
PREFIX = "Carpenstar\\ByBitAPI\\"


def scan(roots: list[Path]) -> dict[str, dict[str, object]]:
    found: dict[str, dict[str, object]] = {}
    for root in roots:
        for path in sorted((root / "src").rglob("*.php")):
            if "/Tests/" in path.as_posix():
                continue
            text = path.read_text(encoding="utf-8", errors="replace")
            ns = _NAMESPACE.search(text)
            decl = _DECL.search(text)
            if ns is None or decl is None:
                continue
            uses = {(alias or name.rsplit("\\", 1)[-1]): name for name, alias in _USE.findall(text)}

            def resolve(name: str, ns: str = ns.group(1), uses: dict[str, str] = uses) -> str:
                name = name.strip().lstrip("\\")
                if name in uses:
                    return uses[name]
                return name if "\\" in name else f"{ns}\\{name}"

            kind, name = decl.group(1), decl.group(2)
            body = text[decl.end() :]
            methods = []
            for match in _METHOD.finditer(body):
                line = body[body.rfind("\n", 0, match.start()) + 1 : match.end()]
                public = kind == "interface" or _PUBLIC.match(line)
                if public and not match.group(1).startswith("__"):
                    methods.append(match.group(1))
            parents = [resolve(n) for n in (decl.group(3) or "").split(",") if n.strip()]
            parents += [resolve(n) for n in (decl.group(4) or "").split(",") if n.strip()]
            for traits in _TRAIT_USE.findall(body):
                parents += [resolve(n) for n in traits.split(",")]
            fqcn = f"{ns.group(1)}\\{name}"
            found[fqcn] = {"kind": kind, "methods": methods, "parents": parents}
    return found


def surface(found: dict[str, dict[str, object]]) -> dict[str, list[str]]:
    def methods(fqcn: str, seen: frozenset[str] = frozenset()) -> list[str]:
        entry = found.get(fqcn)
        if entry is None or fqcn in seen:
            return []
        names = list(entry["methods"])  # type: ignore[call-overload]
        for parent in entry["parents"]:  # type: ignore[attr-defined]
            names += [m for m in methods(parent, seen | {fqcn}) if m not in names]
        return names

    return {
        fqcn[len(PREFIX) :].replace("\\", "."): sorted(methods(fqcn))
        for fqcn in sorted(found)
        if fqcn.startswith(PREFIX)
    }


def measure(expected: dict[str, list[str]]) -> dict[str, tuple[int, int, list[str]]]:
    """Per package (Core with BybitAPI, Derivatives, …): classes present with every method,
    classes expected, and what is missing (``Class`` or ``Class.method``), by the import rule."""
    import importlib

    counts: dict[str, tuple[int, int, list[str]]] = {}
    for fqcn, methods in expected.items():
        package = "Core" if fqcn == "BybitAPI" else fqcn.split(".")[0]
        module_name, _, name = f"carpenstar_bybit.{fqcn}".rpartition(".")
        try:
            obj = getattr(importlib.import_module(module_name), name)
        except (ImportError, AttributeError):
            obj, missing = None, [fqcn]
        if obj is not None:
            missing = [f"{fqcn}.{m}" for m in methods if not callable(getattr(obj, m, None))]
        full, total, gaps = counts.get(package, (0, 0, []))
        counts[package] = (full + (not missing), total + 1, gaps + missing)
    return counts


if __name__ == "__main__" and sys.argv[1] == "--measure":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    for package, (full, total, gaps) in measure(json.loads(Path(sys.argv[2]).read_text())).items():
        print(f"{package}: {full} of {total} with every public method")
        for gap in gaps:
            print(f"  missing {gap}")
elif __name__ == "__main__":
    json.dump(surface(scan([Path(p) for p in sys.argv[2:]])), sys.stdout, indent=1)
    sys.stdout.write("\n")
