"""What the resolver takes in (one record per document) and what it gives out (incidents).

Inputs are :class:`DocumentRecord`: a document's key and metadata with its
:class:`~heistwatch.extract.model.Extraction`. Outputs are :class:`Incident`: every claim about one
real-world incident with its provenance (:class:`ClaimRef`: document, publisher, claimant, span,
sentence), the losses valued at the incident date, the consensus, the conflicts, the attribution.
Every output type round-trips through plain dicts (``to_dict`` / ``from_dict``) so the store keeps
an incident as one JSON document and the CLI and the web pages read it back without the resolver.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field, fields
from datetime import date
from typing import Any, Protocol

from heistwatch.extract.model import Claim, Extraction


class QuoteLike(Protocol):
    usd: float
    rate: float
    rate_date: date
    source: str


class ValuerLike(Protocol):
    """What the resolver needs from :class:`heistwatch.value.Valuer`."""

    def usd(self, amount: float, unit: str, on: date) -> QuoteLike | None: ...


def default_claim_key(doc_key: str, claim: Claim) -> str:
    """A claim's identity when the store gives none: document key, kind, span and value."""
    raw = f"{doc_key}\x1f{claim.kind.value}\x1f{claim.span.start}\x1f{claim.span.end}\x1f{claim.value!r}"
    return hashlib.sha1(raw.encode()).hexdigest()[:16]


def value_dict(value: Any) -> dict[str, Any]:
    """``value_to_dict`` for the flat value dataclasses of the claim model, without deep copies."""
    out: dict[str, Any] = {}
    for name in value.__slots__:
        v = getattr(value, name)
        if isinstance(v, date):
            v = v.isoformat()
        elif hasattr(v, "__slots__") and not isinstance(v, str):
            v = value_dict(v)
        elif hasattr(v, "value") and isinstance(v.value, str):  # an enum
            v = v.value
        out[name] = v
    return out


@dataclass(frozen=True, slots=True)
class DocumentRecord:
    """One document as the resolver sees it.

    ``key`` is the document's external id where it has one, else ``"doc-<id>"``. ``dup_group``
    names its near-duplicate group (syndicated copies share one; default: the key itself), so
    copies count as one source. ``claim_keys`` runs parallel to ``extraction.claims`` (the
    store's keys, which analyst decisions refer to); missing keys are derived from the claim.
    """

    key: str
    extraction: Extraction
    text: str = ""
    publisher: str | None = None
    url: str | None = None
    published: date | None = None
    dup_group: str | None = None
    title: str | None = None
    claim_keys: tuple[str, ...] | None = None

    def __post_init__(self) -> None:
        if not self.key:
            raise ValueError("a document record needs a key")
        if self.claim_keys is not None and len(self.claim_keys) != len(self.extraction.claims):
            raise ValueError(f"{self.key}: {len(self.claim_keys)} claim keys for {len(self.extraction.claims)} claims")

    @property
    def group(self) -> str:
        return self.dup_group or self.key

    def claim_key(self, i: int) -> str:
        if self.claim_keys is not None and self.claim_keys[i]:
            return self.claim_keys[i]
        return default_claim_key(self.key, self.extraction.claims[i])


def _from(cls: type, data: dict[str, Any]) -> Any:
    names = {f.name for f in fields(cls)}
    return cls(**{k: v for k, v in data.items() if k in names})


@dataclass(slots=True)
class ClaimRef:
    """One claim with everything needed to check it: where it was said, by whom, in which words."""

    key: str
    doc: str
    kind: str
    value: dict[str, Any]
    surface: str
    sentence: str
    span: tuple[int, int]
    sentence_span: tuple[int, int]
    mention: int | None = None
    publisher: str | None = None
    url: str | None = None
    published: str | None = None
    source: str | None = None         # near-duplicate group: the independent source it belongs to
    claimant: str | None = None
    confidence: float = 1.0
    rejected: bool = False            # an analyst rejected it: shown, never used

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["span"] = list(self.span)
        d["sentence_span"] = list(self.sentence_span)
        return d

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "ClaimRef":
        d = dict(data)
        d["span"] = tuple(d["span"])
        d["sentence_span"] = tuple(d["sentence_span"])
        return _from(cls, d)


