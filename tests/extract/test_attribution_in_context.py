"""Attributions read with their neighbours: a court's conviction names the culprit, "the same group" in a later
clause carries the actor named earlier to that clause's victim, and blame from social media or called unproven
in the next sentence is a suspicion."""

from __future__ import annotations

from datetime import date

from heistwatch.extract.evalformat import to_eval
from heistwatch.extract.pipeline import run


def _actors(text: str, title: str | None = None) -> dict[str, set[tuple[str, str]]]:
    out = to_eval("t", run(text, published=date(2024, 3, 1), title=title))
    return {i["victim"]: {(a["name"], a["stance"]) for a in i["actors"]} for i in out["incidents"]}


def test_a_jury_conviction_names_the_person_behind_the_attack() -> None:
    text = ("A court in Boston found Peter Quill guilty of stealing about $8 million from the lending protocol "
            "Bancor in 2021, the court said on Monday.")
    assert ("Peter Quill", "confirmed") in _actors(text, "Jury convicts Peter Quill over Bancor attack")["Bancor"]


def test_the_same_group_in_a_later_clause_goes_to_that_clauses_victim() -> None:
    text = ("Police said Lazarus stole $12 million from Bitstamp in May, and researchers linked the same group "
            "to a $7 million theft from Gatecoin a week later.")
    got = _actors(text)
    assert ("Lazarus Group", "confirmed") in got["Bitstamp"]
    assert ("Lazarus Group", "suspected") in got["Gatecoin"]


def test_blame_on_social_media_is_a_suspicion() -> None:
    text = ("Hackers drained $30 million from Bancor on Sunday. Several accounts on social media blamed the "
            "Lazarus Group for the theft.")
    assert _actors(text, "Bancor drained")["Bancor"] == {("Lazarus Group", "suspected")}


def test_blame_called_unproven_in_the_next_sentence_is_a_suspicion() -> None:
    text = ("Hackers drained $30 million from Bancor on Sunday. The protocol's founders blamed the Lazarus Group. "
            "Police called the claim unproven and said no hard evidence had surfaced.")
    assert _actors(text, "Bancor drained")["Bancor"] == {("Lazarus Group", "suspected")}


def test_a_plain_blame_stays_confirmed() -> None:
    text = "Hackers drained $30 million from Bancor on Sunday. Police blamed the Lazarus Group. The protocol paused."
    assert _actors(text, "Bancor drained")["Bancor"] == {("Lazarus Group", "confirmed")}
