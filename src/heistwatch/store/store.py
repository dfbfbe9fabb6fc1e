"""The store: the one place that reads and writes the database.

Open it with :func:`heistwatch.store.open_store` (runs migrations) and call its methods; each
method is one transaction. Raw SQLAlchemy access is there for what these methods do not cover:
``store.session()`` (read) and ``store.write_session()`` (write) give a Session inside a transaction,
and the ORM models are in :mod:`heistwatch.store.schema`.
"""

from __future__ import annotations

import hashlib
import zlib
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, fields
from datetime import date, datetime
from typing import Any

from sqlalchemy import Engine, bindparam, delete, func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from heistwatch.documents.model import ParsedDocument
from heistwatch.extract.model import Claim, Extraction, IncidentMention
from heistwatch.store.db import display_url, make_engine, upgrade
from heistwatch.store.schema import (
    ClaimRow,
    Decision,
    Document,
    DocumentLink,
    DocumentSource,
    ExtractionRow,
    Incident,
    IncidentMentionRow,
    IngestFailure,
    Price,
    utcnow,
)

NEAR_DUPLICATE = "near_duplicate"


def claim_key(content_hash: str, kind: str, surface: str, span_start: int) -> str:
    """A claim's identity that survives re-extraction: document content + kind + surface + where.

    Analyst decisions refer to claims by this key, so they re-attach when a new extractor version
    finds the same claim again."""
    data = "\x1f".join((content_hash, str(kind), surface, str(span_start)))
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


class DuplicateDocument(Exception):
    """A document with the same content hash is already stored."""

    def __init__(self, document_id: int) -> None:
        super().__init__(f"already stored as document {document_id}")
        self.document_id = document_id


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    """A document's metadata (no text)."""

    id: int
    content_hash: str
    external_id: str | None
    source: str
    url: str | None
    title: str | None
    site_name: str | None
    published: date | None
    published_source: str | None
    language: str | None
    media_type: str | None
    retrieved_at: datetime
    created_at: datetime

    @classmethod
    def of(cls, row: Document) -> "DocumentInfo":
        """The metadata of a ``documents`` row (each field is the column of the same name)."""
        return cls(**{f.name: getattr(row, f.name) for f in fields(cls)})

    @property
    def doc_key(self) -> str:
        """How the evaluation and exports name the document: its external id, else ``doc-<id>``."""
        return self.external_id or f"doc-{self.id}"


@dataclass(slots=True)
class StoredExtraction:
    """One document's current extraction as the resolver consumes it.

    ``claim_ids[i]`` and ``claim_keys[i]`` belong to ``extraction.claims[i]``; ``near_duplicates``
    are the ids of documents linked to this one as near duplicates (either direction)."""

    document: DocumentInfo
    extraction: Extraction
    claim_ids: list[int]
    claim_keys: list[str]
    near_duplicates: tuple[int, ...] = ()
    text: str | None = None


@dataclass(frozen=True, slots=True)
class ClaimRecord:
    id: int
    position: int
    kind: str
    value: dict[str, Any]
    incident_index: int | None
    span_start: int
    span_end: int
    surface: str
    sentence_start: int
    sentence_end: int
    sentence: str
    confidence: float
    claim_key: str
    extractor_version: str


@dataclass(slots=True)
class DocumentRecord:
    """Everything about one document (``heistwatch docs show``)."""

    document: DocumentInfo
    text: str
    relevant: bool | None
    extractor_version: str | None
    extracted_at: datetime | None
    incidents: list[dict[str, Any]]
    claims: list[ClaimRecord]
    sources: list[str]
    links: list[tuple[int, str, float | None]]  # (other document id, kind, similarity)


@dataclass(slots=True)
class IncidentRecord:
    """A resolved incident as stored: the resolver's id and record plus the mentions it joins."""

    id: str
    victim: str
    type: str | None
    date_start: date | None
    date_end: date | None
    date_iso: str | None
    data: dict[str, Any]
    mentions: list[tuple[int, int]] = field(default_factory=list)  # (document_id, mention_index)


