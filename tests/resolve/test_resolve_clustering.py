"""Clustering: one victim's names join, one victim's different incidents stay apart."""

from __future__ import annotations

import random

from resolve_builders import doc, usd

from heistwatch.resolve import Ledger
from heistwatch.resolve.names import victim_key


def victims(ledger: Ledger) -> list[tuple[str, str | None, str, list[str]]]:
    return [(i.victim, i.date, i.type, i.documents) for i in ledger.sorted_incidents()]


def test_spellings_of_one_victim_are_one_incident() -> None:
    recs = [
        doc("a", "Coincheck was robbed on 26 January.", [("Coincheck", "exchange_hack", "2018-01-26")]),
        doc("b", "Coincheck Inc. said it lost NEM tokens.", [("Coincheck Inc.", "exchange_hack", "2018-01")]),
        doc("c", "The coincheck exchange halted withdrawals.", [("coincheck exchange", "exchange_hack", None)],
            published="2018-01-29"),
    ]
    ledger = Ledger.build(recs)
    assert victims(ledger) == [("Coincheck", "2018-01-26", "exchange_hack", ["a", "b", "c"])]


def test_alias_from_reference_platforms() -> None:
    assert victim_key("Axie Infinity") == victim_key("Ronin Network") == victim_key("Ronin bridge")
    assert victim_key("Coincheck") != victim_key("Bithumb")


def test_data_breach_and_later_theft_of_one_exchange_stay_apart() -> None:
    recs = [
        doc("a", "Bithumb leaked the data of thousands of users.", [("Bithumb", "data_breach", "2017-06")]),
        doc("b", "Bithumb was hacked and lost $31 million.", [("Bithumb", "exchange_hack", "2018-06-19")],
            [usd(31e6, "$31 million")]),
        doc("c", "Hackers took $30 million from Bithumb.", [("Bithumb", "exchange_hack", None)], published="2018-06-20"),
        doc("d", "A personal-data leak hit Bithumb users.", [("Bithumb", "data_breach", "2017")]),
    ]
    got = victims(Ledger.build(recs))
    assert got == [
        ("Bithumb", "2017-06", "data_breach", ["a", "d"]),
        ("Bithumb", "2018-06-19", "exchange_hack", ["b", "c"]),
    ]


def test_two_thefts_of_one_victim_months_apart_stay_apart_and_undated_join_by_publication() -> None:
    recs = [
        doc("a", "Youbit lost bitcoin in April.", [("Youbit", "exchange_hack", "2017-04-22")]),
        doc("b", "Youbit filed for bankruptcy after a second hack.", [("Youbit", "exchange_hack", "2017-12-19")]),
        doc("c", "Youbit went bankrupt.", [("Youbit", "exchange_hack", "2017-12")]),
        # undated, but published in May 2017: it can only be the April theft
        doc("d", "The Youbit theft is being investigated.", [("Youbit", "exchange_hack", None)], published="2017-05-02"),
        # undated and published later: joins the largest compatible cluster (December, 2 mentions)
        doc("e", "Youbit was hacked.", [("Youbit", "exchange_hack", None)], published="2018-01-05"),
    ]
    got = victims(Ledger.build(recs))
    assert got == [
        ("Youbit", "2017-04-22", "exchange_hack", ["a", "d"]),
        ("Youbit", "2017-12-19", "exchange_hack", ["b", "c", "e"]),
    ]


def test_one_document_naming_two_incidents_of_a_victim_keeps_them_apart() -> None:
    recs = [
        doc("a", "Youbit was hit in April and again in December.",
            [("Youbit", "exchange_hack", "2017-04"), ("Youbit", "exchange_hack", "2017-12")]),
        doc("b", "Youbit closed its doors.", [("Youbit", "exchange_hack", "2017-12-19")]),
    ]
    got = victims(Ledger.build(recs))
    assert [g[3] for g in got] == [["a"], ["a", "b"]]


