"""Text helpers: normalisation, identity hash, charsets, language, publication dates."""

from __future__ import annotations

from datetime import date

import pytest

from heistwatch.documents.text import (
    BinaryContent,
    UndecodableText,
    content_hash,
    date_from_text,
    date_from_url,
    decode_text,
    detect_language,
    normalize_text,
)


def test_normalize_keeps_paragraphs_and_drops_noise() -> None:
    raw = "  Title\r\n\r\n\r\n\r\nFirst para.  \r\nsame para\x07.\tTabbed\u2028next\n\n\n"
    assert normalize_text(raw) == "Title\n\nFirst para.\nsame para. Tabbed\nnext"


def test_content_hash_ignores_layout_not_words() -> None:
    assert content_hash("A  b\nc") == content_hash("A b c") == content_hash("A\n\nb   c ")
    assert content_hash("A b c") != content_hash("A b d")
    assert content_hash("Cafe\u0301") == content_hash("Café")  # NFC


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("January 28, 2018", date(2018, 1, 28)),
        ("Published: 28 Jan 2018 10:15 GMT", date(2018, 1, 28)),
        ("Monday, January 06, 2015", date(2015, 1, 6)),
        ("Updated 2019-07-12T09:00:00Z", date(2019, 7, 12)),
        ("Sept. 3, 2021 at 4:05 p.m. ET", date(2021, 9, 3)),
    ],
)
def test_byline_dates(line: str, expected: date) -> None:
    assert date_from_text(f"Headline here\n\nBy Someone\n{line}\n\nBody text.") == expected


def test_byline_date_must_be_near_the_top() -> None:
    text = "\n".join(["line"] * 20 + ["January 28, 2018"])
    assert date_from_text(text) is None


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://a.example/2018/01/28/story", date(2018, 1, 28)),
        ("https://a.example/news/20220329-bridge-hack", date(2022, 3, 29)),
        ("https://a.example/2018/01/story", None),
        ("https://a.example/2018/13/45/story", None),
        (None, None),
    ],
)
def test_dates_in_urls(url: str | None, expected: date | None) -> None:
    assert date_from_url(url) == expected


def test_decode_rejects_binary_and_damaged_utf8() -> None:
    with pytest.raises(BinaryContent):
        decode_text(b"\x00\x01\x02binary\x00" * 10)
    damaged = "Grüße aus Zürich, die Börse hält Kurs.".encode() + b" caf\xe9"
    with pytest.raises(UndecodableText, match="invalid UTF-8 at byte offset"):
        decode_text(damaged)
    assert decode_text("Café".encode("cp1252") + b" au lait et croissants")[0] == "Café au lait et croissants"


def test_language_guesses() -> None:
    assert detect_language("The exchange said that the funds were stolen from its hot wallet on Monday.") == "en"
    assert detect_language("Die Börse teilte mit, dass die Gelder aus der Wallet gestohlen wurden und nicht ersetzt werden.") == "de"
    assert detect_language("コインチェックは不正アクセスを受けたと発表した。被害額は約580億円にのぼる。") == "ja"
    assert detect_language("ok") is None
