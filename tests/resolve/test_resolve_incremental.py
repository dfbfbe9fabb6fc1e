"""Incremental updates give exactly what a full rebuild gives; decisions survive rebuilds."""

from __future__ import annotations

import random

from resolve_builders import actor, doc, usd, when

from heistwatch.resolve import Decision, Ledger, mention_ref
from heistwatch.resolve.names import victim_key


def corpus():
    return [
        doc("a", "Youbit lost $5 million in April.", [("Youbit", "exchange_hack", "2017-04-22")], [usd(5e6, "$5 million")],
            published="2017-04-25"),
        doc("b", "Youbit was hacked again and closed.", [("Youbit", "exchange_hack", "2017-12-19")], published="2017-12-20"),
        doc("c", "Youbit is bankrupt; North Korea is suspected.", [("Youbit", "exchange_hack", None)],
            [actor("North Korea", "suspected", "North Korea")], published="2017-12-21"),
        doc("d", "Coincheck lost $534 million on January 26.", [("Coincheck", "exchange_hack", "2018-01-26")],
            [usd(534e6, "$534 million"), when("2018-01-26", "January 26")], published="2018-01-27"),
        doc("e", "Coincheck Inc. lost $520 million.", [("Coincheck Inc.", "exchange_hack", None)],
            [usd(520e6, "$520 million")], published="2018-01-28"),
        doc("f", "Bithumb lost $31 million; Coinrail lost $40 million.",
            [("Bithumb", "exchange_hack", "2018-06-19"), ("Coinrail", "exchange_hack", "2018-06-10")],
            [usd(31e6, "$31 million", incident=0), usd(40e6, "$40 million", incident=1)], published="2018-06-21"),
        doc("g", "Bithumb leaked user data.", [("Bithumb", "data_breach", "2017-06")], published="2017-07-05"),
        doc("h", "The Youbit hack of April hit 4,000 bitcoin.", [("Youbit", "exchange_hack", "2017-04")],
            published="2017-12-22"),
        doc("i", "Harmony lost $100 million.", [("Harmony", "bridge_hack", "2022-06-23")], [usd(100e6, "$100 million")]),
        doc("j", "The Horizon bridge of Harmony was drained.", [("Harmony Horizon Bridge", "bridge_hack", "2022-06")]),
    ]


def snapshot(ledger: Ledger) -> dict:
    return {k: v.to_dict() for k, v in sorted(ledger.incidents.items())}


def test_incremental_equals_full_rebuild_in_any_split() -> None:
    recs = corpus()
    full = snapshot(Ledger.build(recs))
    for seed in range(6):
        order = recs[:]
        random.Random(seed).shuffle(order)
        cut = 1 + seed
        ledger = Ledger.build(order[:cut])
        ledger.update(order[cut:cut + 3])
        ledger.update(order[cut + 3:])
        assert snapshot(ledger) == full


def test_update_reports_only_touched_incidents() -> None:
    recs = corpus()
    ledger = Ledger.build(recs[:-1])
    before = snapshot(ledger)
    result = ledger.update([doc("k", "Coincheck lost NEM.", [("Coincheck", "exchange_hack", "2018-01")])])
    assert result.blocks == 1
    coincheck = [i for i in ledger.incidents.values() if i.victim == "Coincheck"][0]
    assert result.touched == [coincheck.id] and result.removed == []
    after = snapshot(ledger)
    assert {k: v for k, v in after.items() if k != coincheck.id} == {k: v for k, v in before.items() if k != coincheck.id}


def test_replacing_and_removing_documents() -> None:
    recs = corpus()
    ledger = Ledger.build(recs)
    # re-extraction of "h" says it is the December hack now
    new_h = doc("h", "The Youbit hack of December hit 4,000 bitcoin.", [("Youbit", "exchange_hack", "2017-12")],
                published="2017-12-22")
    ledger.update([new_h])
    expected = snapshot(Ledger.build([r for r in recs if r.key != "h"] + [new_h]))
    assert snapshot(ledger) == expected
    ledger.update([], remove=["h", "g"])
    assert snapshot(ledger) == snapshot(Ledger.build([r for r in recs if r.key not in ("h", "g")]))


