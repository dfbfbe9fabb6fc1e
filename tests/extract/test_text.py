"""split_sentences and the length-preserving folding that keeps offsets valid."""

from __future__ import annotations

import pytest

from heistwatch.extract.text import SentenceIndex, fold_chars, sentence_index, split_sentences


def sentences(text: str) -> list[str]:
    return [s.of(text) for s in split_sentences(text)]


def test_abbreviations_and_decimals_stay_inside_a_sentence() -> None:
    text = (
        "Thieves took $5.2 million from Mt. Gox on Jan. 26. Coincheck Inc. said it would pay. "
        "U.S. officials and Dr. Kim agreed. J. Smith disagreed."
    )
    assert sentences(text) == [
        "Thieves took $5.2 million from Mt. Gox on Jan. 26.",
        "Coincheck Inc. said it would pay.",
        "U.S. officials and Dr. Kim agreed.",
        "J. Smith disagreed.",
    ]


def test_company_suffix_and_country_can_end_a_sentence() -> None:
    text = "The coins went to Acme Inc. The firm denied it. Funds moved to the U.S. The police followed."
    assert sentences(text) == [
        "The coins went to Acme Inc.",
        "The firm denied it.",
        "Funds moved to the U.S.",
        "The police followed.",
    ]


def test_newlines_are_hard_breaks_and_headlines_stand_alone() -> None:
    text = "Exchange hacked for $60m\n\nBy A. Reporter\nThe hack hit on Friday. Nobody knew"
    assert sentences(text) == ["Exchange hacked for $60m", "By A. Reporter", "The hack hit on Friday.", "Nobody knew"]


def test_quotes_question_and_exclamation() -> None:
    text = 'He said "we were robbed." Then he left. Really? Yes! It\u2019s over\u2026 Done.'
    assert sentences(text) == ['He said "we were robbed."', "Then he left.", "Really?", "Yes!", "It\u2019s over\u2026", "Done."]


def test_lower_case_continuation_is_not_a_break() -> None:
    assert sentences("The approx. figure was 5 BTC. It was stolen.") == ["The approx. figure was 5 BTC.", "It was stolen."]


def test_spans_are_trimmed_and_ordered() -> None:
    text = "  One.   Two.  \n  Three.  "
    spans = split_sentences(text)
    assert [s.of(text) for s in spans] == ["One.", "Two.", "Three."]
    assert all(a.end <= b.start for a, b in zip(spans, spans[1:]))


@pytest.mark.parametrize("text", ["", "   ", "\n\n"])
def test_empty_text_has_no_sentences(text: str) -> None:
    assert split_sentences(text) == []


def test_fold_chars_keeps_length_and_maps_typography() -> None:
    text = "\u201cIt\u2019s \u2014 $5\u00a0million\u201d"
    folded = fold_chars(text)
    assert folded == "\"It's - $5 million\""
    assert len(folded) == len(text)
    assert fold_chars("plain ascii") == "plain ascii"


def test_sentence_lookup() -> None:
    text = "One here. Two there."
    spans = split_sentences(text)
    idx = SentenceIndex(spans)
    assert idx.index(text.index("Two")) == 1 == sentence_index(spans, text.index("there"))
    assert idx.index(text.index(" Two")) is None
    assert idx.around(spans[0]) == spans[0]


def test_sentence_end_scan_finds_what_the_plain_end_pattern_finds() -> None:
    import random
    import re

    from heistwatch.extract import text as tx

    plain = re.compile(r"""(?<![.!?\u2026])[.!?\u2026]++["'\u201d\u2019)\]]*+(?=\s)|\n""")
    rnd = random.Random(5)
    pieces = [".", "!", "?", "\u2026", "\n", " ", "\t", "a", "B", '"', "'", ")", "]", "\u201d", "\u2019", "$5.2"]
    for _ in range(3000):
        s = "".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 30)))
        assert [m.span() for m in tx._END.finditer(s)] == [m.span() for m in plain.finditer(s)], repr(s)
