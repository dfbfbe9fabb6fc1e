"""``heistwatch stats``, ``heistwatch docs list`` and ``heistwatch docs show ID``."""

from __future__ import annotations

import json
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table

from heistwatch.cli.common import DbOption, console, err_console, open_db

docs_app = typer.Typer(help="Stored documents.", no_args_is_help=True)


def stats(
    db: DbOption = None,
    json_out: Annotated[bool, typer.Option("--json", help="Print a JSON object.")] = False,
) -> None:
    """Counts: documents, duplicates seen, near-duplicate links, failures, claims, incidents."""
    store = open_db(db)
    try:
        data = store.stats()
        failures = store.failures()
    finally:
        store.close()
    if json_out:
        print(json.dumps(data, indent=2, sort_keys=False))
        return
    table = Table(title="heistwatch", show_header=False, title_justify="left")
    table.add_column("what")
    table.add_column("count", justify="right")
    labels = [
        ("documents", "documents"),
        ("duplicates", "exact duplicates seen"),
        ("near_duplicate_links", "near-duplicate links"),
        ("failures", "inputs failing"),
        ("extracted", "documents extracted"),
        ("relevant", "relevant documents"),
        ("claims", "claims"),
        ("incidents", "incidents"),
        ("decisions", "analyst decisions"),
    ]
    for key, label in labels:
        table.add_row(label, str(data[key]))
    for kind, n in data["claims_by_kind"].items():
        table.add_row(f"  {kind}", str(n))
    console.print(table)
    console.print(f"database: {escape(data['database'])}", highlight=False)
    if data["extractor_versions"]:
        versions = ", ".join(f"{v} ({n})" for v, n in data["extractor_versions"].items())
        console.print(f"extractor versions: {escape(versions)}", highlight=False)
    for source, message, _at in failures[:20]:
        console.print(f"[red]failing:[/red] {escape(message)}", highlight=False, soft_wrap=True)
    if len(failures) > 20:
        console.print(f"... and {len(failures) - 20} more failing inputs")


@docs_app.command("list")
def docs_list(
    db: DbOption = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="How many documents.")] = 50,
    offset: Annotated[int, typer.Option("--offset", min=0, help="Skip this many first.")] = 0,
    json_out: Annotated[bool, typer.Option("--json", help="Print JSON lines.")] = False,
) -> None:
    """List stored documents (id, external id, date, site, title, relevance, number of claims)."""
    store = open_db(db)
    try:
        rows = store.document_summaries(limit=limit, offset=offset)
        total = store.stats()["documents"]
    finally:
        store.close()
    if json_out:
        for info, relevant, n in rows:
            print(json.dumps(_info_dict(info) | {"relevant": relevant, "claims": n}))
        return
    table = Table(title=f"documents {offset + 1 if rows else 0}-{offset + len(rows)} of {total}", title_justify="left")
    narrow = console.width < 110
    ext_max, site_w = (10, 12) if narrow else (16, 20)
    id_w = max([len(str(info.id)) for info, _, _ in rows] + [2])
    ext_w = min(max([len(info.external_id or "") for info, _, _ in rows] + [6]), ext_max)
    table.add_column("id", justify="right", no_wrap=True, min_width=id_w)
    table.add_column("ext id", no_wrap=True, overflow="ellipsis", min_width=ext_w, max_width=ext_w)
    table.add_column("published", no_wrap=True, min_width=10)
    table.add_column("site", no_wrap=True, overflow="ellipsis", max_width=site_w)
    budget = max(10, console.width - (id_w + ext_w + 10 + site_w + 3 + 6) - 7 * 3 - 2)
    table.add_column("title", no_wrap=True, overflow="ellipsis", max_width=budget)
    table.add_column("rel", no_wrap=True, min_width=3)
    table.add_column("claims", justify="right", no_wrap=True, min_width=6)
    for info, relevant, n in rows:
        table.add_row(
            str(info.id),
            escape(info.external_id or ""),
            info.published.isoformat() if info.published else "",
            escape(info.site_name or ""),
            escape(_clip(info.title or info.source.rsplit("/", 1)[-1], budget)),
            "" if relevant is None else ("yes" if relevant else "no"),
            str(n),
        )
    console.print(table)


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(1, width - 1)] + "…"


