"""The shared word tables (heistwatch.reference.vocabulary): one table read by the rules of extract and resolve."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from heistwatch.reference.vocabulary import attack_nouns, plurals, stems, words


def test_a_subset_keeps_the_table_order_whatever_order_it_is_asked_in() -> None:
    assert attack_nouns() == "hack|attack|breach|theft|heist|exploit|incident"
    assert attack_nouns(plus=("raid", "hacking"), minus=("incident",)) == "hack|hacking|attack|breach|theft|heist|exploit|raid"


def test_a_word_missing_from_the_table_fails_loudly() -> None:
    with pytest.raises(KeyError):
        attack_nouns(plus=("rugpul",))      # a typo must not silently drop the word
    with pytest.raises(KeyError):
        words("attack_noun", minus=("heists",))


def test_plurals_of_the_nouns_are_spelled_as_english_writes_them() -> None:
    assert plurals(("hack", "breach", "theft", "robbery", "day")) == ("hacks", "breaches", "thefts", "robberies", "days")
    assert attack_nouns(plural=True) == "hacks|attacks|breaches|thefts|heists|exploits|incidents"


def test_stems_find_what_the_full_list_finds() -> None:
    ws = words("attack_noun") + ("robb", "compromis")
    assert "hacking" not in stems(ws) and "robbery" not in stems(ws) and "hack" in stems(ws)
    full = re.compile(r"\b(?:" + "|".join(ws) + ")", re.I)
    short = re.compile(r"\b(?:" + "|".join(stems(ws)) + ")", re.I)
    for s in ("Hackers robbed the shop.", "a robbery at night", "the compromised keys", "a quiet day",
              "the raiders left", "an incidental remark", "nothing was drained"):
        assert bool(full.search(s)) == bool(short.search(s)), s


# A word added to the shared table's core set, seen by an extractor rule and by the resolver's attack-sentence test.
_ADDED_WORD = textwrap.dedent("""
    from heistwatch.reference import vocabulary
    tables = vocabulary._tables()
    patched = dict(tables, attack_noun=tables["attack_noun"] + (("rugpull", frozenset({"core"})),))
    vocabulary._tables = lambda: patched
    from heistwatch.extract import incidents, pipeline
    from heistwatch.resolve import attribution
    print(bool(pipeline._THIS_ATTACK.search("Users lost savings in the rugpull.")),
          bool(incidents._ONE_INCIDENT_REF.search("after this rugpull, users fled")),
          bool(incidents.AGGREGATE_CUE.search("Thieves took $2 billion across 30 separate rugpulls.")),
          bool(attribution.ATTACK_WORDS.search("Analysts tie the rugpulls to one crew.")))
""")


def _run(code: str) -> str:
    src = Path(__file__).resolve().parents[2] / "src"
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(src), os.environ.get("PYTHONPATH")])))
    return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True).stdout.split()


def test_a_word_added_to_the_shared_table_reaches_extract_and_resolve() -> None:
    assert _run(_ADDED_WORD) == ["True", "True", "True", "True"]
    # (and without it, none of them knows the word)
    assert _run(_ADDED_WORD.replace('("rugpull", frozenset({"core"})),', "")) == ["False", "False", "False", "False"]


# A verb of telling added to the shared table: the day next to it is the day told, for extract's date scores
# ("On Monday, the exchange trumpeted ...") and for resolve's statement_date alike.
_ADDED_VERB = textwrap.dedent("""
    from heistwatch.reference import vocabulary
    tables = vocabulary._tables()
    patched = dict(tables, telling_verb=tables["telling_verb"] + (("trumpeted", frozenset({"telling", "claim"})),))
    vocabulary._tables = lambda: patched
    from heistwatch.extract import actors, pipeline
    from heistwatch.resolve.cluster import statement_date
    text = "The exchange trumpeted on Monday that its coins were safe."
    i = text.index("Monday")
    print(bool(pipeline._REPORTING_AFTER.match(", Minerco trumpeted that")),
          statement_date(text, i, i + len("Monday")),
          bool(actors._SPEECH_END.search("analysts trumpeted")))
""")


def test_a_verb_of_telling_added_to_the_shared_table_dates_statements_in_extract_and_resolve() -> None:
    assert _run(_ADDED_VERB) == ["True", "True", "True"]
    assert _run(_ADDED_VERB.replace('("trumpeted", frozenset({"telling", "claim"})),', "")) == ["False", "False", "False"]


def test_the_official_bodies_are_the_ones_whose_word_is_a_finding() -> None:
    official = set(words("claimant_noun", "official"))
    assert {"police", "FBI", "prosecutors", "court"} <= official
    assert not official & {"analysts", "researchers"}   # analysts suspect; officials find


# A verb of taking added to the shared core: a victim is read from "... <verb> $5 million from Zumo".
_ADDED_THEFT_VERB = textwrap.dedent("""
    from heistwatch.reference import vocabulary
    tables = vocabulary._tables()
    patched = dict(tables, theft_verb=tables["theft_verb"] + (("pinched", frozenset({"core"})),))
    vocabulary._tables = lambda: patched
    from heistwatch.extract.victims import find_victim_candidates
    from heistwatch.extract import money
    text = "Hackers pinched $5 million from Zumo on Monday."
    print([v.name for v in find_victim_candidates(text, patterns={"stolen-from-name"})] == ["Zumo"],
          bool(money._FINITE_THEFT.search(text)))
""")


def test_a_verb_of_taking_added_to_the_shared_table_reaches_the_victim_and_money_rules() -> None:
    assert _run(_ADDED_THEFT_VERB) == ["True", "True"]
    assert _run(_ADDED_THEFT_VERB.replace('("pinched", frozenset({"core"})),', "")) == ["False", "False"]


# A finding added to the shared table: extract reads "In May, police impounded ..." as the day of a later finding,
# and resolve reads a sentence with it as telling what followed the heist.
_ADDED_FINDING = textwrap.dedent("""
    from heistwatch.reference import vocabulary
    tables = vocabulary._tables()
    patched = dict(tables, telling_verb=tables["telling_verb"] + (("impounded", frozenset({"finding"})),))
    vocabulary._tables = lambda: patched
    from heistwatch.extract import pipeline
    from heistwatch.resolve import cluster
    print(bool(pipeline._AUTHORITY_TOLD.match(", police impounded the coins")),
          bool(cluster.FOLLOW_UP.search("Police impounded the coins in May.")))
""")


def test_a_finding_added_to_the_shared_table_reaches_extract_dates_and_resolve_follow_ups() -> None:
    assert _run(_ADDED_FINDING) == ["True", "True"]
    assert _run(_ADDED_FINDING.replace('("impounded", frozenset({"finding"})),', "")) == ["False", "False"]
