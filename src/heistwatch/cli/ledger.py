"""``heistwatch ledger``, ``incident show``, ``actor show`` and the review ``decide`` commands."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table

from heistwatch.cli.common import DbOption, console, err_console, open_db

incident_app = typer.Typer(help="Resolved incidents.", no_args_is_help=True)
actor_app = typer.Typer(help="Threat actors across the ledger.", no_args_is_help=True)
decide_app = typer.Typer(
    help="Analyst decisions (stored with author and time, re-applied on every re-resolution).", no_args_is_help=True
)

AuthorOption = Annotated[str, typer.Option("--author", help="Who takes the decision (recorded with it).")]


def usd_text(v: float | None) -> str:
    if v is None:
        return "?"
    if v >= 1e9:
        return f"${v / 1e9:.2f}B"
    if v >= 1e6:
        return f"${v / 1e6:.1f}M"
    if v >= 1e3:
        return f"${v / 1e3:.1f}K"
    return f"${v:,.0f}"


def loss_cell(inc: Any) -> str:
    c = inc.consensus
    if c is None:
        natives = sorted({f"{f.amount:,.0f} {f.unit}" for f in inc.losses if f.role == "loss" and f.usd is None})
        return ("USD unknown: " + ", ".join(natives[:2])) if natives else "-"
    if c.low == c.high:
        return usd_text(c.value)
    return f"{usd_text(c.value)} ({usd_text(c.low)}-{usd_text(c.high)})"


def _load(store: Any, rebuild: bool) -> list[Any]:
    from heistwatch.store.ledger import load_ledger, rebuild_ledger

    incidents = load_ledger(store)
    if rebuild or (not incidents and store.stats()["extracted"]):
        rebuild_ledger(store)
        incidents = load_ledger(store)
    return incidents


def _fail(message: str, code: int = 1) -> None:
    err_console.print(f"[red]error:[/red] {escape(message)}", highlight=False)
    raise typer.Exit(code)


def ledger(
    db: DbOption = None,
    jsonl: Annotated[Path | None, typer.Option("--jsonl", help="Write one JSON line per incident (the scorer's ledger format); '-' = stdout.")] = None,
    rebuild: Annotated[bool, typer.Option("--rebuild", help="Re-resolve every stored extraction first.")] = False,
    actor: Annotated[str | None, typer.Option("--actor", help="Only incidents attributed to this actor.")] = None,
    year: Annotated[str | None, typer.Option("--year", help="Only incidents of this year.")] = None,
    conflicts: Annotated[bool, typer.Option("--conflicts", help="Only incidents with flagged conflicts.")] = False,
    limit: Annotated[int, typer.Option("--limit", help="Rows to print (0 = all).")] = 0,
) -> None:
    """The incident ledger: victim, date, type, consensus loss with range, actors, sources, conflicts."""
    from heistwatch.resolve.ledger import attributed

    from heistwatch.store.ledger import load_aggregates

    store = open_db(db)
    try:
        incidents = _load(store, rebuild)
        aggregates = [] if jsonl is not None else load_aggregates(store)
    finally:
        store.close()
    all_incidents = list(incidents)
    if actor:
        aggregates = [a for a in aggregates if a.actor and attributed_name(a.actor, actor)]
        incidents = [i for i in incidents if attributed(i, actor)]
    if year:
        incidents = [i for i in incidents if (i.date or "").startswith(year)]
    if conflicts:
        incidents = [i for i in incidents if i.conflicts]
    if jsonl is not None:
        lines = [json.dumps(i.score_row(), sort_keys=True, ensure_ascii=False) for i in incidents]
        if str(jsonl) == "-":
            sys.stdout.write("".join(line + "\n" for line in lines))
            return
        jsonl.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
        console.print(f"wrote {len(lines)} incidents to {escape(str(jsonl))}", highlight=False)
        return
    table = Table(title=f"heistwatch ledger: {len(incidents)} incidents", title_justify="left")
    for col, kw in (("id", {"no_wrap": True}), ("victim", {}), ("date", {"no_wrap": True}), ("type", {}),
                    ("loss (USD, range)", {"justify": "right"}), ("actors (confidence)", {}),
                    ("sources", {"justify": "right"}), ("conflicts", {})):
        table.add_column(col, **kw)
    shown = incidents if limit <= 0 else incidents[:limit]
    for inc in shown:
        actors = ", ".join(f"{a.actor} ({a.confidence})" for a in inc.actors if a.stance != "denied" and a.on_row)
        weak = sum(1 for a in inc.actors if a.stance != "denied" and not a.on_row)
        actors += f"{', ' if actors else ''}+{weak} low-confidence" if weak else ""
        flagged = inc.conflicts
        kinds = sorted({f.kind for f in flagged})
        conflict_text = ", ".join(k + (f" x{n}" if (n := sum(f.kind == k for f in flagged)) > 1 else "") for k in kinds)
        table.add_row(escape(inc.id), escape(inc.victim), inc.date or "?", inc.type, loss_cell(inc), escape(actors),
                      str(len(inc.sources)), conflict_text)
    console.print(table)
    if len(shown) < len(incidents):
        console.print(f"... {len(incidents) - len(shown)} more (use --limit 0)")
    vague = [a for a in aggregates if not (a.actor and a.period)]
    aggregates = [a for a in aggregates if a.actor and a.period]
    if aggregates:
        from heistwatch.resolve import aggregate_view

        agg = Table(title="Aggregate claims (not incidents), beside the ledger's incidents of that actor and period",
                    title_justify="left")
        for col in ("actor", "period", "claimed", "document", "ledger sum (incidents)"):
            agg.add_column(col)
        for ag in aggregates:
            v = aggregate_view(all_incidents, ag)
            s = v["incidents_sum"]
            agg.add_row(escape(ag.actor or "?"), ag.period or "?", usd_text(ag.usd) if ag.usd else escape(ag.surface),
                        escape(ag.doc), f"{usd_text(s['value'])} ({len(s['incidents'])})")
        console.print(agg)
    if vague:
        console.print(f"{len(vague)} more aggregate claims name no actor or no period (see `actor show`)")


def attributed_name(name: str, wanted: str) -> bool:
    from heistwatch.resolve.names import actor_key

    return actor_key(name) == actor_key(wanted)


def _find(incidents: list[Any], ref: str) -> Any:
    exact = [i for i in incidents if i.id == ref]
    if exact:
        return exact[0]
    hits = [i for i in incidents if i.id.startswith(ref)]
    if len(hits) == 1:
        return hits[0]
    _fail(f"no incident {ref!r}" if not hits else f"{ref!r} matches {len(hits)} incidents; give more of the id", 1)


@incident_app.command("show")
def incident_show(
    incident_id: Annotated[str, typer.Argument(help="Incident id (or a unique prefix).")],
    db: DbOption = None,
    json_out: Annotated[bool, typer.Option("--json", help="Print the full record as JSON.")] = False,
) -> None:
    """Everything about one incident, each figure with the sentence it came from."""
    store = open_db(db)
    try:
        inc = _find(_load(store, False), incident_id)
    finally:
        store.close()
    if json_out:
        print(json.dumps(inc.to_dict(), indent=2, ensure_ascii=False))
        return
    refs = {c.key: c for c in inc.claims}

    def said(key: str) -> str:
        c = refs.get(key)
        if c is None:
            return ""
        pub = f", {c.publisher}" if c.publisher else ""
        when = f", {c.published}" if c.published else ""
        return f'[dim]{escape(c.doc)}{escape(pub)}{when}[/dim] "{escape(c.sentence.strip())}"'

    console.print(f"[bold]{escape(inc.victim)}[/bold]  {inc.type}  {inc.date or 'date unknown'}  [dim]{inc.id}[/dim]",
                  highlight=False)
    console.print(f"{len(inc.documents)} documents, {len(inc.sources)} independent sources", highlight=False)
    if inc.date_claims:
        console.print("\n[bold]Date[/bold]")
        for k in inc.date_claims[:5]:
            console.print(f"  {escape(refs[k].surface)}  {said(k)}", highlight=False, soft_wrap=True)
    console.print("\n[bold]Loss[/bold]")
    if inc.consensus:
        c = inc.consensus
        console.print(f"  consensus {usd_text(c.value)} (range {usd_text(c.low)} - {usd_text(c.high)}); {escape(c.method)}; "
                      f"sources: {escape(', '.join(c.sources))}", highlight=False, soft_wrap=True)
    else:
        console.print("  consensus: USD value unknown")
    if inc.valued:
        v = inc.valued
        console.print(f"  beside it, native amounts valued at the incident date: {usd_text(v.value)} "
                      f"(range {usd_text(v.low)} - {usd_text(v.high)}; sources: {escape(', '.join(v.sources))})",
                      highlight=False, soft_wrap=True)
    for f in inc.losses:
        usd = usd_text(f.usd) if f.usd is not None else "USD unknown"
        native = "" if f.unit == "USD" else f"{f.amount:,.0f} {f.unit} = "
        quote = f" [dim](rate {f.quote['rate']:.6g} on {f.quote['rate_date']}, {f.quote['source']})[/dim]" if f.quote else ""
        if f.used:
            status = "used"
        elif f.valued_at:
            status = f"not used: valued {f.valued_at}"
        else:
            status = f"not used: {f.note or 'superseded'}"
        role = "" if f.role == "loss" else escape(f"[{f.role}] ")
        console.print(f"  {role}{escape(native + usd)}{quote} {escape('[' + status + ']')}  {said(f.claim)}",
                      highlight=False, soft_wrap=True)
    if inc.recovered:
        console.print(f"  recovered/frozen {usd_text(inc.recovered.value)}; net loss {usd_text(inc.net_loss)}", highlight=False)
    if inc.findings:
        console.print("\n[bold]Conflicts and explained differences[/bold]")
        for f in inc.findings:
            tag = "[red]CONFLICT[/red]" if f.flagged else "[green]explained[/green]"
            console.print(f"  {tag} {f.kind}: {escape(f.explanation)}", highlight=False, soft_wrap=True)
    if inc.actors:
        console.print("\n[bold]Attribution[/bold]")
        for a in inc.actors:
            console.print(f"  {escape(a.actor)}: {a.stance}, {a.confidence} (p={a.probability:.2f}, "
                          f"{a.claimants} independent claimant(s))"
                          + ("" if a.on_row else " [dim]not shown as the incident's actor: "
                             + escape(a.support) + "[/dim]"), highlight=False, soft_wrap=True)
            for step in a.timeline:
                console.print(f"    {step['date'] or 'undated'}: {step['stance']} ({step['confidence']})", highlight=False)
                for s in step["said"]:
                    who = s["claimant"] or "the outlet"
                    console.print(f"      {escape(who)} - {s['stance']}"
                                  + (f" ({escape(s['hedge'])})" if s.get("hedge") else "") + f": {said(s['claim'])}",
                                  highlight=False, soft_wrap=True)
    if inc.techniques:
        console.print("\n[bold]Techniques[/bold]")
        for t in inc.techniques:
            console.print(f"  {t['attack_id']} {escape(t['name'])}  {said(t['claims'][0])}", highlight=False, soft_wrap=True)
    if inc.indicators:
        console.print("\n[bold]Indicators[/bold]")
        for ind in inc.indicators:
            console.print(f"  {ind['type']} {escape(ind['value'])}{'' if ind['valid'] else ' (checksum fails)'}",
                          highlight=False, soft_wrap=True)
    console.print("\n[bold]Mentions[/bold]")
    for m in inc.mentions:
        console.print(f"  {escape(m.doc)}: {escape(m.victim)}, {m.type}, {m.date or 'undated'}"
                      + (f" (published {m.published})" if m.published else ""), highlight=False)
    if inc.decisions:
        console.print(f"\nanalyst decisions applied: {', '.join(inc.decisions)}", highlight=False)


@actor_app.command("show")
def actor_show(
    name: Annotated[str, typer.Argument(help="Actor name or alias (Lazarus Group, Hidden Cobra, North Korea, ...).")],
    db: DbOption = None,
    json_out: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """An actor's incidents, totals per year with lower and upper bounds, and confidence."""
    from heistwatch.resolve import actor_summary
    from heistwatch.store.ledger import load_aggregates

    store = open_db(db)
    try:
        summary = actor_summary(_load(store, False), load_aggregates(store), name)
    finally:
        store.close()
    if json_out:
        print(json.dumps(summary, indent=2, ensure_ascii=False))
        return
    if not summary["incidents"] and not summary["aggregates"]:
        _fail(f"no incident is attributed to {name!r}")
    console.print(f"[bold]{escape(summary['actor'])}[/bold]: {len(summary['incidents'])} incidents", highlight=False)
    years = Table(title="Totals per year (consensus, lower and upper bound)", title_justify="left")
    for col in ("year", "incidents", "total", "low", "high", "without USD figure"):
        years.add_column(col, justify="right" if col != "year" else "left")
    for y in summary["years"]:
        years.add_row(y["year"], str(y["incidents"]), usd_text(y["value"]), usd_text(y["low"]), usd_text(y["high"]),
                      str(y["unknown"]))
    console.print(years)
    table = Table(title="Incidents", title_justify="left")
    for col in ("id", "victim", "date", "loss", "stance", "confidence", "sources"):
        table.add_column(col)
    for r in summary["incidents"]:
        loss = r["loss_usd"]
        table.add_row(escape(r["incident"]), escape(r["victim"]), r["date"] or "?", usd_text(loss["value"]) if loss else "?",
                      r["stance"] or "-", r["confidence"], str(r["sources"]))
    console.print(table)
    for ag in summary["aggregates"]:
        s = ag["incidents_sum"]
        console.print(f"aggregate claim ({escape(ag['doc'])}, {ag['period'] or 'no period'}): {usd_text(ag['usd'])} - "
                      f"\"{escape(ag['sentence'].strip())}\"; incidents in the ledger for that period sum to "
                      f"{usd_text(s['value'])} ({len(s['incidents'])} incidents)", highlight=False, soft_wrap=True)


