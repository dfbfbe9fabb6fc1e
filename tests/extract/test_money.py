"""find_amounts: money, shares and counts, each table's examples, pairs and context hints.

Sentences here are our own; figures echo real incidents.
"""

from __future__ import annotations

import pytest

from heistwatch.extract.money import (
    COUNT_EXAMPLES,
    MAGNITUDE_EXAMPLES,
    NOT_AMOUNT_EXAMPLES,
    PERCENT_EXAMPLES,
    QUALIFIERS,
    VAGUE_EXAMPLES,
    AmountMention,
    find_amounts,
)
from heistwatch.extract.model import Count, Money, Share, Span
from heistwatch.reference import assets


def only(text: str) -> AmountMention:
    found = find_amounts(text)
    assert len(found) == 1, [(a.span.of(text), a) for a in found]
    return found[0]


def money(text: str) -> Money:
    m = only(text).money
    assert m is not None
    return m


# ---------------------------------------------------------------- tables and their examples


@pytest.mark.parametrize("asset", assets.all_assets(), ids=lambda a: a.code)
def test_every_asset_example_parses_to_its_code(asset: assets.Asset) -> None:
    for example in asset.examples:
        sentence = f"The thieves took {example} from the platform."
        m = money(sentence)
        assert m.unit == asset.code, example


@pytest.mark.parametrize("qualifier", QUALIFIERS, ids=lambda q: q.kind)
def test_every_qualifier_example_sets_its_bound(qualifier) -> None:
    for example in qualifier.examples:
        found = only(f"Reports said {example} went missing.")
        value = found.money or found.count or found.share
        assert found.span.of(f"Reports said {example} went missing.") == example
        if found.share is not None:
            continue
        v = value.value
        if qualifier.kind == "low":
            assert (value.low, value.high) == (v, None)
        elif qualifier.kind == "high":
            assert (value.low, value.high) == (None, v)
        elif qualifier.kind == "near":
            assert value.high == v and value.low == pytest.approx(0.9 * v)
        else:
            assert value.low == pytest.approx(0.9 * v) and value.high == pytest.approx(1.1 * v)


@pytest.mark.parametrize(("phrase", "value"), sorted(MAGNITUDE_EXAMPLES.items()))
def test_magnitude_examples(phrase: str, value: float) -> None:
    assert money(f"A loss of {phrase} was reported.").value == pytest.approx(value)


@pytest.mark.parametrize(("phrase", "bounds"), sorted(VAGUE_EXAMPLES.items()))
def test_vague_examples_are_ranges(phrase: str, bounds: tuple[float, float]) -> None:
    found = only(f"Hackers took {phrase} last year.")
    value = found.money or found.count
    assert value.low == bounds[0] and value.high == bounds[1]
    assert value.low < value.value < value.high
    if found.money is not None:
        assert found.money.vague


@pytest.mark.parametrize(("phrase", "value"), sorted(COUNT_EXAMPLES.items()))
def test_count_examples(phrase: str, value: int) -> None:
    found = find_amounts(f"The breach exposed {phrase}.")
    assert [a.count.value for a in found if a.count] == [value]


@pytest.mark.parametrize(("phrase", "percent"), sorted(PERCENT_EXAMPLES.items()))
def test_percent_examples(phrase: str, percent: float) -> None:
    found = only(f"The exchange lost {phrase}.")
    assert found.share is not None and found.share.percent == percent


