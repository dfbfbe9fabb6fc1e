"""Speed-only shortcuts of the date scanner find exactly what the plain scanner finds."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from heistwatch.extract import dates
from heistwatch.extract.text import Dispatched, fold_chars, lowered

PIECES = ["January 26, 2018", "Jan. 26", "the 26th", "on the 3rd of March", "last year", "Q3 2021", "H1 2022", "H12th",
          "mid-2017", "the first half of 2022", "2013-2014", "2018-01-26", "26.01.2018", "1/27/2018", "\u0662\u0660\u0661\u0668",
          "\u0663.01.2018", "Monday", "Friday's", "two months later", "3 days ago", "a few weeks ago", "the next day",
          "over the weekend", "THE WEEKEND", "\u017fummer", "\u212a", "the", "and", "of", "$2014", "#2014", "1.2014",
          "The\t3rd of May", "between 2013 and 2014", "5thursday", "12th'1st", "x", "-", ".", ",", " ", "\n"]
texts = st.one_of(st.lists(st.sampled_from(PIECES), max_size=25).map(" ".join),
                  st.lists(st.sampled_from(PIECES), max_size=25).map("".join), st.text(max_size=120))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts, st.integers(min_value=0, max_value=200))
def test_dispatched_scanner_matches_like_the_scanner_everywhere(text: str, cut: int) -> None:
    t = fold_chars(text)
    low = lowered(t)
    if low is None or dates._DISPATCH is None:
        return
    d = dates._DISPATCH[0]
    for p in range(len(t) + 1):
        end = min(len(t), p + cut)
        want, got = dates._SCAN.match(t, p, end), d.match(t, low, p, end)
        assert (want and (want.span(), want.lastgroup, want.groupdict())) == \
               (got and (got.span(), got.lastgroup, got.groupdict()))


def test_the_scanner_is_dispatched_and_an_alternative_is_tried_only_where_it_can_start() -> None:
    assert dates._DISPATCH is not None
    d = Dispatched(re.compile(r"(?<!\w)(?:(?P<a>ab\d)|(?P<b>(?i:x)y+)|(?P<c>\d\d))"))
    assert d.starts == [{"ab" + Dispatched.DIGIT}, {"xy"}, {Dispatched.DIGIT}]
    text = "ab1 Xyy 42 abc"
    low = text.lower()
    assert [d.match(text, low, p, len(text)) and d.match(text, low, p, len(text)).lastgroup for p in (0, 4, 8, 11)] == \
        ["a", "b", "c", None]


def test_triggers_like_one_scan_where_a_half_year_meets_an_ordinal() -> None:
    t = "in H12th and on the 3rd"
    assert dates._triggers(t, 0, len(t)) == [m.span() for m in dates._WORD_TRIGGER_LOWER.finditer(t.lower())]
