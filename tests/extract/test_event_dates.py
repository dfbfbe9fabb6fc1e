"""The incident's date, not the day it was announced, responded to or followed up."""

from __future__ import annotations

from datetime import date

from extract_probes import dates_by_victim as dates

from heistwatch.extract.dates import find_dates, is_dateline


def test_wire_dateline_is_not_the_event_day():
    text = ("Exchange halts trading after theft\n\nBy a staff reporter\n\n"
            "SEOUL, June 20 (Wire) - Bithumb said hackers stole about $30 million in coins from its hot wallet "
            "on Tuesday, the company said.")
    found = find_dates(text, date(2018, 6, 20))
    assert is_dateline(text, found[0].span)
    assert not is_dateline(text, found[1].span)
    assert dates(text, date(2018, 6, 20))["Bithumb"] == "2018-06-19"


def test_a_day_after_dates_the_theft_before_the_day_named():
    text = ("The thief began sending back part of the $600 million on Thursday, a day after draining Poly Network, "
            "the protocol said.")
    found = find_dates(text, date(2021, 8, 12))
    assert [str(m.value.start) for m in found] == ["2021-08-12", "2021-08-11"]
    assert dates(text, date(2021, 8, 12))["Poly Network"] == "2021-08-11"


def test_detection_day_beats_the_day_the_site_went_into_maintenance():
    text = ("Cryptopia put its website into maintenance mode on Wednesday after a hack. "
            "The breach was first detected on Tuesday, the exchange said, and it lost several million dollars.")
    assert dates(text, date(2019, 1, 17))["Cryptopia"] == "2019-01-15"


def test_stated_time_of_the_theft_beats_the_day_staff_noticed_it():
    text = ("Zaif operator Tech Bureau said Thursday that hackers had stolen 6.7 billion yen from its hot wallet. "
            "The unauthorized withdrawals took place over several hours on the night of Sept. 14. "
            "Staff noticed an error on Sept. 17 and confirmed the theft the next day.")
    assert dates(text, date(2018, 9, 20))["Zaif"] == "2018-09-14"


def test_shutting_down_is_not_a_response_that_loses_to_older_dates():
    # a collapse: the exchange's shutdown dates the incident, not the years over which the coins leaked
    text = ("Mt. Gox shut down in February 2014 after saying some 850,000 bitcoins had disappeared. "
            "Prosecutors later said hackers had drained its servers from 2011.")
    assert dates(text, date(2024, 1, 5))["Mt. Gox"] == "2014-02"


def test_a_week_after_and_legal_aftermath_do_not_date_the_theft():
    text = "The exchange began compensating users on Friday, a week after hackers drained $40 million from KuCoin."
    assert dates(text, date(2020, 10, 9))["KuCoin"] == "2020-10-02"
    text = ("Hacked DeFi platform Mango Markets sues exploiter\n\n"
            "Mango Markets, drained of $114 million in October, sued the exploiter on Monday.")
    assert dates(text, date(2023, 1, 25))["Mango Markets"] == "2022-10"


def test_days_after_the_theft_is_a_later_day():
    text = ("Bitcoin climbed to a record on Monday, days after hackers stole $1.5 billion from Bybit, "
            "according to a statement the exchange posted on Feb. 22.")
    assert dates(text, date(2025, 3, 4))["Bybit"] == "2025-02-22"
