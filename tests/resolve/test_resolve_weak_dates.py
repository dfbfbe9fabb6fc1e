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


def test_a_window_up_to_the_report_does_not_date_the_incident() -> None:
    from heistwatch.resolve.cluster import not_event_date

    text = "Over the past month, the founder has seen a second attack on his firms."
    i = text.find("past month")
    assert not_event_date(text, i, i + len("past month"))
    text2 = "The exchange was drained last month."
    j = text2.find("last month")
    assert not not_event_date(text2, j, j + len("last month"))
    a = doc("a", "Kestrelcoin lost $85 million on 22 November.", [("Kestrelcoin", "exchange_hack", "2023-11-22")],
            [usd(85e6, "$85 million"), when("2023-11-22", "22 November")], published="2023-11-23")
    b = doc("b", "Kestrelcoin lost $85 million. " + text, [("Kestrelcoin", "exchange_hack", "2023-10")],
            [usd(85e6, "$85 million"), when("2023-10", "past month")], published="2023-11-23")
    (inc,) = Ledger.build([a, b]).incidents.values()
    assert inc.date == "2023-11-22"


def test_the_day_a_heist_was_found_is_no_follow_up_and_keeps_a_new_hack_apart() -> None:
    old = doc("o", "Kestrelcoin lost $30 million to hackers in June.", [("Kestrelcoin", "exchange_hack", "2018-06")],
              [usd(30e6, "$30 million"), when("2018-06", "June")], published="2018-06-22")
    text = ("Kestrelcoin lost $13 million. The exchange said it had identified abnormal withdrawals late on Friday. "
            "Last June, hackers took $30 million from it.")
    new = doc("n", text, [("Kestrelcoin", "exchange_hack", "2019-03-29")],
              [usd(13e6, "$13 million"), when("2019-03-29", "Friday"), when("2018-06", "Last June")], published="2019-03-31")
    incs = sorted(Ledger.build([old, new]).incidents.values(), key=lambda i: i.date or "")
    assert [(i.date, i.documents) for i in incs] == [("2018-06", ["o"]), ("2019-03-29", ["n"])]


def test_since_a_date_when_something_happened_dates_that_event() -> None:
    from heistwatch.resolve.cluster import not_event_date

    text = "It is the worst loss since March, when Kestrelcoin was drained of $40 million."
    i = text.find("March")
    assert not not_event_date(text, i, i + len("March"))
    text2 = "Kestrelcoin, trading since March 2015, was drained."
    j = text2.find("March 2015")
    assert not_event_date(text2, j, j + len("March 2015"))
    rec = doc("a", text, [("Kestrelcoin", "exchange_hack", "2024-03")],
              [when("2024-03", "March"), usd(40e6, "$40 million")], published="2024-09-01")
    (inc,) = Ledger.build([rec]).incidents.values()
    assert inc.date == "2024-03"


def test_cryptojacking_named_for_an_exchange_is_its_theft() -> None:
    from heistwatch.resolve.cluster import type_family

    assert type_family("cryptojacking", "Binance") == "theft"
    assert type_family("cryptojacking", "a hospital's servers") == "cryptojacking"
    assert type_family("ransomware", "Binance") == "ransomware"
