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
from heistwatch.reference.vocabulary import attack_nouns

PLATFORM_WORDS = (
    "exchange", "exchanges", "protocol", "finance", "network", "bridge", "wallet", "casino", "platform",
    "dao", "dex", "market", "markets", "swap", "lending", "chain", "hack", "hacks", "exploit", "heist",
    "breach", "attack", "hackers", "users", "customers", "defi", "team", "founder", "ceo", "smart", "contract",
    "contracts", "pools", "pool", "vault", "vaults", "token", "bridge's", "protocol's",
)


# a number just before a name (not a year): the name is a coin's ticker ("5,509,222.73 MIM", "4 million MIM
# tokens"), unless a noun follows that the number counts ("100 Bithumb customers")
_AMOUNT_BEFORE = re.compile(r"(?<![\w.,\-/:$€£¥])(?!(?:19|20)\d\d[ \t]+$)\d(?:[\d,]*\d)?(?:\.\d+)?"
                            r"(?:[ \t]*(?:[kKmMbB]n?|thousand|million|billion))?[ \t]+$")
_COUNTED_NOUN_AFTER = re.compile(r"[ \t\-]+(?!(?:tokens?|coins?|stablecoins?|and|or|to|from|in|on|at|of|by|for|with|into|as|"
                                 r"worth|valued|was|were|is|are|had|has|which|that|then|while)\b)[a-z]")
# "on (the) X": the place a protocol runs or an exploit happened, unless an attack noun owns the "on"
# ("the attack on Ronin" names the victim)
_LOCATION_BEFORE = re.compile(r"(?<![\w\-])(?i:on|in|across)\s+(?:the\s+)?(?:[A-Z][\w\-.]*(?:\s[A-Z][\w\-.]*)?"
                              r"(?:\s*,\s*|\s+(?:and|&|or)\s+|\s*,\s*and\s+)){0,3}$")
_ATTACK_ON = re.compile(rf"\b(?i:{attack_nouns(plural=True)}|{attack_nouns(plus=('compromise', 'robbery'))}|raids?)\s+(?i:on)\s+(?:the\s+)?"
                        r"(?:[A-Z][\w\-.]*(?:\s[A-Z][\w\-.]*)?(?:\s*,\s*|\s+(?:and|&|or)\s+|\s*,\s*and\s+)){0,3}$")
_CHAIN_WORD_AFTER = re.compile(r"[\s\-]+(?:network|chain|blockchain|mainnet|testnet|ecosystem|system|L2|layer[\s\-]?2)s?\b(?![\s\-]+(?:bridge|exchange))",
                               re.IGNORECASE)
# what a chain's name modifies when it tells where the victim's own part runs: "BSC and Polygon deployments"
_OWN_PART_AFTER = re.compile(r"(?:\s*(?:,|and|&|or)\s+[A-Z][\w\-.]*(?:\s[A-Z][\w\-.]*)?)*[\s\-]+(?:deployments?|versions?|"
                             r"markets?|pools?|vaults?|instances?|farms?|contracts?|liquidity\s+pools?)\b")
# before a known name written in lower case: a name it describes or an article ("Peapods yield protocol")
_DESCRIBED_BEFORE = re.compile(r"(?:(?<![\w\-])([A-Z][\w\-]*)|\b(?i:an?))[ \t]+$")
# capitalised words after a name that end in a word for a body of its own: "Binance Labs", "the HECO White Hat
# Security Alliance"
_ORG_AFTER = re.compile(r"(?:[ \t]+[A-Z][\w\-]*){0,3}[ \t]+(?:Alliance|Ventures|Research|Academy|Institute|Charity|Intelligence)\b")
# a name read with a chain word written in lower case ("the Heco chain's"): the word describes, the name is the chain's
_LOWER_CHAIN_WORD_END = re.compile(r"[\s\-](?:network|chain|blockchain|mainnet)$")
# a capitalised word beside a name: the name is part of a longer one ("DAO Maker", "XRP Ledger")
_CAP_WORD_AFTER = re.compile(r"[ \t]+([A-Z][\w\-]*)")
_CAP_WORD_BEFORE = re.compile(r"(?<![\w\-])([A-Z][\w\-]*)['’]?[ \t]+$")
_SENTENCE_OPENS = re.compile(r"(?:^|[.!?:;\n\"“(]|[.!?][\"”’)])[ \t]*$")
_WORD_AFTER = re.compile(r"[\s\-'’s]*([a-z]+)")
_WORD_BEFORE = re.compile(r"([A-Za-z]+)[\s\-]*$")


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


