"""A sentence telling which hacking group belongs to which is no attribution of the incident."""
from heistwatch.extract.actors import find_attributions
from heistwatch.extract.model import Span


def _atts(text: str):
    return [(a.attribution.actor, a.attribution.stance) for a in find_attributions(text, Span(0, len(text)))]


def test_believed_part_of_is_membership():
    assert _atts("Andariel is believed to be part of the Lazarus Group, researchers say.") == []


def test_is_a_unit_of_is_membership():
    assert _atts("Investigators think Andariel is a unit of the Lazarus Group.") == []


def test_relative_clause_membership_keeps_the_attribution():
    atts = _atts("Andariel, which is part of the Lazarus Group, was behind the raid on the exchange.")
    assert atts and all(a in ("Andariel", "Lazarus Group") for a, _ in atts)


def test_two_groups_named_together_still_attributed():
    assert len(_atts("Andariel and the Lazarus Group carried out the attack.")) == 2
