"""An older incident named "a month after ..." is dated back from the story's own date, and stays one incident."""

from __future__ import annotations

from datetime import date

from heistwatch.extract.evalformat import to_eval
from heistwatch.extract.pipeline import run


def _incidents(text: str, published: date | None) -> list[dict]:
    return to_eval("t", run("Exchange hacked\n\n" + text, published=published))["incidents"]


def test_a_month_after_dates_the_older_incident_and_does_not_split_it():
    text = ("Hackers stole $50 million from the Zumo exchange on Tuesday. "
            "It comes just a month after Japanese exchange Bitpoint also lost $30 million in a hack.")
    incs = _incidents(text, date(2024, 7, 12))
    bitpoint = [i for i in incs if i["victim"] == "Bitpoint"]
    assert len(bitpoint) == 1
    assert bitpoint[0]["date"] == "2024-06"


def test_less_than_two_weeks_after():
    text = ("The Zumo bridge was drained of $80 million on 22 November 2023, "
            "less than two weeks after Poloniex was hit for $120 million.")
    incs = {i["victim"]: i for i in _incidents(text, date(2023, 11, 23))}
    assert incs["Poloniex"]["date"] == "2023-11"


def test_no_story_date_no_guess():
    text = ("Hackers stole $50 million from the Zumo exchange. "
            "It comes a month after Bitpoint also lost $30 million in a hack.")
    incs = {i["victim"]: i for i in _incidents(text, None)}
    assert incs["Bitpoint"]["date"] is None


def test_it_came_months_after_a_theft_with_no_name_is_the_victim_s_earlier_incident():
    text = ("The Zumo exchange will close after hackers stole $30 million from Zumo on Tuesday. "
            "It came eight months after nearly 4,000 bitcoin were stolen in a cyber attack.")
    incs = [i for i in _incidents(text, None) if i["victim"] == "Zumo"]
    assert len(incs) == 2


def test_a_main_incident_dated_only_by_the_year_of_its_report_takes_the_report_s_day():
    text = ("Hackers stole $320 million from the Zumo bridge, the largest crypto hack of 2022 so far. "
            "The bridge is down while the team investigates.")
    incs = {i["victim"]: i for i in _incidents(text, date(2022, 2, 3))}
    assert incs["Zumo"]["date"] == "2022-02-03"


def test_a_date_of_incident_field_dates_the_incident():
    text = ("In July 2024, hackers stole $230 million from the Zumo exchange.\n"
            "Details of the hack:\n"
            "- Date of incident: July 18, 2024\n"
            "- Method: a compromised multisig wallet.")
    incs = {i["victim"]: i for i in _incidents(text, None)}
    assert incs["Zumo"]["date"] == "2024-07-18"


def test_last_saturday_s_heist_beats_the_day_it_was_told():
    text = ("Police on Tuesday quietly named a suspect in last Saturday's heist at the Zumo exchange, "
            "in which $3 million was taken.")
    incs = {i["victim"]: i for i in _incidents(text, date(2024, 3, 8))}
    assert incs["Zumo"]["date"] == "2024-03-02"


def test_the_month_an_authority_told_who_did_it_is_not_the_incident_date():
    text = ("Hackers stole 900 BTC from the Zumo exchange, the company announced on 2 March 2023. "
            "In October of the same year, police in Tokyo, working with the U.S. FBI, said the theft was the work "
            "of a North Korean group.")
    incs = {i["victim"]: i for i in _incidents(text, None)}
    assert incs["Zumo"]["date"] == "2023-03-02"


def test_returned_last_month_after_a_long_process_is_no_second_incident():
    text = ("Police tie 2019 Zumo theft to North Korea\n\n"
            "Hackers took 300,000 ether from the Zumo exchange in November 2019, police said on Thursday. "
            "A small part of the loot was located abroad and returned to Zumo last month after a long legal process.")
    incs = [i for i in _incidents(text, date(2024, 11, 21)) if i["victim"] == "Zumo"]
    assert [i["date"] for i in incs] == ["2019-11"]


def test_a_precise_date_told_with_the_theft_refines_the_year_of_the_headline():
    text = ("Police say hackers behind 2019 Zumo theft were North Korean\n\n"
            "North Korean groups were responsible for the theft from the Zumo exchange five years ago, police said. "
            "The coins were worth about 58 billion won when they were taken in November 2019.")
    incs = [i for i in _incidents(text, date(2024, 11, 21)) if i["victim"] == "Zumo"]
    assert [i["date"] for i in incs] == ["2019-11"]