# ---------------------------------------------------------------- units and figures


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("Coincheck lost 523 million NEM in the attack.", 523e6, "XEM"),
        ("Bitstamp put the loss at 18,866 BTC on Monday.", 18866, "BTC"),
        ("Some reports said 19,000 bitcoins were taken.", 19000, "BTC"),
        ("The server mined 70 Monero coins for the group.", 70, "XMR"),
        ("It mined 70 units of Monero over a year.", 70, "XMR"),
        ("The exchange had US$5m in its hot wallet.", 5e6, "USD"),
        ("The exchange lost $1.5bn in February.", 1.5e9, "USD"),
        ("The exchange lost $ 534 million in one night.", 534e6, "USD"),
        ("The exchange lost USD 31 million overnight.", 31e6, "USD"),
        ("Losses reached 17 billion won by Tuesday.", 17e9, "KRW"),
        ("Losses reached ₩35 billion by Tuesday.", 35e9, "KRW"),
        ("Losses reached €1.2 million by Tuesday.", 1.2e6, "EUR"),
        ("Losses reached £2.5m by Tuesday.", 2.5e6, "GBP"),
        ("Losses reached 10 million yuan by Tuesday.", 10e6, "CNY"),
        ("Losses reached 2 billion rupees by Tuesday.", 2e9, "INR"),
        ("Losses reached ₹200 crore by Tuesday.", 2e9, "INR"),
        ("Losses reached RM891 million by Tuesday.", 891e6, "MYR"),
        ("The hackers moved 3,600 ethers to a mixer.", 3600, "ETH"),
        ("The hackers moved 11,484 Eth to a mixer.", 11484, "ETH"),
        ("The hackers moved 120,000 wETH tokens to a mixer.", 120000, "WETH"),
        ("The hackers sold 36 million BEAN on the market.", 36e6, "BEAN"),
        ("The hackers swapped 73,800 wstETH for ether.", 73800, "wstETH"),
        ("The contract sent 523 million NEMs to one address.", 523e6, "XEM"),
        ("Analysts saw two million (BNB) leave the bridge.", 2e6, "BNB"),
        ("The fund held two thousand bitcoins at the time.", 2000, "BTC"),
        ("The thieves made off with half a billion dollars in tokens.", 5e8, "USD"),
        ("The report put the theft at $32 000 000 USD.", 32e6, "USD"),
    ],
)
def test_units_and_figures(text: str, value: float, unit: str) -> None:
    m = money(text)
    assert (m.value, m.unit) == (pytest.approx(value), unit)


def test_span_covers_qualifier_symbol_figure_and_unit() -> None:
    text = "Thieves stole more than $25,000 and nearly 600 bitcoins."
    spans = [a.span.of(text) for a in find_amounts(text)]
    assert spans == ["more than $25,000", "nearly 600 bitcoins"]


def test_exact_amount_has_equal_bounds() -> None:
    m = money("Coincheck lost $534 million.")
    assert (m.low, m.high, m.qualifier, m.approximate, m.vague) == (534e6, 534e6, None, False, False)


def test_or_more_is_a_lower_bound() -> None:
    m = money("The attackers took 5,000 ETH or more.")
    assert (m.low, m.high) == (5000, None)


def test_stated_range() -> None:
    found = only("Losses of $5-6 million were reported.")
    assert (found.money.low, found.money.high) == (5e6, 6e6)
    assert found.context.stated_range


def test_vague_with_lower_bound_qualifier_keeps_low_only() -> None:
    m = money("They stole more than tens of millions of dollars.")
    assert m.vague and m.low == 1e7 and m.high is None


# ---------------------------------------------------------------- pairs


@pytest.mark.parametrize(
    ("text", "first", "second"),
    [
        ("The exchange lost 58 billion yen ($534 million) in NEM.", ("JPY", 58e9), ("USD", 534e6)),
        ("Thieves took 19,000 BTC—approximately $5.2 million—from the store.", ("BTC", 19000), ("USD", 5.2e6)),
        ("Hackers stole 17 billion won (approximately 17 million dollars).", ("KRW", 17e9), ("USD", 17e6)),
        ("It estimated the loss at ¥58 billion ($533mn).", ("JPY", 58e9), ("USD", 533e6)),
        ("The wallet lost 70 XMR, worth $13,962 at the time.", ("XMR", 70), ("USD", 13962)),
        ("Bithumb lost KRW 35 billion (USD 31 million) of coins.", ("KRW", 35e9), ("USD", 31e6)),
    ],
)
def test_conversions_are_paired_both_ways(text: str, first: tuple, second: tuple) -> None:
    found = find_amounts(text)
    assert len(found) == 2
    a, b = found
    assert (a.money.unit, a.money.value) == (first[0], pytest.approx(first[1]))
    assert (b.money.unit, b.money.value) == (second[0], pytest.approx(second[1]))
    assert a.pair == 1 and b.pair == 0


def test_unrelated_amounts_are_not_paired() -> None:
    text = "Hackers stole $600 million; the bounty was 5 ETH. Separately it lost 10 BTC."
    assert all(a.pair is None for a in find_amounts(text))


def test_same_unit_amounts_are_not_paired() -> None:
    text = "Hackers stole $600 million, of which $260 million was returned."
    assert [a.pair for a in find_amounts(text)] == [None, None]


# ---------------------------------------------------------------- context hints


