"""CSV, JSON and Parquet of the ledger: one row per incident, flat columns for spreadsheets,
the full IncidentView for JSON."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from typing import Any

from heistwatch.serve.views import IncidentView, row_attributions

COLUMNS = (
    "id", "victim", "type", "date", "date_start", "date_end", "loss_usd", "loss_usd_low", "loss_usd_high",
    "net_loss_usd", "actors", "actor_confidence", "n_sources", "n_conflicts", "conflicts", "techniques",
    "indicators", "source_urls",
)


def row(inc: IncidentView) -> dict[str, Any]:
    loss = inc.get("loss_usd") or {}
    atts = row_attributions(inc)
    return {
        "id": str(inc["id"]),
        "victim": inc.get("victim"),
        "type": inc.get("type"),
        "date": inc.get("date"),
        "date_start": inc.get("date_start"),
        "date_end": inc.get("date_end"),
        "loss_usd": _f(loss.get("value")),
        "loss_usd_low": _f(loss.get("low")),
        "loss_usd_high": _f(loss.get("high")),
        "net_loss_usd": _f(inc.get("net_loss_usd")),
        "actors": "; ".join(a["actor"] for a in atts),
        "actor_confidence": "; ".join(f"{a['actor']}: {a.get('confidence') or 'unknown'}" for a in atts),
        "n_sources": int(inc.get("n_sources") or len(inc.get("documents") or [])),
        "n_conflicts": len(inc.get("conflicts") or []),
        "conflicts": " | ".join(f"{c.get('field')}: {c.get('explanation')}" for c in inc.get("conflicts") or []),
        "techniques": "; ".join(t["attack_id"] for t in inc.get("techniques") or []),
        "indicators": "; ".join(f"{i['type']}:{i['value']}" for i in inc.get("indicators") or []),
        "source_urls": " ".join(sorted({d["url"] for d in inc.get("documents") or [] if d.get("url")})),
    }


def _f(x: Any) -> float | None:
    return None if x is None else float(x)


def _safe_cell(value: Any) -> Any:
    """Keep spreadsheet programs from running document text as a formula (CSV injection)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def to_csv(incidents: Iterable[IncidentView]) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for inc in incidents:
        writer.writerow({k: _safe_cell(v) for k, v in row(inc).items()})
    return buf.getvalue()


def to_json(incidents: Iterable[IncidentView]) -> str:
    """``{"incidents": [...]}``, encoded one incident at a time."""
    parts = [json.dumps(i, indent=2, sort_keys=True, default=str) for i in incidents]
    return '{\n"incidents": [\n' + ",\n".join(parts) + "\n]\n}\n"


def to_parquet(incidents: Iterable[IncidentView]) -> bytes:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema(
        [
            ("id", pa.string()), ("victim", pa.string()), ("type", pa.string()), ("date", pa.string()),
            ("date_start", pa.string()), ("date_end", pa.string()), ("loss_usd", pa.float64()),
            ("loss_usd_low", pa.float64()), ("loss_usd_high", pa.float64()), ("net_loss_usd", pa.float64()),
            ("actors", pa.string()), ("actor_confidence", pa.string()), ("n_sources", pa.int32()),
            ("n_conflicts", pa.int32()), ("conflicts", pa.string()), ("techniques", pa.string()),
            ("indicators", pa.string()), ("source_urls", pa.string()),
        ]
    )
    rows = [row(i) for i in incidents]
    table = pa.Table.from_pylist(rows, schema=schema)
    buf = io.BytesIO()
    pq.write_table(table, buf)
    return buf.getvalue()
