"""In a story of a victim's second hack, "in its first hack" dates the earlier episode, and a headline
figure that restates that episode's figure goes with it, not with the reported hack."""

from __future__ import annotations

from datetime import date

from heistwatch.extract.evalformat import to_eval
from heistwatch.extract.pipeline import run

PUBLISHED = date(2024, 11, 19)

STORY = ("Zumo closes after second hack - exchange lost more than $60 million\n\n"
         "The Zumo exchange has been hacked for the second time and will close, it said, without saying when "
         "the new attack happened.\n\n"
         "Last March, Zumo lost 1,000 bitcoins, now worth more than $62 million, in its first hacking attack.")


def _zumo(text: str) -> list[dict]:
    incs = to_eval("t", run(text, published=PUBLISHED))["incidents"]
    return sorted((i for i in incs if i["victim"] == "Zumo"), key=lambda i: i["date"] or "")


def test_its_first_hack_in_a_second_hack_story_is_the_earlier_episode_with_the_headline_figure():
    incs = _zumo(STORY)
    assert [i["date"] for i in incs] == ["2024-03", "2024-11-19"]
    assert incs[0]["loss_native"] == [{"amount": 1000, "asset": "BTC"}]
    assert incs[0]["loss_usd"] == [60000000]
    assert incs[1]["loss_usd"] == [] and incs[1]["main"] is True


def test_a_headline_figure_the_body_gives_the_reported_hack_stays_with_it():
    text = STORY.replace("will close, it said,", "will close after losing $61 million, it said,")
    incs = _zumo(text)
    assert 60000000 in incs[1]["loss_usd"] and 60000000 not in incs[0]["loss_usd"]


def test_its_first_hack_without_a_second_one_is_the_story_s_own():
    text = ("Zumo exchange hacked\n\n"
            "Zumo lost 1,000 bitcoins on Monday in its first hacking attack since it opened in 2019.")
    incs = _zumo(text)
    assert len(incs) == 1 and incs[0]["date"] == "2024-11-18"
