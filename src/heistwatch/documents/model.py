"""What a reader returns: a parsed document, or a one-line error naming the input and the problem."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

# Where ``ParsedDocument.published`` came from.
PUBLISHED_SOURCES = ("json", "html-meta", "pdf-meta", "feed", "text", "url")


@dataclass(frozen=True, slots=True)
class ParsedDocument:
    """One document read from a file, an item of a feed or JSON list, or a URL.

    ``text`` is already normalised (see :func:`heistwatch.documents.text.normalize_text`): character
    offsets of claims index into exactly this string. ``raw`` holds the original bytes of the input
    it came from (for a JSON list or feed: that item's own bytes where they can be cut out, else the
    whole input) so extraction can be re-run from source later.
    """

    source: str                      # path (with ":line" / "[index]" / "#item" for multi-document inputs) or URL
    text: str
    raw: bytes
    media_type: str
    external_id: str | None = None   # the JSON ``id`` field where present
    url: str | None = None
    title: str | None = None
    site_name: str | None = None
    published: date | None = None
    published_source: str | None = None
    language: str | None = None
    origin: str | None = None        # the file/URL holding several documents (JSONL, JSON list, feed)

    def __post_init__(self) -> None:
        if not self.text.strip():
            raise ValueError(f"{self.source}: document without text")
        if self.published_source is not None and self.published_source not in PUBLISHED_SOURCES:
            raise ValueError(f"unknown published_source {self.published_source!r}")
        if (self.published is None) != (self.published_source is None):
            raise ValueError("published and published_source go together")

    @property
    def input(self) -> str:
        """The file or URL itself (``origin`` when the document is one item of a larger input)."""
        return self.origin or self.source


@dataclass(frozen=True, slots=True)
class ReadError:
    """An input that could not be read. ``message`` is one line and names the input."""

    source: str
    message: str

    def __post_init__(self) -> None:
        if "\n" in self.message:
            object.__setattr__(self, "message", " ".join(self.message.split()))

    def __str__(self) -> str:
        return self.message
