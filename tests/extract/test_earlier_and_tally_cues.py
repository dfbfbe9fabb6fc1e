"""'At least the third time ... has been exploited' makes the next sentence's dated theft an earlier episode; a
headline on how hacks rose or fell is a tally, and the actor it names is no one incident's."""

from __future__ import annotations

from datetime import date

from heistwatch.extract.evalformat import to_eval
from heistwatch.extract.pipeline import run


def _incidents(text: str, title: str, published: date) -> list[dict]:
    return to_eval("t", run(text, published=published, title=title))["incidents"]


def test_third_time_makes_the_next_dated_theft_an_earlier_episode() -> None:
    title = "Bancor drained of $40 million"
    text = (title + "\n\nThe lending protocol Bancor lost about $40 million on Tuesday to an attacker who abused a "
            "price oracle.\n\nIt is at least the third time this year that Bancor has been exploited. In early May "
            "an attacker abused a rounding bug and made off with about $6 million.")
    got = sorted((i["date"], i["loss_usd"]) for i in _incidents(text, title, date(2023, 9, 14)) if i["victim"] == "Bancor")
    assert got == [("2023-05", [6000000]), ("2023-09-12", [40000000])]


def test_headline_on_a_trend_of_hacks_gives_its_actor_to_no_incident() -> None:
    title = "Crypto thefts rose by a third in 2022, and Lazarus Group led the way"
    text = (title + "\n\nThieves took about $3 billion in 2022, a report said on Monday.\n\n"
            "Bitstamp lost about $30 million in March when attackers broke into a hot wallet.")
    got = {i["victim"]: i for i in _incidents(text, title, date(2023, 1, 20))}
    assert got["Bitstamp"]["actors"] == []
