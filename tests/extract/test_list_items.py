"""Document structure: numbered items, bullets and sub-headings each open an incident of their own."""

from __future__ import annotations

from datetime import date

from heistwatch.extract.evalformat import to_eval
from heistwatch.extract.pipeline import run
from heistwatch.extract.text import split_sentences

ROUNDUP = (
    "Four exchange breaches that shaped the industry\n\n"
    "Security teams still study these cases years later. Below are four of them.\n\n"
    "1. Coincheck (January 2018)\n"
    "Attackers walked off with NEM tokens worth about $530 million from an online wallet. "
    "The Tokyo firm later repaid customers in yen.\n\n"
    "2. Bithumb (June 2018)\n"
    "The Seoul trading venue said coins worth roughly $30 million had been stolen overnight.\n\n"
    "3. Cryptopia (January 2019)\n"
    "Thieves drained some $16 million from the New Zealand platform's hot wallets across several chains.\n\n"
    "4. BitMart (December 2021)\n"
    "The exchange said about $196 million was taken in a large-scale breach of two hot wallets.\n"
)


def incidents(text: str, published: date = date(2024, 3, 1)) -> dict[str, dict]:
    return {i["victim"]: i for i in to_eval("t", run(text, published=published))["incidents"]}


def test_numbered_item_number_is_not_a_sentence():
    text = "Intro line.\n2. Zaif (September 2018)\nThe body follows."
    lines = [text[s.start:s.end] for s in split_sentences(text)]
    assert "2. Zaif (September 2018)" in lines


def test_each_numbered_heading_is_its_own_incident_with_its_figures_and_date():
    found = incidents(ROUNDUP)
    assert {"Coincheck", "Bithumb", "Cryptopia", "BitMart"} <= set(found)
    assert found["Coincheck"]["loss_usd"] == [530000000]
    assert found["Bithumb"]["loss_usd"] == [30000000]
    assert found["Cryptopia"]["loss_usd"] == [16000000]
    assert found["BitMart"]["loss_usd"] == [196000000]
    assert found["Cryptopia"]["date"] == "2019-01"
    assert found["BitMart"]["date"] == "2021-12"


def test_headline_adjectives_numbers_and_countries_are_no_victims():
    found = incidents("Embattled crypto exchange Quidax shuts down after hack\n\n"
                      "Quidax, a small exchange, was hacked in March and lost $4 million. "
                      "The New Zealand platform said the thieves emptied its hot wallet.")
    assert "Embattled" not in found and "Zealand" not in found
    found = incidents("Five exchange breaches that changed security\n\n"
                      "Hackers stole $530 million from Coincheck in January 2018.")
    assert "Five" not in found and "Coincheck" in found


def test_owner_of_the_victim_is_no_victim():
    found = incidents("Exchange-linked chain halted after bridge hack\n\n"
                      "The Ronin sidechain run by game studio Sky Mavis was drained of $620 million on Tuesday, "
                      "the studio said. Sky Mavis-backed Ronin said hackers used stolen validator keys.",
                      published=date(2022, 3, 30))
    assert "Ronin Network" in found or "Ronin" in found
    assert "Sky Mavis" not in found


def test_party_that_claws_funds_back_is_no_victim():
    found = incidents("Market maker Jump Crypto and Oasis claw back $140 million from Wormhole hacker\n\n"
                      "Jump Crypto and Oasis recovered about $140 million from the hacker behind last year's "
                      "Wormhole bridge exploit, in which the attacker stole 120,000 ether.",
                      published=date(2023, 2, 24))
    assert "Wormhole" in found and "Jump Crypto" not in found


BULLETS = (
    "Exchange hacks keep coming\n\n"
    "Exchanges have lost billions to thieves over the past decade. Some of the largest cases:\n\n"
    "- KuCoin, September 2020: hackers took about $280 million from its hot wallets.\n"
    "- Bitfinex, August 2016: 119,756 BTC, worth $72 million at the time.\n"
    "- Coincheck, January 2018: NEM tokens worth $530 million were taken from an online wallet.\n"
    "* Bithumb (June 2018) lost about $30 million after a breach.\n"
)


