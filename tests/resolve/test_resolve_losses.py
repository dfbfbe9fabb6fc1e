"""Losses valued at the incident date, consensus, conflicts, revisions, recoveries, aggregates."""

from __future__ import annotations

from datetime import date

from resolve_builders import C, DictValuer, actor, aggregate, doc, native, recovery, usd, when

from heistwatch.extract.model import Aggregate, ClaimKind, Money
from heistwatch.resolve import Ledger, aggregate_view


def only(ledger: Ledger):
    (inc,) = ledger.incidents.values()
    return inc


def test_figures_within_rounding_are_not_a_conflict() -> None:
    recs = [
        doc("a", "The exchange lost $534 million in the attack.", [("Coincheck", "exchange_hack", "2018-01-26")],
            [usd(534e6, "$534 million")]),
        doc("b", "Coincheck put the loss at $520 million.", [("Coincheck", "exchange_hack", "2018-01-26")],
            [usd(520e6, "$520 million")]),
    ]
    inc = only(Ledger.build(recs))
    assert inc.conflicts == []
    assert inc.consensus.low == 520e6 and inc.consensus.high == 534e6
    assert inc.consensus.low <= inc.consensus.value <= inc.consensus.high
    assert inc.consensus.sources == ["a", "b"]


def test_figures_far_apart_are_flagged_with_both_sentences() -> None:
    recs = [
        doc("a", "The exchange lost $534 million in the attack.", [("Coincheck", "exchange_hack", "2018-01-26")],
            [usd(534e6, "$534 million")]),
        doc("b", "Analysts think only $400 million was taken.", [("Coincheck", "exchange_hack", "2018-01-26")],
            [usd(400e6, "$400 million")]),
    ]
    inc = only(Ledger.build(recs))
    (conflict,) = inc.conflicts
    assert conflict.kind == "loss"
    assert "$400.0M" in conflict.explanation and "$534.0M" in conflict.explanation
    assert "only $400 million was taken" in conflict.explanation
    assert all(inc.claim(k) for k in conflict.claims)


def test_dates_beyond_granularity_are_flagged_but_coarser_dates_are_not() -> None:
    recs = [
        doc("a", "The theft was discovered on January 26.", [("Coincheck", "exchange_hack", "2018-01-26")],
            [when("2018-01-26", "January 26")]),
        doc("b", "Staff noticed the theft on January 26.", [("Coincheck", "exchange_hack", "2018-01-26")],
            [when("2018-01-26", "January 26")]),
        doc("c", "It all happened in January 2018.", [("Coincheck", "exchange_hack", "2018-01")],
            [when("2018-01", "January 2018")]),
        doc("d", "The hack took place on January 18.", [("Coincheck", "exchange_hack", "2018-01-18")],
            [when("2018-01-18", "January 18")]),
    ]
    inc = only(Ledger.build(recs))
    assert inc.date == "2018-01-26"
    (conflict,) = inc.conflicts
    assert conflict.kind == "date"
    assert "26 January 2018" in conflict.explanation and "18 January 2018 (d" in conflict.explanation
    assert "January 2018 (c" not in conflict.explanation


def test_value_at_a_later_date_is_explained_not_flagged() -> None:
    recs = [
        doc("a", "The miner earned 70 XMR, worth $13,962 at the time.", [("Acme server", "cryptojacking", "2017-06")],
            [native(70, "XMR", "70 XMR"), usd(13962, "$13,962")]),
        doc("b", "The coins are now worth more than $25,000.", [("Acme server", "cryptojacking", "2017")],
            [usd(25000, "$25,000", qualifier="more than", low=25000, valued_at="now")]),
    ]
    inc = only(Ledger.build(recs))
    assert inc.conflicts == []
    notes = [f for f in inc.findings if f.kind == "valuation"]
    assert notes and not notes[0].flagged and "$25,000" in notes[0].explanation
    assert inc.consensus.value == 13962


