"""A data breach is dated by when the data was taken in some reports and by when the leak was found in
others, months apart: one incident, of the earliest month. A report that came first in the greedy order and stated the
breach's loss joins it once the incident has formed."""

from __future__ import annotations

from resolve_builders import doc, usd

from heistwatch.resolve import Ledger


def _rows(ledger: Ledger) -> list[tuple[str | None, str, list[str]]]:
    return [(i.date, i.type, i.documents) for i in ledger.sorted_incidents()]


def test_a_leak_taken_in_february_and_found_in_june_is_one_breach_of_february() -> None:
    recs = [
        doc("taken", "Intruders copied the data of Zumo users from a staff laptop in February.",
            [("Zumo", "data_breach", "2017-02")], published="2017-07-05"),
        doc("found", "Zumo found the leak of user data in June.", [("Zumo", "data_breach", "2017-06")]),
        doc("told", "Zumo told regulators in June that user data had leaked.", [("Zumo", "data_breach", "2017-06")]),
    ]
    # most reports date it when it was found, but the breach happened when the data was taken
    assert _rows(Ledger.build(recs)) == [("2017-02", "data_breach", ["found", "taken", "told"])]


def test_a_theft_keeps_the_month_most_reports_give() -> None:
    recs = [
        doc("early", "Hackers stole $7 million from Zumo in May.", [("Zumo", "exchange_hack", "2017-05")],
            [usd(7e6, "$7 million")]),
        doc("one", "Zumo lost $7 million to hackers in June.", [("Zumo", "exchange_hack", "2017-06")],
            [usd(7e6, "$7 million")]),
        doc("two", "The June theft of $7 million from Zumo.", [("Zumo", "exchange_hack", "2017-06")],
            [usd(7e6, "$7 million")]),
    ]
    assert _rows(Ledger.build(recs)) == [("2017-06", "exchange_hack", ["early", "one", "two"])]


def test_two_breaches_of_one_exchange_a_year_apart_stay_apart() -> None:
    recs = [
        doc("one", "Zumo leaked the data of its users in February.", [("Zumo", "data_breach", "2017-02")]),
        doc("two", "Zumo leaked user data again in December.", [("Zumo", "data_breach", "2017-12")]),
    ]
    assert len(Ledger.build(recs).sorted_incidents()) == 2


def test_thefts_months_apart_still_stay_apart() -> None:
    recs = [
        doc("feb", "Hackers stole $7 million from Zumo in February.", [("Zumo", "exchange_hack", "2017-02")],
            [usd(7e6, "$7 million")]),
        doc("jun", "Hackers stole $9 million from Zumo in June.", [("Zumo", "exchange_hack", "2017-06")],
            [usd(9e6, "$9 million")]),
    ]
    assert len(Ledger.build(recs).sorted_incidents()) == 2


def test_a_theft_report_with_the_breachs_loss_dated_to_the_intrusion_joins_the_breach() -> None:
    recs = [
        # typed a theft, dated to when the intruders got in: first in the greedy order, alone at first
        doc("intrusion", "North Korea hacked a Zumo employee's PC in February; $7 million was stolen.",
            [("Zumo", "exchange_hack", "2017-02")], [usd(7e6, "$7 million")], published="2017-12-18"),
        doc("leak", "Zumo said user data leaked in April.", [("Zumo", "data_breach", "2017-04")]),
        doc("court", "Prosecutors said the Zumo leak cost users $7 million in June.",
            [("Zumo", "data_breach", "2017-06")], [usd(7e6, "$7 million")]),
    ]
    rows = _rows(Ledger.build(recs))
    assert len(rows) == 1 and rows[0][2] == ["court", "intrusion", "leak"]


def test_a_lone_theft_with_another_loss_stays_alone() -> None:
    recs = [
        doc("intrusion", "Hackers stole $2 million from Zumo in February.", [("Zumo", "exchange_hack", "2017-02")],
            [usd(2e6, "$2 million")], published="2017-12-18"),
        doc("leak", "Zumo said user data leaked in April.", [("Zumo", "data_breach", "2017-04")]),
        doc("court", "Prosecutors said the Zumo leak cost users $7 million in June.",
            [("Zumo", "data_breach", "2017-06")], [usd(7e6, "$7 million")]),
    ]
    assert len(Ledger.build(recs).sorted_incidents()) == 2
