"""A word of doubt weighs only the clause it stands in, not an attribution in the next clause."""
from heistwatch.extract.actors import find_attributions
from heistwatch.extract.model import Span, Stance


def _atts(text: str):
    return {a.attribution.actor: a.attribution.stance for a in find_attributions(text, Span(0, len(text)))}


def test_doubt_in_a_later_clause_leaves_an_official_finding_confirmed():
    text = ("Prosecutors said in March that the Lazarus Group had taken $12 million from a gaming site, "
            "and researchers are looking into whether Andariel was behind a second raid.")
    atts = _atts(text)
    assert atts["Lazarus Group"] == Stance.CONFIRMED
    assert atts["Andariel"] == Stance.SUSPECTED


def test_doubt_in_the_same_clause_still_counts():
    text = "Investigators believe the Lazarus Group was behind the raid on the exchange."
    assert _atts(text)["Lazarus Group"] == Stance.SUSPECTED
