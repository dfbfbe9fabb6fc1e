"""A figure told of another platform in a background clause is not the incident's told elsewhere."""

from __future__ import annotations

from datetime import date

from heistwatch.extract.evalformat import to_eval
from heistwatch.extract.pipeline import run


def _native(text: str, published: date) -> dict[str, list]:
    return {i["victim"]: i["loss_native"] for i in to_eval("t", run(text, published=published))["incidents"]}


def test_coins_missing_at_an_older_platform_are_not_the_new_victims():
    text = ("Exchange Corvix said hackers took 3,000 bitcoins on Sunday.\n\n"
            "The halt recalled the end of Tokyo-based Mt. Gox in 2014, when the firm admitted some 850,000 bitcoins "
            "were gone and sought bankruptcy protection.")
    assert _native(text, date(2016, 3, 8))["Corvix"] == [{"amount": 3000, "asset": "BTC"}]


def test_a_figure_in_a_sentence_of_its_own_still_goes_to_the_story_victim():
    text = ("Exchange Corvix said hackers took 3,000 bitcoins on Sunday.\n\n"
            "The stolen coins, worth about $1.2 million, were moved out in one morning.")
    got = {i["victim"]: i["loss_usd"] for i in to_eval("t", run(text, published=date(2016, 3, 8)))["incidents"]}
    assert got["Corvix"] == [1_200_000]