def test_revision_by_the_same_source_is_a_revision_not_a_conflict() -> None:
    recs = [
        doc("a", "The exchange initially reported losses of $31 million. It now puts them at over $60 million.",
            [("Bithumb", "exchange_hack", "2018-06-19")],
            [usd(31e6, "$31 million"), usd(60e6, "$60 million", qualifier="more than")]),
    ]
    inc = only(Ledger.build(recs))
    assert inc.conflicts == []
    (rev,) = [f for f in inc.findings if f.kind == "revision"]
    assert "initially $31.0M, then $60.0M" in rev.explanation
    first = next(f for f in inc.losses if f.amount == 31e6)
    later = next(f for f in inc.losses if f.amount == 60e6)
    assert (first.revision, later.revision) == (0, 1) and not first.used and later.used
    assert inc.consensus.value == 60e6


def test_same_outlet_reporting_a_new_figure_later_is_a_revision() -> None:
    recs = [
        doc("a1", "The exchange lost $31 million.", [("Bithumb", "exchange_hack", "2018-06-19")],
            [usd(31e6, "$31 million")], published="2018-06-20", publisher="Daily Ledger"),
        doc("a2", "The exchange lost $60 million, it said.", [("Bithumb", "exchange_hack", "2018-06-19")],
            [usd(60e6, "$60 million")], published="2018-06-25", publisher="Daily Ledger"),
    ]
    inc = only(Ledger.build(recs))
    assert inc.conflicts == []
    assert [f.kind for f in inc.findings] == ["revision"]
    assert inc.consensus.value == 60e6


def test_crypto_valued_at_incident_date_and_unknown_price_keeps_native() -> None:
    valuer = DictValuer({("XEM", date(2018, 1, 26)): 1.0})
    recs = [
        doc("a", "Thieves took 523 million NEM.", [("Coincheck", "exchange_hack", "2018-01-26")],
            [native(523e6, "XEM", "523 million NEM")]),
        doc("b", "Also 10 million FOO tokens went missing.", [("Coincheck", "exchange_hack", "2018-01-26")],
            [native(10e6, "FOO", "10 million FOO")]),
    ]
    inc = only(Ledger.build(recs, valuer=valuer))
    xem = next(f for f in inc.losses if f.unit == "XEM")
    foo = next(f for f in inc.losses if f.unit == "FOO")
    assert xem.usd == 523e6 and xem.quote["rate_date"] == "2018-01-26" and xem.used
    assert foo.usd is None and "USD value unknown" in foo.note and not foo.used
    assert inc.consensus.value == 523e6


def test_paired_conversion_counts_once() -> None:
    rec = doc("a", "It lost 58 billion yen ($534 million).", [("Coincheck", "exchange_hack", "2018-01-26")],
              [native(58e9, "JPY", "58 billion yen"), usd(534e6, "$534 million")])
    claims = rec.extraction.claims
    claims[0] = type(claims[0])(claims[0].kind, Money(58e9, "JPY", paired_with=1), claims[0].span, claims[0].sentence, 0)
    inc = only(Ledger.build([rec], valuer=DictValuer({("JPY", date(2018, 1, 26)): 0.0092})))
    jpy = next(f for f in inc.losses if f.unit == "JPY")
    assert jpy.reported_usd == 534e6 and not jpy.used
    assert inc.consensus.value == 534e6 and inc.consensus.claims == [inc.losses[1].claim]


def test_near_duplicates_count_once_in_the_consensus() -> None:
    text = "The exchange lost $100 million."
    recs = [
        doc("a", text, [("Acme", "exchange_hack", "2020-01-01")], [usd(100e6, "$100 million")], group="g1"),
        doc("b", text, [("Acme", "exchange_hack", "2020-01-01")], [usd(100e6, "$100 million")], group="g1"),
        doc("c", text, [("Acme", "exchange_hack", "2020-01-01")], [usd(100e6, "$100 million")], group="g1"),
        doc("d", "It lost $80 million.", [("Acme", "exchange_hack", "2020-01-01")], [usd(80e6, "$80 million")]),
        doc("e", "It lost $82 million.", [("Acme", "exchange_hack", "2020-01-01")], [usd(82e6, "$82 million")]),
    ]
    inc = only(Ledger.build(recs))
    # three copies of one wire story are one source: two independent outlets outweigh it
    assert inc.consensus.sources == ["d", "e"] and inc.consensus.value == 81e6
    assert len(inc.sources) == 3
    # were the copies independent, their figure would win
    independent = [doc(r.key, r.text, [("Acme", "exchange_hack", "2020-01-01")], [usd(100e6, "$100 million")])
                   for r in recs[:3]] + recs[3:]
    assert only(Ledger.build(independent)).consensus.value == 100e6


