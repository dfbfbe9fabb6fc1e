"""Victims news names in pairs, in participle clauses, or through their customers."""
from datetime import date
from functools import partial

from extract_probes import incidents_by_victim

_victims = partial(incidents_by_victim, published=date(2023, 3, 1))


def test_both_of_a_pair_told_as_hacked():
    assert {"Quillon", "Zentra"} <= set(_victims("Quillon and Zentra were both hacked in June."))


def test_the_last_of_the_names_an_attack_verb_takes():
    assert {"Quillon", "Zentra"} <= set(_victims("Hackers hit Quillon and Zentra in June, stealing $4 million."))


def test_a_participle_clause_on_the_name():
    got = _victims("Korvex, hacked in 2021 for $40 million, is suing its insurer.")
    assert got["Korvex"]["loss_usd"] == [40000000]


def test_customers_tricked_out_of_their_coins():
    got = _victims("Scammers posing as support staff tricked Korvex customers into handing over $300 million.")
    assert got["Korvex"]["type"] == "phishing" and got["Korvex"]["loss_usd"] == [300000000]
    assert set(_victims("Korvex users lost $5 million after a phishing attack on Monday.")) == {"Korvex"}


def test_what_is_not_a_victim():
    assert not {"Quillon", "Zentra"} & set(_victims("Quillon and Zentra said they were both safe after hackers drained "
                                                  "the Korvex exchange."))
    assert "Korvex" not in _victims("Korvex users lost interest in the token after hackers drained Zentra.")
