"""MITRE ATT&CK techniques that heist reporting describes, loaded from ``data/attack_techniques.json``.

The data file holds, for each technique, its ATT&CK id and name, the phrases (regular expressions)
that signal it in prose, and example sentences that must and must not match. This module only
loads and compiles; :mod:`heistwatch.extract.techniques` applies them.

Pattern shorthand in the data: a space is any run of whitespace, ``<N>`` is up to N words with no
sentence punctuation between them. Every pattern is matched case-insensitively on word boundaries.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from heistwatch.extract.text import longest_trie

_GAP = re.compile(r"<(\d{1,2})>")


@dataclass(frozen=True, slots=True)
class AttackTechnique:
    id: str                          # "T1566.001"
    name: str                        # ATT&CK's own name: "Spearphishing Attachment"
    parent: str | None               # "T1566" for a sub-technique
    keywords: tuple[str, ...]        # lower-case substrings; one must occur before triggers are tried
    triggers: tuple[re.Pattern[str], ...]
    combined: re.Pattern[str]        # all triggers in one alternation: one pass over the text
    must_match: tuple[str, ...]
    must_not_match: tuple[str, ...]

    def __post_init__(self) -> None:
        if not re.fullmatch(r"T\d{4}(?:\.\d{3})?", self.id):
            raise ValueError(f"not an ATT&CK technique id: {self.id!r}")
        if "." in self.id and self.parent != self.id.split(".")[0]:
            raise ValueError(f"{self.id}: parent must be {self.id.split('.')[0]}, got {self.parent!r}")
        if not self.triggers:
            raise ValueError(f"{self.id}: no triggers")

    @property
    def family(self) -> str:
        """The top-level technique id ("T1566" for T1566.001)."""
        return self.id.split(".")[0]

    @property
    def url(self) -> str:
        return "https://attack.mitre.org/techniques/" + self.id.replace(".", "/")

    def present_in(self, lowered: str) -> bool:
        return not self.keywords or any(k in lowered for k in self.keywords)


def compile_trigger(pattern: str) -> re.Pattern[str]:
    """Expand the data file's shorthand and compile with word boundaries, case-insensitive."""
    body = _GAP.sub(lambda m: r"(?:[^\s.;!?]++\s+){0," + m.group(1) + "}", pattern)
    body = body.replace(" ", r"\s+")
    return re.compile(rf"(?<![\w])(?:{body})(?![\w])", re.IGNORECASE)


def _parse(data: dict) -> tuple[AttackTechnique, ...]:
    out = []
    for t in data["techniques"]:
        out.append(
            AttackTechnique(
                id=t["id"],
                name=t["name"],
                parent=t.get("parent"),
                keywords=tuple(k.lower() for k in t.get("keywords", [])),
                triggers=tuple(compile_trigger(p) for p in t["triggers"]),
                combined=compile_trigger("|".join(f"(?:{p})" for p in t["triggers"])),
                must_match=tuple(t.get("must_match", [])),
                must_not_match=tuple(t.get("must_not_match", [])),
            )
        )
    ids = [t.id for t in out]
    if len(set(ids)) != len(ids):
        raise ValueError("duplicate technique ids in attack_techniques.json")
    return tuple(out)


@lru_cache(maxsize=1)
def techniques() -> tuple[AttackTechnique, ...]:
    """All techniques in the data file, in file order."""
    raw = resources.files("heistwatch.reference").joinpath("data/attack_techniques.json").read_text("utf-8")
    return _parse(json.loads(raw))


@lru_cache(maxsize=1)
def _by_id() -> dict[str, AttackTechnique]:
    return {t.id: t for t in techniques()}


@lru_cache(maxsize=1)
def _keyword_scanner() -> tuple[re.Pattern[str], dict[str, frozenset[str]]]:
    """Every technique's keywords in one trie (the longest keyword at a position), and for each keyword
    the keywords it begins with: a keyword found stands for those too."""
    words = {k for t in techniques() for k in t.keywords if k}
    return re.compile(longest_trie(words)), {w: frozenset(k for k in words if w.startswith(k)) for w in words}


def present_techniques(lowered: str) -> list[AttackTechnique]:
    """The techniques, in file order, for which ``t.present_in(lowered)`` holds.

    One scan finds the keywords of all techniques (at every position where one begins, the longest),
    which is several times cheaper than a substring search per keyword and technique."""
    rx, begins = _keyword_scanner()
    found: set[str] = set()
    m = rx.search(lowered)
    while m is not None:
        found |= begins[m.group()]
        m = rx.search(lowered, m.start() + 1)
    return [t for t in techniques() if not t.keywords or "" in t.keywords or not found.isdisjoint(t.keywords)]


def by_id(attack_id: str) -> AttackTechnique | None:
    return _by_id().get(attack_id)


# Parent names for sub-techniques whose parent has no triggers of its own.
PARENT_NAMES = {"T1204": "User Execution", "T1552": "Unsecured Credentials", "T1583": "Acquire Infrastructure",
                "T1566": "Phishing", "T1195": "Supply Chain Compromise"}


def display_name(attack_id: str) -> str:
    """"Phishing: Spearphishing Attachment" for a sub-technique, the plain name otherwise."""
    t = by_id(attack_id)
    if t is None:
        return attack_id
    if t.parent:
        parent = by_id(t.parent)
        pname = parent.name if parent else PARENT_NAMES.get(t.parent, t.parent)
        return f"{pname}: {t.name}"
    return t.name