def _title_case(text: str, start: int, end: int) -> bool:
    """The words around a name written in Title Case (a headline): their capitals tell nothing."""
    lo = text.rfind("\n", max(0, start - 60), start) + 1 or max(0, start - 60)
    hi = text.find("\n", end, end + 60)
    words = re.findall(r"[A-Za-z][\w'’\-]*", text[lo : end + 60 if hi < 0 else hi])
    long = [w for w in words if len(w) > 3]
    return len(long) >= 3 and sum(1 for w in long if w[0].isupper()) / len(long) >= 0.75


def _beside_platform_word(text: str, start: int, end: int) -> bool:
    """A platform word next to a name: "Curve Finance", "the Stake casino", "crypto casino Stake"."""
    nxt = _WORD_AFTER.match(text[end : end + 24].lower())
    prv = _WORD_BEFORE.search(text, max(0, start - 24), start)
    return bool(nxt and nxt.group(1) in PLATFORM_WORDS) or bool(prv and prv.group(1).lower() in PLATFORM_WORDS)


def _name_before(text: str, start: int, pattern: re.Pattern[str], first_too: bool = False) -> bool:
    """``pattern`` (ending at ``start``) finds a capitalised word that is no article or kind word ("The",
    "DeFi") and (unless ``first_too``) no sentence's first word, or (its group 1 unset) an article it allows."""
    m = pattern.search(text, max(0, start - 40), start)
    if m is None:
        return False
    word = m.group(1)
    if word is None:
        return True
    return word.lower() not in ("the", "a", "an", "defi") and (
        first_too or not _SENTENCE_OPENS.search(text, max(0, m.start(1) - 4), m.start(1)))


def _in_longer_name(text: str, start: int, end: int) -> bool:
    """A capitalised word right before or after a name, not a platform word ("Curve Finance", "Maker DAO")
    and not a headline's Title Case: the name is part of a longer one ("DAO Maker", "XRP Ledger")."""
    cap_after = _CAP_WORD_AFTER.match(text, end, end + 40)
    longer = bool(cap_after and cap_after.group(1).lower() not in PLATFORM_WORDS) or _name_before(text, start, _CAP_WORD_BEFORE)
    return longer and not _title_case(text, start, end)


def told_as_platform(text: str, start: int, end: int, platform: Platform | None = None) -> bool:
    """Whether the known name at ``text[start:end]`` names the platform itself, not a coin counted
    ("5,509,222 MIM"), the chain where something ran ("exploited on the Heco network", "a protocol on
    Arbitrum") or, for a common-word alias, part of a longer name ("DAO Maker", "XRP Ledger wallets")."""
    platform = platform or lookup(text[start:end])
    if platform is None:
        return False
    if _AMOUNT_BEFORE.search(text, max(0, start - 24), start) and not _COUNTED_NOUN_AFTER.match(text, end, end + 40):
        return False
    if _LOCATION_BEFORE.search(text, max(0, start - 80), start) and (
            platform.kind == "chain" or _CHAIN_WORD_AFTER.match(text, end, end + 40)
            or _LOWER_CHAIN_WORD_END.search(text, start, end)) and not _ATTACK_ON.search(text, max(0, start - 80), start):
        return False
    if _ORG_AFTER.match(text, end, end + 80):
        return False   # "the HECO White Hat Security Alliance", "Binance Labs": another body bearing the name
    if platform.kind == "chain" and _OWN_PART_AFTER.match(text, end, end + 60):
        return False   # "the BSC and Polygon deployments", "its BNB Chain pools": the victim's own part on that chain
    surface = text[start:end]
    if surface.islower() and re.search(r"[\s\-]", surface) and _name_before(text, start, _DESCRIBED_BEFORE, first_too=True):
        return False   # "Peapods yield protocol", "a yield protocol": common words describing, not the capitalised name
    _, _, amb = _matcher()
    common = amb.get(surface) or any(_alias_key(a) == _alias_key(surface) for a in platform.ambiguous)
    return not (common and _in_longer_name(text, start, end))


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
        if amb.get(alias) and not _beside_platform_word(text, tok.start(), m_end):
            continue
        if not told_as_platform(text, tok.start(), m_end, p):
            continue
        out.append(PlatformMatch(tok.start(), m_end, p, surface))
        pos = m_end
    return out
