"""Build DocumentRecords by hand from sentences we wrote ourselves (no corpus text)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from claim_builders import date_value, sentence_of, span_of

from heistwatch.extract.model import (
    Aggregate,
    Attribution,
    Claim,
    ClaimKind,
    Extraction,
    IncidentMention,
    IncidentType,
    Money,
    Stance,
)
from heistwatch.resolve.model import DocumentRecord


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
    return C(ClaimKind.DATE, date_value(s), surface, incident)


def actor(name: str, stance: str, surface: str, claimant: str | None = None, hedge: str | None = None,
          probability: str | None = None, incident: int | None = 0) -> C:
    return C(ClaimKind.ACTOR, Attribution(name, Stance(stance), hedge=hedge, probability=probability,
                                          claimant=claimant), surface, incident)


def aggregate(actor_name: str, period: str, v: float, surface: str) -> C:
    return C(ClaimKind.AGGREGATE, Aggregate(actor_name, period, Money(v, "USD", low=v, high=v * 10, vague=True)),
             surface, None)


def doc(key: str, text: str, incidents: list[tuple[str, str, str | None]], claims: list[C] = (),
        published: str | None = None, publisher: str | None = None, group: str | None = None) -> DocumentRecord:
    """``incidents``: (victim, type, date or None) in order; claims refer to them by index."""
    mentions = [IncidentMention(i, v, IncidentType(t), i == 0, date_value(d) if d else None)
                for i, (v, t, d) in enumerate(incidents)]
    out = []
    used: dict[str, int] = {}
    for c in claims:
        try:
            span = span_of(text, c.surface, used.get(c.surface, 0))
        except AssertionError:
            raise AssertionError(f"{c.surface!r} not in the text of {key}") from None
        used[c.surface] = span.start + 1
        out.append(Claim(c.kind, c.value, span, sentence_of(text, span.start, span.end), c.incident, c.confidence))
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
