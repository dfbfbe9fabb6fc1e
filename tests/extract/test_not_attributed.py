"""A text saying an incident has NOT been attributed gives it no actor."""
from heistwatch.extract.actors import find_attributions
from heistwatch.extract.model import Span, Stance


def _atts(text: str):
    return {a.attribution.actor: a.attribution.stance for a in find_attributions(text, Span(0, len(text)))}


def test_no_one_has_attributed_gives_no_actor():
    text = "The exchange lost $9 million in 2020, although nobody has publicly attributed that raid to the Lazarus Group."
    assert _atts(text) == {}


def test_has_not_been_linked_gives_no_actor():
    assert _atts("So far the breach has not been linked to the Lazarus Group.") == {}


def test_has_yet_to_be_attributed_gives_no_actor():
    assert _atts("The theft has yet to be formally attributed to North Korea.") == {}


def test_other_doubt_in_the_clause_still_counts():
    text = "Although no one has formally claimed the theft, analysts believe the Lazarus Group was behind it."
    assert _atts(text) == {"Lazarus Group": Stance.SUSPECTED}


def test_plain_attribution_unchanged():
    assert _atts("Police attributed the theft to the Lazarus Group.") == {"Lazarus Group": Stance.CONFIRMED}
