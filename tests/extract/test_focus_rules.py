"""Which incident a sentence without a name speaks of: link lines and lists do not take over the story."""

from __future__ import annotations

from datetime import date

from heistwatch.extract.evalformat import to_eval
from heistwatch.extract.pipeline import run


def _by_victim(text: str, published: date | None = None) -> dict[str, dict]:
    return {i["victim"]: i for i in to_eval("t", run(text, published=published))["incidents"]}


def test_a_read_also_line_does_not_take_the_next_sentence():
    text = ("Zumo casino loses $30 million to hackers\n\n"
            "Hackers stole $30 million from the Zumo casino, the company said on 9 March 2024. "
            "Read also: Alphapo and CoinsPaid hacked for $60 million\n"
            "The exploit was detected on 6 March 2024 when analysts saw outflows from hot wallets.")
    incs = _by_victim(text)
    assert incs["Zumo"]["date"] == "2024-03-06"


def test_after_a_list_of_other_victims_the_exploit_is_the_story_s_own():
    text = ("Zumo casino loses $30 million to hackers\n\n"
            "Hackers stole $30 million from the Zumo casino in March 2024. "
            "The same group took $60 million from payment processors Alphapo and CoinsPaid in July 2023. "
            "The exploit was detected on 6 March 2024 when analysts saw outflows from hot wallets.")
    incs = _by_victim(text)
    assert incs["Zumo"]["date"] == "2024-03-06"
    assert incs["CoinsPaid"]["date"] == "2023-07"


def test_a_year_before_the_attack_noun_dates_the_name_after_it():
    text = ("Zumo exchange hacked\n\n"
            "Hackers stole $60 million from the Zumo exchange on 4 March 2024. "
            "The Zumo theft is the largest since the 2014 disappearance of 850,000 bitcoins from the Mt. Gox exchange.")
    incs = _by_victim(text)
    assert incs["Mt. Gox"]["date"] == "2014"
    assert incs["Zumo"]["date"] == "2024-03-04"


def test_both_on_a_day_dates_every_victim_named_with_it():
    text = ("Exchange thefts\n\n"
            "In May, thieves took $12 million from Bitstamp and $9 million from Kraken, both on 3 May.")
    incs = _by_victim(text, date(2024, 6, 1))
    assert incs["Bitstamp"]["date"] == incs["Kraken"]["date"] == "2024-05-03"