@dataclass(frozen=True, slots=True)
class DecisionRecord:
    id: int
    author: str
    created_at: datetime
    action: str
    target: dict[str, Any]
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    note: str | None


# Statements of the ingest hot path, built once (compiling per call cost more than the I/O).
_INSERT_DOCUMENT = Document.__table__.insert().returning(Document.__table__.c.id)
_INSERT_SOURCE = DocumentSource.__table__.insert()
_INSERT_LINK = DocumentLink.__table__.insert()
_INSERT_EXTRACTION = ExtractionRow.__table__.insert()
_INSERT_CLAIM = ClaimRow.__table__.insert()
_CLEAR_FAILURES = delete(IngestFailure).where(IngestFailure.source.in_(bindparam("sources", expanding=True)))
_HASH_LOOKUP = select(Document.id).where(Document.content_hash == bindparam("h"))


def _insert(session: Session, model: type) -> Any:
    """An INSERT that supports ON CONFLICT on both backends."""
    return (postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert)(model)


def _claim_rows(document_id: int, content_hash: str, text: str, extraction: Extraction) -> list[dict[str, Any]]:
    rows = []
    for position, claim in enumerate(extraction.claims):
        surface = claim.span.of(text)
        rows.append(
            {
                "document_id": document_id,
                "position": position,
                "extractor_version": extraction.extractor_version,
                "incident_index": claim.incident,
                "kind": claim.kind.value,
                "value": claim.to_dict()["value"],
                "span_start": claim.span.start,
                "span_end": claim.span.end,
                "surface": surface,
                "sentence_start": claim.sentence.start,
                "sentence_end": claim.sentence.end,
                "sentence": claim.sentence.of(text),
                "confidence": float(claim.confidence),
                "claim_key": claim_key(content_hash, claim.kind.value, surface, claim.span.start),
            }
        )
    return rows