def test_coarse_dates_join_compatible_precise_ones() -> None:
    recs = [
        doc("a", "The DAO was drained on June 17.", [("The DAO", "defi_exploit", "2016-06-17")]),
        doc("b", "The DAO attack of June 2016.", [("The DAO", "defi_exploit", "2016-06")]),
        doc("c", "The DAO was exploited in 2016.", [("The DAO", "defi_exploit", "2016")]),
        doc("d", "The DAO hack happened on June 18.", [("DAO", "defi_exploit", "2016-06-18")]),
    ]
    got = victims(Ledger.build(recs))
    assert len(got) == 1 and got[0][3] == ["a", "b", "c", "d"]


def test_different_victims_never_join() -> None:
    recs = [
        doc("a", "Binance lost 7,000 bitcoin.", [("Binance", "exchange_hack", "2019-05-07")]),
        doc("b", "Bitfinex lost 120,000 bitcoin.", [("Bitfinex", "exchange_hack", "2016-08")]),
        doc("c", "Bitstamp lost 19,000 bitcoin.", [("Bitstamp", "exchange_hack", "2015-01-04")]),
    ]
    assert len(Ledger.build(recs).incidents) == 3


def test_same_inputs_in_any_order_give_the_same_ledger() -> None:
    recs = [
        doc("a", "Youbit lost bitcoin in April.", [("Youbit", "exchange_hack", "2017-04-22")], [usd(5e6, "bitcoin")]),
        doc("b", "Youbit was hacked again.", [("Youbit", "exchange_hack", "2017-12-19")]),
        doc("c", "Youbit was hacked.", [("Youbit", "exchange_hack", None)]),
        doc("d", "Coincheck lost NEM.", [("Coincheck", "exchange_hack", "2018-01-26")]),
        doc("e", "Coincheck Inc. lost NEM.", [("Coincheck Inc.", "exchange_hack", None)]),
    ]
    first = {k: v.to_dict() for k, v in Ledger.build(recs).incidents.items()}
    for seed in range(5):
        shuffled = recs[:]
        random.Random(seed).shuffle(shuffled)
        again = {k: v.to_dict() for k, v in Ledger.build(shuffled).incidents.items()}
        assert again == first


def test_phishing_of_an_exchange_is_its_theft_but_a_phishing_campaign_stays_apart() -> None:
    recs = [
        doc("a", "Binance lost 7,000 bitcoin.", [("Binance", "exchange_hack", "2019-05-07")]),
        doc("b", "Phishing let hackers into Binance accounts.", [("Binance", "phishing", "2019-05")]),
        doc("c", "A fake job offer campaign targeted crypto staff.", [("fake job offer campaign", "phishing", "2019-05")]),
        doc("d", "Crypto staff got fake job offers.", [("fake job offer campaign", "phishing", "2019")]),
    ]
    got = victims(Ledger.build(recs))
    assert sorted(g[3] for g in got) == [["a", "b"], ["c", "d"]]


def test_a_date_said_of_another_platform_does_not_split_an_incident() -> None:
    from resolve_builders import when

    recs = [
        doc("a", "Coincheck lost NEM tokens on 26 January.", [("Coincheck", "exchange_hack", "2018-01-26")]),
        doc("b", "Coincheck lost NEM tokens overnight.", [("Coincheck", "exchange_hack", "2018-01-26")]),
        # the extractor dated this report's Coincheck mention by a sentence about Mt. Gox
        doc("c", "Coincheck halted withdrawals. Japan licensed exchanges after the collapse of Mt Gox in 2014.",
            [("Coincheck", "exchange_hack", "2014")], [when("2014", "2014")], published="2018-01-28"),
    ]
    ledger = Ledger.build(recs)
    assert victims(ledger) == [("Coincheck", "2018-01-26", "exchange_hack", ["a", "b", "c"])]
    (inc,) = ledger.incidents.values()
    assert not [f for f in inc.findings if f.kind == "date" and f.flagged]


def test_a_date_said_of_the_victim_still_counts() -> None:
    from resolve_builders import when

    recs = [
        doc("a", "Coincheck lost NEM tokens on 26 January 2018.", [("Coincheck", "exchange_hack", "2018-01-26")]),
        doc("b", "Coincheck was hacked in 2014, unlike Mt Gox.", [("Coincheck", "exchange_hack", "2014")],
            [when("2014", "2014")], published="2014-05-01"),
    ]
    assert len(Ledger.build(recs).incidents) == 2


