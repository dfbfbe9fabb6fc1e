"""The month and day told in the sentence of the theft date the incident (resolved by the publication date);
a time-zone offset before a month is no day of it."""

from datetime import date

import pytest

from heistwatch.extract.dates import find_dates
from heistwatch.extract.evalformat import to_eval
from heistwatch.extract.pipeline import run


def main_date(text: str, published: date | None) -> str | None:
    ev = to_eval("t", run(text, published=published))
    main = next(i for i in ev["incidents"] if i.get("main"))
    return main.get("date")


@pytest.mark.parametrize("text, expected", [
    ("Bitfinex suffered a major hack on the 13th of July, losing 8,000,000 tokens worth $2 million.", "2023-07-13"),
    ("On Jan. 26, Kraken was hacked for $3 million.", "2023-01-26"),
    ("An insider drained the Curve Finance contracts four times for about $500,000 on June 19 and June 23.", "2023-06-19"),
    ("Kraken lost 9 million XRP from its hot wallet. At the time of the breach (2 a.m. GMT+8 June 27) the coins "
     "were worth $4.5 million.", "2023-06-27"),
])
def test_the_theft_sentence_dates_the_incident(text, expected):
    assert main_date(text, date(2023, 9, 1)) == expected


def test_without_a_publication_date_a_day_without_year_stays_unknown():
    assert main_date("On Jan. 26, Kraken was hacked for $3 million.", None) is None


def test_a_time_zone_offset_is_no_day():
    text = "The breach began at 1 a.m. GMT+8 June 27."
    found = [(text[d.span.start : d.span.end], d.value.start) for d in find_dates(text, date(2023, 9, 1))]
    assert found == [("June 27", date(2023, 6, 27))]


def test_a_coins_price_move_does_not_date_the_theft():
    text = ("Kraken admitted on Thursday that it had lost 9,000 bitcoins. The intruder used a planted backdoor, on "
            "March 3, 2021, to empty the exchange's wallets. Litecoin fell about 4% on Friday, and several small coins "
            "that traded mainly on Kraken lost half their value.")
    assert main_date(text, date(2021, 6, 12)) == "2021-03-03"


def test_the_day_a_theft_was_admitted_is_not_its_day():
    text = "Bitfinex admitted on Tuesday that hackers had stolen $4 million from it on May 2."
    assert main_date(text, date(2022, 5, 20)) == "2022-05-02"


def test_a_date_opening_the_sentence_dates_each_clause_s_theft():
    text = ("Kraken lost $40 million on Friday. In March, the lending protocol Zentra lost about $11 million to an "
            "attacker, and the token project Quillo lost some $16 million when an attacker minted governance tokens.")
    ev = to_eval("t", run(text, published=date(2024, 4, 20)))
    dates = {i["victim"]: i.get("date") for i in ev["incidents"]}
    assert dates.get("Zentra") == "2024-03" and dates.get("Quillo") == "2024-03"
