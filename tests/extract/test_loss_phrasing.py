"""Loss figures told in passing: the size of "February's $90 million theft", a loss "to a hacker who later
returned it", a figure whose clause ends before the next victim's, and a loss converted into another fiat
currency "at current exchange rates"."""

from __future__ import annotations

from datetime import date

from heistwatch.extract.evalformat import to_eval
from heistwatch.extract.pipeline import run


def _got(text: str, title: str, published: date = date(2024, 9, 1)) -> dict[str, dict]:
    return {i["victim"]: i for i in to_eval("t", run(text, published=published, title=title))["incidents"]}


def test_heist_size_after_a_verb_of_processing_is_the_loss() -> None:
    text = ("Bitstamp halted withdrawals after losing $6 million on Friday.\n\n"
            "Hot wallets, which let exchanges process withdrawals fast, were also the weak point in April's "
            "$90 million theft from Seoul-based Gatecoin.")
    assert _got(text, "Bitstamp halts withdrawals")["Gatecoin"]["loss_usd"] == [90000000]


def test_loss_returned_later_in_a_relative_clause_is_still_the_loss() -> None:
    text = ("Bancor lost $4 million on Monday. Earlier this year, Harvest Finance lost about $34 million to a "
            "hacker who, after weeks of talks, returned most of it.")
    assert _got(text, "Bancor loses $4 million")["Harvest Finance"]["loss_usd"] == [34000000]


def test_figure_stays_in_its_clause_before_the_next_victim() -> None:
    text = ("Bancor lost $4 million on Monday. In 2018 Gatecoin lost tokens then worth around $20 million, "
            "and the collapse of Akropolis in 2019 followed the disappearance of roughly 3,000 bitcoin.")
    got = _got(text, "Bancor loses $4 million")
    assert got["Gatecoin"]["loss_usd"] == [20000000]
    assert got.get("Akropolis", {}).get("loss_usd", []) == []


def test_loss_converted_to_another_currency_at_current_rates_is_the_loss() -> None:
    text = ("Hackers drained the hot wallets of Bitstamp on Saturday. Analysts put the loss at around $30 million, "
            "or about 1 billion lira at current exchange rates.")
    got = _got(text, "Bitstamp hot wallets drained")["Bitstamp"]
    assert got["loss_usd"] == [30000000]
    assert ("TRY", 1000000000) in {(x["asset"], x["amount"]) for x in got["loss_native"]}


def test_dollar_value_at_current_rates_of_stolen_coins_is_not_the_loss() -> None:
    text = ("Bitstamp was hacked in 2015 and lost 19,000 bitcoins ($500,000,000 at the current exchange rate), "
            "the exchange said.")
    assert 500000000 not in _got(text, "Bitstamp hacked", date(2024, 1, 5))["Bitstamp"]["loss_usd"]


def test_loss_frozen_in_part_after_although_is_still_the_loss() -> None:
    text = ("Bancor lost $4 million on Monday. In May the exchange Gatecoin was drained of $22 million, "
            "although validators froze most of it.")
    assert _got(text, "Bancor loses $4 million")["Gatecoin"]["loss_usd"] == [22000000]


def test_funds_destroyed_held_by_a_named_exchange_make_it_the_victim() -> None:
    text = ("Bancor lost $4 million on Monday. In June an activist group destroyed about $9 million held by "
            "Turkey's Bitstamp, sending the coins to addresses nobody controls.")
    got = _got(text, "Bancor loses $4 million")
    assert got["Bitstamp"]["loss_usd"] == [9000000]


def test_a_date_in_an_attack_clause_is_not_the_next_clauses_victims() -> None:
    text = ("Bancor lost $4 million on Sunday after a governance takeover.\n\n"
            "Governance takeovers were also behind last October's $30 million attack on lending protocol "
            "Gatecoin, but Bancor is the first case where borrowed votes were used.")
    got = to_eval("t", run(text, published=date(2022, 4, 18), title="Bancor loses $4 million"))["incidents"]
    assert [i["date"] for i in got if i["victim"] == "Bancor"] == ["2022-04-17"]