def test_an_unlinked_figure_goes_to_the_incident_its_sentence_names() -> None:
    text = "Euler Finance lost $195 million in March. In February, Platypus was drained of $8.5 million."
    rec = doc("a", text, [("Euler Finance", "defi_exploit", "2023-03"), ("Platypus", "defi_exploit", "2023-02")],
              [usd(195e6, "$195 million", incident=0), usd(8.5e6, "$8.5 million", incident=None)])
    by_victim = {i.victim: i for i in Ledger.build([rec]).incidents.values()}
    assert by_victim["Platypus"].consensus is not None and by_victim["Platypus"].consensus.value == 8.5e6
    assert by_victim["Euler Finance"].consensus.value == 195e6


def test_two_hacks_of_one_exchange_in_one_report_with_one_inherited_date_stay_apart() -> None:
    from resolve_builders import when

    text = "Youbit was hacked today. The same site suffered a separate hack in April."
    rec = doc("a", text, [("Youbit", "exchange_hack", "2017-12-19"), ("Youbit", "exchange_hack", "2017-12-19")],
              [when("2017-12-19", "today", 0), when("2017-04", "April", 1)], published="2017-12-19")
    april = doc("b", "Yapizon lost 3,800 bitcoin on 22 April.", [("Youbit", "exchange_hack", "2017-04-22")])
    ledger = Ledger.build([rec, april])
    assert [(i.date, i.documents) for i in ledger.sorted_incidents()] == [("2017-04-22", ["a", "b"]), ("2017-12-19", ["a"])]


def test_a_founding_year_is_no_incident_date() -> None:
    from resolve_builders import when

    recs = [
        doc("a", "Youbit lost bitcoin on 22 April.", [("Youbit", "exchange_hack", "2017-04-22")]),
        doc("b", "Youbit, which has traded since 2014, lost bitcoin.", [("Youbit", "exchange_hack", "2014")],
            [when("2014", "2014")], published="2017-04-24"),
    ]
    assert [(i.date, i.documents) for i in Ledger.build(recs).sorted_incidents()] == [("2017-04-22", ["a", "b"])]


def test_a_passing_mention_that_inherited_the_main_incidents_date_joins_its_own_incident() -> None:
    stake = [doc(k, "Stakeout was drained of $41 million on 4 September.", [("Stakeout", "exchange_hack", "2023-09-04")],
                 published="2023-09-05") for k in "ab"]
    # a report on another exchange's hack of 10 November whose extractor dated the Stakeout aside that day
    polo = doc("c", "Poloxchange lost $120 million on 10 November. Analysts compared it with the Stakeout hack.",
               [("Poloxchange", "exchange_hack", "2023-11-10"), ("Stakeout", "exchange_hack", "2023-11-10")],
               published="2023-11-11")
    ledger = Ledger.build(stake + [polo])
    assert [(i.victim, i.date, i.documents) for i in ledger.sorted_incidents()] == [
        ("Stakeout", "2023-09-04", ["a", "b", "c"]), ("Poloxchange", "2023-11-10", ["c"])]


def test_a_date_said_with_a_news_outlet_or_security_firm_still_counts() -> None:
    from resolve_builders import when

    recs = [
        doc("a", "Coincheck lost NEM tokens on 26 January 2018.", [("Coincheck", "exchange_hack", "2018-01-26")]),
        doc("b", "The theft happened on 26 January, Bloomberg reported.", [("Coincheck", "exchange_hack", "2018-01-26")],
            [when("2018-01-26", "26 January")], published="2018-01-27"),
    ]
    (inc,) = Ledger.build(recs).incidents.values()
    assert inc.date == "2018-01-26" and [m.date for m in inc.mentions] == ["2018-01-26", "2018-01-26"]


def test_in_a_roundup_the_date_whose_sentence_names_the_victim_wins() -> None:
    from resolve_builders import when

    text = ("Stakeout was drained on 4 September. The FBI said Lazarus also robbed Coinspay on 22 July. "
            "The exploit was noticed on 4 September by analysts.")
    rec = doc("a", text, [("Stakeout", "exchange_hack", "2023-09-04"), ("Coinspay", "exchange_hack", "2023-09-04")],
              [when("2023-09-04", "4 September", 0), when("2023-07-22", "22 July", 1), when("2023-09-04", "4 September", 1)],
              published="2023-09-07")
    by_victim = {i.victim: i.date for i in Ledger.build([rec]).incidents.values()}
    assert by_victim == {"Stakeout": "2023-09-04", "Coinspay": "2023-07-22"}


