"""ATT&CK techniques named or described in report text.

``find_techniques(text)`` applies the trigger table of :mod:`heistwatch.reference.attack` and returns
``(Span, Technique)`` pairs in text order, the span being the phrase that signals the technique.
Where matches of one technique family overlap ("a phishing scheme disguised as a job advert" is
both T1566 and T1566.003), the most specific, then the longest, is kept; matches of different
families may overlap (a "phishing website" is T1566 and T1583.001).
"""

from __future__ import annotations

from heistwatch.extract.model import Span, Technique
from heistwatch.extract.text import started
from heistwatch.reference.attack import AttackTechnique, present_techniques


def _candidates(text: str) -> list[tuple[int, int, AttackTechnique]]:
    found: list[tuple[int, int, AttackTechnique]] = []
    for t in present_techniques(text.lower()):   # = those t with t.present_in(text.lower())
        for m in started(t.combined).finditer(text):   # = t.combined.finditer(text)
            if m.end() > m.start():
                found.append((m.start(), m.end(), t))
    return found


def find_techniques(text: str) -> list[tuple[Span, Technique]]:
    """Every technique the text signals, with the span of the phrase that signals it."""
    cands = _candidates(text)
    # best first: more specific (sub-technique), then longer, then earlier, then id (deterministic)
    cands.sort(key=lambda c: (-c[2].id.count("."), -(c[1] - c[0]), c[0], c[2].id))
    kept: list[tuple[int, int, AttackTechnique]] = []
    for s, e, t in cands:
        if any(k[2].family == t.family and s < k[1] and k[0] < e for k in kept):
            continue
        kept.append((s, e, t))
    kept.sort(key=lambda c: (c[0], c[1], c[2].id))
    return [(Span(s, e), Technique(attack_id=t.id, name=t.name)) for s, e, t in kept]
