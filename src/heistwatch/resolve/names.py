"""Victim and actor names folded to keys, so one victim's spellings land in one block.

A victim key is the canonical platform name when the reference list knows the name or one of its
aliases ("Coincheck Inc." -> "coincheck", "Axie Infinity" -> "ronin network"); otherwise the
name folded to ASCII lower case with punctuation and generic words removed ("coincheck exchange"
-> "coincheck", "The Tokyo-based exchange Foo Inc." -> "foo tokyo"), its tokens sorted.

Two keys *link* when the tokens of one are a subset of the other's and the smaller key is
specific enough (a known platform, or a token of at least four letters that is not a generic
crypto word). Linked keys form one block (see :mod:`heistwatch.resolve.cluster`).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Words that say what kind of thing a victim is, not which one.
GENERIC_WORDS = frozenset(
    """
    the a an of and exchange exchanges crypto cryptocurrency cryptocurrencies network finance protocol
    bridge wallet wallets inc ltd llc co corp corporation company com platform labs lab group capital defi
    hot cold digital asset assets s based io org net market markets trading casino tokyo seoul
    japanese korean south north japan korea singapore hong kong us u uk global official limited
    virtual currency operator firm startup service services
    """.split()
)

# Tokens too common to join two blocks on their own ("Bitcoin Gold" and "DMM Bitcoin").
WEAK_TOKENS = frozenset(
    """
    bitcoin btc ethereum eth ether coin coins token tokens chain swap dex dao bit money pay cash
    finance one x pro first new smart
    """.split()
)

STATE_WORDS = {"north korea", "dprk", "pyongyang"}


def fold(text: str) -> str:
    """ASCII lower case, every run of non-alphanumerics one space."""
    s = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", " ", s).strip()


def _alias_key(alias: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", alias.lower())


@lru_cache(maxsize=1)
def _platform_index() -> dict[str, str]:
    """Folded alias -> canonical platform name (first platform by name wins, as in the reference)."""
    try:
        from heistwatch.reference.platforms import platforms
    except Exception:  # the reference module is optional for the pure resolver
        return {}
    index: dict[str, str] = {}
    table = platforms()
    for name in table:
        for alias in table[name].aliases:
            index.setdefault(_alias_key(alias), name)
    return index


def _platform_lookup():  # type: ignore[no-untyped-def]
    index = _platform_index()
    if not index:
        return None

    class _Hit:
        __slots__ = ("name",)

        def __init__(self, name: str) -> None:
            self.name = name

    def look(name: str):  # type: ignore[no-untyped-def]
        key = _alias_key(name)
        return _Hit(index[key]) if key in index else None

    return look


@lru_cache(maxsize=1)
def _parents() -> dict[str, str]:
    """Platform names that another platform lists as an alias ("Axie Infinity" -> "Ronin Network")."""
    try:
        from heistwatch.reference.platforms import platforms
    except Exception:
        return {}
    out: dict[str, str] = {}
    table = platforms()
    for name in sorted(table):
        for alias in table[name].aliases:
            if alias != name and alias in table and alias not in out:
                out[alias] = name
    return out


@lru_cache(maxsize=65536)
def known_platform(name: str) -> str | None:
    canon = _known_platform(name)
    return _parents().get(canon, canon) if canon else None


def _known_platform(name: str) -> str | None:
    """The reference list's canonical name for ``name`` (or a prefix before " / "), else None."""
    look = _platform_lookup()
    if look is None or not name:
        return None
    candidates = [name] + [part.strip() for part in re.split(r"\s+/\s+|\s*\(", name) if part.strip()]
    for cand in candidates:
        p = look(cand)
        if p is not None:
            return p.name
    # drop generic words and try again ("Coincheck exchange" -> "Coincheck")
    core = " ".join(t for t in fold(name).split() if t not in GENERIC_WORDS)
    if core and core != fold(name):
        p = look(core)
        if p is not None:
            return p.name
    return None


