"""'X had already been hacked in <month>' and 'the <month> attack' tell of an earlier episode of the
victim: its date, figures and attribution never go to the incident the story reports."""

from __future__ import annotations

from datetime import date

from heistwatch.extract.evalformat import to_eval
from heistwatch.extract.pipeline import run

PUBLISHED = date(2024, 11, 19)   # a Tuesday


def _zumo(text: str) -> list[dict]:
    incs = to_eval("t", run(text, published=PUBLISHED))["incidents"]
    return sorted((i for i in incs if i["victim"] == "Zumo"), key=lambda i: i["date"] or "")


def test_had_already_been_hacked_in_a_month_is_an_earlier_episode_with_its_own_figures():
    text = ("Zumo halts trading after second hack\n\n"
            "The Zumo exchange said on Tuesday that hackers had taken 9% of its funds earlier in the day. "
            "Zumo had already been hacked in March, when thieves made off with 700 BTC. "
            "Police said the latest attack is under investigation.")
    incs = _zumo(text)
    assert [i["date"] for i in incs] == ["2024-03", "2024-11-19"]
    assert incs[0]["loss_native"] == [{"amount": 700, "asset": "BTC"}]
    assert incs[1]["loss_native"] == []


def test_an_attribution_of_the_month_named_attack_goes_to_that_episode():
    text = ("Zumo halts trading after second hack\n\n"
            "The Zumo exchange said on Tuesday that hackers had taken 9% of its funds earlier in the day. "
            "The exchange had already lost 700 BTC in a theft in March. "
            "Investigators later said the Lazarus Group was behind the March attack.")
    incs = _zumo(text)
    assert [i["date"] for i in incs] == ["2024-03", "2024-11-19"]
    assert [a["name"] for a in incs[0]["actors"]] == ["Lazarus Group"]
    assert incs[1]["actors"] == []


def test_an_attribution_of_the_reported_attack_stays_with_it():
    text = ("Zumo halts trading after second hack\n\n"
            "The Zumo exchange said on Tuesday that hackers had taken 9% of its funds earlier in the day. "
            "The exchange had already lost 700 BTC in a theft in March. "
            "Investigators said the Lazarus Group was behind the November attack.")
    incs = _zumo(text)
    assert [a["name"] for a in incs[1]["actors"]] == ["Lazarus Group"]
    assert incs[0]["actors"] == []


def test_had_already_after_the_date_is_no_earlier_episode():
    text = ("Hackers drained the Zumo exchange on Tuesday. "
            "By Tuesday night the exchange had already lost $4 million, it said.")
    incs = _zumo(text)
    assert len(incs) == 1 and incs[0]["date"] == "2024-11-19"
