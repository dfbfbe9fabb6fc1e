"""``heistwatch extract``: claims from documents, without a database or over the stored ones.

* ``heistwatch extract PATH... [--jsonl OUT.jsonl]`` reads files, folders (recursively), globs and
  URLs in any format ingest accepts and writes one JSON line per document in the ``extract`` format
  of ``../shared/eval/score.py`` (``id``, ``relevant``, ``incidents``). It touches no database. This
  is the evaluation contract: keep it stable. ``--claims`` adds the full claim list with spans.
* ``heistwatch extract --all [--db URL] [--force]`` re-runs the current extractor over stored
  documents (claims of other versions are replaced, analyst decisions kept).

Bad inputs get one line on stderr naming the file; the others go on; the exit status is 1 when any failed.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any, TextIO

import typer

from heistwatch.cli.common import DbOption, console, err_console


def document_id(doc: Any) -> str:
    """The id a prediction line carries: the document's own id, else its URL, else its path."""
    return str(doc.external_id or doc.url or doc.source)


def extract_lines(paths: list[str], *, claims: bool = False, errors: list[str] | None = None) -> Iterator[dict[str, Any]]:
    """One scorer-format dict per readable document in ``paths``; problems are appended to ``errors``."""
    from heistwatch.documents.readers import iter_documents
    from heistwatch.extract.evalformat import to_eval
    from heistwatch.extract.pipeline import run

    for item in iter_documents(paths):
        if not hasattr(item, "text"):
            if errors is not None:
                errors.append(str(item))
            continue
        try:
            ex = run(item.text, published=item.published, title=item.title)
        except Exception as exc:  # an extractor bug must not lose the other documents
            if errors is not None:
                errors.append(f"{item.source}: extraction failed ({type(exc).__name__}: {exc})".replace("\n", " "))
            continue
        line = to_eval(document_id(item), ex)
        if claims:
            line["extraction"] = ex.to_dict()
        yield line


def _write(lines: Iterator[dict[str, Any]], out: TextIO) -> int:
    n = 0
    for line in lines:
        out.write(json.dumps(line, ensure_ascii=False) + "\n")
        n += 1
    return n


def extract(
    paths: Annotated[list[str] | None, typer.Argument(help="Files, folders (recursive), globs or http(s) URLs.",
                                                      show_default=False)] = None,
    jsonl: Annotated[Path | None, typer.Option("--jsonl", help="Write the predictions here (default: stdout).")] = None,
    claims: Annotated[bool, typer.Option("--claims", help="Add every claim with its spans to each line.")] = False,
    all_docs: Annotated[bool, typer.Option("--all", help="Re-extract the documents stored in the database.")] = False,
    force: Annotated[bool, typer.Option("--force", help="With --all: also documents already at this version.")] = False,
    db: DbOption = None,
) -> None:
    """Extract heist claims (victims, losses, dates, actors) from documents.

    With PATHs: one JSON line per document, no database. With --all: re-run extraction over the store.
    """
    if all_docs:
        if paths:
            raise typer.BadParameter("give either PATHs or --all, not both")
        _reextract(db, force)
        return
    if not paths:
        raise typer.BadParameter("give one or more PATHs (or --all to re-extract the database)")
    errors: list[str] = []
    lines = extract_lines(list(paths), claims=claims, errors=errors)
    if jsonl is not None:
        jsonl.parent.mkdir(parents=True, exist_ok=True)
        tmp = jsonl.with_name(jsonl.name + ".part")
        with tmp.open("w", encoding="utf-8") as fh:
            n = _write(lines, fh)
        tmp.replace(jsonl)
    else:
        n = _write(lines, sys.stdout)
    for e in errors:
        err_console.print(f"error: {e}", markup=False, highlight=False)
    if jsonl is not None:
        err_console.print(f"{n} documents extracted to {jsonl}" + (f", {len(errors)} failed" if errors else ""),
                          markup=False, highlight=False)
    if errors:
        raise typer.Exit(1)


def _reextract(db: str | None, force: bool) -> None:
    from heistwatch.cli.common import open_db
    from heistwatch.documents.reextract import reextract_all

    store = open_db(db)
    try:
        counts = reextract_all(store, force=force)
    finally:
        close = getattr(store, "close", None)
        if close:
            close()
    console.print(
        f"{counts.get('documents', 0)} documents: {counts.get('reextracted', 0)} re-extracted, "
        f"{counts.get('current', 0)} already current, {counts.get('failed', 0)} failed",
        highlight=False,
    )
    if counts.get("failed"):
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    """Add this group's commands to the main app."""
    app.command("extract")(extract)
