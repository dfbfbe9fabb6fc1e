"""A customer-data breach one report dates by when it began and types a data breach, and another dates by when it
was disclosed and types a phishing of staff, is one incident of the victim; far apart in time they stay two."""

from __future__ import annotations

from resolve_builders import doc

from heistwatch.resolve import Ledger


def _rows(ledger: Ledger) -> list[tuple[str | None, list[str]]]:
    return [(i.date, i.documents) for i in ledger.sorted_incidents()]


def test_breach_begun_in_december_and_disclosed_in_may_is_one_incident() -> None:
    recs = [
        doc("filing", "A filing said the Kraken breach began on December 20, when bribed agents copied customer "
            "records.", [("Kraken", "data_breach", "2024-12-20")], published="2025-06-01"),
        doc("disclosed", "Kraken said on May 12 that support agents tricked by a gang had leaked customer data.",
            [("Kraken", "phishing", "2025-05-12")], published="2025-05-12"),
    ]
    rows = _rows(Ledger.build(recs))
    assert len(rows) == 1 and rows[0][1] == ["disclosed", "filing"]


def test_a_breach_and_a_phishing_a_year_apart_stay_two() -> None:
    recs = [
        doc("old", "Kraken said customer records were copied in January.", [("Kraken", "data_breach", "2024-01")]),
        doc("new", "Kraken staff were phished in February of the next year.", [("Kraken", "phishing", "2025-02")]),
    ]
    assert len(Ledger.build(recs).sorted_incidents()) == 2
