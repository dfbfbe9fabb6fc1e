"""Small views of one extraction that several test modules read."""

from __future__ import annotations

from datetime import date

from heistwatch.extract.evalformat import to_eval
from heistwatch.extract.model import ClaimKind
from heistwatch.extract.pipeline import run


def losses_by_victim(text: str) -> dict[str, list[float]]:
    """The loss figures the extractor links to each incident of ``text``, by victim name."""
    ex = run(text)
    out: dict[str, list[float]] = {}
    for c in ex.claims:
        if c.kind == ClaimKind.LOSS and c.incident is not None:
            out.setdefault(ex.incidents[c.incident].victim, []).append(c.value.value)
    return out


def dates_by_victim(text: str, published: date) -> dict[str, str | None]:
    """The date of each incident of ``text`` as the eval format gives it, by victim name."""
    return {i["victim"]: i["date"] for i in to_eval("t", run(text, published=published))["incidents"]}


def stances_by_victim(text: str, published: date) -> dict[str, dict[str, str]]:
    """Each incident's actors with their stance, as the eval format gives them, by victim name."""
    out = to_eval("t", run(text, published=published))
    return {i["victim"]: {a["name"]: a["stance"] for a in i["actors"]} for i in out["incidents"]}


def stated_losses_by_victim(text: str, published: date) -> dict[str, list[float]]:
    """Each incident's USD loss figures, sorted, as the eval format gives them, by victim name."""
    out = to_eval("t", run(text, published=published))
    return {i["victim"]: sorted(i["loss_usd"]) for i in out["incidents"]}


def incidents_by_victim(body: str, *, headline: str = "Crypto theft", published: date | None = None) -> dict[str, dict]:
    """Each incident of a story (``headline``, naming no one, then ``body``) in the eval format, by victim name."""
    text = f"{headline}\n\n{body}" if headline else body
    return {i["victim"]: i for i in to_eval("t", run(text, published=published))["incidents"]}


def actors_in(text: str, *, published: date | None = None) -> dict[str, str]:
    """Every actor the eval format gives for ``text``, with its stance, whichever incident it is linked to."""
    return {a["name"]: a["stance"] for i in to_eval("t", run(text, published=published))["incidents"] for a in i["actors"]}
