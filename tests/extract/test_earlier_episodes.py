"""One victim, two incidents: dates of an earlier episode start their own incident and never date the reported one."""

from __future__ import annotations

from datetime import date

from heistwatch.extract.evalformat import to_eval
from heistwatch.extract.pipeline import run

PUBLISHED = date(2024, 3, 8)   # a Friday


def _incidents(text: str, published: date | None = PUBLISHED) -> list[dict]:
    return to_eval("t", run(text, published=published))["incidents"]


def _of(text: str, victim: str, published: date | None = PUBLISHED) -> list[dict]:
    return sorted((i for i in _incidents(text, published) if i["victim"] == victim), key=lambda i: i["date"] or "")


def test_not_its_first_attack_puts_the_later_dates_in_earlier_incidents():
    text = ("Zumo Finance lost $40 million in a flash loan attack on March 5, 2024. "
            "It is not Zumo Finance's first attack: the lending protocol lost $9 million to a flash loan attack "
            "in June 2023 and a November 2022 exploit saw $14 million stolen from the platform.")
    incs = _of(text, "Zumo Finance")
    assert [i["date"] for i in incs] == ["2022-11", "2023-06", "2024-03-05"]
    assert [i["loss_usd"] for i in incs] == [[14000000], [9000000], [40000000]]


def test_previously_hacked_without_the_name_is_another_incident_of_the_same_victim():
    text = ("Hackers stole $12 million from the Quidax exchange on Wednesday. "
            "Quidax halted withdrawals. "
            "They were previously hacked back in August 2021, when $3 million was taken.")
    incs = _of(text, "Quidax", None)
    assert len(incs) == 2
    assert [i["date"] for i in incs] == [None, "2021-08"]
    assert {tuple(i["loss_usd"]) for i in incs} == {(12000000,), (3000000,)}


def test_the_sentence_after_a_second_time_cue_tells_of_the_earlier_one():
    text = ("Hackers drained $7 million from the Zumo exchange on Tuesday. "
            "This is the second time that hackers have targeted Zumo. "
            "In October, thieves took 500 BTC in a similar raid.")
    incs = _of(text, "Zumo")
    assert [i["date"] for i in incs] == ["2023-10", "2024-03-05"]
    assert incs[0]["loss_native"] == [{"amount": 500, "asset": "BTC"}]


def test_a_separate_hack_of_the_same_site_with_a_value_at_todays_prices():
    text = ("Hackers stole 1,000 BTC from the Zumo exchange on Tuesday. "
            "The same site suffered a separate hack in June 2023, which saw 300 BTC stolen "
            "(worth about $9 million then, and $20 million at today's prices).")
    incs = _of(text, "Zumo")
    assert [i["date"] for i in incs] == ["2023-06", "2024-03-05"]


def test_a_victim_hit_once_stays_one_incident():
    text = ("Hackers stole $5 million from the Zumo exchange on Tuesday. "
            "The exchange said the attack began late on Monday and that it will repay users in April.")
    incs = _of(text, "Zumo")
    assert len(incs) == 1 and incs[0]["date"] == "2024-03-05"


def test_previous_attacks_in_general_are_no_earlier_episode():
    text = ("Hackers stole $35 million from the Zumo wallet app last week. "
            "On Wednesday, researchers tied the Zumo theft to the Lazarus Group because the hackers used "
            "the same laundering steps as in previous attacks.")
    assert len(_of(text, "Zumo", date(2024, 3, 22))) == 1


def test_a_leak_of_user_data_months_after_a_theft_is_an_incident_of_its_own():
    text = ("Exchange robbed\n\n"
            "In mid-2017 hackers stole $7 million from the Zumo exchange. "
            "Two months later, the personal information of more than 20,000 users was leaked.")
    incs = _incidents(text, None)
    zumo = sorted((i["type"], i["date"]) for i in incs if i["victim"] == "Zumo")
    assert zumo == [("data_breach", "2017"), ("exchange_hack", "2017")]


def test_a_leak_in_the_same_breach_is_no_second_incident():
    text = ("Exchange robbed\n\n"
            "Hackers stole $7 million from the Zumo exchange in June 2023. "
            "The attackers also took personal information of 20,000 users.")
    incs = [i for i in _incidents(text, None) if i["victim"] == "Zumo"]
    assert len(incs) == 1


