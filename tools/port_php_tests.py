"""Port Carpenstar's PHPUnit tests to pytest, line by line, with no judgement.

    python tools/port_php_tests.py CHECKOUT OUT_DIR [REPOSITORY]

``CHECKOUT`` is a checkout of ``REPOSITORY`` (default ``carpenstar/bybitapi-sdk-derivatives``
3.0.4; ``carpenstar/bybitapi-sdk-spot`` "v.3.0.2" for the 2023 spot tests, and its current line,
published from ``carpenstar/bybitapi-spot`` 3.1.3); every ``src/**/Tests/*Test.php`` becomes
``OUT_DIR/test_<Name>.py``. A file's release line is told by what it calls (``line_of``): the
2023 line's ``execute(mode)``/``getBody()``, the current line's ``CurlResponseHandler::build``/
``getResult()``; the two lines of one repository go to two directories.

The rules are the ones a porting team applies by hand: ``use A\\B\\C`` →
``from carpenstar_bybit.A.B import C``, ``X::class`` → ``X``, ``A::B`` → ``A.B``, ``->`` → ``.``,
``new X()`` → ``X()``, ``$v`` → ``v``, ``foreach (a as $b)`` → ``for b in a:``, ``[k => v]`` →
``{k: v}``, ``if (!is_null(x))`` → ``if x is not None:``, ``current(a)`` → PHP's ``current``
(tests/php_ports/php.py), PHPUnit assertions → ``assert``; a static JSON property becomes a
module constant (a local ``$json`` stays local, so the current line decodes with ``json_decode``:
``json.loads`` under PHP's name). What a port still hits (a library gap, or a deliberate
difference such as Spot reading V5's answers, not v3's) is listed in ``KNOWN`` /
``KNOWN_SPOT_*`` and marked ``xfail(<gap>, strict=True)``, the gap detected by
``tests/php_ports/gaps.py``: the test must fail while the gap is there and runs as a plain test
once the library closes it.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

HEADER = '''"""{name}{line}, ported mechanically from {source} by tools/port_php_tests.py.

