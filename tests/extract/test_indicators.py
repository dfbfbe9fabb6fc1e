from __future__ import annotations

import pytest
from extract_timing import assert_linear_against_half
from hypothesis import given, settings, strategies as st

from heistwatch.extract.indicators import (
    EXAMPLES,
    base58check_ok,
    eip55,
    eth_checksum_ok,
    find_indicators,
    segwit_ok,
)


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: e.text[:40])
def test_documented_examples(example):
    got = tuple((i.type, i.value, i.valid) for _, i in find_indicators(example.text))
    assert got == example.found


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: e.text[:40])
def test_spans_cover_the_surface_form(example):
    for span, ind in find_indicators(example.text):
        surface = span.of(example.text)
        normal = surface.lower().replace("[.]", ".").replace("[at]", "@")
        assert normal == ind.value.lower() or ind.type in ("ipv4", "ipv6")


def test_eip55_vectors_from_the_eip():
    for a in ("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
              "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB", "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb"):
        assert eip55(a.lower()) == a and eth_checksum_ok(a)
    assert not eth_checksum_ok("0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9adb")
    assert eth_checksum_ok("0xD1220A0CF47C7B9BE7A2E6BA89F429762E7B9ADB")


def test_base58check_and_bech32():
    assert base58check_ok("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa")
    assert base58check_ok("1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2")
    assert base58check_ok("3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy")
    assert not base58check_ok("1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN3")
    assert not base58check_ok("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfN0")   # 0 is not Base58
    assert segwit_ok("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4")
    assert segwit_ok("BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4")
    assert not segwit_ok("bc1qw508d6qejxtdg4y5r3zarvary0c5XW7KV8F3T4")       # mixed case
    assert not segwit_ok("tb1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4")       # not mainnet
    # a v1 (taproot) program checksummed with bech32 instead of bech32m is invalid (BIP 350)
    assert segwit_ok("bc1p5d7rjq7g6rdk2yhzks9smlaqtedr4dekq08ge8ztwac72sfr9rusxg3297")


def test_in_a_report_paragraph():
    text = ("Investigators traced the stolen ether to 0x098B716B8Aaf21512996dC57EB0615e2383E2f96, "
            "the address the FBI tied to the group. The phishing lure came from "
            "careers@defi-talent[.]com and loaded a payload (md5: 5f4dcc3b5aa765d61d8327deb882cf99) "
            "from 45.137.21[.]9.")
    got = [(i.type, i.value) for _, i in find_indicators(text)]
    assert got == [
        ("eth-address", "0x098b716b8aaf21512996dc57eb0615e2383e2f96"),
        ("email", "careers@defi-talent.com"),
        ("md5", "5f4dcc3b5aa765d61d8327deb882cf99"),
        ("ipv4", "45.137.21.9"),
    ]


def test_invalid_address_is_reported_not_dropped():
    text = "Send to 0x098B716B8Aaf21512996dC57EB0615e2383E2F96 now."
    [(span, ind)] = find_indicators(text)
    assert ind.type == "eth-address" and not ind.valid and span.of(text).startswith("0x098B")


def test_prose_that_looks_like_indicators_is_not():
    text = ("Mt.Gox filed for bankruptcy in 2014. Version 2.4.1 of the wallet, i.e. the patched one, "
            "shipped as wallet_setup.exe and notes.md at 10:45:00 on 3.4.2018; the U.S. Treasury "
            "and Node.js developers were told. Bitcoin reached $11,171.40 that day.")
    assert find_indicators(text) == []


def test_hex_without_context_is_not_a_file_hash():
    assert find_indicators("Order ref 9e107d9d372bb6826bd81d3542a419d6 was paid.") == []
    [(_, ind)] = find_indicators("The file hash 9e107d9d372bb6826bd81d3542a419d6 is listed.")
    assert ind.type == "md5"


@pytest.mark.parametrize("hostile", [
    "1" * 2_000_000, "$" * 100_000, "a." * 500_000, "ab:" * 300_000, "x[.]" * 300_000,
    "0x" * 500_000, "a@" * 500_000, "-" * 1_000_000,
])
def test_linear_time_on_hostile_input(hostile):
    assert_linear_against_half(find_indicators, hostile)


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_never_raises_and_spans_index_the_text(text):
    for span, ind in find_indicators(text):
        assert 0 <= span.start < span.end <= len(text)
        assert ind.value


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(["0x", "bc1q", "1A1z", ".", "[.]", "@", "[at]", "com", "::", ":", "ff", "1", "a",
                                 " ", "-", "192.168.", "SHA-256 ", "e3b0c442"]), max_size=60))
def test_never_raises_on_indicator_shaped_noise(parts):
    text = "".join(parts)
    for span, _ in find_indicators(text):
        assert span.of(text)
