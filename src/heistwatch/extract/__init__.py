"""Claim extraction: a pure function from one document's text (and metadata) to its claims.

This package never imports ``heistwatch.store`` or ``heistwatch.serve``.
"""

from __future__ import annotations

from datetime import date

from heistwatch.extract.model import Extraction

EXTRACTOR_VERSION = "0.5.0"  # bump whenever extraction output changes: `extract --all` re-runs older versions


def extract_document(text: str, *, published: date | None = None, title: str | None = None) -> Extraction:
    """Read the claims one document makes.

    ``published`` anchors relative dates ("last year", "on Monday"); without it they stay
    unresolved. ``title`` is used when the text itself does not start with the headline.
    """
    from heistwatch.extract.pipeline import run

    return run(text, published=published, title=title)
