"""find_dates: every pattern's examples, resolution against publication, document and previous mention."""

from __future__ import annotations

from datetime import date

import pytest

from heistwatch.extract.dates import PATTERN_EXAMPLES, DateMention, RelativeOffset, find_dates, guess_published
from heistwatch.extract.model import DateValue, Granularity

PUB = date(2018, 1, 28)  # a Sunday


def one(text: str, published: date | None = PUB) -> DateMention:
    found = find_dates(text, published)
    assert len(found) == 1, [(d.span.of(text), d.value) for d in found]
    return found[0]


def iso(text: str, published: date | None = PUB) -> str | None:
    return one(text, published).value.iso()


# ---------------------------------------------------------------- the pattern table


@pytest.mark.parametrize("name", sorted(PATTERN_EXAMPLES))
def test_pattern_examples(name: str) -> None:
    must, must_not = PATTERN_EXAMPLES[name]
    for example in must:
        text = f"Sources said {example} was when it began."
        found = [d.span.of(text) for d in find_dates(text, PUB) if d.pattern == name]
        # the span may leave out a leading preposition ("in December" -> "December")
        assert len(found) == 1 and example.endswith(found[0]), (name, example, found)
    for example in must_not:
        text = f"Sources said {example} was unclear."
        assert [d for d in find_dates(text, PUB) if d.pattern == name] == [], (name, example)


# ---------------------------------------------------------------- absolute and partial


@pytest.mark.parametrize(
    ("text", "expected", "granularity"),
    [
        ("The hack took place on January 26, 2018.", "2018-01-26", Granularity.DAY),
        ("The hack took place on 26 January 2018.", "2018-01-26", Granularity.DAY),
        ("The hack took place on 2018-01-26.", "2018-01-26", Granularity.DAY),
        ("The hack was logged on 1/27/2018.", "2018-01-27", Granularity.DAY),
        ("Bitstamp said on Monday, January 06, 2015 that it was hit.", "2015-01-06", Granularity.DAY),
        ("The exchange was breached in June 2017.", "2017-06", Granularity.MONTH),
        ("The exchange was breached in mid-2017.", "2017", Granularity.SEASON),
        ("The exchange was breached in the summer of 2017.", "2017", Granularity.SEASON),
        ("The exchange was breached last summer of 2017.", "2017", Granularity.SEASON),
        ("The exchange was breached in early 2018.", "2018", Granularity.SEASON),
        ("The exchange was breached in Q3 2021.", "2021", Granularity.QUARTER),
        ("Remember the 2014 Sony hack?", "2014", Granularity.YEAR),
        ("It was drained in the final hours of 2023.", "2023-12-31", Granularity.DAY),
    ],
)
def test_absolute_and_partial(text: str, expected: str, granularity: Granularity) -> None:
    d = one(text)
    assert d.value.iso() == expected
    assert d.value.granularity == granularity
    assert d.value.resolved and not d.value.relative


def test_intervals() -> None:
    v = one("The exchange was breached in the summer of 2017.").value
    assert (v.start, v.end) == (date(2017, 6, 1), date(2017, 8, 31))
    v = one("The scandals of 2013-2014 are remembered.").value
    assert (v.start, v.end, v.granularity) == (date(2013, 1, 1), date(2014, 12, 31), Granularity.YEAR)
    v = one("It was hit on January 26-27, 2018.").value
    assert (v.start, v.end) == (date(2018, 1, 26), date(2018, 1, 27))


def test_month_and_day_compare_by_iso_prefix() -> None:
    day = one("It was hit on January 26, 2018.").value.iso()
    month = one("It was hit in January 2018.").value.iso()
    assert day.startswith(month)


# ---------------------------------------------------------------- relative to publication


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The exchange was hit in December.", "2017-12"),
        ("The exchange was hit in January.", "2018-01"),
        ("The exchange was hit last year.", "2017"),
        ("The exchange was hit this year.", "2018"),
        ("The exchange was hit on Monday.", "2018-01-22"),
        ("Friday's theft shocked traders.", "2018-01-26"),
        ("The exchange was hit on Sunday.", "2018-01-28"),
        ("The exchange was hit last Sunday.", "2018-01-21"),
        ("The exchange was hit yesterday.", "2018-01-27"),
        ("The exchange shut today.", "2018-01-28"),
        ("The exchange was hit three days ago.", "2018-01-25"),
        ("The exchange was hit in July last year.", "2017-07"),
        ("The exchange was hit on the 26th.", "2018-01-26"),
    ],
)
def test_relative_to_publication(text: str, expected: str) -> None:
    d = one(text)
    assert d.value.iso() == expected
    assert d.value.relative and d.anchor == "published"


def test_weekend_and_weeks() -> None:
    v = one("The exchange was drained over the weekend.").value
    assert (v.start, v.end) == (date(2018, 1, 27), date(2018, 1, 28))
    v = one("The exchange was drained last week.").value
    assert (v.start, v.end) == (date(2018, 1, 15), date(2018, 1, 21))


def test_relative_mentions_without_publication_are_found_but_unresolved() -> None:
    text = "It was hit on Monday, lost more last year, and closed yesterday."
    found = find_dates(text, None)
    assert [d.span.of(text) for d in found] == ["Monday", "last year", "yesterday"]
    assert all(not d.value.resolved and d.value.iso() is None for d in found)


