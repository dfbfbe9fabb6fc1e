"""Read documents from files, folders (recursively), globs and http(s) URLs.

``iter_documents`` never raises for bad input: every problem becomes a :class:`ReadError` whose
message is one line naming the file (or URL, or ``file:line`` / ``file[index]`` / ``feed#item=N``)
and the problem, and reading goes on with the next input.

Folders and globs take the files with a known extension (see ``formats.EXTENSIONS``) and skip
hidden files and others quietly; a file named explicitly with an unknown extension is an error.
"""

from __future__ import annotations

import glob
import os
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from urllib.parse import urlsplit

from heistwatch import __version__
from heistwatch.documents.formats import CONTENT_TYPES, EXTENSIONS, Result, looks_like_feed, parse
from heistwatch.documents.model import ParsedDocument, ReadError

DEFAULT_MAX_BYTES = 50 * 2**20
DEFAULT_TIMEOUT = 20.0
USER_AGENT = f"heistwatch/{__version__} (+https://github.com/heistwatch)"

__all__ = [
    "DEFAULT_MAX_BYTES",
    "DEFAULT_TIMEOUT",
    "ParsedDocument",
    "ReadError",
    "expand_inputs",
    "input_of",
    "is_url",
    "iter_documents",
]


def is_url(value: str) -> bool:
    return value.lower().startswith(("http://", "https://"))


def _mb(n: int) -> str:
    return f"{n / 2**20:.1f} MB" if n >= 2**20 else f"{n} bytes"


def _fail(source: str, problem: str) -> ReadError:
    return ReadError(source=source, message=f"{source}: {problem}")


def _walk(folder: Path) -> Iterator[Path]:
    """Files under ``folder`` in a stable order, hidden files and folders left out."""
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith("."):
                yield Path(root) / name


def _expand(arg: str) -> Iterator[tuple[Path, bool] | ReadError]:
    """(path, named_explicitly) for each file an argument stands for."""
    path = Path(arg).expanduser()
    if path.is_dir():
        found = [p for p in _walk(path) if p.suffix.lower() in EXTENSIONS]
        if not found:
            yield _fail(arg, f"folder holds no files with a known extension ({', '.join(sorted(EXTENSIONS))})")
        for p in found:
            yield p, False
        return
    if path.exists() or os.path.lexists(path):
        yield path, True
        return
    if glob.has_magic(arg):
        matches = sorted(glob.glob(os.path.expanduser(arg), recursive=True))
        files: list[Path] = []
        for m in matches:
            mp = Path(m)
            if mp.is_dir():
                files.extend(p for p in _walk(mp) if p.suffix.lower() in EXTENSIONS)
            elif mp.suffix.lower() in EXTENSIONS and not mp.name.startswith("."):
                files.append(mp)
        if not files:
            yield _fail(arg, "no files with a known extension match this pattern")
        for p in dict.fromkeys(files):
            yield p, False
        return
    yield _fail(arg, "no such file or directory")


def _read_file(path: Path, max_bytes: int) -> Iterator[Result]:
    source = str(path.absolute())
    media_type = EXTENSIONS.get(path.suffix.lower())
    if media_type is None:
        known = ", ".join(sorted(EXTENSIONS))
        yield _fail(source, f"unknown extension {path.suffix or '(none)'!r} (known: {known})")
        return
    try:
        size = path.stat().st_size
        if not path.is_file():
            yield _fail(source, "not a regular file")
            return
        if size > max_bytes:
            yield _fail(source, f"file is {_mb(size)}, over the size limit of {_mb(max_bytes)} (--max-bytes)")
            return
        if size == 0:
            yield _fail(source, "empty file")
            return
        with path.open("rb") as fh:
            raw = fh.read(max_bytes + 1)
    except OSError as exc:
        yield _fail(source, f"cannot read ({exc.strerror or exc})")
        return
    if len(raw) > max_bytes:
        yield _fail(source, f"file is over the size limit of {_mb(max_bytes)} (--max-bytes)")
        return
    if not raw.strip():
        yield _fail(source, "empty file (only whitespace)")
        return
    yield from parse(raw, source, media_type)


