"""A claimant with an adverb before the speech verb ("analysts increasingly say") is still the claimant."""
from heistwatch.extract.actors import find_attributions
from heistwatch.extract.model import Span, Stance


def test_analysts_increasingly_say_is_an_analyst_claim():
    text = "Security researchers increasingly say the Lazarus Group is behind most of these raids on exchanges."
    (att,) = [a.attribution for a in find_attributions(text, Span(0, len(text)))]
    assert att.stance == Stance.SUSPECTED
    assert att.claimant and "researchers" in att.claimant
