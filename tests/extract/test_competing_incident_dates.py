"""Among several days in a report, the one the text says the theft happened on is the incident's date."""

from __future__ import annotations

from datetime import date

from extract_probes import dates_by_victim as dates

from heistwatch.extract.evalformat import to_eval
from heistwatch.extract.pipeline import run


def test_took_place_beats_the_day_the_exchange_noticed_it():
    text = ("Exchange Bitflyer Europe loses coins\n\n"
            "Hackers stole about $20 million in coins from Bitflyer Europe, the exchange said on Friday.\n\n"
            "The suspicious transfers took place during roughly three hours after 9 p.m. on Sunday, Oct. 6. "
            "Bitflyer Europe said it noticed a wallet fault on Tuesday and confirmed the hack on Wednesday.")
    assert dates(text, date(2019, 10, 11))["Bitflyer Europe"] == "2019-10-06"


def test_a_day_inside_the_weekend_refines_it():
    text = ("Korean exchange Pinecoin hacked\n\n"
            "Pinecoin said Monday it had been hit by hackers over the weekend, losing about $5 million in tokens. "
            "The exchange said its hot wallet was breached on Saturday.")
    assert dates(text, date(2018, 6, 11))["Pinecoin"] == "2018-06-09"


def test_a_notice_to_users_dates_the_notice_not_the_theft():
    text = ("Exchange Bithumb loses coins\n\n"
            "In a message to its users on Sunday, Bithumb said hackers had drained about $9 million "
            "from its hot wallet late on Saturday.")
    assert dates(text, date(2019, 4, 1))["Bithumb"] == "2019-03-30"


def test_authority_on_day_said_is_when_it_was_said():
    text = ("FBI names culprits in Horizon bridge theft\n\n"
            "The FBI on Tuesday said North Korean hackers drained $100 million from the Harmony bridge "
            "in an attack carried out on June 23, 2022.")
    assert list(dates(text, date(2023, 1, 25)).values()) == ["2022-06-23"]


def test_day_before_a_comparison_belongs_to_the_story_not_the_older_heist():
    text = ("Bitpoint loses coins in hack\n\n"
            "Japanese exchange Bitpoint said hackers stole about 3.5 billion yen in coins from its hot wallet.\n\n"
            "The theft, spotted on Thursday morning, is the biggest in the country since thieves took "
            "58 billion yen from Coincheck in 2018.")
    got = dates(text, date(2019, 7, 13))
    assert got["Bitpoint"] == "2019-07-11"
    assert got["Coincheck"] == "2018"


def test_the_day_heading_the_attack_noun_beats_when_the_report_came_out():
    text = ("Lessons from a post-mortem\n\n"
            "Last week the lending protocol Radiant Capital released its review of the October 16 exploit "
            "that drained about $50 million from its pools.")
    assert dates(text, date(2024, 12, 9))["Radiant Capital"] == "2024-10-16"


def test_since_a_year_starts_a_tally_and_does_not_date_a_heist():
    text = ("Wallet users robbed\n\n"
            "Lazarus has been tied to the theft of over $2 billion since 2017, including the $540 million hack "
            "of the Ronin bridge and the $100 million attack on the Harmony bridge, both in 2022.")
    got = dates(text, date(2023, 6, 6))
    assert got["Ronin Network"] == "2022"
    assert got["Harmony Horizon Bridge"] == "2022"


def test_said_it_detected_on_a_day_is_the_day_it_was_found():
    text = ("Another exchange drained\n\n"
            "The hack of CoinEx this week adds to a long list of thefts. "
            "On Tuesday, CoinEx said it had detected unauthorized withdrawals of about $27 million from its hot wallets.")
    assert dates(text, date(2023, 9, 15))["CoinEx"] == "2023-09-12"


def test_said_it_detected_a_theft_of_another_day_keeps_the_saying_day_out():
    text = ("Bithumb loses coins\n\n"
            "On Sunday, Bithumb said it had detected abnormal withdrawals worth $13 million from its hot wallet "
            "late on Friday.")
    assert dates(text, date(2019, 3, 31))["Bithumb"] == "2019-03-29"


def test_since_the_start_of_a_month_is_no_second_episode():
    text = ("Another exchange drained\n\n"
            "Crypto firms have lost tens of millions of dollars to hackers since the start of June, and CoinEx "
            "is the latest of them. On Tuesday, CoinEx said it had detected unauthorized withdrawals of about "
            "$27 million from its hot wallets.")
    got = to_eval("t", run(text, published=date(2023, 9, 15)))["incidents"]
    assert [(i["victim"], i["date"]) for i in got] == [("CoinEx", "2023-09-12")]


def test_just_n_days_after_a_dated_theft_dates_the_older_one_to_the_day():
    text = ("Bithumb loses coins\n\n"
            "Bithumb said hackers stole about $30 million in coins on June 20. "
            "The attack came just 10 days after Coinrail lost some $40 million to hackers.")
    got = dates(text, date(2018, 6, 21))
    assert got["Bithumb"] == "2018-06-20"
    assert got["Coinrail"] == "2018-06-10"


def test_about_n_days_after_keeps_the_month():
    text = ("Bithumb loses coins\n\n"
            "Bithumb said hackers stole about $30 million in coins on June 20. "
            "The attack came about 10 days after Coinrail lost some $40 million to hackers.")
    assert dates(text, date(2018, 6, 21))["Coinrail"] == "2018-06"
