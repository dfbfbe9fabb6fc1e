"""Weak date evidence: a detection day a mention was placed without, a year no sentence ties to the victim."""

from __future__ import annotations

from resolve_builders import doc, usd, when

from heistwatch.resolve import Ledger


def _year_roundup() -> object:
    text = "Kestrelcoin lost $305 million to intruders. Thefts from exchanges came to $1.7 billion in 2023."
    return doc("b", text, [("Kestrelcoin", "exchange_hack", "2023")],
               [usd(305e6, "$305 million"), when("2023", "2023")], published="2024-06-20")


def _detection_day() -> object:
    text = "Kestrelcoin detected the outflow on Friday afternoon and put the loss at $305 million."
    return doc("a", text, [("Kestrelcoin", "exchange_hack", "2024-05-31")],
               [when("2024-05-31", "Friday afternoon"), usd(305e6, "$305 million")], published="2024-06-01")


def test_a_detection_day_outvotes_a_year_no_sentence_ties_to_the_victim() -> None:
    (inc,) = Ledger.build([_year_roundup(), _detection_day()]).incidents.values()
    assert inc.documents == ["a", "b"]
    assert inc.date == "2024-05-31"


def test_a_month_stated_outright_is_not_outvoted_by_a_weakened_day() -> None:
    text = "Hackers drained $305 million from Kestrelcoin in January."
    c = doc("c", text, [("Kestrelcoin", "exchange_hack", "2024-01")],
            [usd(305e6, "$305 million"), when("2024-01", "January")], published="2024-06-02")
    incs = Ledger.build([_detection_day(), c]).incidents.values()
    (inc,) = [i for i in incs if "c" in i.documents]
    assert inc.date == "2024-01"


def test_the_year_alone_still_dates_an_incident_no_other_source_dates() -> None:
    (inc,) = Ledger.build([_year_roundup()]).incidents.values()
    assert inc.date == "2023"