# ---------------------------------------------------------------- year-less dates


def test_yearless_date_takes_year_from_document() -> None:
    text = "The exchange stopped on Sunday, January 4. It reopened on January 9, 2015."
    first = find_dates(text, None)[0]
    assert first.value.iso() == "2015-01-04" and first.anchor == "document"
    assert first.weekday == 6


def test_yearless_date_takes_year_from_publication() -> None:
    d = one("On January 4th the exchange closed.", date(2015, 1, 6))
    assert d.value.iso() == "2015-01-04" and d.anchor == "published"
    d = one("On December 30 the exchange closed.", date(2015, 1, 6))
    assert d.value.iso() == "2014-12-30"


def test_yearless_date_without_anything_stays_unresolved() -> None:
    d = one("On Sunday, January 4, the exchange closed.", None)
    assert not d.value.resolved
    assert (d.month, d.day, d.weekday) == (1, 4, 6)


def test_weekday_picks_the_year() -> None:
    text = "On Tuesday (May 7) hackers struck. A report from July 3, 2018 was cited."
    assert find_dates(text, None)[0].value.iso() == "2019-05-07"


# ---------------------------------------------------------------- relative to the previous mention


def test_later_resolves_against_previous_mention() -> None:
    text = "It was first hit in March 2017. Two months later it was hit again."
    first, second = find_dates(text, None)
    assert second.relative_to_previous == RelativeOffset(2, "month", 1)
    assert second.value.iso() == "2017-05" and second.anchor == "previous"


def test_next_day_and_earlier() -> None:
    text = "Hackers struck on June 19, 2018. The next day Bithumb froze withdrawals."
    assert find_dates(text, None)[1].value.iso() == "2018-06-20"
    text = "Withdrawals froze on June 20, 2018. A week earlier a smaller exchange fell."
    assert find_dates(text, None)[1].value.iso() == "2018-06-13"


def test_later_without_previous_is_unresolved_but_found() -> None:
    d = one("Days later the money moved.", None)
    assert not d.value.resolved and d.relative_to_previous == RelativeOffset(None, "day", 1)


def test_later_past_the_publication_day_counts_from_an_undated_event() -> None:
    # the story is dated June 20 and tells an older, undated event; "two weeks later" cannot be July 4
    text = "Seoul, June 20, 2018 - Zumo settled its tax bill, and less than two weeks later it lost $30 million."
    dated, later = find_dates(text, date(2018, 6, 20))
    assert dated.value.iso() == "2018-06-20"
    assert not later.value.resolved and later.relative_to_previous == RelativeOffset(2, "week", 1)
    # the same offset that stays in the past resolves as before
    _, later = find_dates(text, date(2018, 7, 10))
    assert later.value.iso() == "2018-07-04"


def test_ordinal_day_takes_month_from_previous_mention() -> None:
    text = "In January 2018 the exchange was fine; on the 26th it was drained."
    assert find_dates(text, None)[1].value.iso() == "2018-01-26"


# ---------------------------------------------------------------- not dates


@pytest.mark.parametrize(
    "text",
    [
        "The thieves took 2000 bitcoins.",
        "The thieves took $2014 from the till.",
        "You may go now.",
        "It was the 2nd largest exchange.",
        "Bitcoin hit 3816.2028 on the chart.",
        "The version 2018-1 patch shipped.",
        "The loot is worth $9 million at today's prices.",
        "That would be $70 million at today’s exchange rate.",
    ],
)
def test_not_dates(text: str) -> None:
    assert find_dates(text, PUB) == []


def test_window_and_global_spans() -> None:
    text = "In 2014 Mt. Gox fell. In 2018 Coincheck fell."
    start = text.index("In 2018")
    found = find_dates(text, None, start)
    assert [d.span.of(text) for d in found] == ["2018"]


def test_guess_published_is_latest_full_date() -> None:
    assert guess_published("Hit on January 26, 2018; reported 2018-01-28; filed 2017.") == date(2018, 1, 28)
    assert guess_published("No dates here") is None


def test_unresolved_value_has_no_iso() -> None:
    assert DateValue(None, None, Granularity.DAY, resolved=False).iso() is None


def test_weekday_year_is_shared_by_other_mentions_of_the_day() -> None:
    text = "A report dated July 3, 2018 was cited. On Tuesday (May 7) hackers struck. By May 7 the coins were gone."
    found = [d for d in find_dates(text, None) if d.month == 5]
    assert [d.value.iso() for d in found] == ["2019-05-07", "2019-05-07"]


def test_month_with_last_year_uses_document_year_without_publication() -> None:
    text = "Bithumb was hacked on June 20, 2018. In July last year it leaked customer data."
    assert find_dates(text, None)[1].value.iso() == "2017-07"


def test_only_years_in_text_take_the_latest() -> None:
    text = "The platform launched in 2018. It was drained on Dec. 31, a loss reported in 2023."
    dec = [d for d in find_dates(text, None) if d.pattern == "month_day"][0]
    assert dec.value.iso() == "2023-12-31"


def test_one_yearless_day_gets_one_year() -> None:
    text = ("The January 26 theft was the largest since June 2017. Exchanges were hit in June 2017 and "
            "September 2017, and again in December. The firm found the intrusion on Jan. 26.")
    days = [m.value.iso() for m in find_dates(text) if m.day == 26]
    assert days == ["2018-01-26", "2018-01-26"]
