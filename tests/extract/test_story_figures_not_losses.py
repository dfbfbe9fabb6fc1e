"""A sum the story tells that no one lost (raised in a token sale, a market value, funds under management, a
civil judgment) is a figure of its own kind, never a loss claim a reader could take for the story's loss."""

from __future__ import annotations

from datetime import date

import pytest

from heistwatch.extract.model import ClaimKind
from heistwatch.extract.pipeline import run


def _kinds(text: str) -> dict[float, set[ClaimKind]]:
    ex = run("Protocol drained\n\n" + text, published=date(2024, 3, 8))
    out: dict[float, set[ClaimKind]] = {}
    for c in ex.claims:
        if c.kind in (ClaimKind.LOSS, ClaimKind.FIGURE):
            out.setdefault(c.value.value, set()).add(c.kind)   # type: ignore[union-attr]
    return out


@pytest.mark.parametrize("background, figure", [
    ("A month earlier the Zumo protocol had raised $140 million in its token sale.", 140e6),
    ("Before the attack, the Zumo protocol had a market value of $900 million.", 900e6),
    ("The victim later won a $65 million civil judgment against the thief.", 65e6),
])
def test_a_figure_that_no_one_lost_is_no_loss(background: str, figure: float):
    kinds = _kinds("Thieves drained $45 million from the Zumo protocol on Tuesday. " + background)
    assert kinds[45e6] == {ClaimKind.LOSS}
    assert kinds[figure] == {ClaimKind.FIGURE}


def test_the_figure_claim_belongs_to_no_incident():
    ex = run("Protocol drained\n\nThieves drained $45 million from the Zumo protocol on Tuesday. "
             "A month earlier the protocol had raised $140 million in its token sale.", published=date(2024, 3, 8))
    (fig,) = [c for c in ex.claims if c.kind == ClaimKind.FIGURE]
    assert fig.incident is None
