"""Attribution confidence: independent claimants count once, denials lower it, a timeline."""

from __future__ import annotations

from resolve_builders import actor, doc

from heistwatch.resolve import Ledger
from heistwatch.resolve.attribution import word_for


def assessment(recs, name="North Korea"):
    (inc,) = Ledger.build(recs).incidents.values()
    return next(a for a in inc.actors if a.actor == name)


def _doc(key, claim, published, publisher=None, group=None):
    return doc(key, "Officials said North Korea was behind the theft.", [("Youbit", "exchange_hack", "2017-12-19")],
               [claim], published=published, publisher=publisher, group=group)


def test_one_agency_quoted_by_three_outlets_counts_once() -> None:
    nis = ["South Korea's National Intelligence Service", "the NIS", "National Intelligence Service (NIS)"]
    recs = [_doc(f"o{i}", actor("North Korea", "suspected", "North Korea", claimant=c), "2017-12-20", f"Outlet {i}")
            for i, c in enumerate(nis)]
    one = assessment(recs[:1])
    three = assessment(recs)
    assert three.claimants == 1 and len(three.claims) == 3
    assert three.probability == one.probability


def test_independent_official_confirmations_raise_confidence() -> None:
    recs = [
        _doc("a", actor("North Korea", "confirmed", "North Korea", claimant="the FBI"), "2017-12-20"),
        _doc("b", actor("North Korea", "confirmed", "North Korea", claimant="South Korean police"), "2017-12-21"),
    ]
    a = assessment(recs)
    assert a.claimants == 2 and a.stance == "confirmed" and a.confidence == "almost certain"
    assert assessment(recs[:1]).confidence == "very likely"


def test_near_duplicate_documents_count_once() -> None:
    recs = [_doc(k, actor("North Korea", "suspected", "North Korea"), "2017-12-20", group="wire") for k in "abc"]
    assert assessment(recs).claimants == 1


def test_denial_lowers_confidence_and_timeline_shows_belief_over_time() -> None:
    recs = [
        _doc("a", actor("North Korea", "suspected", "North Korea", claimant="a security firm"), "2017-12-20"),
        _doc("b", actor("North Korea", "confirmed", "North Korea", claimant="the NIS"), "2018-01-10"),
        _doc("c", actor("North Korea", "denied", "North Korea", claimant="the NIS", hedge="no hard evidence"), "2018-03-01"),
    ]
    a = assessment(recs)
    stances = [t["stance"] for t in a.timeline]
    assert stances == ["suspected", "confirmed", "disputed"]
    # the NIS's later denial replaces its confirmation: confidence falls
    assert a.timeline[-1]["probability"] < a.timeline[1]["probability"]
    assert a.probability < 0.5


def test_probability_word_from_the_hedge_is_used() -> None:
    recs = [_doc("a", actor("Lazarus Group", "suspected", "North Korea", probability="very unlikely"), "2018-01-01")]
    a = assessment(recs, "Lazarus Group")
    assert a.probability < 0.45 and a.confidence in ("unlikely", "very unlikely")


def test_denied_actors_are_left_out_of_the_ledger_row() -> None:
    recs = [_doc("a", actor("Lazarus Group", "denied", "North Korea", claimant="the exchange"), "2018-01-01")]
    (inc,) = Ledger.build(recs).incidents.values()
    assert inc.actors[0].stance == "denied"
    assert inc.score_row()["actors"] == []


def test_icd203_words() -> None:
    assert word_for(0.99) == "almost certain"
    assert word_for(0.5) == "roughly even chance"
    assert word_for(0.02) == "almost no chance"


def test_unattributed_reports_are_one_voice() -> None:
    recs = [_doc(f"o{i}", actor("North Korea", "suspected", "North Korea"), f"2017-12-2{i}", f"Outlet {i}")
            for i in range(5)]
    five, one = assessment(recs), assessment(recs[:1])
    assert five.claimants == 1 and five.probability == one.probability and five.confidence == "likely"
    # a named official claimant adds independent weight
    named = assessment(recs + [_doc("p", actor("North Korea", "confirmed", "North Korea", claimant="the FBI"), "2017-12-30")])
    assert named.claimants == 2 and named.probability > five.probability
