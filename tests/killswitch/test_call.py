"""``call``: any declared endpoint, its flags made from its declaration, over real HTTP."""

from __future__ import annotations

import contextlib
import io
import json
from collections.abc import Iterator

import pytest

from carpenstar_bybit.cli import EXIT_API_ERROR, EXIT_OK, EXIT_USAGE, main
from carpenstar_bybit.cli.call import endpoint_class, endpoint_parser
from carpenstar_bybit.cli.common import kebab
from carpenstar_bybit.Core.Registry import ENDPOINTS
from carpenstar_bybit.sandbox import Sandbox

KEY, SECRET = "call-key-0007", "call-secret"
HTX_KEY, HTX_SECRET = "call-htx-access", "call-htx-secret"


@pytest.fixture
def sandbox() -> Iterator[Sandbox]:
    with Sandbox(keys={KEY: SECRET, HTX_KEY: HTX_SECRET}, rate_limit=None) as server:
        yield server


@pytest.fixture(autouse=True)
def keys(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BYBIT_API_KEY", KEY)
    monkeypatch.setenv("BYBIT_API_SECRET", SECRET)
    monkeypatch.setenv("HTX_ACCESS_KEY", HTX_KEY)
    monkeypatch.setenv("HTX_SECRET_KEY", HTX_SECRET)


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out, err)
    return code, out.getvalue(), err.getvalue()


@pytest.mark.parametrize("name", sorted(ENDPOINTS))
def test_every_declared_field_is_a_flag(name: str) -> None:
    endpoint = endpoint_class(name)
    parser = endpoint_parser(name, endpoint)
    flags = {option for action in parser._actions for option in action.option_strings}
    for param in endpoint.DECLARATION.params:
        assert f"--{kebab(param.wire)}" in flags
    assert endpoint.DECLARATION.path in (parser.description or "")


def test_call_lists_the_endpoints() -> None:
    code, out, _ = run("call", "--list")
    assert code == EXIT_OK
    names = [line.split()[0] for line in out.splitlines()]
    assert names == sorted(ENDPOINTS)
    assert (
        f"{'Derivatives.Contract.Order.CancelAllOrder':<48} bybit POST /v5/order/cancel-all" in out
    )


def test_call_cancel_all_prints_a_table(sandbox: Sandbox) -> None:
    orders = sandbox.seed_orders(KEY, "spot", "BTCUSDT", count=2, order_link_prefix="t-")
    code, out, err = run("call", "CancelAllOrder", "--category", "spot", "--host", sandbox.base_url)
    assert code == EXIT_OK, err
    assert err.splitlines()[0] == (
        f"bybit {sandbox.base_url} (local sandbox), key call…07; POST /v5/order/cancel-all"
    )
    lines = out.splitlines()
    assert lines[0].split() == ["orderId", "orderLinkId"]
    assert {line.split()[0] for line in lines[1:3]} == {o["orderId"] for o in orders}
    assert lines[-1] == "2 items"


def test_call_json_and_uppercased_symbols(sandbox: Sandbox) -> None:
    order = sandbox.seed_orders(KEY, "linear", "ETHUSDT", count=1)[0]
    code, out, _ = run(
        "call", "Contract.Order.CancelOrder", "--symbol", "ethusdt", "--order-id", order["orderId"],
        "--host", sandbox.base_url, "--json",
    )  # fmt: skip
    assert code == EXIT_OK
    answer = json.loads(out)
    assert answer["retCode"] == 0
    assert answer["list"] == [{"orderId": order["orderId"], "orderLinkId": ""}]
    assert sandbox.open_count(KEY) == 0


def test_call_htx_endpoint(sandbox: Sandbox) -> None:
    sandbox.seed_htx_orders(HTX_KEY, "swap", "BTC-USD", count=2)
    code, out, err = run(
        "call", "SwapCancelAll", "--contract-code", "btc-usd", "--host", sandbox.base_url
    )
    assert code == EXIT_OK, err
    assert err.splitlines()[0].startswith(f"htx {sandbox.base_url} (local sandbox)")
    assert out.splitlines()[-1] == "2 items"
    assert sandbox.open_htx_count(HTX_KEY) == 0