def test_recovered_funds_are_kept_apart_and_give_a_net_loss() -> None:
    recs = [
        doc("a", "Hackers stole $40 million; $10 million was frozen.", [("Acme", "exchange_hack", "2020-01-01")],
            [usd(40e6, "$40 million"), recovery(10e6, "$10 million")]),
    ]
    inc = only(Ledger.build(recs))
    assert inc.consensus.value == 40e6 and inc.recovered.value == 10e6 and inc.net_loss == 30e6
    assert inc.score_row()["loss_usd"]["value"] == 40e6


def test_aggregate_is_kept_apart_and_shown_beside_the_sum_of_incidents() -> None:
    recs = [
        doc("n", "North Korean hackers stole tens of millions of dollars last year, the spy agency said.", [],
            [aggregate("North Korea", "2017", 10e6, "tens of millions of dollars")]),
        doc("a", "Youbit lost $5 million; North Korea was blamed.", [("Youbit", "exchange_hack", "2017-04-22")],
            [usd(5e6, "$5 million"), actor("North Korea", "confirmed", "North Korea", claimant="police")]),
        doc("b", "Bithumb lost $7 million, North Korea suspected.", [("Bithumb", "exchange_hack", "2017-06-15")],
            [usd(7e6, "$7 million"), actor("Lazarus Group", "suspected", "North Korea")]),
        doc("c", "Acme lost $1 million in 2018 to North Korea.", [("Acme", "exchange_hack", "2018-03-01")],
            [usd(1e6, "$1 million"), actor("North Korea", "confirmed", "North Korea")]),
    ]
    ledger = Ledger.build(recs)
    assert len(ledger.incidents) == 3  # the aggregate is no incident
    (agg,) = ledger.aggregates()
    view = aggregate_view(ledger.incidents.values(), agg)
    assert view["usd"] == 10e6 and view["period"] == "2017"
    assert view["incidents_sum"]["value"] == 12e6 and len(view["incidents_sum"]["incidents"]) == 2
    assert "tens of millions" in view["sentence"]


def test_vague_figure_used_only_without_a_sharper_one() -> None:
    vague = C(ClaimKind.LOSS, Money(10e6, "USD", low=10e6, high=100e6, vague=True), "tens of millions")
    rec = doc("a", "They took tens of millions of dollars.", [("Acme", "exchange_hack", "2020-01-01")], [vague])
    assert only(Ledger.build([rec])).consensus.high == 100e6
    rec2 = doc("b", "They took $42 million.", [("Acme", "exchange_hack", "2020-01-01")], [usd(42e6, "$42 million")])
    assert only(Ledger.build([rec, rec2])).consensus.value == 42e6


def test_other_amounts_and_outliers_do_not_move_the_consensus() -> None:
    recs = [
        doc("a", "Hackers took $40 million. Each victim lost about $1,800.", [("Acme", "exchange_hack", "2019-05-07")],
            [usd(40e6, "$40 million"), usd(1800, "$1,800")]),
        doc("b", "The exchange lost $41 million.", [("Acme", "exchange_hack", "2019-05-07")], [usd(41e6, "$41 million")]),
        doc("c", "Some said $400 million had gone.", [("Acme", "exchange_hack", "2019-05-07")], [usd(400e6, "$400 million")]),
        doc("d", "Another outlet put it at $30 million.", [("Acme", "exchange_hack", "2019-05-07")], [usd(30e6, "$30 million")]),
    ]
    inc = only(Ledger.build(recs))
    assert (inc.consensus.low, inc.consensus.high) == (40e6, 41e6)
    assert inc.consensus.sources == ["a", "b"]
    # d disagrees within a factor of 3: a conflict; c is 10x off: an outlier, listed, not flagged
    (flag,) = inc.conflicts
    assert "$30.0M" in flag.explanation and "$400" not in flag.explanation
    (outlier,) = [f for f in inc.findings if f.kind == "outlier"]
    assert "$400.0M" in outlier.explanation and not outlier.flagged
    # a's "$1,800" is another amount of a source that states the consensus figure: no finding
    assert "$1,800" not in " ".join(f.explanation for f in inc.findings)
    assert not next(f for f in inc.losses if f.amount == 1800).used


