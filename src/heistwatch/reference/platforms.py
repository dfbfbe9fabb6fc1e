"""Known victim platforms (exchanges, DeFi protocols, bridges, wallets, companies) and a matcher.

The list lives in ``data/platforms.tsv``; this module only loads it and finds the names in text.
Aliases marked ``~`` in the file are ordinary English words ("Curve", "Stake", "Nomad"): they count
only when written capitalised and not at the start of a sentence, or next to a platform word
("Curve Finance", "the Stake casino").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from heistwatch.extract.model import IncidentType
from heistwatch.extract.text import longest_trie, lowered

PLATFORM_WORDS = (
    "exchange", "exchanges", "protocol", "finance", "network", "bridge", "wallet", "casino", "platform",
    "dao", "dex", "market", "markets", "swap", "lending", "chain", "hack", "hacks", "exploit", "heist",
    "breach", "attack", "hackers", "users", "customers", "defi", "team", "founder", "ceo", "smart", "contract",
    "contracts", "pools", "pool", "vault", "vaults", "token", "bridge's", "protocol's",
)


@dataclass(frozen=True, slots=True)
class Platform:
    name: str
    kind: str
    type: IncidentType
    country: str | None
    aliases: tuple[str, ...]
    ambiguous: frozenset[str]   # aliases that are common words


@dataclass(frozen=True, slots=True)
class PlatformMatch:
    start: int
    end: int
    platform: Platform
    surface: str


def _read_rows() -> list[list[str]]:
    text = resources.files("heistwatch.reference").joinpath("data/platforms.tsv").read_text("utf-8")
    rows = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#") or line.startswith("name\t"):
            continue
        cols = line.split("\t")
        cols += [""] * (5 - len(cols))
        rows.append(cols)
    return rows


@lru_cache(maxsize=1)
def platforms() -> dict[str, Platform]:
    """Canonical name -> Platform; rows naming the same platform twice are merged (first row wins the type)."""
    merged: dict[str, tuple[list[str], list[str], set[str]]] = {}
    for name, kind, typ, country, aliases in _read_rows():
        entry = merged.setdefault(name, ([kind, typ, country], [], set()))
        for a in [name, *aliases.split(";")]:
            a = a.strip()
            if not a:
                continue
            amb = a.startswith("~")
            a = a.lstrip("~")
            if amb:
                entry[2].add(a)
            if a not in entry[1]:
                entry[1].append(a)
    out: dict[str, Platform] = {}
    for name in sorted(merged):
        (kind, typ, country), aliases, amb = merged[name]
        try:
            itype = IncidentType(typ)
        except ValueError:
            itype = IncidentType.OTHER
        out[name] = Platform(name, kind, itype, None if country in ("", "-") else country, tuple(aliases),
                             frozenset(amb))
    return out


@lru_cache(maxsize=4096)
def _alias_key(alias: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", alias.lower())


_TOKEN = re.compile(r"(?<![\w.])[A-Za-z0-9]+")


@lru_cache(maxsize=1)
def _matcher() -> tuple[dict[str, list[tuple[re.Pattern[str], str]]], dict[str, Platform], dict[str, bool]]:
    """Aliases indexed by their first word (lower case), each with an anchored pattern.

    Scanning words and trying only the aliases that start with each word is far faster than one
    alternation of hundreds of names, and stays linear in the text.
    """
    by_alias: dict[str, Platform] = {}
    amb: dict[str, bool] = {}
    for p in platforms().values():
        for a in p.aliases:
            by_alias.setdefault(a, p)
            amb[a] = a in p.ambiguous
    index: dict[str, list[tuple[re.Pattern[str], str]]] = {}
    for a in sorted(by_alias, key=lambda s: (-len(s), s)):
        first = _TOKEN.search(a)
        if first is None:
            continue
        body = re.escape(a).replace(r"\ ", r"[\s\-]?").replace(r"\.", r"\.?")
        exact = amb[a] or (not any(c.isupper() for c in a[1:]) and len(a) <= 4)
        pattern = re.compile(body + r"(?![\w])", 0 if exact else re.IGNORECASE)
        # "MtGox" is found from the word "mtgox", "Mt. Gox" from "mt"
        keys = {first.group(0).lower(), re.sub(r"[^a-z0-9]+", "", a.lower())}
        for key in keys:
            index.setdefault(key, []).append((pattern, a))
    return index, by_alias, amb


@lru_cache(maxsize=1)
def _by_key() -> dict[str, Platform]:
    _, by_alias, _ = _matcher()
    out: dict[str, Platform] = {}
    for a, p in by_alias.items():
        out.setdefault(_alias_key(a), p)
    return out


def lookup(name: str) -> Platform | None:
    """The platform a name or alias refers to (case and punctuation folded), or None."""
    return _by_key().get(_alias_key(name))


@lru_cache(maxsize=1)
def _key_scan() -> re.Pattern[str]:
    """On lowered text: the tokens (as _TOKEN reads them) that are index keys, one trie-shaped alternation."""
    index, _, _ = _matcher()
    return re.compile(rf"(?<![\w.]){longest_trie(set(index))}(?![a-z0-9])")


def find_platforms(text: str, start: int = 0, end: int | None = None) -> list[PlatformMatch]:
    """Known platforms named in ``text[start:end]`` (spans index ``text``)."""
    index, _, amb = _matcher()
    end = len(text) if end is None else end
    out: list[PlatformMatch] = []
    pos = start
    low = lowered(text)
    # the words to look up: every token (_TOKEN), or on the lowered text only those that are index keys
    tokens = _TOKEN.finditer(text, start, end) if low is None else _key_scan().finditer(low, start, end)
    for tok in tokens:
        if tok.start() < pos:
            continue
        cands = index.get(text[tok.start() : tok.end()].lower())
        if not cands:
            continue
        best: tuple[int, str] | None = None
        for pattern, alias in cands:
            m = pattern.match(text, tok.start(), end)
            if m and (best is None or m.end() > best[0]):
                best = (m.end(), alias)
        if best is None:
            continue
        m_end, alias = best
        surface = text[tok.start() : m_end]
        p = lookup(surface) or lookup(alias)
        if p is None:
            continue
        if amb.get(alias):
            after = text[m_end : m_end + 24].lower()
            before = text[max(0, tok.start() - 24) : tok.start()].lower()
            nxt = re.match(r"[\s\-'’s]*([a-z]+)", after)
            prv = re.search(r"([a-z]+)[\s\-]*$", before)
            beside = (nxt and nxt.group(1) in PLATFORM_WORDS) or (prv and prv.group(1) in PLATFORM_WORDS)
            if not beside:
                continue
        out.append(PlatformMatch(tok.start(), m_end, p, surface))
        pos = m_end
    return out
