"""Cheap pre-filters in front of extraction regexes must never drop a match (speed-only changes)."""

from __future__ import annotations

from heistwatch.extract import actors, indicators
from heistwatch.extract.actors import _PERSON_CUES, _PERSON_NEEDS, find_person_actors
from heistwatch.extract.indicators import find_indicators


def test_every_person_cue_has_its_needed_words_in_its_pattern() -> None:
    assert len(_PERSON_NEEDS) == len(_PERSON_CUES)
    for (rx, _), needs in zip(_PERSON_CUES, _PERSON_NEEDS):
        assert any(w in rx.pattern for w in needs), rx.pattern


def test_person_cues_find_the_same_people_with_and_without_the_prefilter(monkeypatch) -> None:
    text = ("Was Tom Bradley behind the theft? Anna Kowalski, the former engineer who admitted breaking into the "
            "platform, was sentenced. Prosecutors charged two Dutch nationals, Pieter Smit and Jan Visser, alleging "
            "that they had hacked the exchange. The heist was orchestrated by Visser, police said.")
    with_filter = find_person_actors(text)
    monkeypatch.setattr(actors, "_PERSON_NEEDS", ())
    assert find_person_actors(text) == with_filter
    assert {a.actor.name for a in with_filter} >= {"Tom Bradley", "Anna Kowalski"}


def test_indicator_token_scan_matches_the_plain_token_scan(monkeypatch) -> None:
    text = ("Funds went to 0x52908400098527886E0F7030069857D2E4169EE and bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq; "
            "the phishing site evil-wallet[.]com and ops@badmail.ru were reported, a server at 203.0.113.9 too, "
            "while an extraordinarily long ordinarywordwithoutdots stayed a word.")
    got = find_indicators(text)
    monkeypatch.setattr(indicators, "_LIKELY_TOKEN", indicators._TOKEN)
    assert find_indicators(text) == got
    assert len(got) >= 4


def test_every_comparison_cue_holds_one_of_the_words_the_prefilter_looks_for() -> None:
    from heistwatch.extract.model import Span
    from heistwatch.extract.pipeline import _COMPARISON, _may_compare

    for phrase in ("exceeds that of", "surpassed the previous record", "larger than the", "the prior record",
                   "compared with", "dwarfs those", "topping the theft"):
        text = f"The theft, which {phrase} Acme's loss of $9 million, was reported."
        assert _COMPARISON.search(text)
        assert _may_compare(text, Span(0, len(text)))
    plain = "Hackers stole $5 million from the exchange on Monday."
    assert not _may_compare(plain, Span(0, len(plain)))
