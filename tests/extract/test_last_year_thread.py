"""A sentence that opens on a whole year named from the publication ("Last year's worst attacks", "last year") holds
its year-less months and days in that year, even when a month of the publication's own year comes first."""

from __future__ import annotations

from datetime import date

from heistwatch.extract.dates import find_dates


def _iso(text: str, published: date) -> dict[str, str]:
    return {text[d.span.start:d.span.end]: d.value.iso() for d in find_dates(text, published)}


def test_a_month_and_days_after_last_year_stay_in_last_year():
    got = _iso("Last year's worst incidents were the May raid on a lending pool and two attacks on a bridge on "
               "March 3 and 9.", date(2023, 5, 20))
    assert got["May"] == "2022-05"
    assert got["March 3 and 9"].startswith("2022-03-03")


def test_a_day_in_a_later_sentence_is_still_read_from_the_publication():
    got = _iso("Last year was quiet for the exchange. The theft was found on March 3.", date(2023, 5, 20))
    assert got["March 3"] == "2023-03-03"


def test_a_day_told_with_its_own_year_keeps_it():
    got = _iso("Last year's worst incident followed a raid on March 3, 2021.", date(2023, 5, 20))
    assert got["March 3, 2021"] == "2021-03-03"
