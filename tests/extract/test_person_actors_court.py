"""Named people in court stories: a confessed hacker in a relative clause (confirmed), people charged by
prosecutors with the hack (suspected), a person maintaining innocence (denied); people charged only with
laundering are not the hackers."""

from __future__ import annotations

from datetime import date
from functools import partial

from extract_probes import stances_by_victim

_actors = partial(stances_by_victim, published=date(2024, 11, 15))


def test_a_confessed_hacker_in_a_relative_clause_is_confirmed():
    got = _actors("Daniel Ortega Blum, the software developer who admitted breaking into the Bitstamp exchange in "
                  "2015 and stealing 19,000 bitcoin, was sentenced on Friday to four years in prison.")
    assert got["Bitstamp"] == {"Daniel Ortega Blum": "confirmed"}


def test_people_charged_with_the_hack_are_suspected():
    got = _actors("Bitstamp lost 19,000 bitcoin in 2015. In 2024 prosecutors charged two Ukrainian nationals, "
                  "Pavel Sokolov and Dmitro Lenko, alleging that they had hacked the exchange's wallets.")
    assert got["Bitstamp"] == {"Pavel Sokolov": "suspected", "Dmitro Lenko": "suspected"}


def test_people_charged_only_with_laundering_are_not_actors():
    got = _actors("Bitstamp lost 19,000 bitcoin in 2015. Prosecutors charged two men, Pavel Sokolov and Dmitro "
                  "Lenko, with laundering the proceeds of the hack.")
    assert got["Bitstamp"] == {}


def test_a_person_maintaining_innocence_is_denied():
    got = _actors("Bitstamp lost 19,000 bitcoin in 2015. Nejc Kodric, the exchange's chief executive, always "
                  "maintained he had not taken the coins, and a court cleared him in 2019.")
    assert got["Bitstamp"] == {"Nejc Kodric": "denied"}
