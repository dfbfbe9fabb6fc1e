"""Every figure the ledger shows can be traced to claims: document, span and sentence."""

from __future__ import annotations

from datetime import date

from resolve_builders import DictValuer, actor, doc, native, recovery, usd, when
from test_resolve_incremental import corpus

from heistwatch.resolve import Incident, Ledger
from heistwatch.resolve.trace import trace_problems


def rich_corpus():
    return corpus() + [
        doc("x1", "Thieves took 523 million NEM from Coincheck on January 26, 2018.",
            [("Coincheck", "exchange_hack", "2018-01-26")],
            [native(523e6, "XEM", "523 million NEM"), when("2018-01-26", "January 26, 2018"),
             actor("Lazarus Group", "suspected", "Coincheck", claimant="a security firm")], published="2018-02-01"),
        doc("x2", "Coincheck recovered $10 million, and analysts think $400 million was lost.",
            [("Coincheck", "exchange_hack", None)], [recovery(10e6, "$10 million"), usd(400e6, "$400 million")],
            published="2018-02-10"),
    ]


def check(inc: Incident, records: dict) -> None:
    refs = {c.key: c for c in inc.claims}
    for c in inc.claims:
        text = records[c.doc].text
        assert text[c.span[0]:c.span[1]] == c.surface, c
        assert text[c.sentence_span[0]:c.sentence_span[1]] == c.sentence
        assert c.sentence_span[0] <= c.span[0] <= c.span[1] <= c.sentence_span[1]
        assert c.doc in inc.documents
    for f in inc.losses:
        ref = refs[f.claim]
        assert ref.doc == f.doc and ref.kind in ("loss", "recovery")
        assert ref.value["value"] == f.amount and ref.value["unit"] == f.unit
    for cons in (inc.consensus, inc.recovered):
        if cons is None or "pinned" in cons.method:
            continue
        used = [f for f in inc.losses if f.claim in cons.claims]
        assert used and all(f.used for f in used)
        shown = {f.usd for f in used} | {f.usd_low for f in used} | {f.usd_high for f in used}
        assert cons.low in shown and cons.high in shown or cons.low == cons.value
        pairs = {(a + b) / 2 for a in shown if a for b in shown if b}
        assert cons.value in shown or cons.value in pairs
        assert set(cons.sources) == {refs[k].source for k in cons.claims}
    if inc.date:
        assert any(refs[k].doc for k in inc.date_claims) or any(m.date and m.date.startswith(inc.date[:7]) for m in inc.mentions)
    for k in inc.date_claims:
        assert refs[k].kind == "date"
    for a in inc.actors:
        assert a.claims and all(refs[c.claim].kind == "actor" and refs[c.claim].doc == c.doc for c in a.claims)
    for finding in inc.findings:
        assert finding.claims or finding.documents, finding
        assert all(k in refs for k in finding.claims) and set(finding.documents) <= set(inc.documents), finding


def test_every_figure_is_traceable() -> None:
    recs = rich_corpus()
    valuer = DictValuer({("XEM", date(2018, 1, 26)): 0.87})
    ledger = Ledger.build(recs, valuer=valuer)
    records = {r.key: r for r in recs}
    assert len(ledger.incidents) >= 6
    texts = {r.key: r.text for r in recs}
    for inc in ledger.incidents.values():
        check(inc, records)
        assert trace_problems(inc, texts) == []
        row = inc.score_row()
        assert {m["doc"] for m in row["mentions"]} == set(inc.documents)


def test_incident_round_trips_through_dicts() -> None:
    recs = rich_corpus()
    ledger = Ledger.build(recs, valuer=DictValuer({("XEM", date(2018, 1, 26)): 0.87}))
    for inc in ledger.incidents.values():
        assert Incident.from_dict(inc.to_dict()).to_dict() == inc.to_dict()


def test_trace_check_catches_a_broken_record() -> None:
    recs = rich_corpus()
    ledger = Ledger.build(recs)
    texts = {r.key: r.text for r in recs}
    inc = next(i for i in ledger.incidents.values() if i.consensus and i.claims)
    broken = Incident.from_dict(inc.to_dict())
    broken.claims[0].surface = "not in the text"
    broken.consensus.value = broken.consensus.high * 2
    problems = trace_problems(broken, texts)
    assert any("is not 'not in the text'" in p for p in problems)
    assert any("outside the figures it rests on" in p for p in problems)