Do not edit by hand: re-run the tool (a port keeps PHP's names and structure line by line).
"""

from __future__ import annotations
'''

# (test class, method) -> (the gap in tests/php_ports/gaps.py, what it is, the error it raises).
_ROW = "ResponseDtoBuilder.make(<kline response>, row) refuses a candle row given as a list"
KNOWN: dict[tuple[str, str], tuple[str, str, str]] = {  # derivatives, 2023 line
    ("KlineTest", "testKlineTestDTOBuilder"): ("ROW_REFUSED", _ROW, "SDKException"),
    ("MarkPriceKlineTest", "testMarkPriceKlineDTOBuilder"): ("ROW_REFUSED", _ROW, "SDKException"),
    ("PlaceOrderTest", "testPlaceOrderEndpoint"): (
        "TIME_IN_FORCE_FULL_MISSING",
        "EnumTimeInForce.GOOD_TILL_CANCELED_FULL (PHP's name) does not exist",
        "AttributeError",
    ),
    # Not a gap but a rule: a list answer without its list is unexpected, never read otherwise.
    ("ReplaceOrderTest", "testReplaceOrderResponseHandlerBuilder"): (
        "LIST_WITHOUT_LIST_REFUSED",
        "the test parses a ReplaceOrder answer with GetOrderListResponse; a list DTO whose "
        "answer has no list is refused as unexpected (the kill switch's proof rule)",
        "ApiException",
    ),
    ("WalletBalanceTest", "testWalletBalanceEndpoint"): (
        "NO_REQUEST_REFUSED",
        "RestBuilder.make(TestWalletBalance) without a request object is refused",
        "SDKException",
    ),
}

LINE_2023, CURRENT = "2023", "current"

# Spot: Carpenstar's fixtures are Bybit v3 spot answers; the Spot package reads V5's (v3 is
# retired), so a port that parses them hits one of these differences (tests/php_ports/gaps.py).
_NAMES = "v3's {0} is not read: the Spot package reads V5's {1}"
_ONLY = "v3's {0} has no V5 field: the getter answers None"
_IDS = "PHP casts v3's {0} to int; V5's IDs are strings and kept as str"
_OBJECT = (
    "v3 answers with one object; V5's {0} answers result.list, and a list answer without its "
    "list is refused as unexpected"
)
_KLINE = "v3's candles are objects; V5's are rows (lists), and an object is refused"


Known = tuple[str, str]
Gap = tuple[str, str, str]


def _spot(gap: str, reason: str, error: str, *tests: tuple[str, str]) -> dict[Known, Gap]:
    return {test: (gap, reason, error) for test in tests}


_N, _O, _I, _R, _K = (
    "V3_NAMES_NOT_READ",
    "V3_ONLY_FIELDS_EMPTY",
    "IDS_ARE_STRINGS",
    "OBJECT_RESULT_REFUSED",
    "V3_KLINE_OBJECTS_REFUSED",
)
_A, _E, _S = "AssertionError", "ApiException", "SDKException"
KNOWN_SPOT_2023: dict[Known, Gap] = {
    **_spot(
        _N,
        _NAMES.format("askPrice", "ask1Price"),
        _A,
        ("BestBidAskPriceTest", "testBestBidAskPriceDTOBuilder"),
    ),
    **_spot(
        _R,
        _OBJECT.format("tickers"),
        _E,
        ("BestBidAskPriceTest", "testBestBidAskPriceResponseHandlerBuilder"),
        ("BestBidAskPriceTest", "testBestBidAskPriceEndpoint"),
        ("LastTradedPriceTest", "testLastTradedPriceResponseHandlerBuilder"),
        ("LastTradedPriceTest", "testLastTradedPriceEndpoint"),
        ("TickersTest", "testTickersResponseHandlerBuilder"),
        ("TickersTest", "testTickersEndpoint"),
    ),
    **_spot(
        _I,
        _IDS.format("orderId"),
        _A,
        ("CancelOrderTest", "testCancelOrderDTOBuilder"),
        ("CancelOrderTest", "testCancelOrderEndpoint"),
        ("PlaceOrderTest", "testPlaceOrderDTOBuilder"),
    ),
    **_spot(_I, _IDS.format("trade id"), _A, ("TradeHistoryTest", "testTradeHistoryEndpoint")),
    **_spot(
        _O,
        _ONLY.format("accountId"),
        _A,
        ("GetOrderTest", "testGetOrderDTOBuilder"),
        ("OpenOrdersTest", "testOpenOrdersDTOBuilder"),
        ("OpenOrdersTest", "testOpenOrdersEndpoint"),
        ("OrderHistoryTest", "testOrderHistoryEndpoint"),
    ),
    **_spot(
        _R,
        _OBJECT.format("order/realtime"),
        _E,
        ("GetOrderTest", "testGetOrderResponseHandlerBuilder"),
        ("GetOrderTest", "testGetOrderEndpoint"),
    ),
    **_spot(_O, _ONLY.format("alias"), _A, ("InstrumentInfoTest", "testInstrumentInfoDTOBuilder")),
    **_spot(_K, _KLINE, _S, ("KlineTest", "testKlineInfoDTOBuilder")),
    **_spot(
        _K,
        _KLINE,
        _E,
        ("KlineTest", "testKlineResponseHandlerBuilder"),
        ("KlineTest", "testKlineEndpoint"),
    ),
    **_spot(
        _N,
        _NAMES.format("price", "lastPrice"),
        _A,
        ("LastTradedPriceTest", "testLastTradedPriceDTOBuilder"),
    ),
    **_spot(
        _N,
        _NAMES.format("time", "ts"),
        _A,
        ("MergedOrderBookTest", "testMergedOrderBookDTOBuilder"),
        ("MergedOrderBookTest", "testMergedOrderBookEndpoint"),
        ("OrderBookTest", "testOrderBookEndpoint"),
    ),
    **_spot(
        _N,
        _NAMES.format("qty", "size"),
        _A,
        ("PublicTradingRecordsTest", "testPublicTradingRecordsDTOBuilder"),
        ("PublicTradingRecordsTest", "testPublicTradingRecordsEndpoint"),
    ),
    **_spot(_N, _NAMES.format("t", "time"), _A, ("TickersTest", "testTickersDTOBuilder")),
    **_spot(
        _N,
        _NAMES.format("total", "walletBalance"),
        _A,
        ("WalletBalanceTest", "testWalletBalanceDTOBuilder"),
    ),
    **_spot(
        _R,
        _OBJECT.format("wallet-balance") + " (v3's list is result.balances)",
        _E,
        ("WalletBalanceTest", "testWalletBalanceResponseHandlerBuilder"),
        ("WalletBalanceTest", "testWalletBalanceEndpoint"),
    ),
}
_BUILD = "testBuildResponseData"
KNOWN_SPOT_CURRENT: dict[Known, Gap] = {
    **_spot(
        _N,
        _NAMES.format("ltCode", "ltCoin"),
        _A,
        ("AllAssetInfoTest", _BUILD),
        ("MarketInfoTest", _BUILD),
    ),
    **_spot(
        _R,
        _OBJECT.format("tickers"),
        _E,
        ("BestBidAskPriceTest", _BUILD),
        ("LastTradedPriceTest", _BUILD),
        ("TickersTest", _BUILD),
    ),
    **_spot(_N, _NAMES.format("name", "symbol"), _A, ("InstrumentInfoTest", _BUILD)),
    **_spot(_K, _KLINE, _E, ("KlineTest", _BUILD)),
    **_spot(
        _N,
        _NAMES.format("time", "ts"),
        _A,
        ("MergedOrderBookTest", _BUILD),
        ("OrderBookTest", _BUILD),
    ),
    **_spot(_N, _NAMES.format("qty", "size"), _A, ("PublicTradingRecordsTest", _BUILD)),
    **_spot(_N, _NAMES.format("excTime", "updateTime"), _A, ("PurchaseRedeemHistoryTest", _BUILD)),
    **_spot(_O, _ONLY.format("timestamp"), _A, ("PurchaseTest", _BUILD), ("ReedemTest", _BUILD)),
}


def known(repository: str, line: str) -> dict[Known, Gap]:
    """The differences a port of this repository's tests of this line is known to hit."""
    if "spot" in repository:
        return KNOWN_SPOT_CURRENT if line == CURRENT else KNOWN_SPOT_2023
    return KNOWN


_ASSERTS = [
    (r"\$this->assertInstanceOf\((.+?), (.+)\)$", r"assert isinstance(\2, \1)"),
    (r"\$this->assertGreaterThan\((.+?), (.+)\)$", r"assert \2 > \1"),
    (r"\$this->assertNotNull\((.+)\)$", r"assert \1 is not None"),
    (r"\$this->assertIsString\((.+)\)$", r"assert isinstance(\1, str)"),
    (r"\$this->assertIsFloat\((.+)\)$", r"assert isinstance(\1, float)"),
    (r"\$this->assertIsInt\((.+)\)$", r"assert isinstance(\1, int)"),
    (r"\$this->assertIsBool\((.+)\)$", r"assert isinstance(\1, bool)"),
    (r"\$this->assertEquals\((.+?), (.+)\)$", r"assert \2 == \1"),
    (r"\$this->assertNotEmpty\((.+)\)$", r"assert \1"),
    (r"\$this->assertTrue\((.+)\)$", r"assert \1"),
]


def _php_string(literal: str) -> str:
    body = literal[1:-1].replace("\\'", "'").replace("\\\\", "\\")
    return repr(body)


# PHP's true/false/null outside a string literal (literals are already Python's here).
_CONSTANT = r"('(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\")|\b(true|false|null)\b"
_CONSTANTS = {"true": "True", "false": "False", "null": "None"}


def line_of(text: str) -> str:
    """The release line a PHP test is written against, by what it calls."""
    current = "CurlResponseHandler())->build(" in text or "->getResult()" in text
    old = re.search(r"->execute\(\w", text) is not None or "->getBody()" in text
    if current == old:
        raise SystemExit("a test of neither line, or of both: " + text[:200])
    return CURRENT if current else LINE_2023


def expression(text: str, line: str = "2023") -> str:
    text = re.sub(r"'(?:[^'\\]|\\.)*'", lambda m: _php_string(m.group()), text)
    decoder = "json_decode" if line == CURRENT else "json.loads"
    text = re.sub(r"json_decode\((.+?), true\)", decoder + r"(\1)", text)
    text = re.sub(_CONSTANT, lambda m: m.group(1) or _CONSTANTS[m.group(2)], text)
    text = re.sub(r"\[([^\[\]]*=>[^\[\]]*)\]", lambda m: "{" + m.group(1) + "}", text)
    text = text.replace(" => ", ": ")
    text = text.replace("\\DateTime::class", "datetime")
    text = re.sub(r"self::\$(\w+)", r"\1", text)
    text = re.sub(r"(\w+)::class", r"\1", text)
    text = re.sub(r"(\w+)::(\w+)", r"\1.\2", text)
    text = re.sub(r"\(new (\w+)\(\)\)", r"\1()", text)
    text = re.sub(r"new (\w+)\(\)", r"\1()", text)
    text = text.replace("->", ".")
    text = re.sub(r"\$(\w+)", r"\1", text)
    return re.sub(r"\(\s+", "(", re.sub(r"\s+\)", ")", re.sub(r"\s+\.", ".", text)))


def statement(text: str, line: str = "2023") -> str:
    text = text.rstrip(";").strip()
    for pattern, replacement in _ASSERTS:
        if re.match(pattern, text):
            return expression(re.sub(pattern, replacement, text), line)
    check = re.match(r"if \(!is_null\((.+)\)\) \{$", text)
    if check:
        return f"if {expression(check.group(1), line)} is not None:"
    loop = re.match(r"foreach \((.+) as \$(\w+)\) \{$", text)
    if loop:
        return f"for {loop.group(2)} in {expression(loop.group(1), line)}:"
    loop = re.match(r"while\s*\(!empty\(\$(\w+) = (.+)\)\) \{$", text)
    if loop:
        return f"while ({loop.group(1)} := {expression(loop.group(2), line)}):"
    return expression(text, line)


def port(path: Path, source: str, repository: str = "carpenstar/bybitapi-sdk-derivatives") -> str:
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    line = line_of(text)
    decoder = "from json import loads as json_decode" if line == CURRENT else "import json"
    imports = [decoder, "from datetime import datetime", "", "import pytest", ""]
    imports.append("from carpenstar_bybit.Core.Exceptions import ApiException, SDKException")
    imports.append("from tests.php_ports import gaps")
    imports.append("from tests.php_ports.php import current")
    for name in re.findall(r"^use Carpenstar\\ByBitAPI\\([\w\\]+);", text, re.M):
        module, _, cls = name.replace("\\", ".").rpartition(".")
        imports.append(f"from carpenstar_bybit{'.' if module else ''}{module} import {cls}")
    test_class = re.search(r"class (\w+) extends TestCase", text)
    if test_class is None:
        raise SystemExit(f"{path}: no PHPUnit test class")
    constants = []
    for name, literal in re.findall(
        r"(?:static private|private static) string \$(\w+) = ('(?:[^'\\]|\\.)*');", text
    ):
        constants.append(f"{name} = {_php_string(literal)}")
    body: list[str] = []
    for method, block in _methods(text):
        hit = known(repository, line).get((test_class.group(1), method))
        body += ["", ""]
        if hit:
            gap, reason, error = hit
            body.append(
                f"@pytest.mark.xfail(gaps.{gap}, strict=True, raises={error}, reason={reason!r})"
            )
        body.append(f"def {method}() -> None:")
        body += _block(block, line)
    label = " of the current line" if line == CURRENT else ""
    out = HEADER.format(name=test_class.group(1), line=label, source=source) + "\n"
    out += "\n".join(imports) + "\n\n" + "\n".join(constants) + "\n" + "\n".join(body) + "\n"
    return out


def _methods(text: str) -> list[tuple[str, str]]:
    found = []
    for match in re.finditer(r"public function (test\w+)\(\)\s*\{", text):
        depth, index = 1, match.end()
        while depth:
            depth += {"{": 1, "}": -1}.get(text[index], 0)
            index += 1
        found.append((match.group(1), text[match.end() : index - 1]))
    return found


def _block(block: str, release: str) -> list[str]:
    lines, depth, pending = [], 1, ""
    for raw in block.splitlines():
        line = raw.split("//", 1)[0].strip() if "//" in raw and "'" not in raw else raw.strip()
        if not line:
            continue
        if line == "}":
            depth -= 1
            continue
        pending = f"{pending} {line}".strip()
        if pending.endswith((";", "{")):
            lines.append("    " * depth + statement(pending, release))
            if pending.endswith("{"):
                depth += 1
            pending = ""
    return lines


def main(argv: list[str]) -> int:
    from tools.generate_endpoints import formatted  # ruff sorts imports and formats, as there

    checkout, out = Path(argv[0]), Path(argv[1])
    repository = argv[2] if len(argv) > 2 else "carpenstar/bybitapi-sdk-derivatives"
    out.mkdir(parents=True, exist_ok=True)
    files = {}
    for path in sorted(checkout.glob("src/**/Tests/*Test.php")):
        source = f"{repository} {path.relative_to(checkout)}"
        files[out / f"test_{path.stem}.py"] = port(path, source, repository)
    for target, text in formatted(files).items():
        target.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
