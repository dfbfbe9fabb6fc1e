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


def _eval(text: str, published: date | None = PUBLISHED):
    from heistwatch.extract.evalformat import to_eval

    return to_eval("t", run(text, published=published))["incidents"]


def test_a_victim_hit_twice_is_two_incidents():
    text = ("Hackers stole $2 million from the Zumo exchange on 5 March 2024, the company said. "
            "The exchange had been hacked once before in October 2023, when thieves took 300 BTC from Zumo.")
    incs = [i for i in _eval(text) if i["victim"] == "Zumo"]
    assert len(incs) == 2
    first, second = sorted(incs, key=lambda i: i["date"] or "")
    assert first["date"] == "2023-10" and first["loss_native"] == [{"amount": 300, "asset": "BTC"}]
    assert second["date"] == "2024-03-05" and second["loss_usd"] == [2000000]


def test_one_date_before_a_list_dates_every_victim_and_amounts_stay_apart():
    text = "Zaif ($60 million), Coinrail ($40 million) and Bithumb ($31 million) were all robbed by hackers in 2018."
    incs = {i["victim"]: i for i in _eval(text, None)}
    assert {k: v["date"] for k, v in incs.items()} == {"Zaif": "2018", "Coinrail": "2018", "Bithumb": "2018"}
    assert {k: v["loss_usd"] for k, v in incs.items()} == {"Zaif": [6e7], "Coinrail": [4e7], "Bithumb": [3.1e7]}


def test_sums_that_are_not_losses():
    text = ("Hackers stole $4 million from the Zumo exchange on Monday. "
            "The exchange later offered the hacker a $400,000 reward. "
            "The thief moved $1.5 million to a mixer on Tuesday. "
            "The stolen coins would now be worth $9 million at today's prices.")
    (inc,) = _eval(text)
    assert inc["loss_usd"] == [4000000]


def test_attribution_without_the_victim_named_goes_to_the_main_incident():
    text = "Hackers drained $5 million from the Zumo exchange on Monday. Elliptic believes the Lazarus Group is responsible."
    (inc,) = _eval(text)
    assert inc["actors"] == [{"name": "Lazarus Group", "stance": "suspected"}]


def test_dates_of_statements_do_not_replace_the_incident_date():
    text = ("On Wednesday the FBI blamed North Korea for last Friday's raid on the Zumo exchange, "
            "in which hackers stole $7 million.")
    (inc,) = _eval(text)
    assert inc["date"] == "2024-03-01"   # the Friday before publication (Friday 8 March 2024)


def test_each_victim_keeps_its_own_figure():
    incs = {i["victim"]: i for i in _eval("Coinrail lost $40 million and Bithumb lost $31 million to hackers in June 2018.", None)}
    assert incs["Coinrail"]["loss_usd"] == [40000000] and incs["Bithumb"]["loss_usd"] == [31000000]
    incs = {i["victim"]: i for i in _eval(
        "Past heists include the $625 million Ronin Network hack in 2022 and the $300 million DMM Bitcoin theft in 2024.", None)}
    assert incs["DMM Bitcoin"]["loss_usd"] == [300000000] and incs["Ronin Network"]["loss_usd"] == [625000000]
    assert incs["DMM Bitcoin"]["date"] == "2024" and incs["Ronin Network"]["date"] == "2022"


def test_the_same_group_refers_to_the_actor_just_named():
    text = ("Analysts say the Lazarus Group has grown bolder this year. "
            "Investigators linked the same group to the theft of $9 million from the Quidax exchange on Monday.")
    incs = {i["victim"]: i for i in _eval(text)}
    assert incs["Quidax"]["actors"] == [{"name": "Lazarus Group", "stance": "suspected"}]


def test_a_list_under_a_colon_line_belongs_to_the_incident():
    text = ("Attackers drained the Quidax exchange on Monday. The thieves took off with about $20 million. "
            "The stolen tokens were:\n- 4,000 ETH\n- 2.5M USDC\n- 120 WBTC")
    (inc,) = _eval(text)
    assert {(x["asset"], x["amount"]) for x in inc["loss_native"]} == {("ETH", 4000), ("USDC", 2500000), ("WBTC", 120)}
