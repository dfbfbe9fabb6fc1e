"""Roundups written as paragraphs led by "Name, Month." keep each paragraph's figures and dates with its subject;
the intro's year totals and a headline naming several victims belong to none of them."""

from __future__ import annotations

from datetime import date

from heistwatch.extract.evalformat import to_eval
from heistwatch.extract.pipeline import run

TITLE = "From Bitstamp to Gatecoin: the year hackers took $900 million"
TEXT = (TITLE + "\n\n"
        "Thieves took about $900 million from crypto firms in 2016, a research group said on Monday. Lending "
        "protocols made up roughly $300 million of the haul.\n\n"
        "Bitstamp, October. Intruders emptied a hot wallet and made off with about $5 million.\n\n"
        "Akropolis, March 12. The lending protocol lost about $2 million to a reentrancy bug. It later took a "
        "$15 million financing package from investors.\n\n"
        "Gatecoin, May. Hackers drained about $2 million from the exchange's hot wallets.\n\n"
        "Extortion went on as well. In June, Zumo Pipeline paid a ransom of 40 bitcoin, then worth about $1 million.\n\n"
        "A separate study said hackers tied to one state stole nearly $100 million in at least five attacks "
        "during the year, most of it attributed to the Lazarus Group.")


def _got() -> dict[str, dict]:
    return {i["victim"]: i for i in to_eval("t", run(TEXT, published=date(2017, 1, 20), title=TITLE))["incidents"]}


def test_each_led_paragraph_has_its_own_date_and_figure() -> None:
    got = _got()
    assert (got["Bitstamp"]["date"], got["Bitstamp"]["loss_usd"]) == ("2016-10", [5000000])
    assert (got["Akropolis"]["date"], got["Akropolis"]["loss_usd"]) == ("2016-03-12", [2000000])
    assert (got["Gatecoin"]["date"], got["Gatecoin"]["loss_usd"]) == ("2016-05", [2000000])


def test_intro_totals_and_headline_total_belong_to_no_victim() -> None:
    for inc in _got().values():
        assert not {900000000, 300000000, 100000000} & set(inc["loss_usd"]), inc


def test_organisation_that_paid_a_ransom_is_a_victim_and_the_study_actor_is_not_its() -> None:
    got = _got()
    assert got["Zumo Pipeline"]["date"] == "2016-06"
    assert got["Zumo Pipeline"]["actors"] == []


def test_ransom_paid_is_the_payers_loss() -> None:
    got = _got()
    assert ("BTC", 40) in {(x["asset"], x["amount"]) for x in got["Zumo Pipeline"]["loss_native"]}