@lru_cache(maxsize=65536)
def platform_kind(name: str) -> str | None:
    """exchange, defi, bridge, wallet, ... for a known platform (None when unknown)."""
    canon = known_platform(name)
    if canon is None:
        return None
    try:
        from heistwatch.reference.platforms import platforms

        p = platforms().get(canon)
        return p.kind if p else None
    except Exception:
        return None


@lru_cache(maxsize=65536)
def victim_key(name: str) -> str:
    """The block key of a victim name (see module docstring); "" when nothing specific is left."""
    canon = known_platform(name)
    if canon is not None:
        return "p:" + fold(canon)
    tokens = sorted({t for t in fold(name).split() if t not in GENERIC_WORDS})
    if not tokens:
        tokens = sorted(set(fold(name).split()))
    return " ".join(tokens)


def key_tokens(key: str) -> frozenset[str]:
    return frozenset((key[2:] if key.startswith("p:") else key).split())


def can_anchor(key: str) -> bool:
    """May ``key`` join a longer key that contains all its tokens?"""
    if key.startswith("p:"):
        return True
    toks = key_tokens(key)
    return any(len(t) >= 4 and t not in WEAK_TOKENS and not t.isdigit() for t in toks)


def keys_link(a: str, b: str) -> bool:
    """Do two victim keys name the same victim (one's tokens within the other's)?"""
    if a == b:
        return True
    if a.startswith("p:") and b.startswith("p:"):
        return False          # two different known platforms stay apart
    ta, tb = key_tokens(a), key_tokens(b)
    if not ta or not tb:
        return False
    if ta < tb:
        return can_anchor(a)
    if tb < ta:
        return can_anchor(b)
    return False


@lru_cache(maxsize=4096)
def actor_name(name: str) -> str:
    """Canonical actor name from the reference list ("Hidden Cobra" -> "Lazarus Group")."""
    try:
        from heistwatch.reference import actors

        return actors.canonical(name)
    except Exception:
        return name.strip()


def actor_key(name: str) -> str:
    return fold(actor_name(name))


@lru_cache(maxsize=4096)
def claimant_key(claimant: str | None) -> str | None:
    """Fold a claimant so the same agency quoted by several outlets counts once.

    "South Korea's National Intelligence Service", "the NIS" and "National Intelligence Service
    (NIS)" all become "national intelligence service"; acronyms in parentheses are dropped and
    a few well-known acronyms are expanded.
    """
    if not claimant:
        return None
    s = re.sub(r"\([^)]*\)", " ", claimant)
    f = fold(s)
    f = re.sub(r"^(the|a|an)\s+", "", f)
    f = re.sub(r"^(south korea s|south korean|u s|us|united states|american|japan s|japanese)\s+", "", f)
    expand = {
        "nis": "national intelligence service",
        "fbi": "federal bureau of investigation",
        "npa": "national police agency",
        "knpa": "korean national police agency",
        "ofac": "office of foreign assets control",
        "doj": "department of justice",
        "un": "united nations",
    }
    f = expand.get(f, f)
    return f or None


# Claimants whose word carries official weight (state bodies). Matched on the folded claimant.
_OFFICIAL = re.compile(
    r"\b(intelligence|police|fbi|federal bureau|ministry|department|treasury|government|agency|"
    r"prosecutor|court|national|military|united nations|un panel|ofac|cisa|nsa|bureau|authorities|"
    r"regulator|commission|lawmaker|parliament|minister|officials?)\b"
)
_SECURITY_FIRM = re.compile(
    r"\b(security|chainalysis|elliptic|trm|mandiant|kaspersky|symantec|crowdstrike|microsoft|google|"
    r"recorded future|group ib|certik|peckshield|slowmist|zachxbt|researchers?|analysts?|firm|labs?)\b"
)


def claimant_class(claimant: str | None) -> str:
    """official | security | company | anonymous | unknown (see attribution weights)."""
    if not claimant:
        return "unknown"
    f = fold(claimant)
    if re.search(r"\b(anonymous|unnamed|people familiar|sources?|insiders?|rumou?rs?)\b", f):
        return "anonymous"
    if _OFFICIAL.search(f):
        return "official"
    if _SECURITY_FIRM.search(f):
        return "security"
    return "company"
