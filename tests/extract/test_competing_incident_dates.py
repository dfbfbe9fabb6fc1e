"""Among several days in a report, the one the text says the theft happened on is the incident's date."""

from __future__ import annotations

from datetime import date

from heistwatch.extract.evalformat import to_eval
from heistwatch.extract.pipeline import run


def dates(text: str, published: date) -> dict[str, str | None]:
    return {i["victim"]: i["date"] for i in to_eval("t", run(text, published=published))["incidents"]}


def test_took_place_beats_the_day_the_exchange_noticed_it():
    text = ("Exchange Bitflyer Europe loses coins\n\n"
            "Hackers stole about $20 million in coins from Bitflyer Europe, the exchange said on Friday.\n\n"
            "The suspicious transfers took place during roughly three hours after 9 p.m. on Sunday, Oct. 6. "
            "Bitflyer Europe said it noticed a wallet fault on Tuesday and confirmed the hack on Wednesday.")
    assert dates(text, date(2019, 10, 11))["Bitflyer Europe"] == "2019-10-06"
