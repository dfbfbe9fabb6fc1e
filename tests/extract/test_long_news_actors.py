"""Actors as full-length news tells them: the people an indictment charges (with who they are between the names and
the charge), a person sentenced "to N years for attacks", then named again by surname or as "he" for each attack, a
suspect told of by "suspicion fell on" who later rejects it, and a drainer kit that security firms found in the code."""

from __future__ import annotations

from datetime import date
from functools import partial

from extract_probes import stances_by_victim

_actors = partial(stances_by_victim, published=date(2024, 9, 20))


def test_an_indictment_charging_two_sisters_with_who_they_are_before_the_charge():
    got = _actors("Hackers stole $4 million from Harmony in March. Prosecutors in Chicago on Tuesday unsealed an "
                  "indictment charging two sisters, Marta Oyelaran, 31, and Ines Oyelaran, 27, both of whom worked as "
                  "smart-contract auditors, with wire fraud over the theft.")
    assert got["Harmony Horizon Bridge"] == {"Marta Oyelaran": "suspected", "Ines Oyelaran": "suspected"}


def test_a_person_sentenced_for_attacks_then_told_as_the_doer_of_each():
    got = _actors("A judge in Boston sentenced Tobias Reinholt, a former payments engineer, to five years in prison "
                  "for attacks in 2023 on two lending protocols. In the first attack, Reinholt exploited a pricing "
                  "bug in Euler Finance to take $2 million. Months later he used forged signatures to drain "
                  "$1.1 million from Harmony.")
    assert got["Euler Finance"] == {"Tobias Reinholt": "confirmed"}
    assert got["Harmony Horizon Bridge"] == {"Tobias Reinholt": "confirmed"}


def test_a_pronoun_after_a_quoted_executive_is_no_actor():
    got = _actors("Harmony lost $4 million on Monday. Sofia Brandt, the project's chief executive, said the team "
                  "was working with police. Later he said attackers had drained a second wallet on Harmony.")
    assert got["Harmony Horizon Bridge"] == {}


def test_a_suspect_named_by_users_who_then_rejects_it_is_denied():
    got = _actors("Bitstamp said on Friday that 900 bitcoin had been stolen from a hot wallet. Suspicion among "
                  "customers soon fell on Henrik Salo, the exchange's former operations chief. Salo dismissed the "
                  "claims in a long post on Saturday.")
    assert got["Bitstamp"] == {"Henrik Salo": "denied"}


def test_an_executive_rejecting_a_report_is_no_suspect():
    got = _actors("Bitstamp said on Friday that 900 bitcoin had been stolen from a hot wallet. Henrik Salo, its chief "
                  "executive, rejected reports that customer balances were affected.")
    assert got["Bitstamp"] == {}


def test_a_drainer_kit_found_by_security_firms_is_a_suspect_of_the_story():
    got = _actors("Thieves drained $700,000 from users of Harmony's web app on Tuesday after a script on its site "
                  "was replaced. Security firms that studied the script said it was built with Inferno Drainer, a "
                  "kit whose sellers take a share of everything it steals.")
    assert got["Harmony Horizon Bridge"] == {"Inferno Drainer": "suspected"}
