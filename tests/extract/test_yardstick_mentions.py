"""A platform named as the yardstick of the story's incident ("a Mt. Gox-level meltdown", "the worst theft since
the Mt. Gox collapse", "a Coincheck-style hack", "worse than Mt. Gox") is a mention of that platform's own incident:
never the story's main one, and none of the story's figures, dates or actors."""

from __future__ import annotations

from datetime import date

import pytest

from heistwatch.extract.evalformat import to_eval
from heistwatch.extract.pipeline import run


def _incidents(text: str) -> dict[str, dict]:
    ev = to_eval("t", run("Exchange robbed\n\n" + text, published=date(2024, 3, 8)))
    return {i["victim"]: i for i in ev["incidents"]}


@pytest.mark.parametrize("comparison, yardstick", [
    ("Traders doubt the theft will turn into a Mt. Gox-level meltdown.", "Mt. Gox"),
    ("Traders doubt the theft will turn into a MtGox level meltdown.", "Mt. Gox"),
    ("It is the worst theft at an exchange since the Mt. Gox collapse.", "Mt. Gox"),
    ("Several traders called it a Coincheck-style hack.", "Coincheck"),
    ("One analyst said the incident was worse than Mt. Gox.", "Mt. Gox"),
    ("The loss surpasses the Bitfinex hack of 2016.", "Bitfinex"),
])
def test_the_yardstick_is_a_mention_of_its_own_incident(comparison: str, yardstick: str):
    incs = _incidents("Hackers stole $90 million from the Zumo exchange on Tuesday. " + comparison)
    assert incs["Zumo"]["main"] and incs["Zumo"]["loss_usd"] == [90000000]
    other = incs[yardstick]
    assert not other["main"]
    assert other["loss_usd"] == [] and other["actors"] == []
    assert other["date"] in (None, "2016")   # never the story's day nor the publication day


def test_the_story_figure_after_a_yardstick_stays_with_the_story():
    incs = _incidents("Hackers broke into the Zumo exchange on Tuesday. "
                      "In a Coincheck-style raid, the thieves took $40 million from its hot wallet.")
    assert incs["Zumo"]["loss_usd"] == [40000000] and incs["Zumo"]["main"]
    assert incs["Coincheck"]["loss_usd"] == [] and not incs["Coincheck"]["main"]


def test_a_date_or_figure_inside_the_comparison_is_the_yardsticks():
    incs = _incidents("Hackers stole $90 million from the Zumo exchange on Tuesday. "
                      "The theft is bigger than the $35 million Quidax hack in 2023.")
    assert incs["Zumo"]["date"] == "2024-03-05" and incs["Zumo"]["loss_usd"] == [90000000]
    assert incs["Quidax"]["date"] == "2023" and incs["Quidax"]["loss_usd"] == [35000000]
    assert not incs["Quidax"]["main"]


def test_a_yardstick_telling_its_own_loss_keeps_it():
    incs = _incidents("Hackers stole 2,000 BTC from the Zumo exchange on Tuesday, "
                      "the largest theft since Mt. Gox lost 850,000 BTC in 2014.")
    gox = incs["Mt. Gox"]
    assert not gox["main"] and gox["date"] == "2014"
    assert gox["loss_native"] == [{"amount": 850000, "asset": "BTC"}]
    assert incs["Zumo"]["main"] and incs["Zumo"]["loss_native"] == [{"amount": 2000, "asset": "BTC"}]


def test_a_headline_comparison_does_not_make_the_yardstick_main():
    text = ("Zumo hack is the worst since Mt. Gox\n\n"
            "Hackers stole $90 million from the Zumo exchange on Tuesday, the worst theft since the Mt. Gox collapse.")
    ev = to_eval("t", run(text, published=date(2024, 3, 8), title="Zumo hack is the worst since Mt. Gox"))
    incs = {i["victim"]: i for i in ev["incidents"]}
    assert incs["Zumo"]["main"] and not incs["Mt. Gox"]["main"]


def test_the_story_victim_compared_with_in_passing_stays_main():
    incs = _incidents("Hackers stole $90 million from the Zumo exchange on Tuesday. "
                      "Rival exchange Quidax overtook Zumo in trading volume after the hack.")
    assert incs["Zumo"]["main"] and incs["Zumo"]["loss_usd"] == [90000000]
