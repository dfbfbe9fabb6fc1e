"""A report without a publication date was written days after its own incident: an undated passing
mention in it is of an incident before then, not of one reported weeks later."""

from __future__ import annotations

from resolve_builders import doc, usd

from heistwatch.resolve import Ledger


def _zumo_reports() -> list:
    return [
        doc("sep", "Hackers stole $8 million from the Zumo exchange in September.",
            [("Zumo", "exchange_hack", "2023-09-24")], [usd(8e6, "$8 million")]),
        doc("nov1", "Zumo lost $90 million in a hot wallet hack on Wednesday.",
            [("Zumo", "exchange_hack", "2023-11-22")], [usd(90e6, "$90 million")]),
        doc("nov2", "The Zumo hack of November 22 cost $90 million.",
            [("Zumo", "exchange_hack", "2023-11-22")], [usd(90e6, "$90 million")]),
        doc("nov3", "Zumo says it will cover the $90 million its users lost.",
            [("Zumo", "exchange_hack", "2023-11")], [usd(90e6, "$90 million")]),
    ]


def _incident_of(ledger: Ledger, doc_key: str, victim: str) -> str | None:
    return next((i.date for i in ledger.sorted_incidents() if i.victim == victim and doc_key in i.documents), None)


def test_an_undated_passing_mention_in_an_unpublished_report_is_of_an_earlier_incident() -> None:
    roundup = doc("qorvex", "Qorvex lost $120 million on November 10. Recent breaches also hit Zumo.",
                  [("Qorvex", "exchange_hack", "2023-11-10"), ("Zumo", "exchange_hack", None)],
                  [usd(120e6, "$120 million")])
    ledger = Ledger.build([*_zumo_reports(), roundup])
    assert _incident_of(ledger, "qorvex", "Zumo") == "2023-09-24"


def test_the_same_mention_in_a_report_written_after_both_incidents_joins_the_larger_one() -> None:
    roundup = doc("qorvex", "Qorvex lost $120 million on December 10. Recent breaches also hit Zumo.",
                  [("Qorvex", "exchange_hack", "2023-12-10"), ("Zumo", "exchange_hack", None)],
                  [usd(120e6, "$120 million")])
    ledger = Ledger.build([*_zumo_reports(), roundup])
    assert _incident_of(ledger, "qorvex", "Zumo") == "2023-11-22"


def test_a_month_dated_main_incident_says_too_little_of_when_the_report_was_written() -> None:
    roundup = doc("qorvex", "Qorvex lost $120 million in November. Recent breaches also hit Zumo.",
                  [("Qorvex", "exchange_hack", "2023-11"), ("Zumo", "exchange_hack", None)],
                  [usd(120e6, "$120 million")])
    ledger = Ledger.build([*_zumo_reports(), roundup])
    assert _incident_of(ledger, "qorvex", "Zumo") == "2023-11-22"
