"""Build DocumentRecords by hand from sentences we wrote ourselves (no corpus text)."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

from heistwatch.extract.model import (
    Aggregate,
    Attribution,
    Claim,
    ClaimKind,
    DateValue,
    Extraction,
    Granularity,
    IncidentMention,
    IncidentType,
    Money,
    Span,
    Stance,
)
from heistwatch.resolve.model import DocumentRecord


def day(s: str) -> DateValue:
    """"2018-01-26" -> day, "2018-01" -> month, "2018" -> year."""
    parts = [int(x) for x in s.split("-")]
    if len(parts) == 3:
        d = date(*parts)
        return DateValue(d, d, Granularity.DAY)
    if len(parts) == 2:
        y, m = parts
        return DateValue(date(y, m, 1), date(y, m, calendar.monthrange(y, m)[1]), Granularity.MONTH)
    return DateValue(date(parts[0], 1, 1), date(parts[0], 12, 31), Granularity.YEAR)


@dataclass
class C:
    """A claim spec: its kind, value, the words it stands on (found in the text), its incident."""

    kind: ClaimKind
    value: object
    surface: str
    incident: int | None = 0
    confidence: float = 1.0


def usd(v: float, surface: str, incident: int | None = 0, **kw) -> C:
    return C(ClaimKind.LOSS, Money(v, "USD", **kw), surface, incident)


def native(v: float, unit: str, surface: str, incident: int | None = 0, **kw) -> C:
    return C(ClaimKind.LOSS, Money(v, unit, **kw), surface, incident)


def recovery(v: float, surface: str, incident: int | None = 0) -> C:
    return C(ClaimKind.RECOVERY, Money(v, "USD"), surface, incident)


def when(s: str, surface: str, incident: int | None = 0) -> C:
    return C(ClaimKind.DATE, day(s), surface, incident)


def actor(name: str, stance: str, surface: str, claimant: str | None = None, hedge: str | None = None,
          probability: str | None = None, incident: int | None = 0) -> C:
    return C(ClaimKind.ACTOR, Attribution(name, Stance(stance), hedge=hedge, probability=probability,
                                          claimant=claimant), surface, incident)


def aggregate(actor_name: str, period: str, v: float, surface: str) -> C:
    return C(ClaimKind.AGGREGATE, Aggregate(actor_name, period, Money(v, "USD", low=v, high=v * 10, vague=True)),
             surface, None)


def _sentence(text: str, start: int, end: int) -> Span:
    s = max(text.rfind(". ", 0, start) + 2, 0) if text.rfind(". ", 0, start) >= 0 else 0
    e = text.find(". ", end)
    e = len(text) if e < 0 else e + 1
    return Span(s, e)


def doc(key: str, text: str, incidents: list[tuple[str, str, str | None]], claims: list[C] = (),
        published: str | None = None, publisher: str | None = None, group: str | None = None) -> DocumentRecord:
    """``incidents``: (victim, type, date or None) in order; claims refer to them by index."""
    mentions = [IncidentMention(i, v, IncidentType(t), i == 0, day(d) if d else None)
                for i, (v, t, d) in enumerate(incidents)]
    out = []
    used: dict[str, int] = {}
    for c in claims:
        start = text.find(c.surface, used.get(c.surface, 0))
        if start < 0:
            raise AssertionError(f"{c.surface!r} not in the text of {key}")
        used[c.surface] = start + 1
        end = start + len(c.surface)
        out.append(Claim(c.kind, c.value, Span(start, end), _sentence(text, start, end), c.incident, c.confidence))
    return DocumentRecord(
        key=key, extraction=Extraction(relevant=True, incidents=mentions, claims=out, extractor_version="test"),
        text=text, publisher=publisher, published=date.fromisoformat(published) if published else None,
        dup_group=group, url=f"https://news.example/{key}",
    )


class DictValuer:
    """A dict-backed valuer: {(unit, date): usd per unit}; speaks the Valuer.usd interface."""

    def __init__(self, rates: dict[tuple[str, date], float]) -> None:
        self.rates = rates

    def usd(self, amount: float, unit: str, on: date):
        from heistwatch.value.quote import Quote

        if unit == "USD":
            return Quote(amount, 1.0, on, "identity", unit, amount, on)
        rate = self.rates.get((unit, on))
        if rate is None:
            return None
        return Quote(amount * rate, rate, on, "memory", unit, amount, on)
