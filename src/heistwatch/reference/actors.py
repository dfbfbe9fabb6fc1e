"""Threat actors with their aliases, country and ATT&CK group id (data in ``data/actors.tsv``)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from heistwatch.extract.text import Folded, finditer_at, word_starts


@dataclass(frozen=True, slots=True)
class Actor:
    name: str
    country: str | None
    state: bool                  # a state itself ("North Korea"), not a named group
    attack_id: str | None
    parent: str | None
    aliases: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ActorMatch:
    start: int
    end: int
    actor: Actor
    surface: str


@lru_cache(maxsize=1)
def actors() -> dict[str, Actor]:
    text = resources.files("heistwatch.reference").joinpath("data/actors.tsv").read_text("utf-8")
    out: dict[str, Actor] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#") or line.startswith("name\t"):
            continue
        cols = line.split("\t") + [""] * 6
        name, country, state, attack_id, parent, aliases = cols[:6]
        al = [name] + [a.strip() for a in aliases.split(";") if a.strip()]
        out[name] = Actor(name, None if country in ("", "-") else country, state == "yes",
                          None if attack_id in ("", "-") else attack_id, None if parent in ("", "-") else parent,
                          tuple(dict.fromkeys(al)))
    return out


def _fold(s: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", s.lower()).strip()


@lru_cache(maxsize=1)
def _index() -> tuple[re.Pattern[str], dict[str, Actor]]:
    by_key: dict[str, Actor] = {}
    for a in actors().values():
        for alias in a.aliases:
            by_key.setdefault(_fold(alias), a)
    parts = []
    for alias in sorted({al for a in actors().values() for al in a.aliases}, key=lambda s: (-len(s), s)):
        body = re.escape(alias).replace(r"\ ", r"[\s\-]?")
        # short all-caps aliases (RGB, DPRK) must be written in capitals
        parts.append(f"(?-i:{body})" if alias.isupper() and len(alias) <= 4 else body)
    return re.compile(r"(?<![\w])(?:" + "|".join(parts) + r")(?![\w])", re.IGNORECASE), by_key


def lookup(name: str) -> Actor | None:
    return _index()[1].get(_fold(name))


def canonical(name: str) -> str:
    a = lookup(name)
    return a.name if a else name


def is_north_korean(name: str) -> bool:
    a = lookup(name)
    return bool(a and a.country == "KP")


@lru_cache(maxsize=1)
def _starts() -> Folded:
    """Where an alias can begin: a word starting with its first letters (the alternation is tried only there)."""
    return word_starts(alias.split()[0][:5] for a in actors().values() for alias in a.aliases)


def find_actors(text: str, start: int = 0, end: int | None = None) -> list[ActorMatch]:
    pattern, by_key = _index()
    end = len(text) if end is None else end
    out = []
    starts = (s.start() for s in _starts().finditer(text, start, end))
    for m in finditer_at(pattern, starts, text, start, end):   # = pattern.finditer(text, start, end)
        a = by_key.get(_fold(m.group(0)))
        if a:
            out.append(ActorMatch(m.start(), m.end(), a, m.group(0)))
    return out
