"""Markdown's soft line breaks: a paragraph hard-wrapped at a column is one run of text, so its
sentences are read whole; blocks, hard breaks and short lines (bylines, datelines) keep their lines."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from heistwatch.documents import ParsedDocument, iter_documents
from heistwatch.documents.formats import unwrap_markdown

WRAPPED = (
    "# Examplex closes after a second hack\n\n"
    "By A. Writer\nMay 2, 2022\n\n"
    "The Examplex exchange said it would close after hackers took about 9% of its funds in an attack\n"
    "on Monday. The exchange had already lost 700 BTC in a theft in March, when it still used its\n"
    "old name.\n\n"
    "- withdrawals are halted\n- deposits are halted\n\n"
    "    code stays\n    as it is\n"
)


def test_a_wrapped_paragraph_is_one_run_of_text_and_blocks_keep_their_lines() -> None:
    out = unwrap_markdown(WRAPPED)
    assert ("in an attack on Monday. The exchange had already lost 700 BTC in a theft in March, when it still "
            "used its old name.") in out
    assert "By A. Writer\nMay 2, 2022\n" in out
    assert "- withdrawals are halted\n- deposits are halted\n" in out
    assert "    code stays\n    as it is" in out


def test_a_hard_break_and_a_fence_keep_their_lines() -> None:
    text = ("A line that ends in two spaces is a hard break in Markdown, so it keeps its  \nline end.\n\n"
            "```\na line of code that is long enough to look like wrapped prose to a reader\nnext\n```")
    out = unwrap_markdown(text)
    assert "its  \nline end." in out
    assert "wrapped prose to a reader\nnext\n```" in out


def test_an_ingested_markdown_file_is_stored_unwrapped_with_its_byline_date(tmp_path: Path) -> None:
    path = tmp_path / "story.md"
    path.write_text(WRAPPED, encoding="utf-8")
    (doc,) = list(iter_documents([str(path)]))
    assert isinstance(doc, ParsedDocument)
    assert "attack on Monday." in doc.text and "in March, when it still used its old name." in doc.text
    assert doc.published == date(2022, 5, 2)
