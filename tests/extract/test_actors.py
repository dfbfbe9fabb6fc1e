"""Threat actors, the stance a sentence takes on them, its hedge, ICD 203 word and claimant."""

from __future__ import annotations

import pytest

from heistwatch.extract.actors import find_attributions, find_claimant
from heistwatch.extract.model import Span, Stance
from heistwatch.reference.actors import canonical, find_actors, is_north_korean
from heistwatch.reference.estimative import find_hedges, level, probability_range, scale


def attributions(sentence: str):
    return [a.attribution for a in find_attributions(sentence, Span(0, len(sentence)))]


@pytest.mark.parametrize("alias, name", [
    ("Hidden Cobra", "Lazarus Group"), ("TraderTraitor", "Lazarus Group"), ("Jade Sleet", "Lazarus Group"),
    ("UNC4899", "Lazarus Group"), ("APT38", "APT38"), ("BlueNoroff", "BlueNoroff"), ("Silent Chollima", "Andariel"),
    ("Onyx Sleet", "Andariel"), ("Velvet Chollima", "Kimsuky"), ("APT43", "Kimsuky"), ("DPRK", "North Korea"),
    ("Pyongyang", "North Korea"), ("North Korean hackers", "North Korea"), ("Citrine Sleet", "Citrine Sleet"),
])
def test_aliases_resolve_to_canonical_actors(alias, name):
    found = find_actors(f"Analysts named {alias} in the report.")
    assert [m.actor.name for m in found] == [name]
    assert canonical(alias) == name


def test_groups_know_their_country():
    assert is_north_korean("Lazarus Group") and is_north_korean("Kimsuky") and not is_north_korean("FIN7")


@pytest.mark.parametrize("sentence, stance, hedge", [
    ("Officials said North Korea might be behind the theft.", Stance.SUSPECTED, "might be"),
    ("The Lazarus Group is believed to have carried out the attack.", Stance.SUSPECTED, "believed to"),
    ("The hack was most likely the work of Lazarus.", Stance.SUSPECTED, "most likely"),
    ("Police are investigating whether Kimsuky was involved.", Stance.SUSPECTED, "investigating whether"),
    ("The FBI confirmed that the Lazarus Group was responsible for the theft.", Stance.CONFIRMED, "confirmed"),
    ("Andariel stole the coins in a raid on the exchange.", Stance.CONFIRMED, "stole"),
    ("The firm said the Lazarus Group was not responsible for the outage.", Stance.DENIED, "not responsible"),
])
def test_stance_follows_the_hedge(sentence, stance, hedge):
    (att,) = attributions(sentence)
    assert att.stance == stance
    assert att.hedge == hedge
    assert att.probability in {lv.word for lv in scale()}


def test_accused_denying_is_not_a_denial_by_the_text():
    (att,) = attributions("North Korea denied any role in the heist.")
    assert att.stance == Stance.SUSPECTED


def test_doubt_wins_over_confirmation_words_in_one_sentence():
    (att,) = attributions("It is not yet confirmed, but the attack may have been the work of Lazarus.")
    assert att.stance == Stance.SUSPECTED


def test_claimant_is_the_source_not_the_publisher():
    (att,) = attributions("Bloomberg reported that the spy agency said North Korea might be behind the hack.")
    assert att.claimant == "spy agency"
    (att,) = attributions("According to Chainalysis, the theft was likely the work of North Korean hackers.")
    assert att.claimant == "Chainalysis"
    (att,) = attributions("South Korea's National Intelligence Service believes Lazarus Group carried out the attack.")
    assert "National Intelligence Service" in att.claimant


def test_no_claimant_when_nobody_is_quoted():
    s = "Lazarus drained the bridge."
    assert find_claimant(s, Span(0, len(s)), 0) is None


def test_icd203_scale_and_hedge_table():
    assert [lv.word for lv in scale()] == ["almost no chance", "very unlikely", "unlikely", "roughly even chance",
                                           "likely", "very likely", "almost certain"]
    lows = [lv.low for lv in scale()]
    assert lows == sorted(lows)
    assert probability_range("likely") == (0.55, 0.80)
    assert level("probable").word == "likely"
    found = {h.hedge.phrase for h in find_hedges("It may have been, possibly, with high probability; no hard evidence.")}
    assert {"may have", "possibly", "high probability", "no hard evidence"} <= found


def test_a_plain_confirmation_beside_a_loose_link_stays_confirmed():
    (att,) = attributions("Investigators said the heist was carried out by Lazarus, a group linked to many earlier thefts.")
    assert att.stance == Stance.CONFIRMED


def test_doubt_governing_the_confirmation_wins():
    (att,) = attributions("The attack follows similar patterns to hacks carried out by Lazarus Group.")
    assert att.stance == Stance.SUSPECTED
