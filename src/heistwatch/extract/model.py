"""Typed claims that the extractor produces from one document.

Every claim carries its provenance: the character span of the surface text it came from and
the span of the sentence around it, both as offsets into the document text exactly as given to
the extractor. Values are small frozen dataclasses that round-trip to and from plain dicts
(``to_dict`` / ``from_dict``) so the store can keep them as JSON and the resolver can rebuild
them without the store.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any


class IncidentType(StrEnum):
    EXCHANGE_HACK = "exchange_hack"
    DEFI_EXPLOIT = "defi_exploit"
    BRIDGE_HACK = "bridge_hack"
    WALLET_HACK = "wallet_hack"
    CRYPTOJACKING = "cryptojacking"
    DATA_BREACH = "data_breach"
    PHISHING = "phishing"
    RANSOMWARE = "ransomware"
    OTHER = "other"


class ClaimKind(StrEnum):
    VICTIM = "victim"            # an incident's victim as named in the text
    INCIDENT_TYPE = "incident_type"
    DATE = "date"                # when the incident happened
    LOSS = "loss"                # amount stolen (fiat or crypto)
    RECOVERY = "recovery"        # amount returned, frozen or recovered
    SHARE = "share"              # "17% of its assets"
    ACCOUNTS = "accounts"        # "more than 31,000 users"
    ACTOR = "actor"              # attribution of the incident to a threat actor
    TECHNIQUE = "technique"      # MITRE ATT&CK technique
    INDICATOR = "indicator"      # address, hash, domain, ip, e-mail
    AGGREGATE = "aggregate"      # "North Korea stole tens of millions last year" (not one incident)
    FIGURE = "figure"            # a sum the story tells that no one lost: raised, a price, a market value, a bounty


class Stance(StrEnum):
    CONFIRMED = "confirmed"
    SUSPECTED = "suspected"
    DENIED = "denied"


class Granularity(StrEnum):
    DAY = "day"
    MONTH = "month"
    SEASON = "season"   # "summer of 2017", "mid-2017"
    QUARTER = "quarter"
    YEAR = "year"


@dataclass(frozen=True, slots=True)
class Span:
    """Half-open character interval [start, end) into the document text."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if self.start < 0 or self.end < self.start:
            raise ValueError(f"bad span [{self.start}, {self.end})")

    def of(self, text: str) -> str:
        return text[self.start : self.end]


@dataclass(frozen=True, slots=True)
class Money:
    """An amount of money or crypto. ``low``/``high`` are bounds (None = open)."""

    value: float                 # the figure as stated, in ``unit``
    unit: str                    # ISO 4217 code (USD, JPY, KRW, EUR) or asset ticker (BTC, ETH, XEM)
    low: float | None = None     # lower bound implied by the qualifier or vagueness
    high: float | None = None    # upper bound
    qualifier: str | None = None  # "more than", "about", "up to", "nearly", "tens of" ...
    vague: bool = False          # "tens of millions": value is a representative, low/high carry the range
    approximate: bool = False
    paired_with: int | None = None  # index (in Extraction.claims) of the conversion stated beside it
    valued_at: str | None = None  # "now" / "then" / ISO date when the text says when a conversion holds

    @property
    def is_fiat(self) -> bool:
        from heistwatch.reference.assets import is_fiat

        return is_fiat(self.unit)


@dataclass(frozen=True, slots=True)
class DateValue:
    """A date interval [start, end] (inclusive) with its granularity; unresolved keeps the surface."""

    start: date | None
    end: date | None
    granularity: Granularity | None
    resolved: bool = True
    relative: bool = False       # came from "last year", "Monday", ... resolved against publication

    def iso(self) -> str | None:
        """The scorer's format: YYYY-MM-DD, YYYY-MM or YYYY (coarser when the interval is wider)."""
        if not self.resolved or self.start is None:
            return None
        if self.granularity == Granularity.DAY:
            return self.start.isoformat()
        if self.granularity == Granularity.MONTH:
            return self.start.isoformat()[:7]
        return str(self.start.year)


@dataclass(frozen=True, slots=True)
class Share:
    percent: float
    of: str | None = None        # "assets", "NEM in circulation"


@dataclass(frozen=True, slots=True)
class Count:
    value: float
    low: float | None = None
    high: float | None = None
    what: str = "users"          # users, accounts, customers, wallets


@dataclass(frozen=True, slots=True)
class Attribution:
    actor: str                   # canonical name ("Lazarus Group", "North Korea")
    stance: Stance
    hedge: str | None = None     # the words that carry the stance: "might be", "confirmed"
    probability: str | None = None  # ICD 203 word: "almost no chance" ... "almost certain"
    claimant: str | None = None  # who says it: "National Intelligence Service", "FBI", "anonymous source"
    surface_actor: str | None = None  # the name as written ("Hidden Cobra")


@dataclass(frozen=True, slots=True)
class Technique:
    attack_id: str               # T1566
    name: str


@dataclass(frozen=True, slots=True)
class Indicator:
    type: str                    # btc-address, eth-address, tx-hash, domain, ipv4, md5, sha1, sha256, email
    value: str
    valid: bool = True           # checksum verified where the format has one


