"""Named people told as suspects in the ways court reports write them: one charge verb before a list of names,
each perhaps with an age or home town ("charges A B, of X, C D, 30, and E F with ..."), "accuses A B, of X, of
fraud", the surname named again later as the doer of a second attack, and a person's own denial at the end of a
clause that first tells their side ("B has said ... and denies any wrongdoing")."""

from __future__ import annotations

from datetime import date
from functools import partial

from extract_probes import stances_by_victim

_actors = partial(stances_by_victim, published=date(2024, 11, 15))


def test_a_charge_verb_before_a_list_of_people_with_home_towns_makes_each_a_suspect():
    got = _actors("Bitstamp lost $5 million to hackers in March 2015.\n\nA grand jury indictment made public on "
                  "Friday charges Owen Tate, of Tulsa, Rosa Beck, 27, and Hugo Lind, of Provo, Utah, with conspiracy "
                  "to commit wire fraud over the Bitstamp theft.")
    assert got["Bitstamp"] == {"Owen Tate": "suspected", "Rosa Beck": "suspected", "Hugo Lind": "suspected"}


def test_accusing_a_named_person_of_fraud_makes_a_suspect():
    got = _actors("Bitstamp lost $5 million to hackers in March 2015.\n\nProsecutors accuse Ivo Marsh, of Leeds, "
                  "West Yorkshire, of wire fraud and of draining the exchange's hot wallet.")
    assert got["Bitstamp"] == {"Ivo Marsh": "suspected"}


def test_people_charged_only_with_laundering_in_a_list_are_not_actors():
    got = _actors("Bitstamp lost $5 million to hackers in March 2015.\n\nThe indictment charges Owen Tate, of Tulsa, "
                  "and Rosa Beck with laundering money from the theft.")
    assert got["Bitstamp"] == {}


def test_a_charged_person_named_again_as_the_doer_of_another_attack_is_its_suspect_too():
    got = _actors("Prosecutors charged Ivo Marsh, 24, with hacking Bitstamp in March 2015 and stealing $5 million. "
                  "Kraken lost $2 million in June 2016. According to the charges, Marsh exploited Kraken too.")
    assert got["Bitstamp"] == {"Ivo Marsh": "suspected"}
    assert got["Kraken"] == {"Ivo Marsh": "suspected"}


def test_a_denial_closing_a_clause_that_tells_the_persons_side_is_denied():
    got = _actors("Bitstamp lost $40 million in a 2015 theft. Judges blamed its owner, Marco Bellini, for lax "
                  "security. Bellini has argued from the start that outside thieves took the coins and denies any "
                  "wrongdoing.")
    assert got["Bitstamp"] == {"Marco Bellini": "denied"}
