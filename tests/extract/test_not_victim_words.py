"""Words next to a victim that are not victims: a nationality or a country, a coin's name, a role noun, an
operating system. Each is a capitalised word the victim patterns see where a platform's name would be."""

from __future__ import annotations

from datetime import date

from extract_probes import dates_by_victim as victims
from extract_probes import losses_by_victim

from heistwatch.extract.victims import clean_name, find_victim_candidates
from heistwatch.reference.assets import crypto_named
from heistwatch.reference.places import is_demonym, is_place


def _names(text: str) -> set[str]:
    return {v.name for v in find_victim_candidates(text)}


def test_nationality_before_exchange_is_not_the_victim():
    text = ("Portuguese exchange Velmora says 4 million tokens missing\n\n"
            "Velmora, a small Portuguese cryptocurrency exchange, halted withdrawals on Monday after "
            "hackers drained its hot wallet of $9 million.")
    assert set(victims(text, date(2023, 5, 2))) == {"Velmora"}


def test_country_after_the_platform_is_not_the_victim():
    text = ("Two platforms were hit in March. Tandrix in Malaysia lost about $6 million from its hot wallet "
            "on Tuesday, the firm said.")
    assert "Malaysia" not in _names(text)
    assert losses_by_victim(text).get("Tandrix") == [6_000_000]


def test_places_and_nationalities_are_not_names():
    assert clean_name("Indonesia") is None
    assert clean_name("South Korea") is None
    assert clean_name("Brazilian") is None
    assert clean_name("Brazilian Ordexa") == "Ordexa"
    # a country's name may start a person's name: only adjectives are dropped from the front
    assert clean_name("Jordan Pell") == "Jordan Pell"
    assert is_place("italy") and is_demonym("Italian") and not is_demonym("Jordan")


def test_role_noun_in_a_headline_is_not_the_victim():
    text = ("Trader loses $3 million in stablecoins after approving a fake transaction\n\n"
            "A trader lost $3 million on Sunday after signing a transaction sent by a phishing site.")
    assert "Trader" not in victims(text, date(2024, 3, 4))


def test_device_and_system_names_are_not_names():
    assert clean_name("Mac") is None and clean_name("Android") is None


def test_figure_with_decimals_between_the_verb_and_the_victim():
    text = "The exploiter took 3.5 million TRX and 600 BCH from Rafto on Thursday, the team said."
    assert set(victims(text, date(2024, 5, 10))) == {"Rafto"}


def test_operating_system_of_an_exploit_is_not_the_victim():
    text = ("The worm spread through the Linux exploit that researchers disclosed last year, "
            "infecting servers to mine Monero.")
    assert "Linux" not in _names(text)


def test_coin_name_is_not_a_platform():
    text = ("The exchange said 12 million Kelpa tokens were taken. Analysts said the Nano protocol itself "
            "had not been compromised, and that 40,000 BNB, according to the protocol, had moved.")
    names = _names(text)
    assert "Nano" not in names and "BNB" not in names


def test_coin_name_with_a_chain_word_stays_a_candidate():
    # "the <coin> bridge was drained": the bridge is a platform and may be the victim
    assert "Tezos" in _names("The Tezos bridge was drained of $4 million on Friday.")


def test_crypto_named_reads_names_in_any_case_and_tickers_in_capitals():
    assert crypto_named("Tether") == "USDT"
    assert crypto_named("BNB") == "BNB"
    assert crypto_named("Velmora") is None
    assert crypto_named("USD") is None   # a fiat code is not a coin


def test_project_said_to_be_hacked_keeps_the_name_it_shares_with_its_coin():
    assert "Loopring" in _names("Loopring was hacked on Sunday, the team said.")


def test_coin_after_a_figure_is_never_a_victim():
    text = "Thieves made off with 9 million Loopring, the project was hacked and the Loopring team said so."
    cands = find_victim_candidates(text)
    assert not any(v.name == "Loopring" and text[v.span.start - 8:v.span.start] == "million " for v in cands)


def test_chain_a_victim_is_built_on_is_not_a_victim():
    text = "Arbitrum-based lending protocol Fenwick was exploited for $3 million on Monday."
    assert set(victims(text, date(2024, 5, 10))) == {"Fenwick"}


def test_platform_named_between_commas_after_its_kind_is_the_victim():
    text = "A Hong Kong exchange, Tarma, said on Monday that hackers stole $6 million from its hot wallet."
    assert losses_by_victim(text) == {"Tarma": [6_000_000]}


def test_security_firm_named_by_its_kind_is_not_a_victim():
    text = ("Security startup Velquist raises $20 million to stop crypto hacks\n\n"
            "Velquist, a blockchain security firm, said on Monday its tools flag an attack on a contract "
            "within seconds.")
    assert "Velquist" not in _names(text)


def test_city_before_the_exchange_is_not_the_victim():
    text = "The Lisbon exchange Vardo said on Sunday that hackers stole $3 million from its hot wallet."
    assert losses_by_victim(text) == {"Vardo": [3_000_000]}
    assert is_place("Kuala Lumpur") and is_place("texas") and clean_name("Istanbul") is None


def test_kind_of_attack_in_capitals_is_not_the_victim():
    text = "A Nevada retiree lost $4 million in bitcoin in a SIM-swap attack, prosecutors said on Tuesday."
    assert "SIM-swap" not in _names(text)
