"""A self-contained HTML report for an actor or a period: summary figures, charts (Plotly's
bundled JavaScript inlined, so the file opens offline), the incidents with their consensus
losses and conflicts, and the list of sources every figure comes from."""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import UTC, datetime
from importlib.resources import files
from typing import Any

from heistwatch.serve.data import time_range
from heistwatch.serve.templating import STATIC_DIR, render
from heistwatch.serve.views import IncidentView


def _plotly_source() -> str:
    return (files("plotly") / "package_data" / "plotly.min.js").read_text("utf-8")


def _charts(incidents: list[IncidentView]) -> dict[str, Any]:
    per_year: dict[str, dict[str, float]] = defaultdict(lambda: {"total": 0.0, "low": 0.0, "high": 0.0, "n": 0})
    for inc in incidents:
        year = (inc.get("date") or "")[:4]
        loss = inc.get("loss_usd") or {}
        if not year:
            continue
        y = per_year[year]
        y["n"] += 1
        if loss.get("value") is not None:
            y["total"] += loss["value"]
            y["low"] += loss.get("low") if loss.get("low") is not None else loss["value"]
            y["high"] += loss.get("high") if loss.get("high") is not None else loss["value"]
    years = sorted(per_year)
    bar = {
        "data": [{"type": "bar", "x": years, "y": [per_year[y]["total"] for y in years], "name": "USD",
                  "error_y": {"type": "data", "symmetric": False,
                              "array": [per_year[y]["high"] - per_year[y]["total"] for y in years],
                              "arrayminus": [per_year[y]["total"] - per_year[y]["low"] for y in years]},
                  "marker": {"color": "#1f5fbf"}}],
        "layout": {"title": {"text": "Losses per year (USD, bounds as error bars)"}, "height": 320,
                   "xaxis": {"type": "category"}, "margin": {"t": 40, "l": 70, "r": 10, "b": 40}},
    }
    dated = [i for i in incidents if i.get("date")]
    timeline = {
        "data": [{"type": "scatter", "mode": "markers+text", "x": [i["date"] for i in dated],
                  "y": [(i.get("loss_usd") or {}).get("value") or 0 for i in dated],
                  "text": [i["victim"] for i in dated], "textposition": "top center",
                  "marker": {"size": 9, "color": "#b3541e"}}],
        "layout": {"title": {"text": "Incidents over time"}, "height": 320, "yaxis": {"type": "log"},
                   "xaxis": {"type": "date", **time_range([i["date"] for i in dated])},
                   "margin": {"t": 40, "l": 70, "r": 10, "b": 40}},
    }
    return {"years": bar, "timeline": timeline, "per_year": [dict(year=y, **per_year[y]) for y in years]}


def render_report(
    incidents: list[IncidentView],
    *,
    title: str,
    actor: str | None = None,
    since: str | None = None,
    until: str | None = None,
    inline_js: bool = True,
) -> str:
    """The report as one HTML string. ``inline_js`` embeds Plotly (for files); the dashboard
    passes False and serves ``/static/plotly.min.js`` instead."""
    charts = _charts(incidents)
    sources: dict[str, dict[str, Any]] = {}
    for inc in incidents:
        for d in inc.get("documents") or []:
            key = str(d.get("key") or d.get("id"))
            entry = sources.setdefault(key, dict(d, incidents=[]))
            entry["incidents"].append(inc["victim"])
    source_list = sorted(sources.values(), key=lambda d: (d.get("published") or "", str(d.get("title") or "")))
    total = sum((i.get("loss_usd") or {}).get("value") or 0 for i in incidents)
    low = sum(((i.get("loss_usd") or {}).get("low") or (i.get("loss_usd") or {}).get("value") or 0) for i in incidents)
    high = sum(((i.get("loss_usd") or {}).get("high") or (i.get("loss_usd") or {}).get("value") or 0) for i in incidents)
    css = (STATIC_DIR / "style.css").read_text("utf-8")
    return render(
        "report.html",
        title=title,
        actor=actor,
        since=since,
        until=until,
        incidents=incidents,
        charts=charts,
        sources=source_list,
        total=total,
        low=low,
        high=high,
        unknown=sum(1 for i in incidents if not (i.get("loss_usd") or {}).get("value")),
        generated=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        css=css,
        plotly_js=_plotly_source() if inline_js else None,
        charts_js=(STATIC_DIR / "charts.js").read_text("utf-8"),
        chart_json={k: json.dumps(v) for k, v in charts.items() if k != "per_year"},
    )
