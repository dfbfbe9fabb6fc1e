"""Dates that are not the heist's: the day of a statement, a time counted from another event, a start."""

from __future__ import annotations

from resolve_builders import doc, usd, when

from heistwatch.resolve import Ledger
from heistwatch.resolve.cluster import statement_date


def _at(text: str, surface: str) -> bool:
    i = text.find(surface)
    return statement_date(text, i, i + len(surface))


def test_the_day_of_a_statement_is_told_apart_from_the_day_of_a_theft() -> None:
    assert _at("Police said on Wednesday that the exchange lost its coins.", "Wednesday")
    assert _at("Early news. On 6 September, the FBI reported on its inquiry.", "6 September")
    assert _at("The firm said in a statement on Monday that funds were safe.", "Monday")
    assert _at("Staff discovered the breach on 29 June.", "29 June")
    assert _at("The bureau on Monday said a state group robbed the bridge.", "Monday")
    assert _at("Minerco on 7 September confirmed the loss.", "7 September")
    assert not _at("Hackers drained $41 million on Monday, the FBI said.", "Monday")
    assert not _at("Hackers struck on Monday and staff said nothing for a day.", "Monday")
    assert not _at("On 20 June, hackers drained the hot wallet.", "20 June")
    assert not _at("The exchange said hackers drained its wallet on Monday.", "Monday")


def _sept4() -> list:
    return [doc(k, "Minerco lost $41 million on 4 September.", [("Minerco", "exchange_hack", "2023-09-04")],
                [usd(41e6, "$41 million"), when("2023-09-04", "4 September")], published="2023-09-05")
            for k in ("a", "b")]


def test_a_statement_day_raises_no_date_conflict() -> None:
    text = "Wire copy. On 6 September, the FBI reported that Lazarus robbed Minerco."
    rec = doc("c", text, [("Minerco", "exchange_hack", "2023-09-06")], [when("2023-09-06", "6 September")],
              published="2023-09-07")
    (inc,) = Ledger.build(_sept4() + [rec]).incidents.values()
    assert inc.date == "2023-09-04" and inc.documents == ["a", "b", "c"]
    assert not [f for f in inc.conflicts if f.kind == "date"]


def test_a_later_day_of_a_different_account_is_still_a_conflict() -> None:
    rec = doc("c", "Minerco was robbed on 8 September.", [("Minerco", "exchange_hack", "2023-09-08")],
              [when("2023-09-08", "8 September")], published="2023-09-09")
    (inc,) = Ledger.build(_sept4() + [rec]).incidents.values()
    assert [f.kind for f in inc.conflicts] == ["date"]


def test_a_mention_dated_by_a_statement_takes_the_theft_day_its_document_gives() -> None:
    text = "The FBI said on 7 September that Lazarus robbed Minerco. The theft on 4 September took $41 million."
    # the extractor took the statement day for the mention's date
    rec = doc("c", text, [("Minerco", "exchange_hack", "2023-09-07")],
              [when("2023-09-07", "7 September"), when("2023-09-04", "4 September"), usd(41e6, "$41 million")],
              published="2023-09-08")
    (inc,) = Ledger.build([rec]).incidents.values()
    assert inc.date == "2023-09-04"


def test_a_time_counted_from_another_event_raises_no_conflict() -> None:
    # "two weeks later" counts from a tax payment, but was resolved against the publication day
    rec = doc("c", "Minerco paid a tax bill and lost $41 million two weeks later.", [("Minerco", "exchange_hack", "2023-09-19")],
              [when("2023-09-19", "two weeks later")], published="2023-09-05")
    (inc,) = Ledger.build(_sept4() + [rec]).incidents.values()
    assert inc.date == "2023-09-04" and not inc.conflicts


def test_a_date_given_only_as_a_start_does_not_date_the_incident() -> None:
    text = "Minerco lost $50 million. The exchange, operating since 11 September 2014, paused trading."
    rec = doc("c", text, [("Minerco", "exchange_hack", None)], [usd(50e6, "$50 million"),
              when("2014-09-11", "11 September 2014")], published="2024-10-20")
    (inc,) = Ledger.build([rec]).incidents.values()
    assert inc.date is None


def test_a_statement_day_naming_the_victim_does_not_replace_the_theft_day_of_a_roundup() -> None:
    """In a report on two heists, the sentence giving the theft's day need not name the victim;
    the sentence saying when officials spoke of it does, but that day is not the heist's."""
    text = ("The bureau on Monday said a state group stole $100 million from the Zephyr bridge. "
            "It said the group carried out the attack on 23 June 2022. "
            "The same group robbed Minerco in March 2022.")
    rec = doc("z", text, [("Zephyr Bridge", "bridge_hack", "2022-06-23"), ("Minerco", "exchange_hack", "2022-03")],
              [when("2023-01-23", "Monday", incident=0), when("2022-06-23", "23 June 2022", incident=0),
               when("2022-03", "March 2022", incident=1)], published="2023-01-24")
    zephyr = next(i for i in Ledger.build([rec]).incidents.values() if i.victim == "Zephyr Bridge")
    assert zephyr.date == "2022-06-23"
