"""Extraction pipeline (scaffold: replaced by the extract stage)."""

from __future__ import annotations

from datetime import date

from heistwatch.extract.model import Extraction


def run(text: str, *, published: date | None = None, title: str | None = None) -> Extraction:
    from heistwatch.extract import EXTRACTOR_VERSION

    return Extraction(relevant=False, extractor_version=EXTRACTOR_VERSION)
