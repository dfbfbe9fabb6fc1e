"""An accused state's standing denial of hacking in general is no attribution of the incident at hand."""
from heistwatch.extract.actors import find_attributions
from heistwatch.extract.model import Span, Stance


def _atts(text: str):
    return [(a.attribution.actor, a.attribution.stance) for a in find_attributions(text, Span(0, len(text)))]


def test_repeated_general_denial_gives_no_actor():
    assert _atts("North Korea has repeatedly denied any role in cyberattacks.") == []


def test_previous_denial_of_allegations_gives_no_actor():
    assert _atts("Pyongyang has previously denied allegations of hacking.") == []


def test_standing_denial_after_an_attribution_keeps_the_attribution():
    atts = _atts("Analysts said the Lazarus Group stole the coins; North Korea has always denied such charges.")
    assert ("North Korea", Stance.DENIED) not in atts
    assert any(actor == "Lazarus Group" for actor, _ in atts)


def test_denial_of_this_attack_is_still_read():
    # the accused denying the incident at hand is still a mention of it (not a denial by the text)
    atts = _atts("North Korea denied involvement in the attack on the exchange.")
    assert atts and atts[0][0] == "North Korea" and atts[0][1] != Stance.DENIED
