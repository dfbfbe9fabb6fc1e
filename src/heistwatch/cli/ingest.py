"""``heistwatch ingest PATH_OR_URL...``: read, dedup, link near duplicates, extract, store."""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from heistwatch.cli.common import DbOption, console, err_console, open_db

DEFAULT_MAX_BYTES = 50 * 2**20


def _parse_size(value: str) -> int:
    """``52428800``, ``50MB``, ``50M``, ``512k``, ``1GiB`` -> bytes."""
    text = value.strip().lower().replace(" ", "")
    units = {"": 1, "b": 1, "k": 2**10, "kb": 2**10, "kib": 2**10, "m": 2**20, "mb": 2**20, "mib": 2**20, "g": 2**30, "gb": 2**30, "gib": 2**30}
    number = text.rstrip("abgikmt")
    unit = text[len(number) :]
    try:
        size = int(float(number) * units[unit])
    except (KeyError, ValueError):
        raise typer.BadParameter(f"{value!r} is not a size (examples: 52428800, 50MB, 512k)") from None
    if size <= 0:
        raise typer.BadParameter("must be positive")
    return size


def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, folders (recursive), globs or http(s) URLs.", show_default=False)],
    db: DbOption = None,
    max_bytes: Annotated[str, typer.Option("--max-bytes", help="Skip inputs larger than this (e.g. 50MB).")] = "50MB",
    timeout: Annotated[float, typer.Option("--timeout", help="Seconds to wait for a URL.")] = 20.0,
    json_out: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
) -> None:
    """Ingest reports: text, Markdown, HTML, PDF, JSON/JSONL, RSS/Atom.

    Exact duplicates (same text) are stored once; near duplicates are stored and linked.
    Claims are extracted and stored with each document. Exits 1 when any input failed.
    """
    from heistwatch.documents.ingest import ingest_documents
    from heistwatch.documents.model import ParsedDocument, ReadError
    from heistwatch.documents.readers import expand_inputs, input_of
    from heistwatch.store import display_url

    limit = _parse_size(max_bytes)
    store = open_db(db)
    show_progress = sys.stdout.isatty() and not json_out
    try:
        if show_progress:
            with Progress(
                SpinnerColumn(),
                TextColumn("[progress.description]{task.description}"),
                BarColumn(bar_width=None),
                MofNCompleteColumn(),
                TextColumn("inputs"),
                TimeElapsedColumn(),
                console=console,
                transient=True,
            ) as progress:
                inputs = expand_inputs(paths)
                position = {name: i for i, name in enumerate(inputs)}
                task = progress.add_task("ingesting", total=len(inputs) or None)
                counts = {"new": 0, "duplicate": 0, "failed": 0}

                def on_item(status: str, item: ParsedDocument | ReadError) -> None:
                    key = "new" if status in ("new", "near-duplicate") else status
                    counts[key] = counts.get(key, 0) + 1
                    done = position.get(input_of(item))
                    progress.update(
                        task,
                        completed=done if done is not None else progress.tasks[0].completed,
                        description=f"{counts['new']} new, {counts['duplicate']} duplicate, {counts['failed']} failed",
                    )

                report = ingest_documents(store, paths, max_bytes=limit, timeout=timeout, on_item=on_item)
        else:
            report = ingest_documents(store, paths, max_bytes=limit, timeout=timeout)
    finally:
        store.close()
    if json_out:
        print(json.dumps(report.as_dict(), indent=2))
    else:
        console.print(
            f"Ingested into {escape(display_url(store.url))}: "
            f"[bold]{len(report.new)}[/bold] new, {len(report.duplicates)} duplicate, "
            f"{len(report.near_duplicates)} near-duplicate (linked), "
            + (f"[red]{len(report.failures)} failed[/red]" if report.failures else "0 failed"),
            highlight=False,
            soft_wrap=True,
        )
        for failure in report.failures:
            err_console.print(f"[red]failed:[/red] {escape(failure.message)}", highlight=False, soft_wrap=True)
    if report.failures:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    """Add this group's commands to the main app."""
    app.command("ingest")(ingest)