def _media_type_of_response(url: str, content_type: str, raw: bytes) -> str:
    ctype = content_type.split(";")[0].strip().lower()
    by_ext = EXTENSIONS.get(Path(urlsplit(url).path).suffix.lower())
    if looks_like_feed(raw):
        return "application/rss+xml"
    if ctype in CONTENT_TYPES:
        kind = CONTENT_TYPES[ctype]
        if kind == "application/rss+xml" and not looks_like_feed(raw) and raw.lstrip()[:1] == b"<":
            return "text/html" if b"<html" in raw[:4096].lower() else kind
        if kind == "text/plain" and by_ext:
            return by_ext
        return kind
    if by_ext:
        return by_ext
    if raw.lstrip()[:5] == b"%PDF-":
        return "application/pdf"
    if raw.lstrip()[:1] in (b"{", b"["):
        return "application/json"
    if b"<html" in raw[:4096].lower() or b"<!doctype html" in raw[:4096].lower():
        return "text/html"
    return "text/plain"


def _read_url(url: str, client: object, max_bytes: int, timeout: float) -> Iterator[Result]:
    import httpx

    assert isinstance(client, httpx.Client)
    total_limit = max(timeout * 3, timeout + 10)  # whole download, against servers that trickle bytes
    deadline = time.monotonic() + total_limit
    try:
        with client.stream("GET", url) as response:
            if response.status_code >= 400:
                yield _fail(url, f"HTTP {response.status_code} {response.reason_phrase}".rstrip())
                return
            length = response.headers.get("content-length")
            if length and length.isdigit() and int(length) > max_bytes:
                yield _fail(url, f"response is {_mb(int(length))}, over the size limit of {_mb(max_bytes)} (--max-bytes)")
                return
            chunks: list[bytes] = []
            total = 0
            for chunk in response.iter_bytes():
                total += len(chunk)
                if total > max_bytes:
                    yield _fail(url, f"response is over the size limit of {_mb(max_bytes)} (--max-bytes)")
                    return
                if time.monotonic() > deadline:
                    yield _fail(url, f"timed out: download took longer than {total_limit:g}s")
                    return
                chunks.append(chunk)
            raw = b"".join(chunks)
            final_url = str(response.url)
            content_type = response.headers.get("content-type", "")
    except httpx.TimeoutException:
        yield _fail(url, f"timed out after {timeout:g}s")
        return
    except httpx.HTTPError as exc:
        yield _fail(url, f"cannot fetch ({type(exc).__name__}: {exc})")
        return
    if not raw.strip():
        yield _fail(url, "empty response")
        return
    yield from parse(raw, url, _media_type_of_response(final_url, content_type, raw), url=final_url)


def expand_inputs(paths: Sequence[str]) -> list[str]:
    """The inputs ``iter_documents(paths)`` will read, in order: absolute file paths and URLs
    (for progress display; arguments that match nothing are left out)."""
    out: list[str] = []
    for arg in paths:
        if is_url(arg):
            out.append(arg)
            continue
        for item in _expand(arg):
            if not isinstance(item, ReadError):
                out.append(str(item[0].absolute()))
    return out


def input_of(item: ParsedDocument | ReadError) -> str:
    """The file or URL an item came from (without ``:line``, ``[index]`` or ``#item=N``)."""
    if isinstance(item, ParsedDocument):
        return item.input
    source = item.source
    if "#item=" in source:
        return source.split("#item=", 1)[0]
    if source.endswith("]") and "[" in source:
        return source.rsplit("[", 1)[0]
    head, _, tail = source.rpartition(":")
    return head if head and tail.isdigit() and not source.endswith("/" + tail) else source


def iter_documents(
    paths: Sequence[str],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    timeout: float = DEFAULT_TIMEOUT,
) -> Iterator[ParsedDocument | ReadError]:
    """Every document in ``paths`` (files, folders recursively, globs, http/https URLs), in order.

    Multi-document inputs (JSONL, a JSON list, an RSS/Atom feed) yield one item each. Problems come
    back as :class:`ReadError` values in the stream, so callers can count them and carry on.
    """
    client = None
    try:
        for arg in paths:
            if is_url(arg):
                if client is None:
                    import httpx

                    client = httpx.Client(
                        timeout=timeout, follow_redirects=True, headers={"User-Agent": USER_AGENT}
                    )
                yield from _read_url(arg, client, max_bytes, timeout)
                continue
            for item in _expand(arg):
                if isinstance(item, ReadError):
                    yield item
                else:
                    yield from _read_file(item[0], max_bytes)
    finally:
        if client is not None:
            client.close()
