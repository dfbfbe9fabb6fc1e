"""'X was responsible.' names the culprit as firmly as 'X was responsible for the theft'."""
from datetime import date

from heistwatch.extract.actors import find_attributions
from heistwatch.extract.evalformat import to_eval
from heistwatch.extract.model import Span, Stance
from heistwatch.extract.pipeline import run


def test_bare_responsible_carries_a_firm_hedge():
    text = "Months later the FBI said the Lazarus Group was responsible."
    (att,) = find_attributions(text, Span(0, len(text)))
    assert att.attribution.stance == Stance.CONFIRMED and att.attribution.hedge == "responsible"


def test_culprit_in_the_next_sentence_is_the_story_s_actor():
    text = ("Thieves drained $62 million from the Quillon bridge on March 3. "
            "In a statement weeks later, the FBI said the Lazarus Group was responsible.")
    (inc,) = to_eval("t", run(text, published=date(2024, 6, 1)))["incidents"]
    assert {a["name"]: a["stance"] for a in inc["actors"]} == {"Lazarus Group": "confirmed"}


def test_not_responsible_stays_a_denial():
    text = "The FBI said the Lazarus Group was not responsible."
    assert find_attributions(text, Span(0, len(text)))[0].attribution.stance == Stance.DENIED
