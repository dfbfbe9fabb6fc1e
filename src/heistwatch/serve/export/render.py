"""One entry point for every export format: ``export(fmt, incidents) -> (bytes, media type, suffix)``."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from heistwatch.serve.views import IncidentView

MEDIA = {
    "stix": ("application/stix+json;version=2.1", ".json"),
    "misp": ("application/json", ".json"),
    "csv": ("text/csv; charset=utf-8", ".csv"),
    "json": ("application/json", ".json"),
    "parquet": ("application/vnd.apache.parquet", ".parquet"),
    "html": ("text/html; charset=utf-8", ".html"),
}


def export(fmt: str, incidents: Iterable[IncidentView], *, tlp: str = "green", title: str | None = None,
           actor: str | None = None, since: str | None = None, until: str | None = None) -> tuple[bytes, str, str]:
    fmt = fmt.lower()
    if fmt not in MEDIA:
        raise ValueError(f"unknown export format {fmt!r}; one of {', '.join(MEDIA)}")
    media, suffix = MEDIA[fmt]
    body: Any
    if fmt == "stix":
        from heistwatch.serve.export.stix import bundle_json

        body = bundle_json(incidents, tlp=tlp)
    elif fmt == "misp":
        from heistwatch.serve.export.misp import export_json

        body = export_json(incidents, tlp=tlp)
    elif fmt == "csv":
        from heistwatch.serve.export.tabular import to_csv

        body = to_csv(incidents)
    elif fmt == "json":
        from heistwatch.serve.export.tabular import to_json

        body = to_json(incidents)
    elif fmt == "parquet":
        from heistwatch.serve.export.tabular import to_parquet

        body = to_parquet(incidents)
    else:
        from heistwatch.serve.export.report import render_report

        default = f"Crypto heists attributed to {actor}" if actor else "Crypto heists"
        if since or until:
            default += f", {since or '…'} to {until or '…'}"
        body = render_report(list(incidents), title=title or default, actor=actor, since=since, until=until)
    return (body.encode("utf-8") if isinstance(body, str) else body), media, suffix
