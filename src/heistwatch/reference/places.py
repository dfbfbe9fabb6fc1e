"""Countries, regions and their adjectives (data in ``data/places.tsv``).

News names a platform's home next to the platform ("an Italian exchange", "Indodax in Indonesia lost",
"a Turkish platform"): such words are places or nationalities, never the victim itself.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=1)
def _rows() -> tuple[tuple[str, tuple[str, ...]], ...]:
    text = resources.files("heistwatch.reference").joinpath("data/places.tsv").read_text("utf-8")
    rows = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t") + [""]
        rows.append((cols[0].strip(), tuple(d.strip() for d in cols[1].split(";") if d.strip())))
    return tuple(rows)


def place_names_alternation() -> str:
    """The place names as written (capitalised, longest first), as the body of a case-sensitive regex group."""
    names = sorted({n for n, _ in _rows()}, key=lambda n: (-len(n), n))
    return "|".join(re.escape(n).replace(r"\ ", r"\s") for n in names)


@lru_cache(maxsize=1)
def _table() -> tuple[frozenset[str], frozenset[str]]:
    names: set[str] = set()
    adjectives: set[str] = set()
    for name, adjs in _rows():
        names.add(" ".join(name.lower().split()))
        adjectives.update(" ".join(d.lower().split()) for d in adjs)
    return frozenset(names), frozenset(adjectives)


@lru_cache(maxsize=1)
def place_words() -> frozenset[str]:
    """Every place name and adjective of the table, lower case ("italy", "italian", "south korea")."""
    names, adjectives = _table()
    return names | adjectives


def is_place(phrase: str) -> bool:
    """Whether ``phrase`` (any case) is a country, a region or their adjective ("Italian", "South Korea")."""
    return " ".join(phrase.lower().strip(".,'’").split()) in place_words()


def is_demonym(word: str) -> bool:
    """Whether ``word`` is the adjective of a place ("Italian", "Japanese", "South Korean"): unlike a
    country's name ("Jordan", "Chad"), never the first word of a person's or a company's own name."""
    return " ".join(word.lower().strip(".,'’").split()) in _table()[1]
