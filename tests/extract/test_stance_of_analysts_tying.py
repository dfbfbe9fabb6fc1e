"""Who ties an attack to an actor sets the stance even when the tie is told as a deed, not as speech: "linked by
several analytics firms to ...", "Analysts linked that attack to ..." are analysts' readings (suspected), and
"according to" a firm of two words reads the whole name."""

from __future__ import annotations

from datetime import date
from functools import partial

from extract_probes import stances_by_victim

_actors = partial(stances_by_victim, published=date(2024, 9, 20))


def test_an_attack_linked_by_analytics_firms_is_suspected():
    got = _actors("Bitstamp lost about $40 million in July in an attack later linked by two blockchain analytics "
                  "firms to North Korean hackers.")
    assert got["Bitstamp"] == {"North Korea": "suspected"}


def test_analysts_linking_an_attack_is_suspected():
    got = _actors("Bitstamp lost about $40 million in July. Analysts linked that attack to North Korea as well, "
                  "and customers are still waiting for refunds.")
    assert got["Bitstamp"] == {"North Korea": "suspected"}


def test_according_to_a_two_word_analytics_firm_is_suspected():
    got = _actors("Bitstamp lost about $40 million in July. The Lazarus Group drained its hot wallet over two "
                  "hours, according to Scam Sniffer.")
    assert got["Bitstamp"] == {"Lazarus Group": "suspected"}
