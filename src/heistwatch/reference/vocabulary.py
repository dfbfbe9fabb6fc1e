"""Words that several rules of extract and resolve share (data in ``data/vocabulary.tsv``).

The rules compile their own patterns; this module gives them the words, in the table's order, as the
body of a regex alternation (``"hack|attack|..."``). A rule that needs fewer or more words than a table's
tagged set names them (``plus``/``minus``), so the difference shows where the rule is written. Most such
differences are the words each rule was written and measured with, not a finding that the rule needs
them: they were kept as they were so that output does not change, and widening one is a change of
output to be measured on its own.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=1)
def _tables() -> dict[str, tuple[tuple[str, frozenset[str]], ...]]:
    text = resources.files("heistwatch.reference").joinpath("data/vocabulary.tsv").read_text("utf-8")
    out: dict[str, list[tuple[str, frozenset[str]]]] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t") + [""]
        table, word, tags = cols[0], cols[1], cols[2]
        out.setdefault(table, []).append((word, frozenset(t for t in tags.split(",") if t)))
    return {t: tuple(rows) for t, rows in out.items()}


def words(table: str, tag: str | None = None, plus: Iterable[str] = (), minus: Iterable[str] = ()) -> tuple[str, ...]:
    """The words of ``table`` (those tagged ``tag``, or all), with ``plus`` and without ``minus``, in the
    table's order. Every word of ``plus`` and ``minus`` must be in the table (a typo fails at import)."""
    rows = _tables()[table]
    known = {w for w, _ in rows}
    plus, minus = set(plus), set(minus)
    unknown = (plus | minus) - known
    if unknown:
        raise KeyError(f"not in vocabulary table {table!r}: {sorted(unknown)}")
    return tuple(w for w, tags in rows if (tag is None or tag in tags or w in plus) and w not in minus)


def alternation(table: str, tag: str | None = None, plus: Iterable[str] = (), minus: Iterable[str] = ()) -> str:
    """``words(...)`` joined with ``|``: the body of a ``(?:...)`` group."""
    return "|".join(words(table, tag, plus, minus))


def attack_nouns(plus: Iterable[str] = (), minus: Iterable[str] = (), plural: bool = False) -> str:
    """The core nouns that name an attack or a theft ("hack|attack|breach|theft|heist|exploit|incident"),
    with ``plus`` and without ``minus`` (named in the singular); ``plural``: their plurals ("hacks|attacks|...")."""
    ws = words("attack_noun", "core", plus, minus)
    return "|".join(plurals(ws) if plural else ws)


def plurals(words: Iterable[str]) -> tuple[str, ...]:
    """The English plurals of plain nouns: "breach" -> "breaches", "robbery" -> "robberies", "hack" -> "hacks"."""
    out = []
    for w in words:
        if w.endswith(("s", "x", "z", "ch", "sh")):
            out.append(w + "es")
        elif w.endswith("y") and w[-2:-1] not in ("a", "e", "i", "o", "u"):
            out.append(w[:-1] + "ies")
        else:
            out.append(w + "s")
    return tuple(out)


def stems(words: Iterable[str]) -> tuple[str, ...]:
    """``words`` without those another of them begins ("hacking" after "hack"): the same set of texts for a
    pattern that searches them as word beginnings (``\\b(?:...)`` with no boundary after)."""
    ws = tuple(words)
    return tuple(w for w in ws if not any(s != w and w.startswith(s) for s in ws))
