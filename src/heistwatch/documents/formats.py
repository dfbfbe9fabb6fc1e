"""One parser per input format: bytes in, parsed documents (or one-line errors) out.

Each parser is a generator of :class:`ParsedDocument` | :class:`ReadError`, so a JSONL file or a feed
with one broken item still yields its good items."""

from __future__ import annotations

import io
import json
import logging
import re
import time
from collections.abc import Callable, Iterator
from datetime import date
from typing import Any
from urllib.parse import urlsplit

from heistwatch.documents.model import ParsedDocument, ReadError
from heistwatch.documents.text import (
    BinaryContent,
    UndecodableText,
    date_from_text,
    date_from_url,
    decode_text,
    detect_language,
    headline,
    looks_binary,
    normalize_text,
    parse_iso_date,
)

Result = ParsedDocument | ReadError
Parser = Callable[..., Iterator[Result]]

# file extension -> media type
EXTENSIONS: dict[str, str] = {
    ".txt": "text/plain",
    ".text": "text/plain",
    ".md": "text/markdown",
    ".markdown": "text/markdown",
    ".html": "text/html",
    ".htm": "text/html",
    ".xhtml": "text/html",
    ".pdf": "application/pdf",
    ".json": "application/json",
    ".jsonl": "application/x-ndjson",
    ".ndjson": "application/x-ndjson",
    ".xml": "application/rss+xml",
    ".rss": "application/rss+xml",
    ".atom": "application/atom+xml",
}

# Content-Type of an HTTP answer -> media type we parse it as
CONTENT_TYPES: dict[str, str] = {
    "text/plain": "text/plain",
    "text/markdown": "text/markdown",
    "text/x-markdown": "text/markdown",
    "text/html": "text/html",
    "application/xhtml+xml": "text/html",
    "application/pdf": "application/pdf",
    "application/json": "application/json",
    "application/x-ndjson": "application/x-ndjson",
    "application/jsonl": "application/x-ndjson",
    "application/rss+xml": "application/rss+xml",
    "application/atom+xml": "application/atom+xml",
    "application/xml": "application/rss+xml",
    "text/xml": "application/rss+xml",
}


def _fail(source: str, problem: str) -> ReadError:
    return ReadError(source=source, message=f"{source}: {problem}")


def _dates(published: date | None, how: str | None, url: str | None, text: str) -> tuple[date | None, str | None]:
    """Fill a missing publication date from the URL, then from a byline at the top of the text."""
    if published is not None:
        return published, how
    found = date_from_url(url)
    if found:
        return found, "url"
    found = date_from_text(text)
    if found:
        return found, "text"
    return None, None


def site_from_url(url: str | None) -> str | None:
    """The host a document was published on (``www.`` dropped): the publisher when nothing better is known."""
    if not url:
        return None
    host = urlsplit(url).hostname
    if not host:
        return None
    return host[4:] if host.startswith("www.") else host


def _make(
    source: str,
    text: str,
    raw: bytes,
    media_type: str,
    *,
    url: str | None = None,
    title: str | None = None,
    site_name: str | None = None,
    published: date | None = None,
    published_source: str | None = None,
    language: str | None = None,
    external_id: str | None = None,
    origin: str | None = None,
    empty_problem: str = "no readable text",
) -> Result:
    text = normalize_text(text)
    if not text:
        return _fail(source, empty_problem)
    published, published_source = _dates(published, published_source, url, text)
    title = " ".join(title.split()) if isinstance(title, str) and title.strip() else None
    return ParsedDocument(
        source=source,
        text=text,
        raw=raw,
        media_type=media_type,
        external_id=external_id,
        url=url,
        title=title,
        site_name=site_name or site_from_url(url),
        published=published,
        published_source=published_source,
        language=(language or "").split("-")[0].lower() or detect_language(text),
        origin=origin,
    )


# --- plain text and markdown ------------------------------------------------------------------

