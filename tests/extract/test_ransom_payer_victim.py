"""An organisation that paid to end a ransomware attack is the victim, named as the headline names it, with
its longer name in the body ("Zumo Foods" beside "Zumo Foods Canada") the same victim."""

from __future__ import annotations

from datetime import date

from heistwatch.extract.evalformat import to_eval
from heistwatch.extract.pipeline import run


def _victims(text: str) -> dict[str, dict]:
    out = to_eval("t", run(text, published=date(2023, 9, 14)))
    return {i["victim"]: i for i in out["incidents"]}


def test_paying_to_end_a_ransomware_attack_names_the_victim():
    got = _victims("KRT paid $6 million in bitcoin to end ransomware attack\n\nKRT Canada, the Canadian unit of the "
                   "dairy group, said on Tuesday that it had paid the equivalent of $6 million in bitcoin to the "
                   "gang behind the attack that halted its plants on September 3.")
    assert "KRT" in got and got["KRT"]["loss_usd"] == [6000000]
    assert "KRT Canada" not in got and "ransomware campaign" not in got


def test_a_short_name_does_not_swallow_a_longer_word():
    got = _victims("Hackers drained $2 million from KRTX on Monday. In May, KRT paid a ransom of $1 million "
                   "in May.")
    assert {"KRTX", "KRT"} <= set(got)
