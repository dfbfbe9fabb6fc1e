"""Tables of the heistwatch database (SQLAlchemy 2 declarative models).

The schema is created and changed only by the Alembic migrations in ``migrations/versions``; these
models describe the current head so code can query it. Columns whose content belongs to a later
stage (a resolver's incident record, a decision's target) are JSON (JSONB on PostgreSQL).
"""

from __future__ import annotations

from datetime import date, datetime, timezone
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

JSONType = JSON().with_variant(JSONB(), "postgresql")


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


class UTCDateTime(TypeDecorator):
    """A timezone-aware UTC datetime on every backend (SQLite stores it without the zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):  # type: ignore[no-untyped-def]
        if value is not None and value.tzinfo is not None:
            value = value.astimezone(timezone.utc)
            if dialect.name == "sqlite":
                value = value.replace(tzinfo=None)
        return value

    def process_result_value(self, value, dialect):  # type: ignore[no-untyped-def]
        if value is None:
            return None
        return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value.astimezone(timezone.utc)


class Base(DeclarativeBase):
    type_annotation_map = {datetime: UTCDateTime()}


class Document(Base):
    """One document, identified by the hash of its normalised text."""

    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    external_id: Mapped[str | None] = mapped_column(String(255), index=True)
    source: Mapped[str] = mapped_column(Text)            # first path or URL it was read from
    url: Mapped[str | None] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)
    site_name: Mapped[str | None] = mapped_column(Text)
    published: Mapped[date | None] = mapped_column(Date, index=True)
    published_source: Mapped[str | None] = mapped_column(String(16))
    retrieved_at: Mapped[datetime] = mapped_column(UTCDateTime())
    language: Mapped[str | None] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text)
    raw: Mapped[bytes | None] = mapped_column(LargeBinary)  # zlib-compressed original bytes
    media_type: Mapped[str | None] = mapped_column(String(64))
    minhash: Mapped[bytes | None] = mapped_column(LargeBinary)  # datasketch MinHash hashvalues (uint64)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class DocumentSource(Base):
    """Every input a document was read from: the first, and each exact duplicate seen later."""

    __tablename__ = "document_sources"
    __table_args__ = (UniqueConstraint("document_id", "source", name="uq_document_sources_document_source"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    source: Mapped[str] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text)
    seen_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class DocumentLink(Base):
    """A relation between two documents; ``near_duplicate`` links a later copy to an earlier one."""

    __tablename__ = "document_links"
    __table_args__ = (UniqueConstraint("document_id", "other_id", "kind", name="uq_document_links_pair"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    other_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    similarity: Mapped[float | None] = mapped_column(Float)


class IngestFailure(Base):
    """The latest failure per input; cleared when that input is later read successfully."""

    __tablename__ = "ingest_failures"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source: Mapped[str] = mapped_column(Text, unique=True)
    message: Mapped[str] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class ExtractionRow(Base):
    """The current extraction of a document (one row per document)."""

    __tablename__ = "extractions"

    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True)
    extractor_version: Mapped[str] = mapped_column(String(64), index=True)
    relevant: Mapped[bool] = mapped_column(Boolean, index=True)
    incidents: Mapped[list[dict[str, Any]]] = mapped_column(JSONType)  # IncidentMention.to_dict() each
    extracted_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class ClaimRow(Base):
    """One claim of a document's current extraction, with its provenance."""

    __tablename__ = "claims"
    __table_args__ = (
        UniqueConstraint("document_id", "position", name="uq_claims_document_position"),
        Index("ix_claims_kind_document", "kind", "document_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)      # index in Extraction.claims (Money.paired_with refers to it)
    extractor_version: Mapped[str] = mapped_column(String(64))
    incident_index: Mapped[int | None] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(32))
    value: Mapped[dict[str, Any]] = mapped_column(JSONType)
    span_start: Mapped[int] = mapped_column(Integer)
    span_end: Mapped[int] = mapped_column(Integer)
    surface: Mapped[str] = mapped_column(Text)
    sentence_start: Mapped[int] = mapped_column(Integer)
    sentence_end: Mapped[int] = mapped_column(Integer)
    sentence: Mapped[str] = mapped_column(Text)
    confidence: Mapped[float] = mapped_column(Float)
    claim_key: Mapped[str] = mapped_column(String(64), index=True)


class Decision(Base):
    """An analyst's decision. Never deleted by re-extraction or re-resolution."""

    __tablename__ = "decisions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    author: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    action: Mapped[str] = mapped_column(String(32), index=True)  # merge, split, reject_claim, accept_claim, edit_claim, pin_value
    target: Mapped[dict[str, Any]] = mapped_column(JSONType)
    before: Mapped[dict[str, Any] | None] = mapped_column(JSONType)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSONType)
    note: Mapped[str | None] = mapped_column(Text)


class Price(Base):
    __tablename__ = "prices"
    __table_args__ = (UniqueConstraint("asset", "day", "source", name="uq_prices_asset_day_source"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    asset: Mapped[str] = mapped_column(String(32))
    day: Mapped[date] = mapped_column(Date)
    usd_close: Mapped[float] = mapped_column(Float)
    source: Mapped[str] = mapped_column(String(64))


class Incident(Base):
    """A resolved incident; ``id`` is the resolver's deterministic id, ``data`` its full record."""

    __tablename__ = "incidents"
    __table_args__ = (Index("ix_incidents_updated_at", "updated_at", "id"),)  # serve: change checks

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    victim: Mapped[str] = mapped_column(Text, index=True)
    type: Mapped[str | None] = mapped_column(String(32))
    date_start: Mapped[date | None] = mapped_column(Date)
    date_end: Mapped[date | None] = mapped_column(Date)
    date_iso: Mapped[str | None] = mapped_column(String(10))
    data: Mapped[dict[str, Any]] = mapped_column(JSONType)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class IncidentMentionRow(Base):
    __tablename__ = "incident_mentions"
    __table_args__ = (
        UniqueConstraint("incident_id", "document_id", "mention_index", name="uq_incident_mentions"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    incident_id: Mapped[str] = mapped_column(ForeignKey("incidents.id", ondelete="CASCADE"), index=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    mention_index: Mapped[int] = mapped_column(Integer)


class ApiToken(Base):
    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), index=True)
    role: Mapped[str] = mapped_column(String(16))        # viewer, analyst, admin
    token_hash: Mapped[str] = mapped_column(String(128), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
