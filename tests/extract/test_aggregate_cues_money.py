"""Totals over many attacks or a period are no incident's loss."""
from extract_probes import losses_by_victim as _losses


def test_count_of_cyberattacks_over_years_is_an_aggregate():
    text = ("Monitors are looking at 40 suspected cyberattacks on crypto firms between 2018 and 2022, worth "
            "about $1.7 billion. Separately, hackers stole $14 million from the exchange Bitfinex in March.")
    losses = _losses(text)
    assert all(1_700_000_000 not in v for v in losses.values())


def test_revenue_generated_by_hacking_is_an_aggregate():
    text = ("The state has generated an estimated $900 million for its missile programs through hacking. "
            "Hackers drained $25 million from the exchange Bitfinex last week.")
    losses = _losses(text)
    assert all(900_000_000 not in v for v in losses.values())
    assert any(25_000_000 in v for v in losses.values())
