"""A holiday that dates an attack ("New Year's Day", "Christmas Eve") is never taken for its victim."""

from __future__ import annotations

from datetime import date

from extract_probes import dates_by_victim as dates

from heistwatch.extract.victims import clean_name


def test_holiday_in_a_headline_is_a_date_not_a_victim():
    text = ("Kelvo loses $20 million in New Year's Day bridge attack\n\n"
            "Kelvo said hackers took $20 million from its bridge vault.")
    assert dates(text, date(2024, 1, 3)) == {"Kelvo": "2024-01-01"}


def test_christmas_day_hack_names_only_the_exchange():
    text = ("Tesmo loses $8 million in Christmas Day exchange hack\n\n"
            "Tesmo said thieves emptied a hot wallet.")
    assert set(dates(text, date(2023, 12, 27))) == {"Tesmo"}


def test_holiday_words_are_not_names():
    assert clean_name("Christmas Eve") is None
    assert clean_name("Day") is None
    assert clean_name("Daybreak Finance") == "Daybreak Finance"