def test_now_worth_and_at_the_time() -> None:
    text = "The group mined 70 XMR, then worth $13,962, now worth more than $25,000."
    found = find_amounts(text)
    assert [a.span.of(text) for a in found] == ["70 XMR", "$13,962", "more than $25,000"]
    assert found[1].context.at_the_time and not found[1].now_worth
    assert found[2].now_worth and found[2].money.valued_at == "now"


def test_recovered_and_not_recovered() -> None:
    text = "Hackers stole $600 million, of which $260 million was returned."
    stolen, back = find_amounts(text)
    assert not stolen.recovered and back.recovered
    assert only("Tether froze $1 million linked to the attack.").recovered
    assert not only("The $30 million in those wallets can never be recovered.").recovered


def test_refund_is_not_recovery() -> None:
    found = only("Coincheck said it would refund 46.3 billion yen to customers.")
    assert found.context.refunded and not found.recovered


def test_price_per_unit_is_flagged() -> None:
    found = find_amounts("It took 19,000 bitcoins, valued at about $275 each.")
    assert [a.context.per_unit for a in found] == [False, True]


# ---------------------------------------------------------------- counts and shares


def test_share_keeps_what_it_is_of() -> None:
    assert only("Thieves took 17% of its assets.").share == Share(17.0, "assets")
    assert only("It lost 17 percent of its total assets in June.").share == Share(17.0, "total assets")
    assert only("They stole seven percent of all the NEM tokens now in circulation.").share == Share(7.0, "NEM tokens")


def test_counts() -> None:
    assert only("Data of more than 31,000 users leaked.").count == Count(31000, 31000, None, "users")
    assert only("Some 30,000 people were affected.").count.what == "people"
    assert find_amounts("Staff found one of its wallets compromised.") == []


# ---------------------------------------------------------------- what is not an amount


@pytest.mark.parametrize("text", NOT_AMOUNT_EXAMPLES)
def test_not_amounts(text: str) -> None:
    assert find_amounts(text) == []


def test_window_limits_the_search_and_spans_stay_global() -> None:
    text = "First $5 million. Then 10 BTC. Then $7 million."
    start = text.index("Then")
    end = text.index(". Then $7")
    found = find_amounts(text, start, end)
    assert [a.span.of(text) for a in found] == ["10 BTC"]
    assert found[0].span == Span(text.index("10 BTC"), text.index("10 BTC") + 6)


def test_amount_mention_needs_exactly_one_value() -> None:
    with pytest.raises(ValueError):
        AmountMention(span=Span(0, 1))
    with pytest.raises(ValueError):
        AmountMention(span=Span(0, 1), money=Money(1, "USD"), count=Count(1))


def test_stated_range_between_two_amounts() -> None:
    text = "The developers put the loss between $100 million and $110 million."
    assert [a.context.stated_range for a in find_amounts(text)] == [True, True]
    text = "It lost $5 million in May and $6 million in June."
    assert [a.context.stated_range for a in find_amounts(text)] == [False, False]


def test_initial_and_revised_figures() -> None:
    text = "The loss was initially put at $31 million; it was later revised to $60 million."
    first, second = find_amounts(text)
    assert first.context.initial and not first.context.revised
    assert second.context.revised and not second.context.initial


def test_conversion_after_a_verb_phrase_is_paired() -> None:
    text = "The server mined 70 Monero coins that generated the equivalent of 13,962 dollars."
    assert [a.pair for a in find_amounts(text)] == [1, 0]


def test_ranges_need_a_magnitude_or_unit() -> None:
    text = "They took 5,000-6,000 BTC in 2017-2018; call 555-1234."
    found = find_amounts(text)
    assert [a.span.of(text) for a in found] == ["5,000-6,000 BTC"]
    assert (found[0].money.low, found[0].money.high) == (5000, 6000) and found[0].context.stated_range


def test_reward_funding_and_market_hints() -> None:
    found = only("The exchange offered the hacker a $10 million bounty to return the funds.")
    assert found.context.reward and not found.recovered
    assert only("The bridge had raised $22 million in a seed round in May.").context.funding
    assert only("The token has a market cap of about $900 million.").context.market
    assert only("Bitcoin rose above $100,000 on Thursday.").context.market
    theft = only("Hackers stole $534 million from the exchange on Friday.")
    assert not (theft.context.reward or theft.context.funding or theft.context.market)
