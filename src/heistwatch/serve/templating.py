"""The Jinja2 environment of the dashboard and the HTML reports: templates ship in the package,
autoescape is on for every template (document text is attacker-controlled)."""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files
from typing import Any
from urllib.parse import urlencode

from jinja2 import Environment, FileSystemLoader

from heistwatch.serve.views import fmt_amount, fmt_usd

TEMPLATE_DIR = files("heistwatch.serve") / "web" / "templates"
STATIC_DIR = files("heistwatch.serve") / "web" / "static"


def _safe_url(value: str | None) -> str:
    """Only http(s) links leave the page; anything else (javascript:, data:) becomes '#'."""
    if not value:
        return "#"
    text = str(value).strip()
    if text.lower().startswith(("http://", "https://")):
        return text
    return "#"


def _brief(value: Any, limit: int = 240) -> str:
    """A compact one-line JSON of a decision's before/after, cut at ``limit`` characters."""
    import json

    if value is None:
        return ""
    text = json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _when(value: Any) -> str:
    return str(value or "")[:16].replace("T", " ")


def _query(params: dict[str, Any], **changes: Any) -> str:
    merged = {k: v for k, v in {**params, **changes}.items() if v not in (None, "", False)}
    return "?" + urlencode(sorted(merged.items()), doseq=True)


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATE_DIR)),
        autoescape=True,  # every template, whatever its suffix
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["usd"] = fmt_usd
    env.filters["amount"] = lambda a, unit=None: fmt_amount(a, unit)
    env.filters["safe_url"] = _safe_url
    env.filters["brief"] = _brief
    env.filters["when"] = _when
    env.globals["query"] = _query
    return env


def render(name: str, **context: Any) -> str:
    return environment().get_template(name).render(**context)
