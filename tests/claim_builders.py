"""Pieces of hand-written extractions shared by the tests (resolve, store, serve, cli): a date at a
granularity, where a surface text stands and the sentence around it. The texts are our own."""

from __future__ import annotations

import calendar
import re
from datetime import date

from heistwatch.extract.model import DateValue, Granularity, Span

_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+")


def at_granularity(d: date, granularity: Granularity, *, relative: bool = False) -> DateValue:
    """The day, month or year around ``d``."""
    if granularity == Granularity.DAY:
        return DateValue(d, d, granularity, relative=relative)
    if granularity == Granularity.MONTH:
        last = calendar.monthrange(d.year, d.month)[1]
        return DateValue(date(d.year, d.month, 1), date(d.year, d.month, last), granularity, relative=relative)
    return DateValue(date(d.year, 1, 1), date(d.year, 12, 31), granularity, relative=relative)


def date_value(s: str) -> DateValue:
    """"2018-01-26" -> that day, "2018-01" -> that month, "2018" -> that year."""
    parts = [int(x) for x in s.split("-")]
    granularity = [Granularity.YEAR, Granularity.MONTH, Granularity.DAY][len(parts) - 1]
    return at_granularity(date(*parts, *[1] * (3 - len(parts))), granularity)


def span_of(text: str, surface: str, start: int = 0) -> Span:
    """Where ``surface`` first stands in ``text`` at or after ``start``."""
    at = text.find(surface, start)
    if at < 0:
        raise AssertionError(f"{surface!r} is not in the text")
    return Span(at, at + len(surface))


def sentence_of(text: str, start: int, end: int) -> Span:
    """The sentence holding ``[start, end)``: it begins after the last sentence break before
    ``start`` and ends at the sentence's closing mark (or the end of the text)."""
    s = 0
    for m in _SENTENCE_BREAK.finditer(text):
        if m.end() <= start:
            s = m.end()
        elif m.start() > end:
            return Span(s, m.start())
    return Span(s, len(text))
