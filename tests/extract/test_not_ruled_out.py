"""'could not be ruled out' keeps a suspicion open; it is no denial."""
from heistwatch.extract.actors import find_attributions
from heistwatch.extract.model import Span, Stance


def _stance(text: str):
    return {a.attribution.actor: a.attribution.stance for a in find_attributions(text, Span(0, len(text)))}


def test_involvement_could_not_be_ruled_out_is_suspected():
    assert _stance("An investigator said Lazarus Group involvement could not be ruled out.")["Lazarus Group"] == Stance.SUSPECTED


def test_did_not_rule_out_is_suspected():
    assert _stance("Officials did not rule out the Lazarus Group.")["Lazarus Group"] == Stance.SUSPECTED


def test_ruled_out_is_still_a_denial():
    assert _stance("Investigators have ruled out the Lazarus Group.")["Lazarus Group"] == Stance.DENIED


def test_have_not_ruled_out_is_suspected():
    assert _stance("Police have not ruled out North Korean involvement.")["North Korea"] == Stance.SUSPECTED


def test_contracted_not_ruled_out_is_suspected():
    assert _stance("Analysts haven't ruled out the Lazarus Group yet.")["Lazarus Group"] == Stance.SUSPECTED
    assert _stance("The agency wouldn't rule out Lazarus Group involvement.")["Lazarus Group"] == Stance.SUSPECTED
