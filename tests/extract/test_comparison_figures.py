"""A figure told after a comparison with another incident is not the story's own loss."""
from extract_probes import losses_by_victim as _losses


def test_figure_of_the_incident_compared_with_is_not_the_story_loss():
    text = ("Hackers stole about $200 million from the exchange Bitfinex on Monday, the company said. "
            "The theft is larger than that of a rival trading venue, which shut down in 2016 after saying it had "
            "lost coins then worth about $70 million.")
    losses = _losses(text)
    assert 200_000_000 in losses.get("Bitfinex", [])
    assert 70_000_000 not in losses.get("Bitfinex", [])


def test_story_figure_before_the_comparison_stays():
    text = "Bitfinex lost $72 million to hackers, compared with a loss of $30 million at another venue a year earlier."
    assert 72_000_000 in _losses(text).get("Bitfinex", [])
