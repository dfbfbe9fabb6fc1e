"""Year-less dates take their year from the story's thread, not from a full date told later."""
from datetime import date

from heistwatch.extract.dates import find_dates


def _values(text: str, published: date) -> dict[str, date | None]:
    return {text[m.span.start:m.span.end]: m.value.start for m in find_dates(text, published)}


def test_day_without_year_takes_publication_year_over_a_later_old_date() -> None:
    text = ("Lenders to miners have been busy this summer.\n\n"
            "The exchange Hollowbank said on July 12 that thieves had emptied a hot wallet.\n\n"
            "Its rival Greyport had lost 900 bitcoin in May 2016 after a key leak.")
    got = _values(text, date(2023, 9, 15))
    assert got["July 12"] == date(2023, 7, 12)


def test_day_without_year_follows_a_full_date_told_before_it() -> None:
    text = ("The bridge was drained on March 3, 2021, the team wrote.\n\n"
            "On March 9 it said most of the funds had been traced.")
    got = _values(text, date(2024, 2, 1))
    assert got["March 9"] == date(2021, 3, 9)


def test_month_of_that_year_takes_the_year_told_before() -> None:
    text = ("Bridges were the big target in 2021. The Quarry bridge lost $80 million in April of that year "
            "and the Tollgate bridge a further $30 million in August.")
    got = _values(text, date(2023, 5, 2))
    assert got["April"] == date(2021, 4, 1)
    assert got["August"] == date(2021, 8, 1)


def test_bare_month_in_a_later_sentence_keeps_the_publication_year() -> None:
    text = "The exchange was first hacked in 2019. In June, thieves struck again."
    got = _values(text, date(2023, 9, 1))
    assert got["June"] == date(2023, 6, 1)
