"""One sentence telling two episodes of one victim ("in one of those breaches, in June 2018, ... and in
another, in March, ..."): the clause after "another" is its own incident with its own figure."""

from __future__ import annotations

from datetime import date

from heistwatch.extract.evalformat import to_eval
from heistwatch.extract.pipeline import run


def _zumo(text: str) -> list[dict]:
    incs = to_eval("t", run(text, published=date(2021, 9, 6)))["incidents"]
    return sorted((i for i in incs if i["victim"] == "Zumo"), key=lambda i: i["date"] or "")


def test_the_clause_after_another_is_a_second_episode_with_its_own_figure():
    text = ("Investigators listed repeated attacks on the Zumo exchange, which was hacked at least three times. "
            "In one of those hacks, in May 2019, thieves stole about $12 million, and in another, in February "
            "this year, the exchange lost around $8 million.")
    incs = _zumo(text)
    assert [(i["date"], i["loss_usd"]) for i in incs] == [("2019-05", [12000000]), ("2021-02", [8000000])]


def test_two_dates_of_one_theft_without_another_stay_one_incident():
    text = ("Hackers drained $12 million from the Zumo exchange in May 2019, and the exchange disclosed the theft "
            "in July 2019.")
    assert len(_zumo(text)) == 1


def test_another_victim_in_the_other_clause_is_no_episode_of_the_first():
    text = ("Hackers stole $12 million from the Zumo exchange in May 2019, and in another attack, in February "
            "this year, the Qorvex exchange lost $8 million.")
    incs = _zumo(text)
    assert [(i["date"], i["loss_usd"]) for i in incs] == [("2019-05", [12000000])]