def test_each_bullet_naming_a_platform_is_its_own_incident():
    found = incidents(BULLETS)
    assert {"KuCoin", "Bitfinex", "Coincheck", "Bithumb"} <= set(found)
    assert found["KuCoin"]["loss_usd"] == [280000000]
    assert found["Bitfinex"]["loss_usd"] == [72000000] and found["Bitfinex"]["date"] == "2016-08"
    assert found["Coincheck"]["loss_usd"] == [530000000] and found["Coincheck"]["date"] == "2018-01"


SECTIONS = (
    "Lessons from two exchange breaches\n\n"
    "Thieves keep hitting trading sites, most recently in March 2024.\n\n"
    "1. Bitfinex (August 2016)\n"
    "Attackers moved coins out of customer accounts at the Hong Kong exchange. "
    "Trading stopped for a week. Users were angry. Regulators asked questions. "
    "In the end, losses came to $72 million.\n\n"
    "2. Coincheck (January 2018)\n"
    "Hackers stole NEM tokens worth about $530 million from an online wallet.\n"
)


def test_a_section_keeps_its_incident_and_the_intro_is_not_the_lead_story():
    found = incidents(SECTIONS)
    assert found["Bitfinex"]["loss_usd"] == [72000000]
    assert found["Bitfinex"]["date"] == "2016-08" and found["Coincheck"]["date"] == "2018-01"


def test_platform_named_then_described_as_the_exchange_is_a_victim():
    found = incidents("A short history of exchange losses\n\n"
                      "Mt. Gox was hacked in 2014 and lost 850,000 bitcoins. Two years later came Bitfinex. "
                      "In August 2016 an intruder took 119,756 bitcoins, about $72 million, from the Hong Kong exchange.")
    assert "Bitfinex" in found
    assert found["Bitfinex"]["loss_usd"] == [72000000] and found["Bitfinex"]["date"] == "2016-08"


def test_bold_lead_ins_open_their_own_incidents():
    found = incidents("Three exchange hacks to remember\n\n"
                      "**Coincheck, January 2018.** Thieves took NEM worth $530 million from a hot wallet.\n\n"
                      "**Zaif, September 2018.** About $60 million in three coins was stolen.\n\n"
                      "**Bithumb, June 2018.** The Seoul exchange lost roughly $30 million.\n")
    assert found["Zaif"]["loss_usd"] == [60000000]
    assert found["Bithumb"]["loss_usd"] == [30000000] and found["Bithumb"]["date"] == "2018-06"


def test_a_heading_that_names_no_known_platform_does_not_inherit_the_section_before():
    found = incidents("Bridge hacks\n\n"
                      "## Ronin Network (March 2022)\n\nAttackers used stolen validator keys to take about $620 million.\n\n"
                      "## Wormhole (February 2022)\n\nA forged signature let the attacker mint ether worth $325 million.\n\n"
                      "## A smaller bridge (June 2022)\n\nThe bridge lost about $100 million after two keys were compromised.\n")
    assert found["Ronin Network"]["loss_usd"] == [620000000]
    assert found["Wormhole"]["loss_usd"] == [325000000]


def test_items_of_a_list_opened_as_thefts_are_incidents_and_keep_their_own_figures():
    found = incidents("Recent thefts\n\nSecurity firms counted several large thefts this year:\n"
                      "\u2022 Stake, September 2023: about $41 million drained from hot wallets.\n"
                      "\u2022 CoinEx, September 2023: roughly $54 million taken.\n"
                      "\u2022 Poloniex, November 2023: more than $120 million stolen.\n")
    assert found["CoinEx"]["loss_usd"] == [54000000]          # 'taken' alone: a theft because the list says so
    assert found["Poloniex"]["loss_usd"] == [120000000]       # not the item before it, whose name is a common word
    assert found["Stake"]["loss_usd"] == [41000000]           # a common word as an item's subject is the platform


def test_a_common_word_platform_heading_a_section_is_the_platform():
    found = incidents("Bridge hacks\n\n"
                      "## Ronin Network (March 2022)\n\nAttackers used stolen validator keys to take about $620 million.\n\n"
                      "## Nomad (August 2022)\n\nCopycats drained about $190 million once a faulty update made every "
                      "message look valid.\n")
    assert found["Nomad"]["loss_usd"] == [190000000] and found["Nomad"]["date"] == "2022-08"
