"""Victims named in passing: roundups of sums taken from platforms, a year or sum before the attack noun."""

from __future__ import annotations

from datetime import date

from heistwatch.extract.evalformat import to_eval
from heistwatch.extract.pipeline import run


def _victims(text: str, published: date | None = date(2024, 3, 8)) -> set[str]:
    # a headline line first: a text of one line would be read as its own title
    return {i["victim"] for i in to_eval("t", run("Crypto theft report\n\n" + text, published=published))["incidents"]}


def test_sums_taken_from_platforms_in_a_sentence_that_continues_a_theft():
    text = ("Hackers stole $90 million from the Zumo exchange on Tuesday. "
            "North Korean groups have stolen more than $300 million so far this year. "
            "This includes about $50m of crypto from payment processors Quidax and CoinsPaid, as well as "
            "roughly $70m of tokens from the wallet provider Ferrowallet.")
    assert {"Zumo", "Quidax", "CoinsPaid", "Ferrowallet"} <= _victims(text)


def test_money_moved_or_borrowed_from_a_platform_names_no_victim():
    text = ("Attackers drained $20 million from the Zumo protocol on Monday. "
            "To do it, the attacker borrowed $400 million in stablecoins from Lendora and Quidax Pools, "
            "and later withdrew $3 million in ETH from Kanzo Exchange.")
    victims = _victims(text)
    assert "Zumo" in victims
    assert not victims & {"Lendora", "Quidax Pools", "Kanzo Exchange", "Kanzo"}


def test_support_received_from_a_company_is_no_theft():
    text = ("Hackers stole 6 billion yen from the Zumo exchange. "
            "To repay users, Zumo will receive financial support of 5 billion yen from Ferro Holdings, an investment firm.")
    assert _victims(text) == {"Zumo"}


def test_a_year_between_name_and_attack_noun():
    text = ("The exploit drained $8 million from Zumo Finance on Monday. "
            "Quidax's 2022 incident used the same bug.")
    assert {"Zumo Finance", "Quidax"} <= _victims(text)


def test_the_only_platform_a_heist_story_names_is_its_victim():
    text = ("At dawn, monitoring bots flagged odd calls to the smart contract of Bancor. "
            "Within hours an attacker had taken $13 million, draining one pool after another. "
            "The thief used a flaw in the withdrawal function. "
            "By noon the losses were plain and the exploit was the talk of every forum.")
    assert _victims(text) == {"Bancor"}


def test_a_story_naming_two_platforms_alike_picks_neither():
    text = ("At dawn, monitoring bots flagged odd calls to contracts shared by Bancor and Uniswap. "
            "Within hours an attacker had taken $13 million, draining one pool after another. "
            "The thief used a flaw in the withdrawal function. "
            "By noon the losses were plain and the exploit was the talk of every forum.")
    assert _victims(text) == set()


def test_a_tool_the_hack_came_through_is_no_victim_even_in_the_headline():
    title = "Vanityforge May Be Behind Trading Firm Zumo's $160 Million Hack"
    text = (title + "\n\nHackers stole $160 million from the trading firm Zumo on Tuesday. "
            "The hack likely originated with a service called Vanityforge, which makes vanity addresses.")
    assert {i["victim"] for i in to_eval("t", run(text, title=title))["incidents"]} == {"Zumo"}


def test_an_exchange_named_for_a_price_move_is_no_victim():
    text = ("Hackers stole $30 million from the Zumo exchange overnight. "
            "The hack's market impact is unclear, but already Bitstamp has dropped by over USD 100, a 1.5% move.")
    assert _victims(text) == {"Zumo"}


def test_was_the_victim_of_a_heist():
    text = "Over the weekend, the exchange Quidax was the victim of a massive bitcoin heist. Users lost 3,800 BTC."
    assert _victims(text) == {"Quidax"}


def test_a_known_name_with_two_letters_swapped_is_that_platform():
    text = ("First it was the Poloneix exchange, which lost over $125 million, and today the Zumo bridge "
            "was drained of $85 million.")
    assert {"Poloniex", "Zumo"} <= _victims(text)


def test_a_link_headline_without_its_verb_names_a_victim():
    text = ("Hackers drained $300 million from the Zumo bridge on Tuesday.\n"
            "Read: Quidax reportedly hacked for $780,000\n"
            "The bridge team paused all transfers.")
    assert {"Zumo", "Quidax"} <= _victims(text)


def test_a_sentence_that_goes_on_with_the_last_takes_its_year():
    text = ("Hackers stole $90 million from the Zumo exchange on Tuesday. "
            "The hack of Zumo began with a leaked key, and Zumo was drained within minutes. "
            "North Korean groups have stolen more than $300 million so far in 2023. "
            "This includes about $50m of crypto from payment processor CoinsPaid and "
            "roughly $70m of tokens from the wallet provider Ferrowallet.")
    incs = {i["victim"]: i for i in to_eval("t", run("Crypto theft report\n\n" + text, published=date(2023, 9, 8)))["incidents"]}
    assert incs["CoinsPaid"]["date"] == incs["Ferrowallet"]["date"] == "2023"


def test_names_in_one_roundup_sentence_are_not_main_beside_a_story_told_at_length():
    text = ("Hackers stole $90 million from the Zumo exchange on Tuesday. "
            "The hack of Zumo began with a leaked key, and Zumo was drained within minutes. "
            "North Korean groups have stolen more than $300 million so far in 2023. "
            "This includes about $50m of crypto from payment processor CoinsPaid and "
            "roughly $70m of tokens from the wallet provider Ferrowallet.")
    ex = run("Crypto theft report\n\n" + text, published=date(2023, 9, 8))
    assert {i.victim: i.main for i in ex.incidents} == {"Zumo": True, "CoinsPaid": False, "Ferrowallet": False}


def test_an_exchange_fined_for_illicit_flows_is_no_victim():
    text = ("US regulators fined Bitstamp $40 million on Tuesday for failing to stop illicit transactions. "
            "Prosecutors said malicious actors had used the platform to move money from scams and ransomware. "
            "The settlement follows years of cyber-crime concerns and complaints from victims of fraud.")
    assert _victims(text) == set()
