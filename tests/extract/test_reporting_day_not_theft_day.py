"""A later telling of a theft (an agency's blame, a report surfacing, a reopening) does not date the theft."""

from __future__ import annotations

from datetime import date

from extract_probes import dates_by_victim as dates

from heistwatch.extract.dates import find_dates, is_dateline


def test_agency_formally_blaming_on_a_weekday_is_not_the_theft_day():
    text = ("Exchange theft pinned on state hackers\n\n"
            "Police in Seoul on Thursday officially blamed a foreign hacking unit for draining $90 million "
            "from Kovex last Sunday, saying the gang had used stolen employee passwords.")
    assert dates(text, date(2023, 3, 17))["Kovex"] == "2023-03-12"


def test_month_of_a_later_blame_is_not_the_theft_month():
    text = ("Analysts say the crew that investigators blamed in October for the $40 million theft from exchange "
            "Pranta, carried out in June 2022, is active again.")
    assert dates(text, date(2022, 11, 30))["Pranta"] == "2022-06"


def test_the_week_a_report_surfaced_is_not_the_theft():
    text = ("An internal review that surfaced online this week explains how Quillo lost 2,000 bitcoins in March, "
            "then worth about $1.1 million.")
    assert dates(text, date(2016, 8, 12))["Quillo"] == "2016-03"


def test_a_reopening_day_does_not_refine_the_theft_month():
    text = ("Quillo lost 2,000 bitcoins to hackers in March. Quillo reopened on March 20 with a new platform "
            "and has since seen more trading than before the theft.")
    assert dates(text, date(2016, 8, 12))["Quillo"] == "2016-03"


def test_dateline_of_two_cities_joined_by_a_slash():
    text = ("Hack traced to fake job offer\n\n"
            "LONDON/SINGAPORE, Nov 8 - The theft of $25 million from exchange Harvo in early September "
            "was the work of a known group, investigators said on Tuesday.")
    found = find_dates(text, date(2024, 11, 8))
    assert is_dateline(text, found[0].span)
    assert dates(text, date(2024, 11, 8))["Harvo"] == "2024-09"


def test_day_prosecutors_said_something_is_not_the_theft_month():
    text = ("Logistics firm Tarvo paid a ransom of about $2 million in bitcoin to the gang in April; on Friday "
            "prosecutors said they had traced part of it.")
    assert dates(text, date(2021, 6, 10))["Tarvo"] == "2021-04"
