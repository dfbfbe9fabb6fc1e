"""Re-run extraction over stored documents with the current extractor version.

Claims of older versions are replaced (one transaction per document); analyst decisions are kept
(they live in their own table and refer to claims by content-derived ``claim_key``).
``heistwatch extract --all`` calls :func:`reextract_all`.
"""

from __future__ import annotations

from collections.abc import Callable

from heistwatch.documents.ingest import Extractor, after_ingest, default_extractor
from heistwatch.store import Store


def reextract_all(
    store: Store,
    *,
    force: bool = False,
    extractor: Extractor | None = None,
    version: str | None = None,
    on_document: Callable[[int, str], None] | None = None,
    run_hook: bool = True,
) -> dict[str, int]:
    """Re-extract every document whose stored extraction is missing or of another version
    (all of them with ``force``). Returns counts: documents, reextracted, current, failed."""
    if extractor is None:
        from heistwatch.extract import EXTRACTOR_VERSION

        extractor = default_extractor()
        version = version or EXTRACTOR_VERSION
    counts = {"documents": 0, "reextracted": 0, "current": 0, "failed": 0}
    done: list[int] = []
    for doc_id, stored_version in store.extraction_versions().items():
        counts["documents"] += 1
        if not force and version is not None and stored_version == version:
            counts["current"] += 1
            if on_document:
                on_document(doc_id, "current")
            continue
        info = store.document_info(doc_id)
        text = store.document_text(doc_id)
        if info is None or text is None:  # deleted meanwhile
            continue
        try:
            extraction = extractor(text, published=info.published, title=info.title)
        except Exception as exc:
            counts["failed"] += 1
            store.record_failure(info.source, f"{info.source}: extraction failed ({type(exc).__name__}: {exc})".replace("\n", " "))
            if on_document:
                on_document(doc_id, "failed")
            continue
        store.replace_extraction(doc_id, extraction)
        counts["reextracted"] += 1
        done.append(doc_id)
        if on_document:
            on_document(doc_id, "reextracted")
    if run_hook:
        after_ingest(store, done)
    return counts
