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
    """Store parsed documents exactly as ``heistwatch ingest`` does, through
    :func:`heistwatch.documents.ingest.ingest_parsed` (exact and near duplicates, extraction, one
    transaction per document, then the ledger update hook); returns the ids and the failures."""
    from heistwatch.documents.ingest import ingest_parsed

    report = ingest_parsed(store, items)
    return {
        "new": list(report.new),
        "duplicate": list(report.duplicates),
        "near_duplicate": list(report.near_duplicates),
        "failed": [{"source": f.source, "error": f.message} for f in report.failures],
    }


__all__ = ["FetchError", "UnsafeURL", "fetch", "media_type_for", "parse", "store_documents"]
