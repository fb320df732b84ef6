"""Signature version 2: the public vectors, the encoding rules and the signer of the connection."""

from __future__ import annotations

import base64
import hashlib
import hmac
import pickle
import urllib.parse

import pytest
from htx_testkit import ACCESS_KEY, FROZEN_MS, FROZEN_TIMESTAMP, SECRET_KEY, expected_signed_query

from carpenstar_bybit.Core.Exceptions import SDKException
from carpenstar_bybit.Htx.Auth import (
    HtxSigner,
    canonical_query,
    htx_signature,
    htx_timestamp,
    percent_encode,
    pre_sign_text,
    sign_text,
)

# The vectors of HTX's official SDK test suites (reference/htx.md).
PUBLIC_VECTORS = [
    (
        "secret",
        "GET\napi.huobi.pro\n/v1/account/history\naccount-id=1&currency=btcusdt",
        "HUP3n78npIuTzVKyjEOrPictRKEUTRoYs7Ld5y38hmA=",
    ),
    (
        "12345-67890-12345-67890",
        "GET\napi.huobi.pro\n/v1/account/accounts\nAccessKeyId=abcdefg-hijklmn-opqrst-uvwxyz"
        "&SignatureMethod=HmacSHA256&SignatureVersion=2&Timestamp=2020-04-01T12%3A34%3A56",
        "3IUZcEak4IIRrh7/idFrP2Jj77MaWGXR/oQbe9gL4+I=",
    ),
]


@pytest.mark.parametrize(("secret", "pre_sign", "signature"), PUBLIC_VECTORS)
def test_public_vectors(secret: str, pre_sign: str, signature: str) -> None:
    assert sign_text(secret, pre_sign) == signature


def test_second_vector_through_the_pure_function() -> None:
    # The same vector, from unencoded parameters: proves sorting, encoding and line layout.
    params = {
        "Timestamp": "2020-04-01T12:34:56",
        "SignatureVersion": "2",
        "AccessKeyId": "abcdefg-hijklmn-opqrst-uvwxyz",
        "SignatureMethod": "HmacSHA256",
    }
    signature = htx_signature(
        "12345-67890-12345-67890", "GET", "api.huobi.pro", "/v1/account/accounts", params
    )
    assert signature == PUBLIC_VECTORS[1][2]
    # A server passes the whole received query: the Signature in it is not signed.
    with_signature = {**params, "Signature": signature}
    assert (
        htx_signature(
            "12345-67890-12345-67890",
            "GET",
            "API.Huobi.PRO",
            "/v1/account/accounts",
            with_signature,
        )
        == signature
    )


def test_percent_encoding_is_uppercase_and_total() -> None:
    assert percent_encode("2020-04-01T12:34:56") == "2020-04-01T12%3A34%3A56"
    assert percent_encode("a b") == "a%20b"
    assert percent_encode("a+b/c=d&e") == "a%2Bb%2Fc%3Dd%26e"
    assert percent_encode("日") == "%E6%97%A5"
    assert percent_encode("-_.~") == "-_.~"


def test_canonical_query_sorts_by_encoded_name() -> None:
    assert canonical_query([("b", "2"), ("a", "x y"), ("C", ":")]) == "C=%3A&a=x%20y&b=2"


def test_pre_sign_text_layout() -> None:
    assert pre_sign_text("post", "API.HBDM.COM", "/p", "a=1") == "POST\napi.hbdm.com\n/p\na=1"


@pytest.mark.parametrize(
    ("ms", "text"),
    [
        (FROZEN_MS, "2023-11-14T22:13:20"),
        (FROZEN_MS + 999, "2023-11-14T22:13:20"),  # truncated, never rounded into the future
        (0, "1970-01-01T00:00:00"),
        (1585744496000, "2020-04-01T12:34:56"),
    ],
)
def test_timestamp_is_utc_seconds(ms: int, text: str) -> None:
    assert htx_timestamp(ms) == text


def test_signer_returns_the_signed_query_and_no_headers() -> None:
    signer = HtxSigner(ACCESS_KEY, SECRET_KEY)
    query, headers = signer.sign("POST", "api.hbdm.com", "/p", "", b'{"a":1}', FROZEN_MS)
    assert headers == {}
    assert query == expected_signed_query("api.hbdm.com", "/p")
    assert f"Timestamp={FROZEN_TIMESTAMP}" in query
    # The body is not signed.
    assert signer.sign("POST", "api.hbdm.com", "/p", "", b"{}", FROZEN_MS)[0] == query


def test_signer_encodes_an_access_key_with_reserved_characters() -> None:
    query, _ = HtxSigner("a b:c", "s").sign("POST", "h", "/p", "", b"", FROZEN_MS)
    assert query.startswith("AccessKeyId=a%20b%3Ac&SignatureMethod=HmacSHA256&")
    assert query == expected_signed_query("h", "/p", access_key="a%20b%3Ac", secret="s")


def test_signer_signs_get_parameters_too() -> None:
    query, _ = HtxSigner("k", "s").sign(
        "GET", "api.hbdm.com", "/q", "z=1&contract_code=BTC-USD&note=a+b", b"", FROZEN_MS
    )
    names = [name for name, _ in urllib.parse.parse_qsl(query)]
    assert names == [
        "AccessKeyId",
        "SignatureMethod",
        "SignatureVersion",
        "Timestamp",
        "contract_code",
        "note",
        "z",
        "Signature",
    ]
    signed, _, signature = query.rpartition("&Signature=")
    assert "note=a%20b" in signed  # a form-encoded space is re-encoded as %20
    pre_sign = f"GET\napi.hbdm.com\n/q\n{signed}"
    digest = hmac.new(b"s", pre_sign.encode(), hashlib.sha256).digest()
    assert urllib.parse.unquote(signature) == base64.b64encode(digest).decode()


def test_client_and_pure_function_agree() -> None:
    query, _ = HtxSigner(ACCESS_KEY, SECRET_KEY).sign(
        "POST", "api.hbdm.vn", "/swap-api/v1/swap_cancelall", "", b"", FROZEN_MS
    )
    params = dict(urllib.parse.parse_qsl(query))
    assert params["Signature"] == htx_signature(
        SECRET_KEY, "POST", "api.hbdm.vn", "/swap-api/v1/swap_cancelall", params
    )


def test_signer_needs_both_keys_and_hides_the_secret() -> None:
    with pytest.raises(SDKException, match="both required"):
        HtxSigner(ACCESS_KEY, "")
    signer = HtxSigner(ACCESS_KEY, SECRET_KEY)
    for text in (repr(signer), str(signer)):
        assert SECRET_KEY not in text
        assert ACCESS_KEY not in text
    assert repr(signer) == "HtxSigner(accessKey='e2xx…xx')"
    with pytest.raises(SDKException, match="cannot be pickled"):
        pickle.dumps(signer)