@dataclass(frozen=True, slots=True)
class Victim:
    name: str                    # canonical short name ("Coincheck")
    surface: str                 # as written ("Tokyo-based exchange Coincheck Inc.")
    known: bool = False          # found in the reference list of platforms


@dataclass(frozen=True, slots=True)
class IncidentTypeValue:
    type: IncidentType


@dataclass(frozen=True, slots=True)
class Aggregate:
    actor: str | None
    period: str | None           # "2017", "2022-H1"
    money: Money | None


ClaimValue = (
    Money | DateValue | Share | Count | Attribution | Technique | Indicator | Victim | IncidentTypeValue | Aggregate
)

VALUE_TYPES: dict[ClaimKind, type] = {
    ClaimKind.VICTIM: Victim,
    ClaimKind.INCIDENT_TYPE: IncidentTypeValue,
    ClaimKind.DATE: DateValue,
    ClaimKind.LOSS: Money,
    ClaimKind.RECOVERY: Money,
    ClaimKind.SHARE: Share,
    ClaimKind.ACCOUNTS: Count,
    ClaimKind.ACTOR: Attribution,
    ClaimKind.TECHNIQUE: Technique,
    ClaimKind.INDICATOR: Indicator,
    ClaimKind.AGGREGATE: Aggregate,
    ClaimKind.FIGURE: Money,
}


def _encode(v: Any) -> Any:
    if isinstance(v, date):
        return v.isoformat()
    if isinstance(v, dict):
        return {k: _encode(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [_encode(x) for x in v]
    return v


def value_to_dict(value: ClaimValue) -> dict[str, Any]:
    return _encode(asdict(value))


def value_from_dict(kind: ClaimKind, data: dict[str, Any]) -> ClaimValue:
    cls = VALUE_TYPES[kind]
    data = dict(data)
    if cls is DateValue:
        for k in ("start", "end"):
            if data.get(k):
                data[k] = date.fromisoformat(data[k])
        if data.get("granularity"):
            data["granularity"] = Granularity(data["granularity"])
    elif cls is Attribution:
        data["stance"] = Stance(data["stance"])
    elif cls is IncidentTypeValue:
        data["type"] = IncidentType(data["type"])
    elif cls is Aggregate and data.get("money"):
        data["money"] = Money(**data["money"])
    return cls(**data)


@dataclass(frozen=True, slots=True)
class Claim:
    """One statement the document makes, tied to the characters it came from."""

    kind: ClaimKind
    value: ClaimValue
    span: Span                   # the surface text of the claim
    sentence: Span               # the sentence it stands in
    incident: int | None = None  # index into Extraction.incidents it is linked to (None = unlinked)
    confidence: float = 1.0      # extractor's confidence that the claim is read right and linked right

    def surface(self, text: str) -> str:
        return self.span.of(text)

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind.value,
            "value": value_to_dict(self.value),
            "span": [self.span.start, self.span.end],
            "sentence": [self.sentence.start, self.sentence.end],
            "incident": self.incident,
            "confidence": self.confidence,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Claim":
        kind = ClaimKind(data["kind"])
        return cls(
            kind=kind,
            value=value_from_dict(kind, data["value"]),
            span=Span(*data["span"]),
            sentence=Span(*data["sentence"]),
            incident=data.get("incident"),
            confidence=float(data.get("confidence", 1.0)),
        )


@dataclass(slots=True)
class IncidentMention:
    """An incident as one document tells it; its claims are those in Extraction.claims linked to it."""

    index: int
    victim: str                  # canonical short name
    type: IncidentType
    main: bool
    date: DateValue | None = None
    span: Span | None = None     # the first mention of the victim

    def to_dict(self) -> dict[str, Any]:
        return {
            "index": self.index,
            "victim": self.victim,
            "type": self.type.value,
            "main": self.main,
            "date": value_to_dict(self.date) if self.date else None,
            "span": [self.span.start, self.span.end] if self.span else None,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "IncidentMention":
        return cls(
            index=data["index"],
            victim=data["victim"],
            type=IncidentType(data["type"]),
            main=bool(data["main"]),
            date=value_from_dict(ClaimKind.DATE, data["date"]) if data.get("date") else None,  # type: ignore[arg-type]
            span=Span(*data["span"]) if data.get("span") else None,
        )


@dataclass(slots=True)
class Extraction:
    """Everything the extractor read from one document."""

    relevant: bool
    incidents: list[IncidentMention] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    extractor_version: str = ""

    def claims_of(self, incident: int, kind: ClaimKind | None = None) -> list[Claim]:
        return [c for c in self.claims if c.incident == incident and (kind is None or c.kind == kind)]

    def to_dict(self) -> dict[str, Any]:
        return {
            "relevant": self.relevant,
            "extractor_version": self.extractor_version,
            "incidents": [i.to_dict() for i in self.incidents],
            "claims": [c.to_dict() for c in self.claims],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Extraction":
        return cls(
            relevant=bool(data["relevant"]),
            incidents=[IncidentMention.from_dict(i) for i in data.get("incidents", [])],
            claims=[Claim.from_dict(c) for c in data.get("claims", [])],
            extractor_version=data.get("extractor_version", ""),
        )
