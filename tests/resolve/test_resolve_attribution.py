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


# ---- which actors the ledger row shows (attribution rule 7)
def _row_actors(recs):
    (inc,) = [i for i in Ledger.build(recs).incidents.values() if i.victim == "Stakeout"]
    return [a["name"] for a in inc.score_row()["actors"]], inc


def test_actor_named_for_another_heist_in_a_roundup_stays_off_the_row() -> None:
    text = ("Stakeout lost $41 million on Monday. Separately, police said the Andariel unit ran a mining scheme "
            "on a server in Busan.")
    rec = doc("r1", text, [("Stakeout", "exchange_hack", "2023-09-04"), ("Busan server", "cryptojacking", "2023")],
              [actor("Andariel", "confirmed", "Andariel", claimant="police", incident=0)], published="2023-09-06")
    names, inc = _row_actors([rec])
    assert names == []
    kept = next(a for a in inc.actors if a.actor == "Andariel")
    assert not kept.on_row and "several incidents" in kept.support


def test_actor_in_a_sentence_naming_the_victim_or_following_it_is_on_the_row() -> None:
    named = doc("r2", "Stakeout lost $41 million. Later, the FBI said Lazarus robbed Stakeout. Busan had a separate leak.",
                [("Stakeout", "exchange_hack", "2023-09-04"), ("Busan", "data_breach", "2023")],
                [actor("Lazarus Group", "confirmed", "Lazarus", claimant="the FBI")], published="2023-09-08")
    follows = doc("r3", "Stakeout lost $41 million. The FBI blamed Lazarus for the attack.\n\nBusan had a separate leak.",
                  [("Stakeout", "exchange_hack", "2023-09-04"), ("Busan", "data_breach", "2023")],
                  [actor("Lazarus Group", "confirmed", "Lazarus", claimant="the FBI")], published="2023-09-08")
    assert _row_actors([named])[0] == ["Lazarus Group"]
    assert _row_actors([follows])[0] == ["Lazarus Group"]


def test_actor_in_a_single_incident_report_is_on_the_row_but_an_aside_is_not() -> None:
    text = "Stakeout lost $41 million. The attackers are believed to be Lazarus. The CEO will visit Russia next week."
    rec = doc("r4", text, [("Stakeout", "exchange_hack", "2023-09-04")],
              [actor("Lazarus Group", "suspected", "Lazarus"), actor("Russia", "suspected", "Russia")],
              published="2023-09-05")
    assert _row_actors([rec])[0] == ["Lazarus Group"]


def test_another_name_of_a_named_group_is_not_a_second_actor() -> None:
    text = "The attackers who robbed Stakeout were the Lazarus Group. The group, also known as APT38, denies nothing."
    rec = doc("r5", text, [("Stakeout", "exchange_hack", "2023-09-04")],
              [actor("Lazarus Group", "confirmed", "Lazarus Group"), actor("APT38", "confirmed", "APT38")],
              published="2023-09-05")
    names, inc = _row_actors([rec])
    assert names == ["Lazarus Group"]
    assert any(a.actor == "APT38" for a in inc.actors)   # kept in the record


def test_a_claim_with_no_sentence_to_check_keeps_the_extractors_link() -> None:
    from heistwatch.extract.model import Attribution, Claim, ClaimKind, Extraction, IncidentMention, IncidentType, Span, Stance
    from heistwatch.resolve import DocumentRecord

    ex = Extraction(True, [IncidentMention(0, "Stakeout", IncidentType("exchange_hack"), True, None),
                           IncidentMention(1, "Busan server", IncidentType("cryptojacking"), False, None)],
                    [Claim(ClaimKind.ACTOR, Attribution("Lazarus Group", Stance("confirmed")), Span(0, 0), Span(0, 0), 0)],
                    "structured")
    names, _ = _row_actors([DocumentRecord(key="s1", extraction=ex)])
    assert names == ["Lazarus Group"]


def test_the_name_the_document_uses_for_the_victim_counts_as_naming_it() -> None:
    from heistwatch.extract.model import Span

    text = "Bithumb leaked user data. Coinus, a local exchange, was robbed in September; the NIS blamed Lazarus for it."
    rec = doc("r6", text, [("Bithumb", "data_breach", "2017-06"), ("Stakeout", "exchange_hack", "2017-09")],
              [actor("Lazarus Group", "confirmed", "Lazarus", claimant="the NIS", incident=1)], published="2017-12-16")
    # the extractor canonicalised the victim it found as "Coinus" to another name
    rec.extraction.incidents[1].span = Span(text.find("Coinus"), text.find("Coinus") + len("Coinus"))
    assert _row_actors([rec])[0] == ["Lazarus Group"]


def test_actor_totals_count_only_incidents_the_actor_is_shown_for() -> None:
    from heistwatch.resolve import actor_summary

    aside = doc("r7", "Stakeout lost $41 million on Monday. Separately, Andariel ran a mining scheme on a server in Busan.",
                [("Stakeout", "exchange_hack", "2023-09-04"), ("Busan server", "cryptojacking", "2023")],
                [actor("Andariel", "confirmed", "Andariel", incident=0)], published="2023-09-06")
    own = doc("r8", "Police said Andariel took $2 million from Minerco in May.", [("Minerco", "wallet_hack", "2023-05")],
              [actor("Andariel", "confirmed", "Andariel", claimant="police")], published="2023-06-01")
    ledger = Ledger.build([aside, own])
    summary = actor_summary(ledger.incidents.values(), [], "Andariel")
    assert [r["victim"] for r in summary["incidents"]] == ["Minerco"]
