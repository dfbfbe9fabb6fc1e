"""An attribution sentence naming no victim speaks of the incident its paragraph is telling."""
from heistwatch.extract.model import ClaimKind
from heistwatch.extract.pipeline import run


def _actors(ex) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for c in ex.claims:
        if c.kind == ClaimKind.ACTOR and c.incident is not None:
            out.setdefault(ex.incidents[c.incident].victim, set()).add(c.value.actor)
    return out


TEXT = (
    "Hackers stole $54 million from the crypto exchange CoinEx this week, the company said on Tuesday. "
    "CoinEx said it would compensate every affected user.\n\n"
    "The summer began with a raid on the Atomic Wallet app, whose users found their balances emptied in June. "
    "Early estimates put the damage at about $35 million. "
    "Elliptic said the way the funds were laundered matched the Lazarus Group's past behavior.\n"
)


def test_paragraph_attribution_goes_to_the_paragraphs_incident():
    actors = _actors(run(TEXT))
    assert "Lazarus Group" in actors.get("Atomic Wallet", set())
    assert "Lazarus Group" not in actors.get("CoinEx", set())