def test_the_day_a_breach_was_discovered_is_no_second_incident():
    text = ("Exchange robbed\n\n"
            "Hackers stole $1 million from the Zumo exchange on 3 February 2024. "
            "Zumo said it only discovered the breach in June 2024.")
    incs = [i for i in _incidents(text, None) if i["victim"] == "Zumo"]
    assert [i["date"] for i in incs] == ["2024-02-03"]


def test_thefts_from_one_month_to_another_stay_with_the_incident():
    text = ("Exchange robbed\n\n"
            "Bitstamp was hacked in April 2023 through an e-mail carrying malware. "
            "From June to October of the same year, Bitstamp suffered a cyber attack and 2 billion won "
            "held by 300 customers was stolen.")
    incs = [i for i in _incidents(text, None) if i["victim"] == "Bitstamp"]
    assert [i["date"] for i in incs] == ["2023-04"]


def test_july_last_year_beside_the_story_s_own_date_is_an_earlier_incident():
    text = ("Exchange robbed again\n\n"
            "Hackers have stolen 20 billion won from Bitstamp, the exchange said on 14 May 2019. "
            "In July last year, Bitstamp suffered a breach in which billions of won were stolen.")
    incs = [i for i in _incidents(text, None) if i["victim"] == "Bitstamp"]
    assert sorted(i["date"] for i in incs) == ["2018-07", "2019-05-14"]


def test_last_year_alone_still_dates_the_story():
    text = ("Exchange robbed\n\n"
            "In July last year, hackers stole 20 billion won from Bitstamp. The exchange repaid users this week.")
    incs = [i for i in _incidents(text, date(2019, 5, 14)) if i["victim"] == "Bitstamp"]
    assert [i["date"] for i in incs] == ["2018-07"]


def test_previously_known_as_is_no_earlier_episode():
    text = "Exchange hacked\n\nHackers stole $5 million from Zumo, previously known as Quidax, on 3 March 2024."
    incs = [i for i in _incidents(text) if i["victim"] == "Zumo"]
    assert [i["date"] for i in incs] == ["2024-03-03"]


def test_a_separate_hack_of_another_victim_is_that_victim_s_one_incident():
    text = ("Exchange hacked\n\nHackers stole $5 million from the Zumo exchange on 3 March 2024, "
            "in a separate incident from the Quidax hack in February.")
    incs = sorted((i["victim"], i["date"]) for i in _incidents(text))
    assert incs == [("Quidax", "2024-02"), ("Zumo", "2024-03-03")]


def test_user_data_said_to_be_safe_months_later_is_no_leak():
    text = ("Exchange robbed\n\n"
            "In mid-2017 hackers stole $7 million from the Zumo exchange. "
            "Two months later, the exchange said the personal information of its users remained safe.")
    incs = [i for i in _incidents(text, None) if i["victim"] == "Zumo"]
    assert [i["type"] for i in incs] == ["exchange_hack"]


def test_the_previous_year_of_a_yearly_total_is_no_earlier_incident():
    text = ("Crypto thefts doubled\n\n"
            "Hackers stole about $1 billion worth of crypto in 2024, more than double the previous year's haul, "
            "analysts said on Thursday. "
            "The biggest theft: the Zumo exchange lost about $300 million in bitcoin in May.")
    incs = [i for i in _incidents(text, date(2024, 12, 19)) if i["victim"] == "Zumo"]
    assert [i["date"] for i in incs] == ["2024-05"]


def test_also_suffered_a_smaller_exploit_is_a_second_incident():
    text = ("Exchange drained\n\n"
            "Hackers drained $90 million from the Bitstamp exchange and its bridge, the founder said. "
            "Bitstamp also suffered a smaller exploit in September, though the hacker returned the funds for a bounty.")
    incs = [i for i in _incidents(text, None) if i["victim"] == "Bitstamp"]
    assert len(incs) == 2


def test_also_suffered_an_attack_beside_another_victim_is_one_incident():
    text = ("Two exchanges hit\n\n"
            "Hackers drained $9 million from the Quidax exchange on Monday. "
            "Bitstamp also suffered an attack that day and lost $2 million.")
    incs = [i for i in _incidents(text, date(2024, 3, 8)) if i["victim"] == "Bitstamp"]
    assert len(incs) == 1
