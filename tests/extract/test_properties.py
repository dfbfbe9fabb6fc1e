"""Property tests for the extraction primitives: no crash on any text, spans index the text,
values are consistent, and time grows linearly on hostile input (no catastrophic backtracking).

The timing checks compare two input sizes (doubling) with a generous ratio, never an absolute time.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from extract_timing import assert_scales_linearly
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from heistwatch.extract.dates import find_dates
from heistwatch.extract.money import find_amounts
from heistwatch.extract.text import fold_chars, split_sentences

# Pieces of heist prose (our own) mixed with arbitrary text, so that matches actually happen.
FRAGMENTS = [
    "$5.2 million", "19,000 BTC", "58 billion yen", "($534 million)", "more than", "about", "nearly",
    "tens of millions of dollars", "17%", "of its assets", "31,000 users", "January 26, 2018", "Jan. 26",
    "last year", "on Monday", "two months later", "mid-2017", "in December", "2013-2014", "the 26th",
    "Mt. Gox", "U.S.", "Inc.", "\n", ". ", "—", "“", "”", "¥", "₩", "€", "US$", "half a billion", "seven percent",
    "over the weekend", "Sunday, January 4", "1/27/2018", "2018-01-26", "523 million NEM", "70 Monero coins",
]
prose = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=12)), max_size=40).map(" ".join)
any_text = st.one_of(st.text(max_size=400), prose)
published = st.one_of(st.none(), st.dates(min_value=date(1990, 1, 1), max_value=date(2040, 12, 31)))

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _check_span(text: str, start: int, end: int) -> None:
    assert 0 <= start < end <= len(text)
    surface = text[start:end]
    assert surface == surface.strip() and surface


@SETTINGS
@given(any_text)
def test_amounts_never_raise_and_spans_index_the_text(text: str) -> None:
    found = find_amounts(text)
    last_end = 0
    for i, a in enumerate(found):
        _check_span(text, a.span.start, a.span.end)
        assert a.span.start >= last_end  # in order, no overlap
        last_end = a.span.end
        assert any(c.isdigit() or c.isalpha() for c in a.span.of(text))
        if a.pair is not None:
            assert 0 <= a.pair < len(found) and found[a.pair].pair == i
        v = a.money or a.count
        if v is not None:
            if v.low is not None:
                assert v.low <= v.value
            if v.high is not None:
                assert v.value <= v.high
        if a.money is not None:
            assert a.money.unit


@SETTINGS
@given(any_text, published)
def test_dates_never_raise_and_spans_index_the_text(text: str, pub: date | None) -> None:
    last_end = 0
    for d in find_dates(text, pub):
        _check_span(text, d.span.start, d.span.end)
        assert d.span.start >= last_end
        last_end = d.span.end
        v = d.value
        if v.resolved:
            assert v.start is not None and v.end is not None and v.start <= v.end
            assert v.iso() is not None
        else:
            assert v.iso() is None


@SETTINGS
@given(any_text)
def test_trigger_windows_find_what_a_full_scan_finds(text: str) -> None:
    from heistwatch.extract import dates

    folded = fold_chars(text)
    full = [(m.span(), m.lastgroup) for m in dates._SCAN.finditer(folded)]
    windowed = [(m.span(), m.lastgroup) for m in dates._scan(folded, 0, len(folded))]
    assert windowed == full


@SETTINGS
@given(any_text)
def test_sentences_cover_the_text(text: str) -> None:
    spans = split_sentences(text)
    pos = 0
    for s in spans:
        _check_span(text, s.start, s.end)
        assert text[pos : s.start].strip() == ""  # nothing but space between sentences
        pos = s.end
    assert text[pos:].strip() == ""


@SETTINGS
@given(any_text)
def test_fold_keeps_length(text: str) -> None:
    assert len(fold_chars(text)) == len(text)


@SETTINGS
@given(prose, st.integers(min_value=0, max_value=500), st.integers(min_value=0, max_value=500))
def test_windows_keep_spans_inside(text: str, a: int, b: int) -> None:
    lo, hi = min(a, b), max(a, b)
    for m in find_amounts(text, lo, hi):
        assert lo <= m.span.start and m.span.end <= min(hi, len(text))
    for d in find_dates(text, None, lo, hi):
        assert lo <= d.span.start and d.span.end <= min(hi, len(text))


# ---------------------------------------------------------------- linear time on hostile input

HOSTILE: dict[str, tuple[Callable[[int], str], int]] = {
    "a 5 MB line of digits": (lambda n: "7" * n, 2_500_000),
    "100,000 dollar signs": (lambda n: "$" * n, 50_000),
    "100,000 mixed currency symbols": (lambda n: ("$€£¥₩" * (n // 5 + 1))[:n], 50_000),
    "amounts back to back": (lambda n: "$1 " * (n // 3), 30_000),
    "comma groups": (lambda n: "1," * (n // 2), 400_000),
    "decimal points": (lambda n: "1." * (n // 2), 400_000),
    "digit space groups": (lambda n: "123 " * (n // 4), 200_000),
    "qualifiers without figures": (lambda n: "more than about nearly " * (n // 23), 100_000),
    "vague words": (lambda n: "tens of hundreds of millions of " * (n // 32), 100_000),
    "month names": (lambda n: "January " * (n // 8), 100_000),
    "weekdays and commas": (lambda n: "Monday, " * (n // 8), 100_000),
    "abbreviations": (lambda n: "Mt. " * (n // 4), 100_000),
    "dashes between years": (lambda n: "2017-" * (n // 5), 200_000),
    "a run of full stops": (lambda n: "." * n, 50_000),
    "a run of ellipsis characters": (lambda n: "\u2026" * n, 50_000),
    "question and exclamation marks": (lambda n: "?!" * (n // 2), 50_000),
    "stops before quotes": (lambda n: '."' * (n // 2), 50_000),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
@pytest.mark.parametrize(
    "fn",
    [find_amounts, lambda s: find_dates(s, date(2020, 1, 1)), split_sentences],
    ids=["amounts", "dates", "sentences"],
)
def test_time_is_linear_on_hostile_input(case: str, fn: Callable[[str], object]) -> None:
    make, n = HOSTILE[case]
    assert_scales_linearly(fn, make, n)


def test_sentences_stay_linear_on_one_long_line_of_stops() -> None:
    """Each full stop reads back only over its own line's start (a list number?), not over the whole line:
    scanning back to the last newline for every stop was quadratic, invisible below a megabyte."""
    assert_scales_linearly(split_sentences, lambda n: "Mt. " * (n // 4), 800_000, max_n=1_600_000, runs=2)
