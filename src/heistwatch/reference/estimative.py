"""Words of estimative probability (ICD 203) and hedge phrases that carry an attribution's stance."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from heistwatch.extract.model import Stance
from heistwatch.extract.text import folded


@dataclass(frozen=True, slots=True)
class Level:
    word: str
    low: float
    high: float
    synonyms: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Hedge:
    phrase: str
    stance: Stance
    word: str


@dataclass(frozen=True, slots=True)
class HedgeMatch:
    start: int
    end: int
    hedge: Hedge


@lru_cache(maxsize=1)
def _data() -> dict:
    return json.loads(resources.files("heistwatch.reference").joinpath("data/estimative.json").read_text("utf-8"))


@lru_cache(maxsize=1)
def scale() -> tuple[Level, ...]:
    return tuple(Level(s["word"], s["low"], s["high"], tuple(s.get("synonyms", ()))) for s in _data()["scale"])


@lru_cache(maxsize=1)
def hedges() -> tuple[Hedge, ...]:
    return tuple(Hedge(h["phrase"], Stance(h["stance"]), h["word"]) for h in _data()["hedges"])


def level(word: str) -> Level | None:
    w = word.lower().strip()
    for lv in scale():
        if w == lv.word or w in lv.synonyms:
            return lv
    return None


def probability_range(word: str) -> tuple[float, float] | None:
    lv = level(word)
    return (lv.low, lv.high) if lv else None


@lru_cache(maxsize=1)
def _pattern() -> tuple[re.Pattern[str], dict[str, Hedge]]:
    by = {h.phrase: h for h in hedges()}
    alts = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in sorted(by, key=lambda s: (-len(s), s)))
    return re.compile(rf"(?<!\w)(?:{alts})(?!\w)", re.IGNORECASE), by


def find_hedges(text: str, start: int = 0, end: int | None = None) -> list[HedgeMatch]:
    pattern, by = _pattern()
    end = len(text) if end is None else end
    out = []
    for m in folded(pattern).finditer(text, start, end):   # = pattern.finditer: same spans, the words lower-cased
        key = " ".join(m.group(0).lower().split())
        h = by.get(key)
        if h:
            out.append(HedgeMatch(m.start(), m.end(), h))
    return out
