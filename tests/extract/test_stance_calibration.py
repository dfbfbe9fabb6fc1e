"""Stance: analysts' and researchers' claims are suspected; a resemblance, 'no official attribution' and a victim
that has not commented keep an attribution suspected."""

from __future__ import annotations

from datetime import date
from functools import partial

from extract_probes import stances_by_victim

_actors = partial(stances_by_victim, published=date(2023, 6, 20))


def test_a_resemblance_without_official_attribution_is_suspected():
    got = _actors("Hackers drained $40 million from Bitrue on Sunday. A few analysts say the laundering steps resemble "
                  "past operations by the Lazarus Group, but there is no official attribution so far.")
    assert got["Bitrue"]["Lazarus Group"] == "suspected"


def test_researchers_who_have_linked_a_theft_make_it_suspected():
    got = _actors("Thieves stole $35 million from Bitrue in April. Security researchers have linked the theft to "
                  "North Korea.")
    assert got["Bitrue"]["North Korea"] == "suspected"


def test_a_victim_that_has_not_commented_on_the_attribution_leaves_it_suspected():
    got = _actors("Bitrue lost $35 million to hackers on Friday. The exchange has not commented on the Lazarus "
                  "attribution made by blockchain sleuths.")
    assert got["Bitrue"]["Lazarus Group"] == "suspected"


def test_a_hedge_describing_the_victim_does_not_weigh_the_actor():
    got = _actors("The theft tops North Korea's previous record, the $600 million raid on the Ronin bridge linked to "
                  "the game Axie Infinity.")
    assert got["Ronin Network"] == {"North Korea": "confirmed"}


def test_linked_to_the_actor_is_still_suspected():
    got = _actors("Hackers drained $100 million from the Ronin bridge in March, a theft linked to North Korea.")
    assert got["Ronin Network"] == {"North Korea": "suspected"}


def test_an_analytics_firms_attribution_is_suspected():
    got = _actors("Bitrue lost $35 million to hackers on Friday. Analytics firm Chainalysis said it attributed the "
                  "theft to the Lazarus Group with a high level of confidence.")
    assert got["Bitrue"] == {"Lazarus Group": "suspected"}


def test_an_official_attribution_or_a_firms_outright_confirmation_stays_confirmed():
    got = _actors("Bitrue lost $35 million to hackers on Friday. The FBI said the Lazarus Group carried out the theft.")
    assert got["Bitrue"] == {"Lazarus Group": "confirmed"}
    got = _actors("Bitrue lost $35 million to hackers on Friday. Security firms have confirmed the Lazarus Group's "
                  "role in the theft.")
    assert got["Bitrue"] == {"Lazarus Group": "confirmed"}