def _info_dict(info: Any) -> dict[str, Any]:
    return {
        "id": info.id,
        "external_id": info.external_id,
        "content_hash": info.content_hash,
        "source": info.source,
        "url": info.url,
        "title": info.title,
        "site_name": info.site_name,
        "published": info.published.isoformat() if info.published else None,
        "published_source": info.published_source,
        "language": info.language,
        "media_type": info.media_type,
        "retrieved_at": info.retrieved_at.isoformat() if info.retrieved_at else None,
    }


@docs_app.command("show")
def docs_show(
    ref: Annotated[str, typer.Argument(metavar="ID", help="Document id, external id (a-0005) or content-hash prefix.")],
    db: DbOption = None,
    no_text: Annotated[bool, typer.Option("--no-text", help="Leave out the document text.")] = False,
    json_out: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
) -> None:
    """Show one document: metadata, text, and its claims with the words they came from."""
    store = open_db(db)
    try:
        doc_id = store.find_document(ref)
        record = store.get_document(doc_id) if doc_id is not None else None
    finally:
        store.close()
    if record is None:
        err_console.print(f"[red]error:[/red] no document {escape(ref)}", highlight=False, soft_wrap=True)
        raise typer.Exit(1)
    if json_out:
        out = _info_dict(record.document) | {
            "sources": record.sources,
            "links": [{"document": o, "kind": k, "similarity": sim} for o, k, sim in record.links],
            "relevant": record.relevant,
            "extractor_version": record.extractor_version,
            "incidents": record.incidents,
            "claims": [
                {
                    "id": c.id, "kind": c.kind, "surface": c.surface, "span": [c.span_start, c.span_end],
                    "value": c.value, "incident": c.incident_index, "confidence": c.confidence,
                    "sentence": c.sentence, "claim_key": c.claim_key,
                }
                for c in record.claims
            ],
        }
        if not no_text:
            out["text"] = record.text
        print(json.dumps(out, indent=2, ensure_ascii=False))
        return
    info = record.document
    meta = Table(show_header=False, title=f"document {info.id}", title_justify="left")
    meta.add_column("field", style="bold")
    meta.add_column("value", overflow="fold")
    published = f"{info.published} (from {info.published_source})" if info.published else ""
    extraction = (
        "not extracted"
        if record.relevant is None
        else f"{'relevant' if record.relevant else 'not relevant'}, extractor {record.extractor_version}"
    )
    for field, value in (
        ("title", info.title),
        ("external id", info.external_id),
        ("url", info.url),
        ("site", info.site_name),
        ("published", published),
        ("language", info.language),
        ("media type", info.media_type),
        ("source", "\n".join(record.sources) or info.source),
        ("retrieved", info.retrieved_at.isoformat(timespec="seconds") if info.retrieved_at else ""),
        ("content hash", info.content_hash),
        ("extraction", extraction),
        ("near duplicates", ", ".join(f"{o} ({sim:.2f})" for o, k, sim in record.links if sim is not None)),
    ):
        if value:
            meta.add_row(field, escape(str(value)))
    console.print(meta)
    if record.incidents:
        inc = Table(title="incidents mentioned", title_justify="left")
        for col in ("#", "victim", "type", "date", "main"):
            inc.add_column(col)
        for i in record.incidents:
            date = (i.get("date") or {}).get("start") or ""
            inc.add_row(str(i["index"]), escape(i["victim"]), i["type"], str(date), "yes" if i.get("main") else "")
        console.print(inc)
    if record.claims:
        claims = Table(title=f"claims ({len(record.claims)})", title_justify="left")
        for col in ("kind", "surface", "value", "incident", "conf"):
            claims.add_column(col, overflow="fold")
        for c in record.claims:
            claims.add_row(
                c.kind,
                escape(c.surface),
                escape(_short_value(c.value)),
                "" if c.incident_index is None else str(c.incident_index),
                f"{c.confidence:.2f}",
            )
        console.print(claims)
    if not no_text:
        console.rule("text")
        console.print(escape(record.text), highlight=False, soft_wrap=True)


def _short_value(value: dict[str, Any]) -> str:
    keep = {k: v for k, v in value.items() if v not in (None, False, "", [])}
    return ", ".join(f"{k}={v}" for k, v in keep.items())


def register(app: typer.Typer) -> None:
    """Add this group's commands to the main app."""
    app.command("stats")(stats)
    app.add_typer(docs_app, name="docs")