def test_a_plea_or_official_finding_date_gives_way_to_the_earlier_heist_date() -> None:
    from resolve_builders import when

    recs = [
        doc("a", "Bitfinix lost 120,000 bitcoin in August 2016.", [("Bitfinix", "exchange_hack", "2016-08")]),
        doc("b", "The hacker of the 2016 Bitfinix theft pleaded guilty on Thursday in court.",
            [("Bitfinix", "exchange_hack", "2023-08-03")], [when("2016", "2016"), when("2023-08-03", "Thursday")],
            published="2023-08-04"),
    ]
    ledger = Ledger.build(recs)
    assert [(i.date, i.documents) for i in ledger.sorted_incidents()] == [("2016-08", ["a", "b"])]


def test_a_later_date_of_the_heist_itself_is_kept() -> None:
    from resolve_builders import when

    rec = doc("a", "Exchange Foocoin opened in 2016. Hackers drained Foocoin on 3 August 2023.",
              [("Foocoin", "exchange_hack", "2023-08-03")], [when("2016", "2016"), when("2023-08-03", "3 August 2023")])
    assert [i.date for i in Ledger.build([rec]).sorted_incidents()] == ["2023-08-03"]


def test_a_roundup_mention_dated_only_by_the_publication_day_joins_its_incident() -> None:
    atomic = doc("a", "Atomwallet users lost $35 million on 3 June.", [("Atomwallet", "wallet_hack", "2023-06-03")],
                 published="2023-06-05")
    # the extractor gave the aside the article's own day, with no date in the text behind it
    roundup = doc("b", "Alphapay was drained on Saturday. Atomwallet was hit earlier by the same group.",
                  [("Alphapay", "exchange_hack", "2023-07-22"), ("Atomwallet", "wallet_hack", "2023-07-25")],
                  published="2023-07-25")
    by_victim = {i.victim: (i.date, i.documents) for i in Ledger.build([atomic, roundup]).incidents.values()}
    assert by_victim["Atomwallet"] == ("2023-06-03", ["a", "b"])


def test_an_inherited_day_date_waits_for_a_month_dated_incident() -> None:
    harmony = doc("a", "Harmonia bridge lost $100 million in June 2022.", [("Harmonia", "bridge_hack", "2022-06")],
                  published="2022-06-25")
    roundup = doc("b", "Alphapay was drained on Saturday. Harmonia was hit by the same group last year.",
                  [("Alphapay", "exchange_hack", "2023-07-22"), ("Harmonia", "bridge_hack", "2023-07-25")],
                  published="2023-07-25")
    by_victim = {i.victim: (i.date, i.documents) for i in Ledger.build([roundup, harmony]).incidents.values()}
    assert by_victim["Harmonia"] == ("2022-06", ["a", "b"])


def test_a_mention_typed_otherwise_but_stating_the_same_loss_is_the_same_event() -> None:
    recs = [
        doc("a", "Bithumb was hacked and lost $31 million.", [("Bithumb", "exchange_hack", "2018-06-19")],
            [usd(31e6, "$31 million")]),
        doc("b", "A breach at Bithumb cost $31 million.", [("Bithumb", "data_breach", "2018-06")], [usd(31e6, "$31 million")]),
        doc("c", "Bithumb user data leaked.", [("Bithumb", "data_breach", "2017-06")]),
    ]
    assert [(i.date, i.documents) for i in Ledger.build(recs).sorted_incidents()] == [
        ("2017-06", ["c"]), ("2018-06-19", ["a", "b"])]


def test_display_name_is_the_most_common_canonical_name_counting_sources_once() -> None:
    recs = [doc(k, "Coincheck Inc. lost NEM.", [("Coincheck Inc.", "exchange_hack", "2018-01-26")], group="wire")
            for k in "abc"] + [doc("d", "Coincheck lost NEM.", [("Coincheck", "exchange_hack", "2018-01-26")]),
                               doc("e", "The exchange Coincheck lost NEM.", [("Coincheck exchange", "exchange_hack", None)],
                                   published="2018-01-27")]
    (inc,) = Ledger.build(recs).incidents.values()
    assert inc.victim == "Coincheck"