def test_the_figure_most_sources_agree_on_wins_over_noise() -> None:
    noise = [usd(v, f"${v / 1e6:g} million") for v in (10e6, 9.8e6, 21.7e6)]
    recs = [
        doc("a", "It lost $81.7 million. $10 million moved; $9.8 million bridged; $21.7 million swapped.",
            [("Orbit", "bridge_hack", "2023-12-31")], [usd(81.7e6, "$81.7 million"), *noise]),
        doc("b", "Orbit lost $81.5 million.", [("Orbit", "bridge_hack", "2023-12-31")], [usd(81.5e6, "$81.5 million")]),
        doc("c", "Orbit lost $82 million; $10 million was frozen.", [("Orbit", "bridge_hack", "2023-12-31")],
            [usd(82e6, "$82 million"), usd(10e6, "$10 million")]),
    ]
    inc = only(Ledger.build(recs))
    assert 81.5e6 <= inc.consensus.value <= 82e6 and inc.consensus.sources == ["a", "b", "c"]


def test_later_value_recognised_from_the_sentence_when_the_extractor_did_not_mark_it() -> None:
    recs = [
        doc("a", "The miner earned 70 XMR, worth $13,962 at the time.", [("Acme server", "cryptojacking", "2017-06")],
            [usd(13962, "$13,962")]),
        doc("b", "Those coins are now worth more than $25,000, analysts said.", [("Acme server", "cryptojacking", "2017")],
            [usd(25000, "$25,000", qualifier="more than")]),
        doc("c", "The firm now says $60 million was lost.", [("Other", "exchange_hack", "2019-01-01")],
            [usd(60e6, "$60 million")]),
    ]
    ledger = Ledger.build(recs)
    acme = next(i for i in ledger.incidents.values() if i.victim == "Acme server")
    assert acme.conflicts == [] and acme.consensus.value == 13962
    assert next(f for f in acme.losses if f.amount == 25000).valued_at == "now"
    other = next(i for i in ledger.incidents.values() if i.victim == "Other")
    assert other.losses[0].valued_at is None and other.consensus.value == 60e6


def test_consensus_rests_on_usd_as_reported_with_native_valuation_beside() -> None:
    # 70 XMR were worth about $2,100 on the day; the outlets report the $25,000 they are worth at publication
    valuer = DictValuer({("XMR", date(2017, 7, 15)): 30.0})
    recs = [
        doc(k, f"Hackers mined 70 Monero, about ${v:,} ({k}).", [("Busan server", "cryptojacking", "2017-07-15")],
            [native(70, "XMR", "70 Monero"), usd(v, f"${v:,}")], published="2018-01-02")
        for k, v in (("a", 25000), ("b", 25000), ("c", 26000))
    ] + [doc("d", "Hackers mined 70 Monero on a server.", [("Busan server", "cryptojacking", "2017-07-15")],
             [native(70, "XMR", "70 Monero")], published="2018-01-03")]
    inc = only(Ledger.build(recs, valuer=valuer))
    assert 25000 <= inc.consensus.value <= 26000 and inc.consensus.sources == ["a", "b", "c"]
    assert inc.valued is not None and inc.valued.value == 2100 and inc.valued.sources == ["a", "b", "c", "d"]
    assert not inc.conflicts
    assert inc.score_row()["loss_usd"]["value"] == inc.consensus.value


