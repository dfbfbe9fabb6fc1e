"""Person cues and named-group patterns run only where a rare part of them is found: the same actors come out."""

from datetime import date

from heistwatch.extract import actors
from heistwatch.extract.evalformat import to_eval
from heistwatch.extract.pipeline import run

_STORY = "Crypto platform loses millions\n\nThe Quillon exchange lost $30 million in customer funds in April. "


def _names(sentence: str) -> list[str]:
    ev = to_eval("t", run(_STORY + sentence, published=date(2024, 6, 1)))
    return sorted(a["name"] for i in ev["incidents"] for a in i["actors"])


def test_each_gate_is_part_of_its_cue() -> None:
    gated = [(rx, gates) for (rx, _), gates in zip(actors._PERSON_CUES, actors._CUE_GATES) if gates]
    assert len(gated) >= 2
    for rx, gates in gated:
        assert all(g.pattern in rx.pattern for g in gates)
    for rx, gate in zip(actors._NAMED_GROUPS, actors._NAMED_GROUP_GATES):
        assert gate.pattern in rx.pattern


def test_gated_cues_still_find_people_and_groups() -> None:
    assert "Dana Whitfield" in _names("Prosecutors say Dana Whitfield stole the coins with a borrowed password.")
    assert "Marek Olund" in _names("Its founder, Marek Olund, vanished along with the customers' funds last spring.")
    assert "Coinhoarder" in _names("The attack was the work of the hacker group Coinhoarder, researchers said.")
    assert "Vortex" in _names("A hacker using the alias Vortex claimed the theft on a forum.")


def test_without_the_rare_part_no_cue_fires() -> None:
    # "said" and a capitalised name, but no authority saying it and no one gone with funds
    assert _names("Dana Whitfield said the exchange would repay every user by Friday.") == []