def test_ids_are_stable_when_reports_of_known_incidents_arrive() -> None:
    recs = corpus()
    ledger = Ledger.build(recs)
    ids = set(ledger.incidents)
    ledger.update([doc("z", "Coincheck lost $530 million.", [("Coincheck", "exchange_hack", "2018-01-26")],
                       [usd(530e6, "$530 million")])])
    assert set(ledger.incidents) == ids


def _incident_of(ledger: Ledger, doc_key: str, victim: str):
    return next(i for i in ledger.incidents.values() if any(m.doc == doc_key and m.victim == victim for m in i.mentions))


def _mentions(inc) -> list[dict]:
    return [mention_ref(m.doc, victim_key(m.victim), m.index) for m in inc.mentions]


def test_decisions_apply_on_every_rebuild_and_incrementally() -> None:
    recs = corpus()
    auto = Ledger.build(recs)
    april, december = _incident_of(auto, "a", "Youbit"), _incident_of(auto, "b", "Youbit")
    coincheck = _incident_of(auto, "d", "Coincheck")
    reject_key = next(c.key for c in coincheck.claims if c.value.get("value") == 520e6)
    decisions = [
        Decision("merge", "ana", {"incidents": [april.id, december.id], "groups": [_mentions(april), _mentions(december)]}),
        Decision("reject-claim", "ana", {"claim": reject_key}),
        Decision("pin", "bob", {"incident": coincheck.id, "mentions": _mentions(coincheck)},
                 {"field": "loss_usd", "value": 534e6}),
    ]
    ledger = Ledger.build(recs, decisions=decisions)
    youbit = [i for i in ledger.incidents.values() if i.victim == "Youbit"]
    assert len(youbit) == 1 and youbit[0].documents == ["a", "b", "c", "h"]
    assert youbit[0].id in (april.id, december.id)
    cc = _incident_of(ledger, "d", "Coincheck")
    assert cc.consensus.value == 534e6 and "pinned" in cc.consensus.method
    rejected = cc.claim(reject_key)
    assert rejected.rejected and not any(f.claim == reject_key for f in cc.losses)
    # the same decisions give the same ledger when documents arrive one by one
    inc = Ledger(decisions=decisions)
    for r in recs:
        inc.update([r])
    assert snapshot(inc) == snapshot(ledger)


def test_split_moves_a_documents_mention_out_and_survives_reextraction() -> None:
    recs = corpus()
    auto = Ledger.build(recs)
    cc = _incident_of(auto, "e", "Coincheck Inc.")
    split = Decision("split", "ana", {"incident": cc.id, "mentions": [mention_ref("e", victim_key("Coincheck Inc."), 0)]})
    ledger = Ledger.build(recs, decisions=[split])
    moved = _incident_of(ledger, "e", "Coincheck Inc.")
    assert moved.documents == ["e"] and moved.id != cc.id
    assert _incident_of(ledger, "d", "Coincheck").documents == ["d"]
    # a new extractor version finds an extra incident first: the mention index changes, the split holds
    new_e = doc("e", "Acme lost $1. Coincheck Inc. lost $520 million.",
                [("Acme", "other", None), ("Coincheck Inc.", "exchange_hack", None)], [usd(520e6, "$520 million", incident=1)],
                published="2018-01-28")
    ledger.update([new_e])
    assert _incident_of(ledger, "e", "Coincheck Inc.").documents == ["e"]


def test_set_decisions_undoes_a_merge() -> None:
    recs = corpus()
    auto = Ledger.build(recs)
    april, december = _incident_of(auto, "a", "Youbit"), _incident_of(auto, "b", "Youbit")
    merge = Decision("merge", "ana", {"incidents": [april.id, december.id], "groups": [_mentions(april), _mentions(december)]})
    ledger = Ledger.build(recs, decisions=[merge])
    assert len([i for i in ledger.incidents.values() if i.victim == "Youbit"]) == 1
    ledger.set_decisions([])
    assert snapshot(ledger) == snapshot(auto)


def test_decision_validation() -> None:
    import pytest

    with pytest.raises(ValueError, match="author"):
        Decision("merge", "", {"groups": [[], []]})
    with pytest.raises(ValueError, match="unknown decision"):
        Decision("explode", "ana", {})
    with pytest.raises(ValueError, match="pin needs a field"):
        Decision("pin", "ana", {"incident": "x"}, {"field": "colour", "value": 1})
    d = Decision("reject-claim", "ana", {"claim": "k1"})
    assert d.action == "reject_claim" and Decision.from_dict(d.to_dict()) == d
