"""Figures in background sentences: a gapped second victim, what one attack netted, a figure told as a market's."""
from datetime import date
from functools import partial

from extract_probes import incidents_by_victim

_incidents = partial(incidents_by_victim, headline="Zentra exploited", published=date(2021, 5, 20))


def test_a_gapped_second_victim_keeps_its_own_figure():
    got = _incidents("The Zentra yield protocol was exploited on Wednesday for $45 million. Critics recall that "
                     "Harvest Finance lost $24 million in October and Moonwell nearly $20 million a month later.")
    assert got["Harvest Finance"]["loss_usd"] == [24000000]
    assert got["Moonwell"]["loss_usd"] == [20000000]
    assert got["Zentra"]["loss_usd"] == [45000000]


def test_what_the_attack_netted_its_thief_is_the_loss():
    got = _incidents("The Zentra yield protocol was exploited on Wednesday. The attack netted the attacker about "
                     "$45 million, according to the team's post-mortem.")
    assert got["Zentra"]["loss_usd"] == [45000000]


def test_a_gang_s_yearly_take_stays_a_tally():
    got = _incidents("The Zentra yield protocol was exploited on Wednesday for $45 million. "
                     "North Korean hackers netted $1.7 billion last year.")
    assert got["Zentra"]["loss_usd"] == [45000000]


def test_a_figure_explained_as_market_value_is_no_loss():
    got = _incidents('The Zentra yield protocol was exploited on Wednesday for $45 million. Early reports called it a '
                     '"$200 million attack", a figure that reflected how much the token\'s market value had evaporated.')
    assert got["Zentra"]["loss_usd"] == [45000000]
