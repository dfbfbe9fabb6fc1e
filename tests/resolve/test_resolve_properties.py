"""Properties over generated extractions: resolving never fails, is order-independent, and an
incremental ledger equals a full rebuild (ids and contents)."""

from __future__ import annotations

from datetime import date

from claim_builders import at_granularity
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from heistwatch.extract.model import (
    Attribution,
    Claim,
    ClaimKind,
    DateValue,
    Extraction,
    Granularity,
    IncidentMention,
    IncidentType,
    Money,
    Span,
    Stance,
)
from heistwatch.resolve import DocumentRecord, Ledger
from heistwatch.resolve.trace import trace_problems

VICTIMS = ["Coincheck", "Coincheck Inc.", "coincheck exchange", "Youbit", "Bithumb", "Acme Swap", "Acme",
           "Ronin Network", "Axie Infinity", "The DAO", "DAO"]
TEXT = "Someone lost money on some day; officials blamed someone else. " * 3


@st.composite
def date_values(draw):
    if draw(st.booleans()):
        return None
    y = draw(st.integers(2016, 2019))
    m = draw(st.integers(1, 12))
    g = draw(st.sampled_from([Granularity.DAY, Granularity.MONTH, Granularity.YEAR]))
    d = date(y, m, draw(st.integers(1, 28)) if g == Granularity.DAY else 1)
    return at_granularity(d, g, relative=g == Granularity.YEAR and draw(st.booleans()))


@st.composite
def records(draw, key):
    n = draw(st.integers(0, 2))
    mentions = [IncidentMention(i, draw(st.sampled_from(VICTIMS)), draw(st.sampled_from(list(IncidentType))), i == 0,
                                draw(date_values())) for i in range(n)]
    claims = []
    for _ in range(draw(st.integers(0, 5))):
        s = draw(st.integers(0, 60))
        span, sentence = Span(s, s + 5), Span(0, len(TEXT))
        target = draw(st.one_of(st.none(), st.integers(0, 2)))
        kind = draw(st.sampled_from([ClaimKind.LOSS, ClaimKind.RECOVERY, ClaimKind.DATE, ClaimKind.ACTOR]))
        if kind in (ClaimKind.LOSS, ClaimKind.RECOVERY):
            value = Money(draw(st.sampled_from([1e6, 5e6, 5.2e6, 40e6, 534e6, 0.0, 87.0])),
                          draw(st.sampled_from(["USD", "USD", "BTC", "JPY"])),
                          qualifier=draw(st.sampled_from([None, "more than", "about"])),
                          valued_at=draw(st.sampled_from([None, None, "now"])))
        elif kind == ClaimKind.DATE:
            value = draw(date_values()) or DateValue(None, None, None, resolved=False)
        else:
            value = Attribution(draw(st.sampled_from(["North Korea", "Lazarus Group", "Hidden Cobra"])),
                                draw(st.sampled_from(list(Stance))),
                                claimant=draw(st.sampled_from([None, "the NIS", "the FBI", "a source"])))
        claims.append(Claim(kind, value, span, sentence, target, draw(st.sampled_from([1.0, 0.5]))))
    published = draw(st.one_of(st.none(), st.dates(date(2016, 1, 1), date(2020, 1, 1))))
    return DocumentRecord(key=key, extraction=Extraction(True, mentions, claims, "prop"), text=TEXT,
                          publisher=draw(st.sampled_from([None, "Wire", "Daily"])), published=published,
                          dup_group=draw(st.sampled_from([None, None, "g1"])))


class Valuer:
    def usd(self, amount, unit, on):
        from heistwatch.value.quote import Quote

        rate = {"USD": 1.0, "BTC": 10000.0}.get(unit)
        return Quote(amount * rate, rate, on, "memory", unit, amount, on) if rate else None


@st.composite
def corpora(draw):
    n = draw(st.integers(1, 12))
    return [draw(records(f"d{i:02d}")) for i in range(n)]


def snapshot(ledger):
    return {k: v.to_dict() for k, v in sorted(ledger.incidents.items())}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(corpora(), st.integers(0, 12), st.randoms(use_true_random=False))
def test_incremental_equals_full_and_order_does_not_matter(recs, cut, rnd) -> None:
    full = Ledger.build(recs, valuer=Valuer())
    shuffled = recs[:]
    rnd.shuffle(shuffled)
    assert snapshot(Ledger.build(shuffled, valuer=Valuer())) == snapshot(full)
    inc = Ledger.build(shuffled[:cut], valuer=Valuer())
    inc.update(shuffled[cut:])
    assert snapshot(inc) == snapshot(full)
    texts = {r.key: r.text for r in recs}
    for incident in full.incidents.values():
        assert trace_problems(incident, texts) == []
        if incident.consensus:
            assert incident.consensus.low <= incident.consensus.value <= incident.consensus.high
        assert {m.doc for m in incident.mentions} <= {r.key for r in recs}
    # every mention lands in exactly one incident
    placed = sorted((m.doc, m.index) for i in full.incidents.values() for m in i.mentions)
    assert placed == sorted((r.key, m.index) for r in recs for m in r.extraction.incidents)