def test_a_figure_matching_the_coins_value_on_the_report_day_is_explained_not_flagged() -> None:
    # 523 million NEM: $534M at the theft; the price fell and a report two days later says about $400M
    valuer = DictValuer({("XEM", date(2018, 1, 26)): 1.02, ("XEM", date(2018, 1, 28)): 0.77, ("XEM", date(2018, 1, 27)): 0.80})
    recs = [
        doc(k, "Thieves took 523 million NEM, about $534 million.", [("Coincheck", "exchange_hack", "2018-01-26")],
            [usd(534e6, "$534 million")], published="2018-01-26") for k in ("a", "b")
    ] + [doc("c", "Hackers stole 523 million NEM worth about $400 million.", [("Coincheck", "exchange_hack", "2018-01-26")],
             [native(523e6, "XEM", "523 million NEM"), usd(400e6, "$400 million")], published="2018-01-28"),
         doc("d", "Some put the loss at $250 million.", [("Coincheck", "exchange_hack", "2018-01-26")],
             [usd(250e6, "$250 million")], published="2018-01-28")]
    inc = only(Ledger.build(recs, valuer=valuer))
    assert inc.consensus.value == 534e6
    explained = [f for f in inc.findings if f.kind == "valuation" and not f.flagged]
    assert any("2018-01-28" in f.explanation or "2018-01-27" in f.explanation for f in explained)
    flagged = [f for f in inc.findings if f.flagged]
    assert flagged and all("$400.0M" not in f.explanation for f in flagged) and any("$250.0M" in f.explanation for f in flagged)


def test_a_total_of_several_thefts_linked_to_one_incident_is_not_its_loss() -> None:
    text = ("Spies said hackers took 7.6 billion won ($7 million) from exchanges this year. "
            "Minerco lost 5.5 billion won in April. The 7.6 billion won of stolen coins is now worth more.")
    rec = doc("a", text, [("Minerco", "exchange_hack", "2017-04")],
              [C(ClaimKind.AGGREGATE, Aggregate("North Korea", "2017", Money(7.6e9, "KRW")), "$7 million", None),
               native(7.6e9, "KRW", "7.6 billion won"),
               native(5.5e9, "KRW", "5.5 billion won"), native(7.6e9, "KRW", "7.6 billion won")],
              published="2017-12-16")
    other = doc("b", "Minerco lost $4.8 million in April.", [("Minerco", "exchange_hack", "2017-04")],
                [usd(4.8e6, "$4.8 million")], published="2017-04-28")
    rates = {("KRW", date(2017, 4, d)): 0.00088 for d in range(1, 31)}
    inc = only(Ledger.build([rec, other], valuer=DictValuer(rates)))
    totals = [f for f in inc.losses if f.note and "total of several thefts" in f.note]
    assert [f.amount for f in totals] == [7.6e9, 7.6e9]      # kept, shown with why they are not used
    assert inc.consensus is not None and 4.5e6 < inc.consensus.value < 5e6
    assert not [f for f in inc.findings if f.flagged]


def test_a_figure_that_is_no_loss_is_not_adopted_by_the_only_incident() -> None:
    text = ("Thieves drained $45 million from the Zumo protocol. "
            "A month earlier it had raised $140 million in its token sale.")
    figure = C(ClaimKind.FIGURE, Money(140e6, "USD"), "$140 million", None)
    recs = [doc("a", text, [("Zumo", "defi_exploit", "2024-03-05")], [usd(45e6, "$45 million"), figure])]
    inc = only(Ledger.build(recs))
    assert inc.consensus.value == 45e6 and inc.conflicts == []
    assert [c.kind for c in inc.claims if c.surface == "$140 million"] == []   # not the incident's claim at all


def test_an_unlinked_loss_is_still_the_only_incidents() -> None:
    text = "The Zumo protocol was drained on Tuesday. In all, $45 million was taken."
    recs = [doc("a", text, [("Zumo", "defi_exploit", "2024-03-05")], [usd(45e6, "$45 million", incident=None)])]
    assert only(Ledger.build(recs)).consensus.value == 45e6


def test_a_reports_own_dollar_figure_beats_our_rate_for_its_local_currency() -> None:
    # the reporter converts the rupees itself; the ECB-style rate we hold gives 6% less, and a report stating
    # no dollar figure at all does not move the value off the dollar figure the first one states
    rate = DictValuer({("INR", date(2019, 3, 11)): 6.0e6 / 500e6})
    recs = [
        doc("a", "The Pune exchange said 500 million rupees in customer coins had vanished. "
                 "That is roughly $6.4 million at today's rates.",
            [("Rupeex", "exchange_hack", "2019-03-11")],
            [native(500e6, "INR", "500 million rupees"), usd(6.4e6, "$6.4 million")]),
    ]
    inc = only(Ledger.build(recs, valuer=rate))
    assert inc.consensus.value == 6.4e6
    assert inc.consensus.low <= 6.0e6 <= inc.consensus.high   # the rupees still agree and widen the range
