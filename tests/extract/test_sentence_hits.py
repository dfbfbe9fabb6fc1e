"""Which sentences a pattern's scan of the whole text hits (text.hits_by_sentence): the same as the scan itself."""

from __future__ import annotations

import bisect
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from heistwatch.extract.model import Span
from heistwatch.extract.text import SentenceHits, hits_by_sentence, split_sentences
from heistwatch.extract.victims import VICTIM_PATTERNS

PATTERNS = [
    *{p.trigger.pattern: p.trigger for p in VICTIM_PATTERNS if p.trigger is not None}.values(),
    re.compile(r"\b(?:was|were)\b", re.IGNORECASE),
    re.compile(r"(?<![\w'])lost(?=\s)", re.IGNORECASE),         # a lookahead: it reads past the sentence
    re.compile(r"\bZumo\b"),                                    # case-sensitive
    re.compile(r"made\s+off", re.IGNORECASE),                   # holds a space: may run into the next sentence
    re.compile(r"\d+%"),                                        # no literal start
]


def _by_scan(pattern: re.Pattern[str], text: str, sentences: list[Span]) -> set[int]:
    starts = [s.start for s in sentences]
    hit = set()
    for m in pattern.finditer(text):
        i = bisect.bisect_right(starts, m.start()) - 1
        if i >= 0 and m.start() < sentences[i].end:
            hit.add(i)
    return hit


def _check(text: str, sentences: list[Span]) -> None:
    assert hits_by_sentence(PATTERNS, text, sentences) == [_by_scan(p, text, sentences) for p in PATTERNS]


TABLE = [
    "The exchange was hacked. Hackers lost nothing.\nThe bridge's wallet was drained from within.",
    "Funds were sent from the platform. IT WAS HACKED!  It lost\n$5 million. The Exploiter paid back.",
    "The app wasn't hit: apparently nothing. The firm's losses... The company is fine.",
    "Zumo lost\nfunds. ZUMO was burned. Zumos were wiped.",
    "Thieves made\noff with it. They made off. 12% went missing from the startup's hot wallet.",
    "  Leading spaces. Was it? Yes: it was.\n\n\nThe casino (an operator) fell.",
    "İstanbul exchange was hacked; the exploiter fled.",   # a character lowering does not keep in place
    "",
]


def test_table_of_sentences() -> None:
    for text in TABLE:
        _check(text, split_sentences(text))


def test_sentences_that_are_not_split_at_whitespace() -> None:
    text = "The exchange was hacked. Hackers lost it."
    _check(text, [Span(0, 10), Span(10, len(text))])           # no space between two sentences: scanned
    _check(text, [Span(4, 20), Span(26, len(text))])           # words before the first one and between them


def test_literal_starts() -> None:
    assert SentenceHits(re.compile(r"\bfrom\b", re.IGNORECASE)).strings == ("from",)
    assert SentenceHits(re.compile(r"made\s+off", re.IGNORECASE)).strings == ()   # may hold whitespace
    assert SentenceHits(re.compile(r"\d+%")).strings == ()


PIECES = ["exchange", "Exchange", "was", "WAS", "were", "hacked", "lost", "loses", "from", "Zumo", "zumo", "made",
          "off", "paid", "burned", "attackers", "x", " ", "  ", "\n", ".", ". ", "! ", "? ", ",", "'", "-", "12%",
          "Mt.", "İ", "\u212a", "app", "firm"]
texts = st.one_of(st.lists(st.sampled_from(PIECES), max_size=30).map("".join), st.text(max_size=80))


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_same_sentences_as_the_scan(text: str) -> None:
    _check(text, split_sentences(text))
