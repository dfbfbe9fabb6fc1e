"""A sum over several incidents a roundup gives is not one incident's loss."""

from __future__ import annotations

from resolve_builders import doc, usd

from heistwatch.resolve import Ledger


def test_a_roundup_total_naming_the_victim_is_not_its_loss() -> None:
    text = ("Hackers took about $27 million from Kestrelcoin. Earlier, Ploverswap lost $60 million. "
            "Taken together, the four incidents add up to more than $200 million, even before the Kestrelcoin tally is final.")
    rec = doc("a", text, [("Kestrelcoin", "exchange_hack", "2023-09-12"), ("Ploverswap", "defi_exploit", "2023-07")],
              [usd(27e6, "about $27 million"), usd(60e6, "$60 million", incident=1), usd(200e6, "more than $200 million")],
              published="2023-09-14")
    incs = Ledger.build([rec]).incidents.values()
    (inc,) = [i for i in incs if i.victim == "Kestrelcoin"]
    assert inc.consensus is not None and inc.consensus.value == 27e6


def test_a_single_incident_report_keeps_its_own_total() -> None:
    text = "Kestrelcoin lost $12 million in total from three hot wallets."
    rec = doc("a", text, [("Kestrelcoin", "exchange_hack", "2023-09-12")], [usd(12e6, "$12 million")],
              published="2023-09-14")
    (inc,) = Ledger.build([rec]).incidents.values()
    assert inc.consensus is not None and inc.consensus.value == 12e6


def test_an_early_estimate_is_not_superseded_by_a_vague_amount_or_a_total() -> None:
    text = ("Kestrelcoin was among exchanges that lost tens of millions of dollars this summer. "
            "Analysts put its loss at $27 million at first; later tallies were higher. "
            "Ploverswap lost $60 million. Taken together, the three hacks add up to over $150 million.")
    rec = doc("a", text, [("Kestrelcoin", "exchange_hack", "2023-09-12"), ("Ploverswap", "defi_exploit", "2023-07")],
              [usd(30e6, "tens of millions of dollars", vague=True, low=1e7, high=1e8), usd(27e6, "$27 million"),
               usd(60e6, "$60 million", incident=1), usd(150e6, "over $150 million")],
              published="2023-09-14")
    incs = Ledger.build([rec]).incidents.values()
    (inc,) = [i for i in incs if i.victim == "Kestrelcoin"]
    assert inc.consensus is not None and inc.consensus.value == 27e6


def test_a_usd_figure_beats_a_converted_one_of_equal_support() -> None:
    from resolve_builders import DictValuer, native
    from datetime import date as _d

    text = "Analysts put the theft from Kestrelcoin at $16 million. Local papers later said NZ$30 million."
    rec = doc("a", text, [("Kestrelcoin", "exchange_hack", "2019-01-14")],
              [usd(16e6, "$16 million"), native(30e6, "NZD", "NZ$30 million")], published="2019-02-01")
    valuer = DictValuer({("NZD", _d(2019, 1, 14)): 0.68})
    (inc,) = Ledger.build([rec], valuer=valuer).incidents.values()
    assert inc.consensus is not None and inc.consensus.value == 16e6
