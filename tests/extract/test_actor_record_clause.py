"""A relative clause telling an actor's record ("..., which has targeted exchanges in Asia for years") does not make
a hedged attribution to the story's incident a tally of many thefts."""

from __future__ import annotations

from datetime import date
from functools import partial

from extract_probes import stances_by_victim

_actors = partial(stances_by_victim, published=date(2024, 9, 12))


def test_a_hedged_tie_followed_by_the_groups_record_still_names_the_suspect():
    got = _actors("Kraken shuts platform after $22 million hot wallet breach\n\nKraken lost about $22 million from "
                  "its hot wallets on Wednesday. Some blockchain analysts said the way the funds were moved resembled "
                  "previous attacks attributed to the Lazarus Group, which has targeted exchanges in Asia for years.")
    assert got["Kraken"].get("Lazarus Group") == "suspected"


def test_a_tally_sentence_without_such_a_clause_names_no_suspect_for_the_story():
    got = _actors("Kraken shuts platform after $22 million hot wallet breach\n\nKraken lost about $22 million from "
                  "its hot wallets on Wednesday. Analysts believe the Lazarus Group stole from exchanges in Asia "
                  "for years.")
    assert "Lazarus Group" not in got["Kraken"]
