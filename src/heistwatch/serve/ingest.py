"""Ingest through the API: an uploaded file or a URL, stored the same way ``heistwatch ingest``
stores documents.

URLs are fetched here, not by the generic reader, because the server must not be turned against
its own network: every hop (redirects included) passes :func:`heistwatch.serve.security.check_url`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import httpx

from heistwatch.documents.model import ParsedDocument, ReadError
from heistwatch.serve.security import URLAllowList, UnsafeURL, check_url
from heistwatch.store.store import Store

MAX_REDIRECTS = 5
USER_AGENT = "heistwatch (+https://github.com/heistwatch)"

SUFFIX_TYPES = {
    ".txt": "text/plain", ".md": "text/plain", ".html": "text/html", ".htm": "text/html", ".pdf": "application/pdf",
    ".json": "application/json", ".jsonl": "application/x-ndjson", ".xml": "application/rss+xml",
    ".rss": "application/rss+xml", ".atom": "application/atom+xml",
}


class FetchError(ValueError):
    pass


def media_type_for(name: str, content_type: str | None, raw: bytes) -> str:
    from heistwatch.documents import formats

    lower = (name or "").lower()
    for suffix, media in SUFFIX_TYPES.items():
        if lower.endswith(suffix):
            return media
    ct = (content_type or "").split(";")[0].strip().lower()
    if ct in formats.PARSERS:
        return ct
    if ct in ("application/xhtml+xml",):
        return "text/html"
    if ct == "application/xml" or ct == "text/xml":
        return "application/rss+xml"
    head = raw[:4096].lower()
    if raw.startswith(b"%PDF"):
        return "application/pdf"
    if raw.lstrip()[:1] in (b"{", b"["):
        return "application/json"
    if formats.looks_like_feed(raw):
        return "application/rss+xml"
    if b"<html" in head or b"<!doctype html" in head:
        return "text/html"
    return "text/plain"


def fetch(url: str, allow: URLAllowList, *, max_bytes: int, timeout: float) -> tuple[bytes, str, str]:
    """GET ``url`` following at most MAX_REDIRECTS redirects, each target checked. Returns
    (body, final URL, content type). Raises UnsafeURL or FetchError."""
    current = check_url(url, allow)
    with httpx.Client(timeout=timeout, follow_redirects=False, headers={"User-Agent": USER_AGENT},
                      trust_env=False) as client:
        for _ in range(MAX_REDIRECTS + 1):
            try:
                with client.stream("GET", current) as response:
                    if response.is_redirect:
                        location = response.headers.get("location", "")
                        current = check_url(str(response.url.join(location)), allow)
                        continue
                    if response.status_code >= 400:
                        raise FetchError(f"{url}: HTTP {response.status_code}")
                    chunks: list[bytes] = []
                    total = 0
                    for chunk in response.iter_bytes():
                        total += len(chunk)
                        if total > max_bytes:
                            raise FetchError(f"{url}: response larger than {max_bytes} bytes")
                        chunks.append(chunk)
                    return b"".join(chunks), str(response.url), response.headers.get("content-type", "")
            except httpx.TimeoutException as exc:
                raise FetchError(f"{url}: timed out after {timeout:g}s") from exc
            except httpx.HTTPError as exc:
                raise FetchError(f"{url}: cannot fetch ({type(exc).__name__})") from exc
        raise FetchError(f"{url}: more than {MAX_REDIRECTS} redirects")


def parse(raw: bytes, source: str, media_type: str, url: str | None = None) -> list[ParsedDocument | ReadError]:
    from heistwatch.documents import formats

    if not raw.strip():
        return [ReadError(source, f"{source}: empty input")]
    return list(formats.parse(raw, source, media_type, url=url))


def store_documents(store: Store, items: Iterable[ParsedDocument | ReadError]) -> dict[str, Any]:
    """Store parsed documents exactly as ``heistwatch ingest`` does (exact and near duplicates,
    extraction, one transaction per document, then the ledger update hook); returns the ids."""
    items = list(items)
    failed = [{"source": i.source, "error": i.message} for i in items if isinstance(i, ReadError)]
    docs = [i for i in items if isinstance(i, ParsedDocument)]
    result: dict[str, Any] = {"new": [], "duplicate": [], "near_duplicate": [], "failed": failed}
    try:
        from heistwatch.documents import ingest as stage
        from heistwatch.documents.near_dup import NearDuplicateIndex
    except ImportError:  # pragma: no cover - the documents stage ships with the package
        stage = None
    if stage is None or not hasattr(stage, "_ingest_one"):  # pragma: no cover
        for doc in docs:
            status, doc_id = _direct(store, doc)
            result["duplicate" if status == "duplicate" else "new"].append(doc_id)
        return result
    report = stage.IngestReport()
    if docs:
        index = NearDuplicateIndex.build(store.minhashes())
        extractor = stage.default_extractor()
        for doc in docs:
            stage._ingest_one(store, doc, extractor, index, report)
        stage.after_ingest(store, report.new)
    result["new"] = list(report.new)
    result["duplicate"] = list(report.duplicates)
    result["near_duplicate"] = list(report.near_duplicates)
    failed.extend({"source": f.source, "error": f.message} for f in report.failures)
    return result


def _direct(store: Store, doc: ParsedDocument) -> tuple[str, int]:
    from heistwatch.documents.text import content_hash
    from heistwatch.extract.pipeline import run
    from heistwatch.store.store import DuplicateDocument

    digest = content_hash(doc.text)
    existing = store.document_id_by_hash(digest)
    if existing is not None:
        store.note_duplicate(existing, doc)
        return "duplicate", existing
    extraction = run(doc.text, published=doc.published, title=doc.title)
    try:
        return "new", store.add_document(doc, extraction, content_hash=digest)
    except DuplicateDocument as dup:
        return "duplicate", dup.document_id


__all__ = ["FetchError", "UnsafeURL", "fetch", "media_type_for", "parse", "store_documents"]
