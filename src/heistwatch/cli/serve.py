"""``heistwatch serve``, ``heistwatch token ...`` and ``heistwatch export FORMAT OUT``."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated, Optional

import typer

from heistwatch.cli.common import DbOption, console, err_console, open_db

token_app = typer.Typer(help="API tokens (viewer, analyst, admin) for the REST API and the dashboard.",
                        no_args_is_help=True)

FORMATS = ("stix", "misp", "csv", "json", "parquet", "html")


def serve(
    port: Annotated[int, typer.Option("--port", help="TCP port.")] = 8000,
    host: Annotated[str, typer.Option("--host", help="Address to bind (default loopback only).")] = "127.0.0.1",
    public_read: Annotated[bool, typer.Option("--public-read", help="Let anyone read without a token (writes still need analyst).")] = False,
    allow_url: Annotated[Optional[list[str]], typer.Option("--allow-url", help="Host or network (CIDR) that ingest-by-URL may fetch although it is not public; repeatable.")] = None,
    db: DbOption = None,
) -> None:
    """Run the web dashboard and REST API (ledger at /, API at /api/, docs at /api/docs)."""
    import uvicorn

    from heistwatch.serve.app import create_app

    store = open_db(db)
    app = create_app(store=store, public_read=public_read, url_allowlist=allow_url or ())
    if host not in ("127.0.0.1", "localhost", "::1"):
        err_console.print(f"[yellow]warning:[/yellow] listening on {host}: reachable from other machines.")
    console.print(f"heistwatch on http://{host}:{port}/ (API docs: /api/docs)" + (" — public read" if public_read else ""))
    uvicorn.run(app, host=host, port=port, log_level="warning", proxy_headers=False)


@token_app.command("create")
def token_create(
    name: Annotated[str, typer.Argument(help="Who or what the token is for (shown as the author of decisions).")],
    role: Annotated[str, typer.Option("--role", help="viewer, analyst or admin.")] = "viewer",
    db: DbOption = None,
) -> None:
    """Make a token; it is printed once and only its hash is stored."""
    from heistwatch.serve.auth import ROLES, create_token

    if role not in ROLES:
        err_console.print(f"error: --role must be one of {', '.join(ROLES)}, not {role!r}")
        raise typer.Exit(2)
    store = open_db(db)
    with store.write_session() as s:
        token = create_token(s, name, role)
    console.print(token, highlight=False, soft_wrap=True)
    err_console.print(f"token for {name!r} ({role}); store it now, it cannot be shown again.")


@token_app.command("list")
def token_list(db: DbOption = None) -> None:
    """Tokens: id, name, role, created, revoked (never the token itself)."""
    from rich.table import Table

    from heistwatch.serve.auth import list_tokens

    store = open_db(db)
    with store.session() as s:
        rows = list_tokens(s)
        table = Table("id", "name", "role", "created", "revoked")
        for r in rows:
            table.add_row(str(r.id), r.name, r.role, r.created_at.strftime("%Y-%m-%d %H:%M") if r.created_at else "",
                          r.revoked_at.strftime("%Y-%m-%d %H:%M") if r.revoked_at else "")
    console.print(table)


@token_app.command("revoke")
def token_revoke(
    ident: Annotated[str, typer.Argument(help="Token id, or a name (revokes every live token of that name).")],
    db: DbOption = None,
) -> None:
    """Revoke tokens; sessions signed in with them end at once."""
    from heistwatch.serve.auth import revoke_token

    store = open_db(db)
    with store.write_session() as s:
        n = revoke_token(s, ident)
    if n == 0:
        err_console.print(f"error: no live token {ident!r}")
        raise typer.Exit(1)
    console.print(f"revoked {n} token{'s' if n != 1 else ''}")


def export_cmd(
    fmt: Annotated[str, typer.Argument(metavar="FORMAT", help="stix, misp, csv, json, parquet or html.")],
    out: Annotated[Path, typer.Argument(help="Output file ('-' for standard output).")],
    actor: Annotated[Optional[str], typer.Option("--actor", help="Only incidents attributed to this actor.")] = None,
    since: Annotated[Optional[str], typer.Option("--since", help="From this date (YYYY-MM-DD).")] = None,
    until: Annotated[Optional[str], typer.Option("--until", help="Up to this date (YYYY-MM-DD).")] = None,
    incident: Annotated[Optional[list[str]], typer.Option("--incident", help="Only this incident id; repeatable.")] = None,
    tlp: Annotated[str, typer.Option("--tlp", help="TLP marking (white, green, amber, red).")] = "green",
    title: Annotated[Optional[str], typer.Option("--title", help="Title of the HTML report.")] = None,
    db: DbOption = None,
) -> None:
    """Export the ledger: STIX 2.1 bundle, MISP events, CSV/JSON/Parquet table, or an HTML report."""
    from heistwatch.serve import data as D
    from heistwatch.serve.export.render import export

    fmt = fmt.lower()
    if fmt not in FORMATS:
        err_console.print(f"error: unknown format {fmt!r}; one of {', '.join(FORMATS)}")
        raise typer.Exit(2)
    if tlp.lower() not in ("white", "clear", "green", "amber", "red"):
        err_console.print(f"error: unknown TLP {tlp!r}")
        raise typer.Exit(2)
    try:
        since_d = date.fromisoformat(since) if since else None
        until_d = date.fromisoformat(until) if until else None
    except ValueError as exc:
        err_console.print(f"error: --since/--until must be YYYY-MM-DD ({exc})")
        raise typer.Exit(2) from None
    store = open_db(db)
    cache = D.LedgerCache(store.engine)
    count = 0

    def counted(views):  # type: ignore[no-untyped-def]
        nonlocal count
        for view in views:
            count += 1
            yield view

    with store.session() as s:
        if incident:
            views = D.iter_incident_views(s, ids=list(incident))
        else:
            views = D.iter_incident_views(s, q=D.LedgerQuery(actor=actor, since=since_d, until=until_d), cache=cache)
        body, _media, _suffix = export(fmt, counted(views), tlp=tlp, title=title, actor=actor, since=since,
                                       until=until)
    if str(out) == "-":
        import sys

        sys.stdout.buffer.write(body)
        sys.stdout.flush()
    else:
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp = out.with_name(out.name + ".part")
        tmp.write_bytes(body)
        tmp.replace(out)
        err_console.print(f"wrote {count} incidents as {fmt} to {out} ({len(body):,} bytes)")


def register(app: typer.Typer) -> None:
    """Add this group's commands to the main app."""
    app.command("serve")(serve)
    app.command("export")(export_cmd)
    app.add_typer(token_app, name="token")
