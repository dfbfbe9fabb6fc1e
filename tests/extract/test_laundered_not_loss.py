"""Figures told by where stolen funds went (through a mixer, processed by a service) are not losses."""
from heistwatch.extract.money import find_amounts


def _ctx(text: str, value: float):
    return next(a.context for a in find_amounts(text) if a.money.value == value)


def test_amount_that_passed_through_a_mixer_is_moved():
    text = "Investigators said some $12 million that passed through the mixer came from the raid on the exchange."
    assert _ctx(text, 12_000_000).moved


def test_amount_which_was_routed_into_a_service_is_moved():
    text = "About $3 million, which was later routed into a tumbler, came from last week's theft."
    assert _ctx(text, 3_000_000).moved


def test_amount_processed_by_a_mixer_is_moved():
    text = "A second mixing service had processed more than $9.4 million of the bridge proceeds, officials said."
    assert _ctx(text, 9_400_000).moved


def test_coordinated_figure_shares_the_laundering_verb():
    text = ("The service was used to launder over $40 million of funds taken in the May hack of a lending app, "
            "and at least $2.5 million from a wallet breach in July.")
    assert _ctx(text, 40_000_000).moved
    assert _ctx(text, 2_500_000).moved


def test_coordinated_theft_figures_stay_thefts():
    text = "Hackers stole $15 million from one exchange, and about $4 million from another."
    assert not _ctx(text, 15_000_000).moved
    assert not _ctx(text, 4_000_000).moved


def test_coordinated_figure_with_its_own_verb_keeps_it():
    text = "Police recovered $6 million of the coins, and $20 million was stolen from the platform's hot wallet."
    assert not _ctx(text, 20_000_000).moved
