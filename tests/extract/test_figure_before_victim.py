"""A figure written before the victim it was taken from ("the theft of $X from the cross-chain bridge Y")
belongs to that victim, even with a hyphenated description between them."""
from extract_probes import losses_by_victim as _losses


def test_hyphenated_description_between_figure_and_victim():
    text = ("Officials said hackers took $12 million from Bitfinex in March, and police are examining the theft of "
            "about $30 million from the cross-chain bridge Multichain in July.")
    losses = _losses(text)
    assert 30_000_000 in losses.get("Multichain", [])
    assert 30_000_000 not in losses.get("Bitfinex", [])
