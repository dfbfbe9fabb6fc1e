"""Named people told as the attackers in more ways of news writing: a confession told to a judge (confirmed),
charges unsealed against named people or a person accused/charged with the attack (suspected), a denial told
of the person the sentence before ends on (denied); names with accents, middle initials and suffixes."""

from __future__ import annotations

from datetime import date
from functools import partial

from extract_probes import stances_by_victim

_actors = partial(stances_by_victim, published=date(2024, 11, 15))


def test_a_confession_told_to_a_judge_is_confirmed():
    got = _actors("Crypto heist solved\n\nTomas Varga told a federal judge in Boston on Tuesday that he was the "
                  "hacker who broke into Bitstamp in March 2015 and took 19,000 bitcoins.")
    assert got["Bitstamp"] == {"Tomas Varga": "confirmed"}


def test_charges_unsealed_against_named_people_make_them_suspects():
    got = _actors("Bitstamp lost 19,000 bitcoin in 2015. Prosecutors unsealed charges against two Slovak "
                  "nationals, Pavel Hudak and Marek Dobos, accusing them of gaining access to the exchange's "
                  "servers.")
    assert got["Bitstamp"] == {"Pavel Hudak": "suspected", "Marek Dobos": "suspected"}


def test_a_person_accused_of_the_attack_named_with_initial_and_suffix_is_suspected():
    got = _actors("Bitstamp lost $5 million in a hack in March 2015. Robert J. Hale Jr., 39, was arrested in "
                  "Ohio on Friday. Hale was charged with wire fraud and with hacking the exchange.")
    assert got["Bitstamp"] == {"Robert J. Hale Jr.": "suspected"}


def test_a_person_charged_only_with_laundering_is_not_an_actor():
    got = _actors("Bitstamp lost $5 million in a hack in March 2015. Anna Brill was charged with laundering "
                  "the proceeds of the hack.")
    assert got["Bitstamp"] == {}


def test_a_denial_after_the_sentence_naming_the_person_is_denied():
    got = _actors("Bitstamp lost 19,000 bitcoin in 2015. Suspicion fell on its chief executive, René Kovač. "
                  "He has always denied taking the coins.")
    assert got["Bitstamp"] == {"René Kovač": "denied"}


def test_a_headline_ending_in_a_platform_does_not_join_the_name_below():
    got = _actors("Hacker admits theft from Bitstamp\n\nTomas Varga admitted he hacked Bitstamp in 2015 and "
                  "stole 19,000 bitcoins.")
    assert got["Bitstamp"] == {"Tomas Varga": "confirmed"}


def test_a_confession_outweighs_a_hedge_elsewhere_in_the_sentence():
    got = _actors("Tomas Varga told a federal judge on Tuesday that he was the hacker who broke into Bitstamp in "
                  "March 2015, ending years of speculation about who might have been behind the theft.")
    assert got["Bitstamp"] == {"Tomas Varga": "confirmed"}


def test_a_plea_to_fraud_in_a_sentence_naming_no_attack_is_the_incidents_actor():
    got = _actors("Thieves took $9 million from investor Dana Whitfield in April 2020 by hijacking his phone "
                  "number. Marco Lenz, 31, had pleaded guilty to a wire fraud conspiracy.")
    assert got["Dana Whitfield"] == {"Marco Lenz": "confirmed"}


def test_a_plea_to_laundering_alone_makes_no_actor():
    got = _actors("Thieves took $9 million from investor Dana Whitfield in April 2020 by hijacking his phone "
                  "number. Marco Lenz, 31, had pleaded guilty to laundering money and to a fraud charge.")
    assert got["Dana Whitfield"] == {}
