"""A pattern's needle test (text.Needled) says "no" only where the pattern finds nothing."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from heistwatch.extract import money
from heistwatch.extract.text import Needled, lowered

PATTERNS = [money._RECOVERY_RE, money._MARKET_BEFORE, money._REFUND_RE, money._PASSIVE_MOVE, money._NOW_BEFORE,
            money._REWARD_RE, money._RATE_BEFORE, money._PER_UNIT_BEFORE, money._FUNDING_BEFORE,
            re.compile(r"\b(?:claw(?:ed)?\s+back|refund(?:ed)?)\b", re.IGNORECASE)]
PIECES = ["recovered", "RETURNED", "clawed  back", "came back", "froze", "market cap of", "bitcoin at", "rose to",
          "refunds", "reimbursed", "was sent to", "were later moved into", "worth now", "would be worth", "a bounty",
          "$1 =", "1 USD =", "price of", "raised", "capital injection", "ſeized", "\u212a", "x", " ", ".", ",", "$5 million"]
texts = st.one_of(st.lists(st.sampled_from(PIECES), max_size=20).map(" ".join), st.text(max_size=100))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts, st.integers(min_value=0, max_value=120), st.integers(min_value=0, max_value=120))
def test_no_needle_no_match(text: str, a: int, b: int) -> None:
    low = lowered(text)
    for pattern in PATTERNS:
        if not Needled(pattern).may_match(low, a, b):
            assert pattern.search(text[a:b]) is None
            assert pattern.search(text, a, b) is None


def test_needles_are_words_every_match_holds() -> None:
    assert Needled(re.compile(r"\b(?:claw(?:ed)?\s+back|refund(?:ed)?)\b", re.IGNORECASE)).needles in (
        {"claw", "refund"}, {"back", "refund"})
    assert Needled(re.compile(r"\d+")).needles is None            # nothing literal: always tried
    assert Needled(re.compile(r"(?:x|y)?z*")).may_match("abc")    # may match the empty string
