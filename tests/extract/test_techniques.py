from __future__ import annotations

import re

import pytest
from extract_timing import assert_linear_against_half
from hypothesis import given, settings, strategies as st

from heistwatch.extract.techniques import find_techniques
from heistwatch.reference.attack import by_id, compile_trigger, display_name, techniques

MUST = [(t.id, s) for t in techniques() for s in t.must_match]
MUST_NOT = [(t.id, s) for t in techniques() for s in t.must_not_match]


def ids_in(text: str) -> list[str]:
    return [t.attack_id for _, t in find_techniques(text)]


@pytest.mark.parametrize(("attack_id", "sentence"), MUST, ids=[f"{i}:{s[:30]}" for i, s in MUST])
def test_every_must_match_example(attack_id, sentence):
    assert attack_id in ids_in(sentence)


@pytest.mark.parametrize(("attack_id", "sentence"), MUST_NOT, ids=[f"{i}:{s[:30]}" for i, s in MUST_NOT])
def test_every_must_not_match_example(attack_id, sentence):
    assert attack_id not in ids_in(sentence)


def test_every_technique_has_examples_both_ways():
    for t in techniques():
        assert t.must_match and t.must_not_match, t.id


def test_ids_are_well_formed_and_names_present():
    for t in techniques():
        assert re.fullmatch(r"T\d{4}(\.\d{3})?", t.id) and t.name
    assert by_id("T1566").name == "Phishing"
    assert by_id("T1496").name == "Resource Hijacking"
    assert display_name("T1566.003") == "Phishing: Spearphishing via Service"
    assert display_name("T1204.002") == "User Execution: Malicious File"


def test_spans_point_at_the_phrase_and_follow_text_order():
    text = ("In the summer the group seized a company server and used it to mine Monero. "
            "Earlier it had neutralized the antivirus of the firm. Staff had received spear-phishing e-mails.")
    got = find_techniques(text)
    assert [t.attack_id for _, t in got] == ["T1496", "T1562", "T1566"]
    assert [s.of(text) for s, _ in got] == ["seized a company server and used it to mine",
                                            "neutralized the antivirus", "spear-phishing"]


def test_most_specific_technique_of_a_family_wins_on_overlap():
    text = "Developers got a phishing scheme disguised as an advert for a CTO position."
    assert ids_in(text) == ["T1566.003"]
    assert ids_in("They ran phishing websites.") == ["T1566", "T1583.001"]   # two families: both kept


def test_case_and_line_breaks_do_not_matter():
    assert ids_in("HACKERS HIJACKED\nTHE SERVERS TO MINE XMR") == ["T1496"]


def test_no_technique_in_plain_heist_news():
    text = ("Tokyo-based exchange Coincheck lost 523 million NEM coins on January 26, 2018, "
            "worth about 58 billion yen at the time. The company said it would repay customers.")
    assert find_techniques(text) == []


def test_shorthand_compiles_to_bounded_gaps():
    rx = compile_trigger("took <2>to mine")
    assert rx.search("took it over to mine") and not rx.search("took it over and then to mine")
    assert not rx.search("took it. Then to mine")   # the gap does not cross a sentence end


@pytest.mark.parametrize("hostile", ["mine " * 200_000, "hijacked " * 100_000 + "x" * 1_000_000,
                                     "private key " * 100_000, "a" * 2_000_000])
def test_linear_time_on_hostile_input(hostile):
    assert_linear_against_half(find_techniques, hostile)


@settings(max_examples=150, deadline=None)
@given(st.text())
def test_never_raises_and_spans_index_the_text(text):
    for span, tech in find_techniques(text):
        assert 0 <= span.start < span.end <= len(text)
        assert by_id(tech.attack_id) is not None


def test_one_keyword_scan_finds_the_techniques_each_keyword_search_finds() -> None:
    from heistwatch.reference.attack import present_techniques, techniques

    for text in ("Staff got phishing e-mails with a malicious attachment.", "The miners posed as recruiters.",
                 "cryptojacking malware and a password spray", "a Trusted third-party vendor", "nothing here", ""):
        low = text.lower()
        assert present_techniques(low) == [t for t in techniques() if t.present_in(low)]