_MD_HEADING = re.compile(r"^\s{0,3}#\s+(.+?)\s*#*\s*$", re.M)


# A Markdown line that starts (or is) a block of its own: a heading, a list item, a quote, a fence, a table
# row, indented code, a thematic break, an HTML block.
_MD_BLOCK = re.compile(r"^(?:\s{0,3}(?:#|[-*+]\s|\d{1,9}[.)]\s|>|```|~~~|\||<|(?:[-*_]\s*){3,}$|=+\s*$|-+\s*$)|\s{4,}|\t)")


WRAPPED_LINE = 50


def unwrap_markdown(text: str) -> str:
    """Markdown's soft line breaks as spaces: the lines of one paragraph are one run of text (CommonMark),
    so a sentence hard-wrapped at 80 columns is read as one sentence. Blocks (headings, list items,
    quotes, code, tables) and hard breaks (two trailing spaces or a backslash) keep their line ends, and so
    does a short line (a byline, a dateline): a wrapped line fills the column (``WRAPPED_LINE`` characters)."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    out: list[str] = []
    in_fence = False
    last = ""   # the previous physical line
    for line in lines:
        fence = line.lstrip().startswith(("```", "~~~"))
        joins = (not in_fence and not fence and bool(out) and len(last.strip()) >= WRAPPED_LINE and bool(line.strip())
                 and not _MD_BLOCK.match(line) and not _MD_BLOCK.match(last) and not last.endswith(("  ", "\\")))
        if fence:
            in_fence = not in_fence
        if joins:
            out[-1] = out[-1].rstrip() + " " + line.strip()
        else:
            out.append(line)
        last = line
    return "\n".join(out)


def parse_text(raw: bytes, source: str, *, url: str | None = None, media_type: str = "text/plain") -> Iterator[Result]:
    try:
        text, _encoding = decode_text(raw)
    except (BinaryContent, UndecodableText) as exc:
        yield _fail(source, str(exc))
        return
    title = None
    if media_type == "text/markdown":
        m = _MD_HEADING.search(text)
        title = m.group(1) if m else None
        text = unwrap_markdown(text)
    title = title or headline(normalize_text(text))
    yield _make(source, text, raw, media_type, url=url, title=title, empty_problem="no text (only whitespace)")


# --- HTML -------------------------------------------------------------------------------------

_HTML_LANG = re.compile(rb"<html[^>]*?\slang\s*=\s*[\"']?([a-zA-Z]{2,3})", re.I)


def parse_html(raw: bytes, source: str, *, url: str | None = None, media_type: str = "text/html") -> Iterator[Result]:
    if looks_binary(raw):
        yield _fail(source, "binary content, not HTML")
        return
    import trafilatura

    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    logging.getLogger("htmldate").setLevel(logging.CRITICAL)
    try:
        result = trafilatura.bare_extraction(
            raw,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception as exc:  # trafilatura raises many kinds on broken markup
        yield _fail(source, f"cannot parse HTML ({type(exc).__name__}: {exc})")
        return
    if result is None:
        yield _fail(source, "no readable text in the HTML (no main content found)")
        return
    meta = result if isinstance(result, dict) else result.as_dict()
    published = parse_iso_date(meta.get("date"))
    lang = _HTML_LANG.search(raw[:4096])
    yield _make(
        source,
        meta.get("text") or "",
        raw,
        "text/html",
        url=url or meta.get("url"),
        title=meta.get("title"),
        site_name=meta.get("sitename"),
        published=published,
        published_source="html-meta" if published else None,
        language=lang.group(1).decode() if lang else None,
        empty_problem="no readable text in the HTML (no main content found)",
    )


# --- PDF --------------------------------------------------------------------------------------


def parse_pdf(raw: bytes, source: str, *, url: str | None = None, media_type: str = "application/pdf") -> Iterator[Result]:
    if not raw.lstrip()[:5] == b"%PDF-":
        yield _fail(source, "not a PDF (no %PDF- header)")
        return
    from pypdf import PdfReader

    logging.getLogger("pypdf").setLevel(logging.CRITICAL)
    try:
        reader = PdfReader(io.BytesIO(raw), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            yield _fail(source, "encrypted PDF (needs a password)")
            return
        pages = [page.extract_text() or "" for page in reader.pages]
        meta = reader.metadata
        title = meta.title if meta else None
        created = meta.creation_date if meta else None
    except Exception as exc:  # pypdf raises PdfReadError, ValueError, KeyError... on damaged files
        yield _fail(source, f"corrupt or truncated PDF ({type(exc).__name__}: {exc})".replace("\n", " "))
        return
    if not pages:
        yield _fail(source, "corrupt or truncated PDF (no pages)")
        return
    published = created.date() if created else None
    yield _make(
        source,
        "\n\n".join(pages),
        raw,
        "application/pdf",
        url=url,
        title=title if isinstance(title, str) else None,
        published=published,
        published_source="pdf-meta" if published else None,
        empty_problem="PDF has no extractable text (scanned images?)",
    )


# --- JSON and JSONL ---------------------------------------------------------------------------


def _from_record(record: object, source: str, raw: bytes, media_type: str, origin: str | None, url_hint: str | None) -> Result:
    if not isinstance(record, dict):
        return _fail(source, f"expected a JSON object with a 'text' field, got {type(record).__name__}")
    text = record.get("text")
    if not isinstance(text, str):
        return _fail(source, "no 'text' field" if text is None else "'text' is not a string")
    url = record.get("url") if isinstance(record.get("url"), str) else url_hint
    published = parse_iso_date(record.get("published"))
    ext_id = record.get("id")
    return _make(
        source,
        text,
        raw,
        media_type,
        url=url,
        title=record.get("title") if isinstance(record.get("title"), str) else None,
        site_name=record.get("site_name") if isinstance(record.get("site_name"), str) else None,
        published=published,
        published_source="json" if published else None,
        language=record.get("language") if isinstance(record.get("language"), str) else None,
        external_id=str(ext_id) if ext_id is not None and str(ext_id).strip() else None,
        origin=origin,
        empty_problem="'text' is empty",
    )


def _load_json(raw: bytes, encoding: str, *, one_line: bool = False) -> tuple[Any, str | None]:
    """(the decoded JSON value, None), or (None, the problem) for undecodable bytes or invalid JSON;
    ``one_line`` (a JSONL line) places the problem by column only."""
    try:
        decoded = raw.decode(encoding)
    except UnicodeDecodeError as exc:
        where = f"column {exc.start + 1}" if one_line else f"offset {exc.start}"
        return None, f"undecodable bytes: JSON must be UTF-8 (bad byte at {where})"
    try:
        return json.loads(decoded), None
    except json.JSONDecodeError as exc:
        where = f"column {exc.colno}" if one_line else f"line {exc.lineno} column {exc.colno}"
        return None, f"invalid JSON at {where}: {exc.msg}"


def parse_json(raw: bytes, source: str, *, url: str | None = None, media_type: str = "application/json") -> Iterator[Result]:
    data, problem = _load_json(raw, "utf-8-sig")
    if problem:
        yield _fail(source, problem)
        return
    if isinstance(data, list):
        if not data:
            yield _fail(source, "empty JSON list")
        for i, item in enumerate(data):
            item_raw = json.dumps(item, ensure_ascii=False, sort_keys=True).encode()
            yield _from_record(item, f"{source}[{i}]", item_raw, "application/json", source, url)
    else:
        yield _from_record(data, source, raw, "application/json", None, url)


def parse_jsonl(raw: bytes, source: str, *, url: str | None = None, media_type: str = "application/x-ndjson") -> Iterator[Result]:
    any_line = False
    for n, line in enumerate(raw.splitlines(), start=1):
        if not line.strip():
            continue
        any_line = True
        where = f"{source}:{n}"
        record, problem = _load_json(line, "utf-8-sig" if n == 1 else "utf-8", one_line=True)
        if problem:
            yield _fail(where, problem)
            continue
        yield _from_record(record, where, line, "application/x-ndjson", source, url)
    if not any_line:
        yield _fail(source, "no JSON lines (only whitespace)")


# --- RSS / Atom -------------------------------------------------------------------------------

_BLOCK_TAGS = ("p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "blockquote", "section", "article")


def html_fragment_text(fragment: str) -> str:
    """Visible text of an HTML fragment (feed summaries), one paragraph per block element."""
    if "<" not in fragment:
        return fragment
    import lxml.html

    try:
        root = lxml.html.fromstring(f"<div>{fragment}</div>")
    except Exception:
        return re.sub(r"<[^>]+>", " ", fragment)
    for bad in root.xpath("//script|//style"):
        bad.drop_tree()
    for el in root.iter(*_BLOCK_TAGS):
        el.tail = "\n\n" + (el.tail or "")
    return root.text_content()


def looks_like_feed(raw: bytes) -> bool:
    head = raw[:2048].lstrip().lower()
    return (head.startswith(b"<?xml") or head.startswith(b"<rss") or head.startswith(b"<feed")) and (
        b"<rss" in head or b"<feed" in head or b"<rdf" in head
    )


def parse_feed(raw: bytes, source: str, *, url: str | None = None, media_type: str = "application/rss+xml") -> Iterator[Result]:
    import feedparser

    parsed = feedparser.parse(raw)
    if not parsed.entries:
        if parsed.get("bozo"):
            problem = str(parsed.get("bozo_exception", "unreadable XML")).replace("\n", " ")
            yield _fail(source, f"not a valid RSS/Atom feed ({problem})")
        elif not parsed.get("version"):
            yield _fail(source, "not an RSS/Atom feed")
        else:
            yield _fail(source, "feed has no items")
        return
    kind = "application/atom+xml" if str(parsed.get("version", "")).startswith("atom") else "application/rss+xml"
    site = parsed.feed.get("title")
    feed_lang = parsed.feed.get("language")
    for i, entry in enumerate(parsed.entries, start=1):
        where = f"{source}#item={i}"
        body = ""
        if entry.get("content"):
            body = max((c.get("value", "") for c in entry.content), key=len)
        if len(entry.get("summary", "")) > len(body):
            body = entry.get("summary", "")
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        published = date(stamp.tm_year, stamp.tm_mon, stamp.tm_mday) if stamp else None
        link = entry.get("link")
        yield _make(
            where,
            html_fragment_text(body),
            body.encode("utf-8"),
            kind,
            url=link if isinstance(link, str) else None,
            title=entry.get("title"),
            site_name=site if isinstance(site, str) else None,
            published=published,
            published_source="feed" if published else None,
            language=feed_lang if isinstance(feed_lang, str) else None,
            external_id=entry.get("id") if isinstance(entry.get("id"), str) else None,
            origin=source,
            empty_problem="feed item has no text",
        )


PARSERS: dict[str, Parser] = {
    "text/plain": parse_text,
    "text/markdown": parse_text,
    "text/html": parse_html,
    "application/pdf": parse_pdf,
    "application/json": parse_json,
    "application/x-ndjson": parse_jsonl,
    "application/rss+xml": parse_feed,
    "application/atom+xml": parse_feed,
}


def parse(raw: bytes, source: str, media_type: str, *, url: str | None = None) -> Iterator[Result]:
    """Parse ``raw`` as ``media_type``; a parser that crashes yields one error, never raises."""
    parser = PARSERS[media_type]
    started = time.monotonic()
    try:
        yield from parser(raw, source, url=url, media_type=media_type)
    except Exception as exc:  # a bug or an unforeseen input must not stop the batch
        took = time.monotonic() - started
        yield _fail(source, f"could not be read as {media_type} ({type(exc).__name__}: {exc}; after {took:.1f}s)".replace("\n", " "))