def _record(db: str | None, decision: Any) -> None:
    from heistwatch.store.ledger import record_decision

    store = open_db(db)
    try:
        decision_id, change = record_decision(store, decision)
    finally:
        store.close()
    console.print(f"decision {decision_id} recorded ({decision.action} by {escape(decision.author)}); "
                  f"{len(change.saved)} incidents re-resolved", highlight=False)


def _mention_refs(inc: Any, docs: set[str] | None = None) -> list[dict[str, Any]]:
    from heistwatch.resolve import mention_ref
    from heistwatch.resolve.names import victim_key

    return [mention_ref(m.doc, victim_key(m.victim), m.index) | {"victim": m.victim}
            for m in inc.mentions if docs is None or m.doc in docs]


def _incidents(db: str | None, refs: list[str]) -> list[Any]:
    store = open_db(db)
    try:
        incidents = _load(store, False)
    finally:
        store.close()
    return [_find(incidents, r) for r in refs]


def _decision(*args: Any, **kw: Any) -> Any:
    from heistwatch.resolve import Decision

    try:
        return Decision(*args, **kw)
    except ValueError as exc:
        _fail(str(exc), 2)


@decide_app.command("merge")
def decide_merge(
    incidents: Annotated[list[str], typer.Argument(help="Two or more incident ids to merge into one.")],
    author: AuthorOption,
    db: DbOption = None,
) -> None:
    """Merge incidents the resolver kept apart."""
    incs = _incidents(db, incidents)
    if len({i.id for i in incs}) < 2:
        _fail("merge needs two different incidents", 2)
    _record(db, _decision("merge", author, {"incidents": [i.id for i in incs], "groups": [_mention_refs(i) for i in incs]},
                          before={"incidents": [i.id for i in incs]}))


