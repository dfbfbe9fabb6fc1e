"""Ingest: read documents, drop exact duplicates, link near duplicates, extract claims, store.

One transaction per document (document + extraction + claims + links), so a run killed at any
point leaves only whole documents behind and re-running it completes the batch without duplicates.

``ingest_documents`` reads paths and URLs; ``ingest_parsed`` stores documents read elsewhere (the
API's uploads and fetched URLs). Both go through the same steps and the same ledger hook.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from heistwatch.documents.model import ParsedDocument, ReadError
from heistwatch.documents.near_dup import NearDuplicateIndex, signature, to_bytes
from heistwatch.documents.readers import DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT, iter_documents
from heistwatch.documents.text import content_hash
from heistwatch.extract.model import Extraction
from heistwatch.store import DuplicateDocument, Store

Extractor = Callable[..., Extraction]
Progress = Callable[[str, "ParsedDocument | ReadError"], None]


def default_extractor() -> Extractor:
    from heistwatch.extract import extract_document

    return extract_document


@dataclass
class IngestReport:
    new: list[int] = field(default_factory=list)            # ids of documents stored by this run
    duplicates: list[int] = field(default_factory=list)     # ids of already stored documents seen again
    near_duplicates: list[int] = field(default_factory=list)  # new documents linked to an earlier near copy
    failures: list[ReadError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failures

    def as_dict(self) -> dict[str, object]:
        return {
            "new": len(self.new),
            "duplicate": len(self.duplicates),
            "near_duplicate": len(self.near_duplicates),
            "failed": len(self.failures),
            "failures": [f.message for f in self.failures],
        }


def after_ingest(store: Store, document_ids: Sequence[int]) -> None:
    """Called once after ``ingest`` (new documents) and ``reextract_all`` (re-extracted documents).

    The single place where later stages hook in: it updates the incident ledger
    (:func:`heistwatch.store.ledger.update_ledger`) with these documents and with any stored
    document the ledger has missed (a run killed between storing documents and this call)."""
    try:
        from heistwatch.store.ledger import update_ledger
    except ImportError:
        return
    ids = sorted(set(document_ids) | set(store.unresolved_document_ids()))
    if ids:
        update_ledger(store, ids)


def _extract(extractor: Extractor, doc: ParsedDocument) -> Extraction:
    return extractor(doc.text, published=doc.published, title=doc.title)


def ingest_documents(
    store: Store,
    paths: Sequence[str],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    timeout: float = DEFAULT_TIMEOUT,
    extractor: Extractor | None = None,
    on_item: Progress | None = None,
    run_hook: bool = True,
) -> IngestReport:
    """Ingest every document under ``paths`` into ``store``; never raises for bad input."""
    items = iter_documents(paths, max_bytes=max_bytes, timeout=timeout)
    return ingest_parsed(store, items, extractor=extractor, on_item=on_item, run_hook=run_hook)


def ingest_parsed(
    store: Store,
    items: Iterable[ParsedDocument | ReadError],
    *,
    extractor: Extractor | None = None,
    on_item: Progress | None = None,
    run_hook: bool = True,
) -> IngestReport:
    """Store documents that are already read and parsed (e.g. an API upload), as ``heistwatch ingest`` does.

    For each :class:`ParsedDocument`, in order: a document whose text is already stored is noted as
    a duplicate of it (not stored again); otherwise its claims are extracted (``extractor``, default
    the real pipeline; an extractor error stores the document without claims and reports a
    failure) and it is stored with them and with links to its near duplicates, in one transaction.
    A :class:`ReadError` among ``items`` is recorded as a failure. ``on_item(status, item)`` is told
    "new", "near-duplicate", "duplicate" or "failed" for each item. With ``run_hook``,
    :func:`after_ingest` then updates the ledger once for the new documents; should that fail, the
    documents stay stored and the report carries a failure with source "ledger".
    Never raises for bad input; the report lists the ids stored, seen again and near-duplicated.
    """
    extractor = extractor or default_extractor()
    report = IngestReport()
    index: NearDuplicateIndex | None = None  # built on the first document (reads every stored signature)
    for item in items:
        if isinstance(item, ReadError):
            report.failures.append(item)
            store.record_failure(item.source, item.message)
            if on_item:
                on_item("failed", item)
            continue
        if index is None:
            index = NearDuplicateIndex.build(store.minhashes())
        status = _ingest_one(store, item, extractor, index, report)
        if on_item:
            on_item(status, item)
    if run_hook:
        try:
            after_ingest(store, report.new)
        except Exception as exc:  # the documents are stored; say so rather than lose the summary
            problem = f"ledger update failed after ingest ({type(exc).__name__}: {exc}); the documents are stored"
            report.failures.append(ReadError(source="ledger", message=problem.replace("\n", " ")))
    return report


def _ingest_one(store: Store, doc: ParsedDocument, extractor: Extractor, index: NearDuplicateIndex, report: IngestReport) -> str:
    digest = content_hash(doc.text)
    existing = store.document_id_by_hash(digest)
    if existing is not None:
        store.note_duplicate(existing, doc)
        report.duplicates.append(existing)
        return "duplicate"
    mh = signature(doc.text)
    near = index.query(mh)
    extraction: Extraction | None
    try:
        extraction = _extract(extractor, doc)
    except Exception as exc:  # an extractor bug must not lose the document or stop the batch
        extraction = None
        problem = f"{doc.source}: extraction failed ({type(exc).__name__}: {exc})".replace("\n", " ")
    try:
        doc_id = store.add_document(doc, extraction, content_hash=digest, minhash=to_bytes(mh), near_duplicates=near)
    except DuplicateDocument as dup:  # stored meanwhile by a concurrent run
        store.note_duplicate(dup.document_id, doc)
        report.duplicates.append(dup.document_id)
        return "duplicate"
    index.add(doc_id, mh)
    report.new.append(doc_id)
    if near:
        report.near_duplicates.append(doc_id)
    if extraction is None:
        failure = ReadError(source=doc.source, message=problem)
        report.failures.append(failure)
        store.record_failure(failure.source, failure.message)
        return "failed"
    return "near-duplicate" if near else "new"


__all__ = ["IngestReport", "after_ingest", "ingest_documents", "ingest_parsed"]