class Store:
    """A heistwatch database. Create with :func:`open_store`."""

    def __init__(self, url: str, engine: Engine | None = None) -> None:
        self.url = url
        self.engine = engine or make_engine(url)
        self._read = sessionmaker(self.engine, expire_on_commit=False)
        self._write_engine = self.engine.execution_options(heistwatch_write=True)
        self._write = sessionmaker(self._write_engine, expire_on_commit=False)

    def __repr__(self) -> str:
        return f"Store({display_url(self.url)!r})"

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A read transaction."""
        with self._read.begin() as s:
            yield s

    @contextmanager
    def write_session(self) -> Iterator[Session]:
        """A write transaction: committed when the block ends, rolled back on an exception."""
        with self._write.begin() as s:
            yield s

    # --- documents ---------------------------------------------------------------------------

    def document_id_by_hash(self, content_hash: str) -> int | None:
        with self.engine.connect() as conn:
            return conn.execute(_HASH_LOOKUP, {"h": content_hash}).scalar()

    def add_document(
        self,
        doc: ParsedDocument,
        extraction: Extraction | None,
        *,
        content_hash: str,
        minhash: bytes | None = None,
        near_duplicates: Sequence[tuple[int, float]] = (),
        retrieved_at: datetime | None = None,
    ) -> int:
        """Store a new document with its extraction, claims and near-duplicate links in ONE transaction.

        Also records the source and clears earlier failures of it. Raises :class:`DuplicateDocument`
        when the content hash is already stored (e.g. another process stored it first)."""
        now = utcnow()
        documents = Document.__table__
        try:
            with self._write_engine.begin() as conn:
                doc_id = conn.execute(
                    _INSERT_DOCUMENT,
                    {
                        "content_hash": content_hash,
                        "external_id": doc.external_id,
                        "source": doc.source,
                        "url": doc.url,
                        "title": doc.title,
                        "site_name": doc.site_name,
                        "published": doc.published,
                        "published_source": doc.published_source,
                        "retrieved_at": retrieved_at or now,
                        "language": doc.language,
                        "text": doc.text,
                        "raw": zlib.compress(doc.raw, 6) if doc.raw else None,
                        "media_type": doc.media_type,
                        "minhash": minhash,
                        "created_at": now,
                    },
                ).scalar_one()
                conn.execute(_INSERT_SOURCE, {"document_id": doc_id, "source": doc.source, "url": doc.url, "seen_at": now})
                if near_duplicates:
                    conn.execute(
                        _INSERT_LINK,
                        [
                            {"document_id": doc_id, "other_id": other, "kind": NEAR_DUPLICATE, "similarity": sim}
                            for other, sim in sorted(near_duplicates)
                        ],
                    )
                if extraction is not None:
                    conn.execute(
                        _INSERT_EXTRACTION,
                        {
                            "document_id": doc_id,
                            "extractor_version": extraction.extractor_version,
                            "relevant": extraction.relevant,
                            "incidents": [i.to_dict() for i in extraction.incidents],
                            "extracted_at": now,
                        },
                    )
                    rows = _claim_rows(doc_id, content_hash, doc.text, extraction)
                    if rows:
                        conn.execute(_INSERT_CLAIM, rows)
                conn.execute(_CLEAR_FAILURES, {"sources": sorted({doc.source, doc.input})})
                return doc_id
        except IntegrityError:
            existing = self.document_id_by_hash(content_hash)
            if existing is None:
                raise
            raise DuplicateDocument(existing) from None

    def note_duplicate(self, document_id: int, doc: ParsedDocument) -> bool:
        """Record that ``doc`` (an exact duplicate) was seen; True when this source is new for it."""
        with self.engine.connect() as conn:
            known = conn.execute(
                select(DocumentSource.id).where(DocumentSource.document_id == document_id, DocumentSource.source == doc.source)
            ).first()
            failing = conn.execute(
                select(IngestFailure.id).where(IngestFailure.source.in_(sorted({doc.source, doc.input}))).limit(1)
            ).first()
        if known and not failing:
            return False
        with self.write_session() as s:
            stmt = _insert(s, DocumentSource).values(
                document_id=document_id, source=doc.source, url=doc.url, seen_at=utcnow()
            ).on_conflict_do_nothing(index_elements=["document_id", "source"])
            added = s.execute(stmt).rowcount
            self._clear_failures(s, doc)
            return bool(added)

    def _clear_failures(self, s: Session, doc: ParsedDocument) -> None:
        sources = {doc.source, doc.input}
        s.execute(delete(IngestFailure).where(IngestFailure.source.in_(sorted(sources))))

    def record_failure(self, source: str, message: str) -> None:
        """Keep the latest failure per source."""
        with self.write_session() as s:
            stmt = _insert(s, IngestFailure).values(source=source, message=message, at=utcnow())
            s.execute(stmt.on_conflict_do_update(index_elements=["source"], set_={"message": message, "at": utcnow()}))

    def failures(self) -> list[tuple[str, str, datetime]]:
        with self.session() as s:
            rows = s.execute(select(IngestFailure.source, IngestFailure.message, IngestFailure.at).order_by(IngestFailure.source))
            return [tuple(r) for r in rows]  # type: ignore[misc]

    def minhashes(self) -> Iterator[tuple[int, bytes]]:
        """(document id, MinHash bytes) of every document that has one, for rebuilding the LSH index."""
        with self.session() as s:
            for doc_id, mh in s.execute(select(Document.id, Document.minhash).where(Document.minhash.is_not(None)).order_by(Document.id)):
                yield doc_id, mh

    def list_documents(self, limit: int = 50, offset: int = 0) -> list[DocumentInfo]:
        with self.session() as s:
            rows = s.scalars(select(Document).order_by(Document.id).limit(limit).offset(offset))
            return [DocumentInfo.of(r) for r in rows]

    def document_summaries(self, limit: int = 50, offset: int = 0) -> list[tuple[DocumentInfo, bool | None, int]]:
        """(document, relevant or None when not extracted, number of claims), by id."""
        with self.session() as s:
            n_claims = (
                select(ClaimRow.document_id, func.count().label("n")).group_by(ClaimRow.document_id).subquery()
            )
            rows = s.execute(
                select(Document, ExtractionRow.relevant, n_claims.c.n)
                .outerjoin(ExtractionRow, ExtractionRow.document_id == Document.id)
                .outerjoin(n_claims, n_claims.c.document_id == Document.id)
                .order_by(Document.id)
                .limit(limit)
                .offset(offset)
            )
            return [(DocumentInfo.of(d), rel, int(n or 0)) for d, rel, n in rows]

    def find_document(self, ref: str | int) -> int | None:
        """A document id from its number, its external id (``a-0005``) or a content-hash prefix."""
        ref = str(ref).strip()
        with self.session() as s:
            if ref.isdigit():
                found = s.scalar(select(Document.id).where(Document.id == int(ref)))
                if found is not None:
                    return found
            found = s.scalar(select(Document.id).where(Document.external_id == ref).order_by(Document.id).limit(1))
            if found is not None or len(ref) < 8:
                return found
            return s.scalar(select(Document.id).where(Document.content_hash.startswith(ref.lower())).order_by(Document.id).limit(1))

    def document_ids(self) -> list[int]:
        with self.session() as s:
            return list(s.scalars(select(Document.id).order_by(Document.id)))

    def document_info(self, document_id: int) -> DocumentInfo | None:
        with self.session() as s:
            row = s.get(Document, document_id)
            return DocumentInfo.of(row) if row else None

    def document_text(self, document_id: int) -> str | None:
        with self.session() as s:
            return s.scalar(select(Document.text).where(Document.id == document_id))

    def document_raw(self, document_id: int) -> bytes | None:
        """The original bytes the document was read from (decompressed)."""
        with self.session() as s:
            raw = s.scalar(select(Document.raw).where(Document.id == document_id))
            return zlib.decompress(raw) if raw else None

    def get_document(self, document_id: int) -> DocumentRecord | None:
        with self.session() as s:
            row = s.get(Document, document_id)
            if row is None:
                return None
            ext = s.get(ExtractionRow, document_id)
            claims = [
                ClaimRecord(
                    id=c.id, position=c.position, kind=c.kind, value=c.value, incident_index=c.incident_index,
                    span_start=c.span_start, span_end=c.span_end, surface=c.surface,
                    sentence_start=c.sentence_start, sentence_end=c.sentence_end, sentence=c.sentence,
                    confidence=c.confidence, claim_key=c.claim_key, extractor_version=c.extractor_version,
                )
                for c in s.scalars(select(ClaimRow).where(ClaimRow.document_id == document_id).order_by(ClaimRow.position))
            ]
            sources = list(s.scalars(select(DocumentSource.source).where(DocumentSource.document_id == document_id).order_by(DocumentSource.id)))
            links: list[tuple[int, str, float | None]] = []
            for a, b, kind, sim in s.execute(
                select(DocumentLink.document_id, DocumentLink.other_id, DocumentLink.kind, DocumentLink.similarity).where(
                    (DocumentLink.document_id == document_id) | (DocumentLink.other_id == document_id)
                )
            ):
                links.append((b if a == document_id else a, kind, sim))
            return DocumentRecord(
                document=DocumentInfo.of(row),
                text=row.text,
                relevant=ext.relevant if ext else None,
                extractor_version=ext.extractor_version if ext else None,
                extracted_at=ext.extracted_at if ext else None,
                incidents=list(ext.incidents) if ext else [],
                claims=claims,
                sources=sources,
                links=sorted(links),
            )

    def near_duplicate_links(self) -> list[tuple[int, int, float | None]]:
        """(later document, earlier document, similarity) for every near-duplicate link."""
        with self.session() as s:
            rows = s.execute(
                select(DocumentLink.document_id, DocumentLink.other_id, DocumentLink.similarity)
                .where(DocumentLink.kind == NEAR_DUPLICATE)
                .order_by(DocumentLink.document_id, DocumentLink.other_id)
            )
            return [tuple(r) for r in rows]  # type: ignore[misc]

    # --- extractions and claims ----------------------------------------------------------------

    def _write_extraction(self, s: Session, document_id: int, content_hash: str, text: str, extraction: Extraction) -> None:
        s.execute(delete(ClaimRow).where(ClaimRow.document_id == document_id))
        incidents = [i.to_dict() for i in extraction.incidents]
        stmt = _insert(s, ExtractionRow).values(
            document_id=document_id,
            extractor_version=extraction.extractor_version,
            relevant=extraction.relevant,
            incidents=incidents,
            extracted_at=utcnow(),
        )
        s.execute(
            stmt.on_conflict_do_update(
                index_elements=["document_id"],
                set_={
                    "extractor_version": extraction.extractor_version,
                    "relevant": extraction.relevant,
                    "incidents": incidents,
                    "extracted_at": utcnow(),
                },
            )
        )
        rows = _claim_rows(document_id, content_hash, text, extraction)
        if rows:
            s.execute(ClaimRow.__table__.insert(), rows)

    def replace_extraction(self, document_id: int, extraction: Extraction) -> None:
        """Replace a document's extraction and claims (new extractor version) in one transaction.

        Decisions are untouched: they refer to claims by ``claim_key`` and re-attach."""
        with self.write_session() as s:
            row = s.execute(select(Document.content_hash, Document.text).where(Document.id == document_id)).first()
            if row is None:
                raise KeyError(f"no document {document_id}")
            self._write_extraction(s, document_id, row.content_hash, row.text, extraction)

    def extraction_versions(self) -> dict[int, str | None]:
        """Document id -> extractor version of its stored extraction (None: never extracted)."""
        with self.session() as s:
            rows = s.execute(
                select(Document.id, ExtractionRow.extractor_version)
                .outerjoin(ExtractionRow, ExtractionRow.document_id == Document.id)
                .order_by(Document.id)
            )
            return {doc_id: version for doc_id, version in rows}

    def unresolved_document_ids(self) -> list[int]:
        """Documents whose current extraction mentions incidents but none of which is in the stored
        ledger, e.g. stored by an ingest that was killed before its ledger update."""
        with self.session() as s:
            placed = select(IncidentMentionRow.document_id)
            rows = s.execute(
                select(ExtractionRow.document_id, ExtractionRow.incidents).where(
                    ExtractionRow.relevant.is_(True), ExtractionRow.document_id.not_in(placed)
                )
            )
            return sorted(doc_id for doc_id, incidents in rows if incidents)

    def load_extractions(
        self,
        document_ids: Iterable[int] | None = None,
        *,
        relevant_only: bool = False,
        with_text: bool = False,
        batch_size: int = 500,
    ) -> Iterator[StoredExtraction]:
        """Each document's current extraction, rebuilt as :class:`Extraction` (ordered by document id).

        Streams in batches so memory stays flat on large databases."""
        if document_ids is None:
            with self.session() as s:
                q = select(ExtractionRow.document_id).order_by(ExtractionRow.document_id)
                if relevant_only:
                    q = q.where(ExtractionRow.relevant.is_(True))
                ids = list(s.scalars(q))
        else:
            ids = sorted(set(document_ids))
        for start in range(0, len(ids), batch_size):
            yield from self._load_batch(ids[start : start + batch_size], relevant_only, with_text)

    def _load_batch(self, ids: list[int], relevant_only: bool, with_text: bool) -> Iterator[StoredExtraction]:
        with self.session() as s:
            docs = {d.id: d for d in s.scalars(select(Document).where(Document.id.in_(ids)))}
            exts = {e.document_id: e for e in s.scalars(select(ExtractionRow).where(ExtractionRow.document_id.in_(ids)))}
            claims: dict[int, list[ClaimRow]] = {}
            for c in s.scalars(select(ClaimRow).where(ClaimRow.document_id.in_(ids)).order_by(ClaimRow.document_id, ClaimRow.position)):
                claims.setdefault(c.document_id, []).append(c)
            near: dict[int, set[int]] = {}
            for a, b in s.execute(
                select(DocumentLink.document_id, DocumentLink.other_id).where(
                    DocumentLink.kind == NEAR_DUPLICATE,
                    DocumentLink.document_id.in_(ids) | DocumentLink.other_id.in_(ids),
                )
            ):
                near.setdefault(a, set()).add(b)
                near.setdefault(b, set()).add(a)
            for doc_id in ids:
                ext = exts.get(doc_id)
                doc = docs.get(doc_id)
                if ext is None or doc is None or (relevant_only and not ext.relevant):
                    continue
                rows = claims.get(doc_id, [])
                extraction = Extraction(
                    relevant=ext.relevant,
                    incidents=[IncidentMention.from_dict(i) for i in ext.incidents or []],
                    claims=[
                        Claim.from_dict(
                            {
                                "kind": c.kind,
                                "value": c.value,
                                "span": [c.span_start, c.span_end],
                                "sentence": [c.sentence_start, c.sentence_end],
                                "incident": c.incident_index,
                                "confidence": c.confidence,
                            }
                        )
                        for c in rows
                    ],
                    extractor_version=ext.extractor_version,
                )
                yield StoredExtraction(
                    document=DocumentInfo.of(doc),
                    extraction=extraction,
                    claim_ids=[c.id for c in rows],
                    claim_keys=[c.claim_key for c in rows],
                    near_duplicates=tuple(sorted(near.get(doc_id, ()))),
                    text=doc.text if with_text else None,
                )

    # --- incidents (written by the resolver) --------------------------------------------------

    def save_incidents(
        self,
        incidents: Iterable[IncidentRecord],
        *,
        delete_ids: Iterable[str] = (),
        replace_all: bool = False,
    ) -> None:
        """Upsert incidents with their mentions (and delete ``delete_ids``, or all others when
        ``replace_all``) in one transaction."""
        incidents = list(incidents)
        with self.write_session() as s:
            if replace_all:
                s.execute(delete(IncidentMentionRow))
                s.execute(delete(Incident))
            else:
                ids = sorted({i.id for i in incidents} | set(delete_ids))
                for start in range(0, len(ids), 500):
                    chunk = ids[start : start + 500]
                    s.execute(delete(IncidentMentionRow).where(IncidentMentionRow.incident_id.in_(chunk)))
                    s.execute(delete(Incident).where(Incident.id.in_(chunk)))
            now = utcnow()
            if incidents:
                s.execute(
                    Incident.__table__.insert(),
                    [
                        {
                            "id": i.id, "victim": i.victim, "type": i.type, "date_start": i.date_start,
                            "date_end": i.date_end, "date_iso": i.date_iso, "data": i.data, "updated_at": now,
                        }
                        for i in incidents
                    ],
                )
                mentions = [
                    {"incident_id": i.id, "document_id": d, "mention_index": m}
                    for i in incidents
                    for d, m in sorted(set(i.mentions))
                ]
                if mentions:
                    s.execute(IncidentMentionRow.__table__.insert(), mentions)

    def load_incidents(self, ids: Iterable[str] | None = None) -> list[IncidentRecord]:
        with self.session() as s:
            q = select(Incident).order_by(Incident.id)
            if ids is not None:
                q = q.where(Incident.id.in_(sorted(set(ids))))
            rows = list(s.scalars(q))
            mentions: dict[str, list[tuple[int, int]]] = {}
            mq = select(IncidentMentionRow.incident_id, IncidentMentionRow.document_id, IncidentMentionRow.mention_index)
            if ids is not None:
                mq = mq.where(IncidentMentionRow.incident_id.in_([r.id for r in rows]))
            for inc, d, m in s.execute(mq.order_by(IncidentMentionRow.incident_id, IncidentMentionRow.document_id, IncidentMentionRow.mention_index)):
                mentions.setdefault(inc, []).append((d, m))
            return [
                IncidentRecord(
                    id=r.id, victim=r.victim, type=r.type, date_start=r.date_start, date_end=r.date_end,
                    date_iso=r.date_iso, data=r.data, mentions=mentions.get(r.id, []),
                )
                for r in rows
            ]

    # --- decisions -----------------------------------------------------------------------------

    def add_decision(
        self,
        *,
        author: str,
        action: str,
        target: dict[str, Any],
        before: dict[str, Any] | None = None,
        after: dict[str, Any] | None = None,
        note: str | None = None,
    ) -> int:
        with self.write_session() as s:
            row = Decision(author=author, action=action, target=target, before=before, after=after, note=note, created_at=utcnow())
            s.add(row)
            s.flush()
            return row.id

    def decisions(self) -> list[DecisionRecord]:
        """All decisions, oldest first (the order they are to be applied in)."""
        with self.session() as s:
            return [
                DecisionRecord(
                    id=d.id, author=d.author, created_at=d.created_at, action=d.action,
                    target=d.target, before=d.before, after=d.after, note=d.note,
                )
                for d in s.scalars(select(Decision).order_by(Decision.created_at, Decision.id))
            ]

    # --- prices --------------------------------------------------------------------------------

    def save_prices(self, rows: Iterable[tuple[str, date, float, str]]) -> int:
        """Upsert (asset, day, usd_close, source) rows; returns how many were given."""
        n = 0
        with self.write_session() as s:
            for asset, day, usd, source in rows:
                stmt = _insert(s, Price).values(asset=asset.upper(), day=day, usd_close=float(usd), source=source)
                s.execute(stmt.on_conflict_do_update(index_elements=["asset", "day", "source"], set_={"usd_close": float(usd)}))
                n += 1
        return n

    def price(self, asset: str, day: date, source: str | None = None) -> float | None:
        """USD close of ``asset`` on ``day`` (any source unless given; sources in name order)."""
        with self.session() as s:
            q = select(Price.usd_close).where(Price.asset == asset.upper(), Price.day == day)
            if source:
                q = q.where(Price.source == source)
            return s.scalar(q.order_by(Price.source).limit(1))

    # --- stats ---------------------------------------------------------------------------------

    def stats(self) -> dict[str, Any]:
        with self.session() as s:
            documents = s.scalar(select(func.count()).select_from(Document)) or 0
            sightings = s.scalar(select(func.count()).select_from(DocumentSource)) or 0
            sighted_docs = s.scalar(select(func.count(func.distinct(DocumentSource.document_id)))) or 0
            links = s.scalar(select(func.count()).select_from(DocumentLink).where(DocumentLink.kind == NEAR_DUPLICATE)) or 0
            near_docs = s.scalar(select(func.count(func.distinct(DocumentLink.document_id))).where(DocumentLink.kind == NEAR_DUPLICATE)) or 0
            versions = dict(
                s.execute(select(ExtractionRow.extractor_version, func.count()).group_by(ExtractionRow.extractor_version)).all()
            )
            by_kind = dict(s.execute(select(ClaimRow.kind, func.count()).group_by(ClaimRow.kind)).all())
            return {
                "documents": documents,
                "duplicates": sightings - sighted_docs,
                "near_duplicate_links": links,
                "near_duplicate_documents": near_docs,
                "failures": s.scalar(select(func.count()).select_from(IngestFailure)) or 0,
                "extracted": sum(versions.values()),
                "relevant": s.scalar(select(func.count()).select_from(ExtractionRow).where(ExtractionRow.relevant.is_(True))) or 0,
                "extractor_versions": dict(sorted(versions.items())),
                "claims": sum(by_kind.values()),
                "claims_by_kind": dict(sorted(by_kind.items())),
                "incidents": s.scalar(select(func.count()).select_from(Incident)) or 0,
                "decisions": s.scalar(select(func.count()).select_from(Decision)) or 0,
                "prices": s.scalar(select(func.count()).select_from(Price)) or 0,
                "database": display_url(self.url),
            }


def open_store(url: str, *, migrate: bool = True) -> Store:
    """Open the database at ``url`` and bring its schema to the newest migration."""
    store = Store(url)
    if migrate:
        upgrade(store.engine)
    return store


def migrate(url: str) -> None:
    """Create or upgrade the schema of the database at ``url`` to the newest migration."""
    open_store(url).close()


__all__ = [
    "migrate",
    "ClaimRecord",
    "DecisionRecord",
    "DocumentInfo",
    "DocumentRecord",
    "DuplicateDocument",
    "IncidentRecord",
    "NEAR_DUPLICATE",
    "Store",
    "StoredExtraction",
    "claim_key",
    "open_store",
]