@decide_app.command("split")
def decide_split(
    incident: Annotated[str, typer.Argument(help="The incident to split.")],
    documents: Annotated[list[str], typer.Argument(help="Document keys whose mentions move out into their own incident.")],
    author: AuthorOption,
    db: DbOption = None,
) -> None:
    """Move documents' mentions out of an incident into one of their own."""
    (inc,) = _incidents(db, [incident])
    unknown = sorted(set(documents) - set(inc.documents))
    if unknown:
        _fail(f"documents not in incident {inc.id}: {', '.join(unknown)}", 2)
    if set(documents) == set(inc.documents):
        _fail("a split must leave at least one document in the incident", 2)
    _record(db, _decision("split", author, {"incident": inc.id, "mentions": _mention_refs(inc, set(documents))},
                          before={"documents": inc.documents}))


@decide_app.command("reject-claim")
def decide_reject(
    claim: Annotated[str, typer.Argument(help="The claim key (see `incident show --json` or `docs show`).")],
    author: AuthorOption,
    db: DbOption = None,
) -> None:
    """Reject a claim: it stays visible, marked rejected, and the ledger stops using it."""
    _record(db, _decision("reject_claim", author, {"claim": claim}))


@decide_app.command("pin")
def decide_pin(
    incident: Annotated[str, typer.Argument(help="The incident.")],
    field: Annotated[str, typer.Argument(help="victim, type, date, loss_usd or actors.")],
    value: Annotated[str, typer.Argument(help="The value (loss_usd a number; date YYYY[-MM[-DD]]; actors comma-separated).")],
    author: AuthorOption,
    db: DbOption = None,
) -> None:
    """Pin a value of an incident, whatever the sources say."""
    (inc,) = _incidents(db, [incident])
    parsed: Any = value
    if field == "loss_usd":
        try:
            parsed = float(value.replace(",", "").replace("$", ""))
        except ValueError:
            _fail(f"loss_usd must be a number, got {value!r}", 2)
    elif field == "actors":
        parsed = sorted({a.strip() for a in value.split(",") if a.strip()})
    elif field == "date":
        from heistwatch.resolve.dates import date_from_iso

        try:
            date_from_iso(value)
        except ValueError:
            _fail(f"date must be YYYY, YYYY-MM or YYYY-MM-DD, got {value!r}", 2)
    elif field == "type":
        from heistwatch.extract.model import IncidentType

        if value not in {t.value for t in IncidentType}:
            _fail(f"type must be one of {', '.join(t.value for t in IncidentType)}", 2)
    current = {"victim": inc.victim, "type": inc.type, "date": inc.date,
               "loss_usd": inc.consensus.value if inc.consensus else None,
               "actors": [a.actor for a in inc.actors]}.get(field)
    _record(db, _decision("pin_value", author, {"incident": inc.id, "mentions": _mention_refs(inc)},
                          {"field": field, "value": parsed}, before={"field": field, "value": current}))


def register(app: typer.Typer) -> None:
    """Add this group's commands to the main app."""
    app.command("ledger")(ledger)
    app.add_typer(incident_app, name="incident")
    app.add_typer(actor_app, name="actor")
    app.add_typer(decide_app, name="decide")