def test_the_exchange_refusing_exits_1(sandbox: Sandbox) -> None:
    code, _, err = run(
        "call", "Contract.Order.CancelOrder", "--symbol", "BTCUSDT", "--order-id", "nope",
        "--host", sandbox.base_url,
    )  # fmt: skip
    assert code == EXIT_API_ERROR
    assert "110001" in err


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (("call", "CancelOrdr"), "did you mean CancelOrder"),
        (("call", "Contract.Order.CancelOrder", "--symbol", "BTCUSDT"), "--order-id"),
        (("call", "CancelAllOrder"), "--category spot|option"),
        (("call", "CancelAllOrder", "--category", "futures"), "--category: must be one of"),
        (
            ("call", "CancelAllOrder", "--nope", "1"),
            "usage: carpenstar-bybit call Derivatives.Contract.Order.CancelAllOrder",
        ),
        (("call", "Derivatives.Contract.Order.CancelOrdr"), "no endpoint"),
    ],
)
def test_call_usage_errors(
    sandbox: Sandbox, capsys: pytest.CaptureFixture[str], argv: tuple[str, ...], says: str
) -> None:
    code, _, err = run(*argv, "--host", sandbox.base_url)
    assert code == EXIT_USAGE
    said = err + capsys.readouterr().err
    assert says in said
    assert "set" + "Category(" not in said
    assert sandbox.stats()["requests"] == 0


