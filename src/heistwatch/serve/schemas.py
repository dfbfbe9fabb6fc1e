"""Response shapes of the REST API, for the OpenAPI document (extra fields are allowed: the
views carry more than is listed here; see :mod:`heistwatch.serve.views`)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class Me(_Open):
    name: str
    role: str = Field(description="viewer, analyst or admin")
    public_read: bool


class ActorBadge(_Open):
    actor: str
    confidence: str | None = Field(None, description="ICD 203 word of estimative probability")
    stance: str | None = None


class IncidentRow(_Open):
    id: str
    victim: str
    type: str
    date: str | None = Field(None, description="YYYY-MM-DD, YYYY-MM or YYYY")
    year: int | None = None
    loss_usd: float | None = Field(None, description="consensus loss in USD at the incident date")
    loss_low: float | None = None
    loss_high: float | None = None
    actors: list[ActorBadge] = []
    n_sources: int
    n_conflicts: int


class IncidentPage(_Open):
    total: int
    pages: int
    number: int
    per_page: int
    rows: list[IncidentRow]


class Loss(_Open):
    claim_id: str | None = Field(None, description="claim key (stable across re-extraction)")
    amount: float | None = None
    unit: str | None = None
    usd: float | None = Field(None, description="value in USD at the incident date (None: no price known)")
    usd_reported: float | None = None
    document_id: int | str | None = None
    publisher: str | None = None
    sentence: str | None = None
    in_consensus: bool = False
    rejected: bool = False


class Attribution(_Open):
    actor: str
    confidence: str | None = None
    confidence_score: int | None = Field(None, ge=0, le=100)
    claims: list[dict[str, Any]] = []
    timeline: list[dict[str, Any]] = []


class Conflict(_Open):
    field: str | None = None
    explanation: str | None = None


class IncidentDetail(_Open):
    id: str
    victim: str
    type: str | None = None
    date: str | None = None
    n_sources: int
    loss_usd: dict[str, Any] | None = None
    losses: list[Loss] = []
    recovered: list[Loss] = []
    net_loss_usd: float | None = None
    conflicts: list[Conflict] = []
    attributions: list[Attribution] = []
    techniques: list[dict[str, Any]] = []
    indicators: list[dict[str, Any]] = []
    documents: list[dict[str, Any]] = []


class DocumentRow(_Open):
    id: int
    key: str
    title: str | None = None
    url: str | None = None
    publisher: str | None = None
    published: str | None = None
    snippet: str | None = None
    n_claims: int = 0


class DocumentPage(_Open):
    total: int
    pages: int
    number: int
    per_page: int
    rows: list[DocumentRow]


class ClaimOut(_Open):
    id: int
    key: str
    document_id: int
    kind: str
    value: dict[str, Any]
    span: list[int] = Field(description="[start, end) character offsets into the document text")
    sentence_span: list[int]
    surface: str
    sentence: str
    confidence: float
    label: str


class ClaimPage(_Open):
    total: int
    page: int
    per_page: int
    rows: list[ClaimOut]


class IngestResult(_Open):
    new: list[int]
    duplicate: list[int]
    near_duplicate: list[int] = []
    failed: list[dict[str, str]] = []


class DecisionOut(_Open):
    id: int
    author: str
    action: str = Field(description="stored action: reject-claim, pin, merge or split")
    target: dict[str, Any]
    before: dict[str, Any] | None = None
    after: dict[str, Any] | None = None
    note: str | None = None
