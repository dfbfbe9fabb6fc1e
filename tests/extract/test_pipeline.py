"""The whole pipeline on reports we wrote: incidents, linked claims with exact spans, aggregates, robustness."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from heistwatch.extract.model import ClaimKind, Extraction, IncidentType, Stance
from heistwatch.extract.pipeline import run

REPORT = (
    "Zumo Exchange Loses $12 Million to Hackers\n\n"
    "Hackers stole 3,000 BTC (about $12 million) from the Singapore-based exchange Zumo on Tuesday, "
    "the company said. The exchange halted withdrawals and said 4,100 users were affected. "
    "South Korea's spy agency said North Korea's Lazarus Group might be behind the attack, Reuters reported. "
    "In a separate incident, Mt. Gox lost $470 million in 2014. "
    "North Korea stole more than $1 billion from crypto firms in 2022 alone."
)
PUBLISHED = date(2024, 3, 8)   # a Friday: "Tuesday" is 2024-03-05


def extraction() -> Extraction:
    return run(REPORT, published=PUBLISHED)


def test_incidents_main_and_passing():
    ex = extraction()
    assert ex.relevant
    by_victim = {i.victim: i for i in ex.incidents}
    assert set(by_victim) == {"Zumo", "Mt. Gox"}
    assert by_victim["Zumo"].main and not by_victim["Mt. Gox"].main
    assert by_victim["Zumo"].type == IncidentType.EXCHANGE_HACK


def test_every_span_indexes_the_text():
    ex = extraction()
    for c in ex.claims:
        assert 0 <= c.sentence.start <= c.span.start <= c.span.end <= c.sentence.end <= len(REPORT)
        assert c.surface(REPORT) == REPORT[c.span.start : c.span.end]
    for c in ex.claims_of(0, ClaimKind.VICTIM):
        assert "Zumo" in c.surface(REPORT)


def test_losses_link_to_their_incident_with_conversions():
    ex = extraction()
    zumo = next(i.index for i in ex.incidents if i.victim == "Zumo")
    gox = next(i.index for i in ex.incidents if i.victim == "Mt. Gox")
    zumo_losses = {(c.value.unit, c.value.value) for c in ex.claims_of(zumo, ClaimKind.LOSS)}
    assert ("BTC", 3000) in zumo_losses and ("USD", 12_000_000) in zumo_losses
    assert {(c.value.unit, c.value.value) for c in ex.claims_of(gox, ClaimKind.LOSS)} == {("USD", 470_000_000)}
    assert [c.value.value for c in ex.claims_of(zumo, ClaimKind.ACCOUNTS)] == [4100]


def test_dates_resolve_against_publication():
    ex = extraction()
    by_victim = {i.victim: i for i in ex.incidents}
    assert by_victim["Zumo"].date.iso() == "2024-03-05"
    assert by_victim["Mt. Gox"].date.iso() == "2014"


def test_attribution_through_the_attack_with_hedge_and_claimant():
    ex = extraction()
    zumo = next(i.index for i in ex.incidents if i.victim == "Zumo")
    actors = {c.value.actor: c.value for c in ex.claims_of(zumo, ClaimKind.ACTOR)}
    assert "Lazarus Group" in actors
    lazarus = actors["Lazarus Group"]
    assert lazarus.stance == Stance.SUSPECTED and lazarus.hedge == "might be"
    assert lazarus.claimant == "South Korea's spy agency"


def test_aggregate_is_no_incident_and_no_loss():
    ex = extraction()
    aggregates = [c for c in ex.claims if c.kind == ClaimKind.AGGREGATE]
    assert aggregates and all(c.incident is None for c in aggregates)
    for i in ex.incidents:
        assert 1_000_000_000 not in [c.value.value for c in ex.claims_of(i.index, ClaimKind.LOSS)]


def test_irrelevant_text_has_no_incidents():
    ex = run("The central bank kept interest rates unchanged on Wednesday, citing slowing inflation.")
    assert not ex.relevant and ex.incidents == []


def test_round_trip_through_dicts():
    ex = extraction()
    assert Extraction.from_dict(ex.to_dict()).to_dict() == ex.to_dict()


def test_deterministic():
    assert extraction().to_dict() == extraction().to_dict()


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=400))
def test_never_raises_and_spans_hold_on_arbitrary_text(text):
    ex = run(text, published=PUBLISHED)
    for c in ex.claims:
        assert 0 <= c.span.start <= c.span.end <= len(text)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from([
    "Hackers stole $5 million from the exchange Zumo.", "Lazarus might be behind it.", " ", "\n",
    "Bithumb, a Korean exchange, lost 1,000 BTC on Monday.", "$$$", "1234567", "the hack of Youbit", "€",
]), max_size=30))
def test_spans_match_surfaces_on_report_like_text(parts):
    text = " ".join(parts)
    ex = run(text, published=PUBLISHED)
    for c in ex.claims:
        assert c.sentence.start <= c.span.start and c.span.end <= c.sentence.end
    for i in ex.incidents:
        assert i.span is None or text[i.span.start : i.span.end]
