"""A victim's second theft weeks after the first: the report of the second recalls the first (its month and
its loss), and each of its two mentions joins its own incident."""

from __future__ import annotations

from resolve_builders import doc, usd, when

from heistwatch.resolve import Ledger

FIRST = ("Quillswap said on Sunday that attackers drained $12 million from its bridge vault late on Friday.")
SECOND = ("Quillswap hit again, a month after $12 million theft\n\nQuillswap, the bridge that lost $12 million in "
          "May, has suffered a second breach, with $900,000 drained from its vault on Wednesday.")


def _first() -> object:
    return doc("a", FIRST, [("Quillswap", "defi_exploit", "2023-05-05")],
               [usd(12e6, "$12 million"), when("2023-05-05", "late on Friday")], published="2023-05-08")


def _second() -> object:
    # the extractor links the headline's recalled figure to the story's own (second) incident
    return doc("b", SECOND, [("Quillswap", "defi_exploit", "2023-06-14"), ("Quillswap", "defi_exploit", "2023-05")],
               [usd(12e6, "$12 million", 0), usd(12e6, "$12 million", 1), when("2023-05", "May", 1),
                usd(900e3, "$900,000", 0), when("2023-06-14", "Wednesday", 0)], published="2023-06-16")


def test_the_second_theft_weeks_later_is_its_own_incident() -> None:
    ledger = Ledger.build([_first(), _second()])
    by_date = {inc.date: inc for inc in ledger.incidents.values()}
    assert sorted(by_date) == ["2023-05-05", "2023-06-14"]
    may, june = by_date["2023-05-05"], by_date["2023-06-14"]
    assert sorted((m.doc, m.index) for m in may.mentions) == [("a", 0), ("b", 1)]
    assert [(m.doc, m.index) for m in june.mentions] == [("b", 0)]


def test_the_recalled_loss_stays_with_the_first_theft() -> None:
    ledger = Ledger.build([_first(), _second()])
    by_date = {inc.date: inc for inc in ledger.incidents.values()}
    assert by_date["2023-05-05"].consensus.value == 12e6
    assert by_date["2023-06-14"].consensus.value == 900e3
    assert by_date["2023-06-14"].conflicts == []


def test_a_later_report_with_another_day_and_no_second_episode_stays_one_incident() -> None:
    # an outlet dating the same theft a fortnight off, telling of no other episode: the slack keeps it one
    late = doc("c", "Quillswap lost $12 million on May 19, the firm said.", [("Quillswap", "defi_exploit", "2023-05-19")],
               [usd(12e6, "$12 million"), when("2023-05-19", "May 19")], published="2023-05-22")
    assert len(Ledger.build([_first(), late]).incidents) == 1


def test_the_second_theft_reported_first_by_day_still_leaves_the_first_its_month() -> None:
    # the only other report dates the first theft to its month: the second's day-dated mention forms its
    # incident first, and the month of the first lies within the slack of that day
    first = doc("a", "Quillswap lost $12 million to a bridge exploit in May.", [("Quillswap", "defi_exploit", "2023-05")],
                [usd(12e6, "$12 million"), when("2023-05", "May")], published="2023-06-01")
    ledger = Ledger.build([first, _second()])
    groups = sorted(sorted((m.doc, m.index) for m in inc.mentions) for inc in ledger.incidents.values())
    assert groups == [[("a", 0), ("b", 1)], [("b", 0)]]


def test_a_member_whose_report_also_names_a_year_only_does_not_push_a_month_away() -> None:
    # report b also tells of a customer-data leak "in 2023": a year says nothing of which episode the
    # theft's May mention from report c belongs to, so the one theft stays one incident
    a = doc("a", "Quillswap lost $12 million on June 20, it said.", [("Quillswap", "defi_exploit", "2023-06-20")],
            [usd(12e6, "$12 million"), when("2023-06-20", "June 20")], published="2023-06-22")
    b = doc("b", "Quillswap, drained on June 20, also leaked user emails in 2023.",
            [("Quillswap", "defi_exploit", "2023-06-20"), ("Quillswap", "data_breach", "2023")],
            [when("2023-06-20", "June 20"), when("2023", "2023", 1)], published="2023-06-25")
    c = doc("c", "Quillswap was drained in May, a rival outlet wrote.", [("Quillswap", "defi_exploit", "2023-05")],
            [when("2023-05", "May")], published="2023-06-30")
    thefts = [inc for inc in Ledger.build([a, b, c]).incidents.values() if inc.type == "defi_exploit"]
    assert len(thefts) == 1 and len(thefts[0].mentions) == 3
