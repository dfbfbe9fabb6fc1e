"""A victim pattern's gate (its tail searched alone) only skips sentences the whole pattern cannot match."""

import pytest

from heistwatch.extract.victims import VICTIM_PATTERNS, _p, _plain_sequence, find_victim_candidates

GATED = [p for p in VICTIM_PATTERNS if p.gate is not None]


def test_the_costly_name_first_patterns_are_gated() -> None:
    names = {p.name for p in GATED}
    assert {"name-says-it-was-hit", "platform-says-hackers-took", "name-was-attacked", "name-had-stolen"} <= names


@pytest.mark.parametrize("pat", GATED, ids=lambda p: p.name)
def test_gate_passes_every_sentence_the_pattern_matches(pat) -> None:
    for sentence, name in pat.must_match:
        assert pat.regex.search(sentence), (pat.name, sentence)
        assert pat.gate.search(sentence), (pat.name, sentence)


def test_a_sentence_without_the_tail_is_not_searched_and_finds_nothing() -> None:
    # a name before "said", but nothing said to be hit: the gate of name-says-it-was-hit fails, no victim
    got = find_victim_candidates("Quidax said on Monday that trading volumes rose in March.")
    assert [v for v in got if v.pattern == "name-says-it-was-hit"] == []
    got = find_victim_candidates("Quidax said on Monday that it had been hacked.")
    assert [v.name for v in got if v.pattern == "name-says-it-was-hit"] == ["Quidax"]


def test_a_tail_must_follow_a_plain_sequence() -> None:
    assert _plain_sequence(r"(?P<name>[A-Z]\w+)(?:\s+Ltd)?[|)]")
    assert not _plain_sequence(r"Zumo|Quidax")
    assert not _plain_sequence(r"(?:Zumo")
    with pytest.raises(ValueError):
        _p("bad", r"(?P<name>Zumo)\s+(?:was|were)\s+hacked", 2, [], [], tail=r"were)\s+hacked")
    with pytest.raises(ValueError):
        _p("bad", r"(?P<name>Zumo)|Quidax\s+hacked", 2, [], [], tail=r"\s+hacked")
    assert _p("good", r"(?P<name>Zumo)(?:\s+Ltd)?\s+hacked", 2, [], [], tail=r"\s+hacked").gate.search("x hacked")


def test_every_trigger_is_found_by_its_words() -> None:
    # a trigger with whitespace in it ("from\s+its") falls back to a regex scan of the whole text per document
    from heistwatch.extract.text import sentence_hits

    slow = [p.name for p in VICTIM_PATTERNS if p.trigger is not None and not sentence_hits(p.trigger).strings]
    assert slow == []


def test_looser_triggers_keep_the_victims() -> None:
    got = find_victim_candidates("Hackers siphoned $4 million out of Quidax's liquidity pools.")
    assert [v.name for v in got if v.pattern == "stolen-from-name"] == ["Quidax"]
    got = find_victim_candidates("Kelvar has said that hackers stole $5 million.")
    assert [v.name for v in got] == []
