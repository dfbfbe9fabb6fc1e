"""Which incident an attribution lands on when a sentence names several: the clause that tells one victim's
story keeps its actor; 'both incidents' anywhere in the sentence means the two just named."""

from __future__ import annotations

from datetime import date
from functools import partial

from extract_probes import stances_by_victim

_actors = partial(stances_by_victim, published=date(2022, 9, 1))


def test_an_actor_in_one_victims_clause_stays_with_that_victim():
    got = _actors("Bridges keep failing. Qubit lost $80 million in January, and Ronin was drained of $600 million in "
                  "March, a theft that investigators have tied to the Lazarus Group.")
    assert got["Ronin Network"] == {"Lazarus Group": "suspected"}
    assert got["Qubit Finance"] == {}


def test_a_shared_attribution_in_a_plain_list_reaches_every_victim():
    got = _actors("Qubit, Harmony, and Ronin were all hit this year by attacks tied to the Lazarus Group.")
    assert got["Ronin Network"] == {"Lazarus Group": "suspected"}
    assert got["Qubit Finance"] == {"Lazarus Group": "suspected"}


def test_both_incidents_inside_the_sentence_means_the_two_just_named():
    got = _actors("Two thefts stood out: Bitrue lost $23 million in April, and Bitstamp $5 million in May. Analysts "
                  "have since linked both incidents to North Korea, though police in one case named no culprit.")
    assert got["Bitrue"] == {"North Korea": "suspected"}
    assert got["Bitstamp"] == {"North Korea": "suspected"}
