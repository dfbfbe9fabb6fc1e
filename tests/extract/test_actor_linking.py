"""Which actors a report ties to an incident: not the ones named only for their habits or record."""

from __future__ import annotations

from datetime import date

from heistwatch.extract.actors import actor_clause, is_background
from heistwatch.extract.evalformat import to_eval
from heistwatch.extract.model import Span
from heistwatch.extract.pipeline import run
from heistwatch.reference.actors import find_actors


def actors(text: str, published: date | None = date(2024, 5, 10)) -> dict[str, dict[str, str]]:
    out = to_eval("t", run(text, published=published))
    return {i["victim"]: {a["name"]: a["stance"] for a in i["actors"]} for i in out["incidents"]}


def background(sentence: str) -> bool:
    m = find_actors(sentence)[0]
    return is_background(sentence, Span(0, len(sentence)), Span(m.start, m.end))


def test_clauses_about_an_actors_record_are_background():
    assert background("Experts say North Korea is targeting exchanges and banks to fund its weapons programs.")
    assert background("Funds stolen last year by North Korea were cashed out through thousands of transactions.")
    assert background("Firms that hold crypto should be wary of the Lazarus Group, which keeps growing its war chest.")
    assert background("No one has claimed it yet, but North Korea has been known to raid crypto firms.")


def test_clauses_that_attribute_an_incident_are_not_background():
    assert not background("Investigators believe the Lazarus Group was behind the attack.")
    assert not background("The notorious Lazarus Group is the prime suspect in the theft.")
    assert not background("Analysts say North Korea, which has stolen billions over the years, is likely responsible.")
    assert not background("The hackers, thought to be North Korean, drained the exchange's hot wallet.")


def test_actor_clause_cuts_at_but():
    s = "There is no suspect for the theft yet, but North Korea is known to target exchanges."
    m = find_actors(s)[0]
    c = actor_clause(s, Span(0, len(s)), Span(m.start, m.end))
    assert s[c.start:c.end].strip().startswith("North Korea")


def test_background_remarks_give_the_incident_no_actor():
    text = ("Hackers stole $60 million from the exchange Varnex on Monday, the company said. "
            "The exchange has halted withdrawals. "
            "Security experts note that North Korea is targeting crypto exchanges around the world to fund its regime.")
    assert actors(text)["Varnex"] == {}


def test_an_attribution_without_the_victim_named_still_counts():
    text = ("Hackers stole $60 million from the exchange Varnex on Monday, the company said. "
            "Blockchain analysts believe the notorious Lazarus Group was behind the attack.")
    assert actors(text)["Varnex"] == {"Lazarus Group": "suspected"}