def test_a_mention_dated_only_by_an_official_finding_joins_its_incident() -> None:
    from resolve_builders import when

    may = doc("a", "The WannaCrypt worm spread in May 2017.", [("WannaCrypt campaign", "ransomware", "2017-05")],
              published="2017-05-20")
    later = doc("b", "On Monday Washington officially blamed North Korea for WannaCrypt. Youbit also went bust.",
                [("Youbit", "exchange_hack", "2017-12-19"), ("WannaCrypt campaign", "ransomware", "2017-12-18")],
                [when("2017-12-18", "Monday", 1)], published="2017-12-20")
    by_victim = {i.victim: (i.date, i.documents) for i in Ledger.build([may, later]).incidents.values()}
    assert by_victim["WannaCrypt campaign"] == ("2017-05", ["a", "b"])


def test_a_date_one_sentence_lists_with_other_dates_and_victims_does_not_split_an_incident() -> None:
    from resolve_builders import when

    recs = [
        doc("a", "Minerco was robbed in September.", [("Minerco", "exchange_hack", "2017-09")]),
        doc("b", "Minerco halted withdrawals after a September hack.", [("Minerco", "exchange_hack", "2017-09")]),
        # which month was whose the sentence does not say; the extractor gave both to Minerco
        doc("c", "Attacks in April and September hit the exchanges Minerco and Stakeout.",
            [("Bithumb", "data_breach", None), ("Minerco", "exchange_hack", "2017-04"), ("Stakeout", "exchange_hack", None)],
            [when("2017-04", "April", 1), when("2017-09", "September", 1)], published="2017-12-16"),
    ]
    got = [g for g in victims(Ledger.build(recs)) if g[0] == "Minerco"]
    assert got == [("Minerco", "2017-09", "exchange_hack", ["a", "b", "c"])]


def test_a_sentence_with_two_dates_for_one_victim_keeps_its_date() -> None:
    from resolve_builders import when

    recs = [
        doc("a", "Minerco was robbed in September.", [("Minerco", "exchange_hack", "2017-09")]),
        doc("c", "Minerco was hacked in April, and it was audited in September.",
            [("Minerco", "exchange_hack", "2017-04")],
            [when("2017-04", "April"), when("2017-09", "September")], published="2017-12-16"),
    ]
    got = victims(Ledger.build(recs))
    assert got == [("Minerco", "2017-04", "exchange_hack", ["c"]), ("Minerco", "2017-09", "exchange_hack", ["a"])]


def _june_reports():
    return [
        doc("a", "Minerco lost $31 million on 20 June.", [("Minerco", "exchange_hack", "2018-06-20")], [usd(31e6, "$31 million")]),
        doc("b", "Hackers took $31 million from Minerco.", [("Minerco", "exchange_hack", "2018-06-19")],
            [usd(31e6, "$31 million")]),
    ]


def test_a_mention_dated_by_an_earlier_event_joins_the_incident_its_loss_and_other_date_fit() -> None:
    from resolve_builders import when

    text = ("Minerco was hacked again and lost $31 million, it said on 20 June. "
            "In July last year, Minerco suffered a data breach.")
    # the extractor dated the new hack by the sentence on the old breach
    rec = doc("c", text, [("Minerco", "data_breach", "2017-07")],
              [usd(31e6, "$31 million"), when("2018-06-20", "20 June"), when("2017-07", "July last year")])
    got = victims(Ledger.build(_june_reports() + [rec]))
    assert got == [("Minerco", "2018-06-20", "exchange_hack", ["a", "b", "c"])]


def test_a_mention_with_another_loss_keeps_its_own_date() -> None:
    from resolve_builders import when

    text = "Minerco lost $5 million in July. The firm also spoke on 20 June."
    rec = doc("c", text, [("Minerco", "data_breach", "2017-07")],
              [usd(5e6, "$5 million"), when("2017-07", "July"), when("2018-06-20", "20 June")])
    got = victims(Ledger.build(_june_reports() + [rec]))
    assert [(v, d[:7], docs) for v, d, _, docs in got] == [("Minerco", "2017-07", ["c"]), ("Minerco", "2018-06", ["a", "b"])]


