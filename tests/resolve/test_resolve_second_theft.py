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