@dataclass(slots=True)
class MentionRef:
    """An incident as one document states it (the scorer's mention object)."""

    doc: str
    index: int
    victim: str
    type: str
    date: str | None
    main: bool = False
    source: str | None = None
    published: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "MentionRef":
        return _from(cls, data)


@dataclass(slots=True)
class LossFigure:
    """One stated amount (loss or recovery) and what it is worth in USD at the incident date.

    ``usd`` is the value at the incident date: the figure itself when stated in USD, else the
    native amount times the rate of ``quote``; None when no price is known (the native amount
    stays). ``reported_usd`` is a USD conversion the text gives beside a native amount.
    ``used`` says whether the consensus rests on it; ``note`` says why not.
    """

    claim: str
    doc: str
    source: str
    role: str                         # loss | recovery
    amount: float
    unit: str
    low: float | None = None
    high: float | None = None
    qualifier: str | None = None
    usd: float | None = None
    usd_low: float | None = None
    usd_high: float | None = None
    reported_usd: float | None = None
    quote: dict[str, Any] | None = None
    valued_at: str | None = None
    published: str | None = None
    revision: int | None = None       # order within a source's revisions (0 = first)
    used: bool = False
    note: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "LossFigure":
        return _from(cls, data)


@dataclass(slots=True)
class Consensus:
    """The loss an incident is put at: value and range in USD, and the claims it rests on."""

    value: float
    low: float
    high: float
    claims: list[str]
    sources: list[str]
    method: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> "Consensus | None":
        return _from(cls, data) if data else None


@dataclass(slots=True)
class Finding:
    """A conflict (flagged) or an explained difference (not flagged) between claims."""

    kind: str                         # loss | recovery | date | outlier | valuation | revision
    flagged: bool
    explanation: str
    claims: list[str]
    documents: list[str] = field(default_factory=list)   # documents it is about (a date a mention states)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Finding":
        return _from(cls, data)


@dataclass(slots=True)
class ActorClaim:
    claim: str
    doc: str
    source: str
    claimant: str | None
    claimant_key: str
    claimant_class: str
    stance: str
    hedge: str | None
    probability: str | None
    published: str | None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "ActorClaim":
        return _from(cls, data)


@dataclass(slots=True)
class ActorAssessment:
    """What the sources say about one actor's part in an incident, pooled (see attribution.py)."""

    actor: str
    stance: str                       # confirmed | suspected | disputed | denied (the pooled reading)
    probability: float
    confidence: str                   # ICD 203 word
    claimants: int                    # independent claimants counted
    claims: list[ActorClaim] = field(default_factory=list)
    timeline: list[dict[str, Any]] = field(default_factory=list)
    rule: str = ""
    on_row: bool = True               # supported well enough to be shown as the incident's actor (see attribution.support)
    support: str = ""                 # why it is (or is not) on the row

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["claims"] = [c.to_dict() for c in self.claims]
        return d

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "ActorAssessment":
        d = dict(data)
        d["claims"] = [ActorClaim.from_dict(c) for c in d.get("claims", [])]
        return _from(cls, d)