def test_one_report_typing_a_theft_as_a_breach_does_not_decide_the_incidents_type_family() -> None:
    recs = [
        # the most precisely dated report calls it a data breach
        doc("a", "Minerco confirmed a $400 million breach on 26 January.", [("Minerco", "data_breach", "2018-01-26")],
            [usd(400e6, "$400 million")]),
        doc("b", "Minerco lost $400 million in January.", [("Minerco", "exchange_hack", "2018-01")],
            [usd(400e6, "$400 million")]),
        doc("c", "Hackers took $410 million from Minerco in January.", [("Minerco", "exchange_hack", "2018-01")],
            [usd(410e6, "$410 million")]),
        # undated, no figure: joins the theft, not an incident of its own
        doc("d", "Minerco reopened withdrawals.", [("Minerco", "exchange_hack", None)], published="2018-02-20"),
    ]
    got = victims(Ledger.build(recs))
    assert [(v, t, docs) for v, _, t, docs in got] == [("Minerco", "exchange_hack", ["a", "b", "c", "d"])]


def test_an_aggregate_linked_to_a_mention_does_not_set_it_apart() -> None:
    recs = [
        doc("a", "Minerco lost $40 million on 7 May.", [("Minerco", "exchange_hack", "2019-05-07")],
            [usd(40e6, "$40 million")]),
        doc("b", "Minerco said $41 million was taken on 7 May.", [("Minerco", "exchange_hack", "2019-05-07")],
            [usd(41e6, "$41 million")]),
        # the extractor linked the year's total to it and typed it "other"
        doc("c", "Minerco lost $40 million; thieves took $800 million from exchanges this year.",
            [("Minerco", "other", None)], [usd(40e6, "$40 million"), usd(800e6, "$800 million")], published="2019-05-20"),
    ]
    got = victims(Ledger.build(recs))
    assert [docs for *_, docs in got] == [["a", "b", "c"]]


def test_a_new_incident_recalling_an_older_one_with_its_loss_stays_apart() -> None:
    from resolve_builders import when

    # the first report of a new theft; the extractor merged the recap of last year's into its mention
    text = "Minerco lost $19 million on 29 March. Last June it had lost $31 million."
    rec = doc("c", text, [("Minerco", "exchange_hack", "2019-03-29")],
              [usd(19e6, "$19 million"), usd(31e6, "$31 million"), when("2019-03-29", "29 March"),
               when("2018-06", "Last June")])
    got = victims(Ledger.build(_june_reports() + [rec]))
    assert [(d[:7], docs) for _, d, _, docs in got] == [("2018-06", ["a", "b"]), ("2019-03", ["c"])]


def _new_year_reports():
    return [doc(k, "Minerco lost $81 million on 31 December.", [("Minerco", "bridge_hack", "2023-12-31")],
                [usd(81e6, "$81 million")], published="2024-01-01") for k in ("a", "b")]


def test_a_year_no_sentence_ties_to_the_victim_gives_way_to_the_loss_of_a_recent_incident() -> None:
    from resolve_builders import when

    text = "Minerco lost $81 million in a bridge exploit. Hacks took half the amount of 2022."
    rec = doc("c", text, [("Minerco", "bridge_hack", "2022")], [usd(81e6, "$81 million"), when("2022", "2022")],
              published="2024-01-02")
    got = victims(Ledger.build(_new_year_reports() + [rec]))
    assert [(d, docs) for _, d, _, docs in got] == [("2023-12-31", ["a", "b", "c"])]


def test_a_year_the_document_states_for_the_victim_keeps_its_incident_apart() -> None:
    from resolve_builders import when

    text = "Minerco lost $81 million in 2022, its first exploit."
    rec = doc("c", text, [("Minerco", "bridge_hack", "2022")], [usd(81e6, "$81 million"), when("2022", "2022")],
              published="2024-01-02")
    got = victims(Ledger.build(_new_year_reports() + [rec]))
    assert [(d, docs) for _, d, _, docs in got] == [("2022", ["c"]), ("2023-12-31", ["a", "b"])]
