"""Dates news writes against the story's calendar or the date told before: "the March hack", "Ostrava's
$30 million theft in April's", a roundup line "Zumo, August.", "later that month"."""

from datetime import date

from heistwatch.extract.dates import find_dates
from heistwatch.extract.model import Granularity


def _found(text: str, published: date | None = date(2024, 2, 10)) -> dict[str, tuple[date, date]]:
    return {text[d.span.start : d.span.end]: (d.value.start, d.value.end) for d in find_dates(text, published)
            if d.value.resolved}


def test_month_named_before_attack_noun_is_the_attack_month() -> None:
    got = _found("Analysts said the November exploit of Zumo and March's $12 million heist were linked.")
    assert got["November"] == (date(2023, 11, 1), date(2023, 11, 30))
    assert got["March"] == (date(2023, 3, 1), date(2023, 3, 31))


def test_month_before_a_day_number_or_other_noun_is_not_read_alone() -> None:
    got = _found("the April 3 breach and the June rally")
    assert "April" not in got and "June" not in got


def test_roundup_line_name_comma_month() -> None:
    got = _found("Quidax, October. Thieves emptied two hot wallets.")
    assert got["October"] == (date(2023, 10, 1), date(2023, 10, 31))
    assert "October" not in _found("Quidax, October 12. Thieves emptied two hot wallets.")


def test_month_alone_with_no_publication_date_stays_unresolved() -> None:
    assert "December" not in _found("December's Zumo hack shook traders.", published=None)


def test_later_that_month_takes_the_month_told_before() -> None:
    text = "Zumo was drained in September 2021. Quidax lost $4 million later that month, and in the same year Moonwell paused."
    ds = {text[d.span.start : d.span.end]: d for d in find_dates(text, date(2022, 5, 1))}
    later = ds["later that month"].value
    assert (later.start, later.end, later.granularity) == (date(2021, 9, 1), date(2021, 9, 30), Granularity.MONTH)
    same = ds["in the same year"].value
    assert (same.start, same.end, same.granularity) == (date(2021, 1, 1), date(2021, 12, 31), Granularity.YEAR)


def test_of_that_year_is_still_read_with_its_month() -> None:
    text = "The bridge lost funds in 2019, and in March of that year the exchange was hit."
    got = _found(text)
    assert got["March"] == (date(2019, 3, 1), date(2019, 3, 31))
    assert "that year" not in " ".join(got)


def test_undated_report_counts_months_and_years_back_from_its_latest_day() -> None:
    from heistwatch.extract.evalformat import to_eval
    from heistwatch.extract.pipeline import run

    text = ("Hackers stole $20 million from Bitstamp on March 9, 2021, the exchange said. Earlier this month, "
            "Gatecoin was hacked for about $4 million, and the Bancor protocol lost $13 million to thieves "
            "three years ago.")
    got = {i["victim"]: i["date"] for i in to_eval("t", run(text, published=None))["incidents"]}
    assert got["Gatecoin"] == "2021-03"
    assert got["Bancor"] == "2018"