@dataclass(slots=True)
class Incident:
    """One real-world incident resolved from the mentions of many documents."""

    id: str
    block: str                        # victim key block it was resolved in
    victim: str
    type: str
    date: str | None                  # ISO at its granularity (YYYY-MM-DD / YYYY-MM / YYYY)
    date_start: str | None
    date_end: str | None
    mentions: list[MentionRef]
    claims: list[ClaimRef]
    losses: list[LossFigure] = field(default_factory=list)
    consensus: Consensus | None = None
    recovered: Consensus | None = None
    net_loss: float | None = None
    valued: Consensus | None = None               # native amounts valued at the incident date, beside the consensus
    findings: list[Finding] = field(default_factory=list)
    actors: list[ActorAssessment] = field(default_factory=list)
    techniques: list[dict[str, Any]] = field(default_factory=list)
    indicators: list[dict[str, Any]] = field(default_factory=list)
    date_claims: list[str] = field(default_factory=list)     # claim keys behind ``date``
    pinned: dict[str, Any] = field(default_factory=dict)
    decisions: list[str] = field(default_factory=list)      # ids of the analyst decisions applied

    @property
    def documents(self) -> list[str]:
        return sorted({m.doc for m in self.mentions})

    @property
    def sources(self) -> list[str]:
        return sorted({m.source or m.doc for m in self.mentions})

    @property
    def conflicts(self) -> list[Finding]:
        return [f for f in self.findings if f.flagged]

    def claim(self, key: str) -> ClaimRef | None:
        for c in self.claims:
            if c.key == key:
                return c
        return None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "block": self.block,
            "victim": self.victim,
            "type": self.type,
            "date": self.date,
            "date_start": self.date_start,
            "date_end": self.date_end,
            "mentions": [m.to_dict() for m in self.mentions],
            "claims": [c.to_dict() for c in self.claims],
            "losses": [x.to_dict() for x in self.losses],
            "consensus": self.consensus.to_dict() if self.consensus else None,
            "recovered": self.recovered.to_dict() if self.recovered else None,
            "net_loss": self.net_loss,
            "valued": self.valued.to_dict() if self.valued else None,
            "findings": [f.to_dict() for f in self.findings],
            "actors": [a.to_dict() for a in self.actors],
            "techniques": self.techniques,
            "indicators": self.indicators,
            "date_claims": self.date_claims,
            "pinned": self.pinned,
            "decisions": self.decisions,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Incident":
        return cls(
            id=d["id"],
            block=d.get("block", ""),
            victim=d["victim"],
            type=d["type"],
            date=d.get("date"),
            date_start=d.get("date_start"),
            date_end=d.get("date_end"),
            mentions=[MentionRef.from_dict(m) for m in d.get("mentions", [])],
            claims=[ClaimRef.from_dict(c) for c in d.get("claims", [])],
            losses=[LossFigure.from_dict(x) for x in d.get("losses", [])],
            consensus=Consensus.from_dict(d.get("consensus")),
            recovered=Consensus.from_dict(d.get("recovered")),
            net_loss=d.get("net_loss"),
            valued=Consensus.from_dict(d.get("valued")),
            findings=[Finding.from_dict(f) for f in d.get("findings", [])],
            actors=[ActorAssessment.from_dict(a) for a in d.get("actors", [])],
            techniques=list(d.get("techniques", [])),
            indicators=list(d.get("indicators", [])),
            date_claims=list(d.get("date_claims", [])),
            pinned=dict(d.get("pinned", {})),
            decisions=list(d.get("decisions", [])),
        )

    def score_row(self) -> dict[str, Any]:
        """The line of ``heistwatch ledger --jsonl`` (the ``ledger`` format of the eval scorer)."""
        row: dict[str, Any] = {
            "incident": self.id,
            "victim": self.victim,
            "date": self.date,
            "type": self.type,
            "mentions": [{"doc": m.doc, "victim": m.victim, "date": m.date, "type": m.type} for m in self.mentions],
            "actors": [{"name": a.actor, "confidence": a.confidence, "stance": a.stance, "probability": a.probability}
                       for a in self.actors if a.stance != "denied" and a.on_row],
            "sources": len(self.sources),
            "conflicts": [f.explanation for f in self.conflicts],
        }
        if self.consensus is not None:
            row["loss_usd"] = {"value": self.consensus.value, "low": self.consensus.low, "high": self.consensus.high}
        if self.net_loss is not None and self.recovered is not None:
            row["net_loss_usd"] = self.net_loss
        return row