def test_call_help_names_the_fields(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, _ = run("call", "CancelAllOrder", "--help")
    assert code == EXIT_OK
    shown = capsys.readouterr().out
    assert "--settle-coin" in shown
    assert "--stop-order-type" in shown


@pytest.mark.parametrize("name", sorted(ENDPOINTS))
def test_call_help_of_every_endpoint(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    # A declaration's doc may hold a literal % ("10% of the price"), which argparse would read
    # as a format: --help must print every field's doc as written.
    code, _, _ = run("call", name, "--help")
    shown = capsys.readouterr()
    assert code == EXIT_OK, shown.err
    assert "Traceback" not in shown.err
    text = " ".join(shown.out.split())  # argparse wraps help text
    for param in endpoint_class(name).DECLARATION.params:
        assert f"--{kebab(param.wire)}" in text
        assert " ".join(param.doc.split()) in text


def test_call_help_keeps_a_literal_percent(capsys: pytest.CaptureFixture[str]) -> None:
    docs = [
        p.doc
        for p in endpoint_class("Derivatives.Contract.Order.PlaceOrder").DECLARATION.params
        if "%" in p.doc
    ]
    assert docs, "PlaceOrder's docs no longer hold a %: pick another endpoint for this check"
    assert run("call", "Derivatives.Contract.Order.PlaceOrder", "--help")[0] == EXIT_OK
    text = " ".join(capsys.readouterr().out.split())
    assert all(" ".join(doc.split()) in text for doc in docs)
    assert "%%" not in text


def test_sandbox_help_explains_every_flag(capsys: pytest.CaptureFixture[str]) -> None:
    assert run("sandbox", "--help")[0] == EXIT_OK
    text = " ".join(capsys.readouterr().out.split())
    assert "--port PORT the TCP port to listen on (default 8181" in text
    assert "--key KEY:SECRET an API key the sandbox accepts" in text


PUBLIC = sorted(
    name
    for name in ENDPOINTS
    if not endpoint_class(name).DECLARATION.private
    and endpoint_class(name).DECLARATION.exchange == "bybit"
)


@pytest.mark.skipif(not PUBLIC, reason="this build declares no public endpoint")
@pytest.mark.parametrize("name", PUBLIC or ["none"])
def test_public_endpoints_need_no_keys(
    sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    monkeypatch.delenv("BYBIT_API_KEY")
    monkeypatch.delenv("BYBIT_API_SECRET")
    declaration = endpoint_class(name).DECLARATION
    argv = ["call", name, "--host", sandbox.base_url]
    for param in declaration.params:
        if param.required or param.wire in ("category", "symbol"):
            argv += [f"--{kebab(param.wire)}", str(param.kind.example)]
    code, _, err = run(*argv)
    assert "BYBIT_API_KEY" not in err  # never asked for
    if code != EXIT_USAGE:  # an example value a cross-field rule refuses is the rule's business
        assert err.splitlines()[0].endswith(f"no key (public calls only); GET {declaration.path}")


def test_call_place_order_as_the_issue_writes_it(sandbox: Sandbox) -> None:
    sandbox.set_price("BTCUSDT", "60000")
    code, out, err = run(
        "call", "Contract.Order.PlaceOrder", "--symbol", "BTCUSDT", "--side", "Buy",
        "--order-type", "Limit", "--qty", "0.01", "--price", "59000", "--host", sandbox.base_url,
    )  # fmt: skip
    assert code == EXIT_OK, err
    assert err.splitlines()[0].endswith("key call…07; POST /v5/order/create")
    (order,) = sandbox.open_orders(KEY)
    assert (order["symbol"], order["side"], order["price"], order["qty"]) == (
        "BTCUSDT", "Buy", "59000", "0.01",
    )  # fmt: skip
    assert order["orderId"] in out
    code, out, _ = run(
        "call", "GetOpenOrders", "--category", "linear", "--settle-coin", "usdt",
        "--host", sandbox.base_url,
    )  # fmt: skip
    assert code == EXIT_OK
    assert out.splitlines()[-1] == "1 item"
    assert order["orderId"] in out


def test_call_refuses_a_bad_value_before_sending(
    sandbox: Sandbox, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(
        "call", "Contract.Order.PlaceOrder", "--symbol", "BTCUSDT", "--side", "Up",
        "--order-type", "Limit", "--qty", "0.01", "--price", "59000", "--host", sandbox.base_url,
    )  # fmt: skip
    assert code == EXIT_USAGE
    assert "--side: must be one of Buy, Sell" in err
    assert sandbox.stats()["requests"] == 0


@pytest.mark.skipif(
    "Derivatives.MarketData.OrderBook" not in ENDPOINTS, reason="no market data in this build"
)
def test_public_answers_print_as_tables(sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BYBIT_API_KEY")
    sandbox.set_price("BTCUSDT", "60000")
    code, out, err = run(
        "call", "Derivatives.MarketData.Kline", "--symbol", "btcusdt", "--interval", "60",
        "--limit", "3", "--host", sandbox.base_url,
    )  # fmt: skip
    assert code == EXIT_OK, err
    lines = out.splitlines()
    assert lines[0].split() == [
        "getStartTime", "getOpen", "getHigh", "getLow", "getClose", "getVolume", "getTurnover",
    ]  # fmt: skip
    assert lines[1].split()[4] == "60000"  # the last kline closes at the price set
    assert lines[-1] == "3 items"
    code, out, _ = run(
        "call", "Derivatives.MarketData.OrderBook", "--symbol", "BTCUSDT", "--limit", "2",
        "--host", sandbox.base_url,
    )  # fmt: skip
    assert code == EXIT_OK
    lines = out.splitlines()
    assert lines[0].split() == ["s", "BTCUSDT"]
    bids = lines.index("b: Bids, best (highest) first")
    asks = lines.index("a: Asks, best (lowest) first")
    assert lines[bids + 1].split() == ["getPrice", "getQuantity"]
    assert float(lines[bids + 2].split()[0]) < 60000 < float(lines[asks + 2].split()[0])
    code, out, _ = run(
        "call", "TickerInfo", "--category", "linear", "--symbol", "BTCUSDT",
        "--host", sandbox.base_url, "--json",
    )  # fmt: skip
    assert code == EXIT_OK
    assert json.loads(out)["list"][0]["lastPrice"] == "60000"


# -- hostile values on every flag: exit 0, 1 or 2, no traceback, the flag named, no huge echo ------

HOSTILE = {
    "5000 digits": "9" * 5000,  # int() refuses it; a Number or Millis must refuse it by name
    "10,000 letters": "A" * 10_000,
    "lone surrogate": "BTC\udcff",  # what Python makes of a non-UTF-8 byte in argv
    "superscripts": "\u00b2\u00b3",  # digits to str.isdigit, not to int()
}


@pytest.mark.parametrize("name", sorted(ENDPOINTS))
def test_every_call_flag_takes_hostile_values(sandbox: Sandbox, name: str) -> None:
    for param in endpoint_class(name).DECLARATION.params:
        flag = f"--{kebab(param.wire)}"
        for label, value in HOSTILE.items():
            out, err = io.StringIO(), io.StringIO()
            with contextlib.redirect_stderr(err):  # argparse writes its errors to sys.stderr
                code = main(["call", name, "--host", sandbox.base_url, f"{flag}={value}"], out, err)
            said = err.getvalue()
            where = f"{flag} {label}: {said[-300:]!r}"
            assert code in (EXIT_OK, EXIT_API_ERROR, EXIT_USAGE), where
            assert "Traceback" not in said, where
            assert value[:200] not in said or len(value) < 100, where
            if code == EXIT_USAGE and "is required" not in said:
                assert flag in said or f".{param.wire}:" in said, where


def test_a_long_millis_flag_is_refused_short() -> None:
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        code = main(
            ["call", "Derivatives.MarketData.Kline", "--start", "9" * 5000], io.StringIO(), err
        )
    assert code == EXIT_USAGE
    said = err.getvalue()
    assert "argument --start: ms since the epoch (got '99999999999999" in said
    assert len(said) < 3000


@pytest.mark.parametrize("name", sorted(ENDPOINTS))
def test_every_endpoint_has_a_working_help(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, _ = run("call", name, "--help")
    assert code == EXIT_OK
    shown = capsys.readouterr().out
    assert f"carpenstar-bybit call {name}" in shown
    for param in endpoint_class(name).DECLARATION.params:
        assert f"--{kebab(param.wire)}" in shown


def test_a_short_name_two_packages_share_is_refused_with_the_full_names() -> None:
    code, _, err = run("call", "PlaceOrder", "--help")
    assert code == EXIT_USAGE
    assert "Derivatives.Contract.Order.PlaceOrder or Spot.Trade.PlaceOrder" in err
    code, _, _ = run("call", "Trade.PlaceOrder", "--help")  # a tail only Spot has
    assert code == EXIT_OK


def test_call_trades_spot_by_full_name(sandbox: Sandbox) -> None:
    sandbox.set_price("BTCUSDT", "60000")
    code, out, err = run(
        "call", "Spot.Trade.PlaceOrder", "--symbol", "btcusdt", "--side", "Buy", "--qty", "600",
        "--host", sandbox.base_url,
    )  # fmt: skip
    assert code == EXIT_OK, err
    assert err.splitlines()[0].endswith("POST /v5/order/create")
    code, out, err = run("call", "Spot.Trade.TradeHistory", "--host", sandbox.base_url)
    assert code == EXIT_OK, err
    assert out.splitlines()[-1] == "1 item"
    assert "60000" in out
    code, out, _ = run("call", "Spot.Account.WalletBalance", "--json", "--host", sandbox.base_url)
    assert code == EXIT_OK
    answer = json.loads(out)
    assert answer["endpoint"] == "Spot.Account.WalletBalance"
    coins = {c["coin"]: c["walletBalance"] for c in answer["list"]}  # one item per coin
    assert coins["USDT"] == "99400"


def test_call_sends_a_batch_and_prints_each_item_s_outcome(sandbox: Sandbox) -> None:
    sandbox.set_price("BTCUSDT", "60000")
    orders = [
        {"symbol": "BTCUSDT", "side": "Buy", "orderType": "Limit", "qty": "0.01", "price": "59000"},
        {"symbol": "BTCUSDT", "side": "Buy", "orderType": "Limit", "qty": "0.01", "price": "58000"},
    ]
    code, out, err = run(
        "call", "Derivatives.Contract.Order.BatchPlaceOrder", "--category", "linear",
        "--request", json.dumps(orders), "--host", sandbox.base_url,
    )  # fmt: skip
    assert code == EXIT_OK, err
    assert out.splitlines()[0].split()[-2:] == ["code", "msg"]
    assert out.splitlines()[-1] == "2 items"
    assert sandbox.open_count(KEY, "linear") == 2
    ids = [o["orderId"] for o in sandbox.open_orders(KEY, "linear")]
    cancels = [{"symbol": "BTCUSDT", "orderId": i} for i in [*ids, "gone"]]
    code, out, err = run(
        "call", "Derivatives.Contract.Order.BatchCancelOrder", "--category", "linear",
        "--request", json.dumps(cancels), "--host", sandbox.base_url,
    )  # fmt: skip
    assert code == EXIT_API_ERROR  # one of three refused
    assert "1 of 3 batch items refused" in err
    assert "110001" in out
    assert sandbox.open_count(KEY, "linear") == 0
    code, _, err = run(
        "call", "Derivatives.Contract.Order.BatchCancelOrder", "--category", "linear",
        "--request", '[{"symbl": "BTCUSDT"}]', "--host", sandbox.base_url,
    )  # fmt: skip
    assert code == EXIT_USAGE
    assert "item 0 has no field 'symbl'" in err
