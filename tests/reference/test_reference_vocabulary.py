"""The shared word tables (heistwatch.reference.vocabulary): one table read by the rules of extract and resolve."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from heistwatch.reference.vocabulary import attack_nouns, stems, words


def test_a_subset_keeps_the_table_order_whatever_order_it_is_asked_in() -> None:
    assert attack_nouns() == "hack|attack|breach|theft|heist|exploit|incident"
    assert attack_nouns(plus=("raid", "hacking"), minus=("incident",)) == "hack|hacking|attack|breach|theft|heist|exploit|raid"


def test_a_word_missing_from_the_table_fails_loudly() -> None:
    with pytest.raises(KeyError):
        attack_nouns(plus=("rugpul",))      # a typo must not silently drop the word
    with pytest.raises(KeyError):
        words("attack_noun", minus=("heists",))


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
          bool(attribution.ATTACK_WORDS.search("Analysts tie the rugpulls to one crew.")))
""")


def _run(code: str) -> str:
    src = Path(__file__).resolve().parents[2] / "src"
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(src), os.environ.get("PYTHONPATH")])))
    return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True).stdout.split()


def test_a_word_added_to_the_shared_table_reaches_extract_and_resolve() -> None:
    assert _run(_ADDED_WORD) == ["True", "True", "True"]
    # (and without it, none of them knows the word)
    assert _run(_ADDED_WORD.replace('("rugpull", frozenset({"core"})),', "")) == ["False", "False", "False"]
