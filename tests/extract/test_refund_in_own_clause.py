"""A refund told in a clause of its own after the loss does not turn the loss into a refund."""

from datetime import date

from heistwatch.extract import extract_document
from heistwatch.extract.model import ClaimKind


def _losses(text: str) -> list[float]:
    e = extract_document(text, published=date(2024, 3, 1))
    return [c.value.value for c in e.claims if c.kind is ClaimKind.LOSS]


def test_loss_then_repayment_clause_keeps_the_loss() -> None:
    text = ("Lisbon exchange hacked\n\nLisbon exchange Quorbit lost $4 million in a hot wallet hack on Tuesday, "
            "and Quorbit said users would be repaid.")
    assert _losses(text) == [4_000_000.0]


def test_loss_then_semicolon_reimbursement_keeps_the_loss() -> None:
    text = ("Exchange hacked\n\nHackers stole $9 million from the exchange Quorbit on Tuesday; customers will be "
            "reimbursed from its reserves.")
    assert _losses(text) == [9_000_000.0]


def test_compensation_figure_is_still_no_loss() -> None:
    text = ("Exchange pays users\n\nQuorbit paid $4 million in compensation to users on Tuesday, weeks after a hack "
            "of its hot wallet.")
    assert 4_000_000.0 not in _losses(text)
