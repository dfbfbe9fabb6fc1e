"""A statistics sentence counting incidents ("stole $900 million in 35 incidents in 2023") is about many
thefts: its year does not date the story's own incident, even with no victim named in it."""

from __future__ import annotations

from datetime import date

from heistwatch.extract.incidents import is_aggregate_sentence
from heistwatch.extract.model import ClaimKind
from heistwatch.extract.pipeline import run
from heistwatch.extract.text import Span

_STORY = ("Hackers drained $80 million from the Zumo exchange last Tuesday, the company said.\n\n"
          "Criminal groups stole $900 million in 35 incidents in 2023, about 40 percent of all crypto taken "
          "that year, a research firm estimates. The Zumo theft alone is a tenth of that.")


def test_a_count_of_incidents_marks_a_statistics_sentence() -> None:
    for s in ("Thieves took $2 billion across 120 separate hacks, the report says.",
              "Gangs stole $600 million in 41 incidents last year."):
        assert is_aggregate_sentence(s, Span(0, len(s)))


def test_a_year_after_in_is_not_a_count() -> None:
    s = "The exchange suffered one of the biggest in 2023 attacks on wallets."
    assert not is_aggregate_sentence(s, Span(0, len(s)))


def test_the_statistics_year_does_not_date_the_incident() -> None:
    ex = run(_STORY, published=date(2024, 3, 7))
    years = {c.value.start.year for c in ex.claims if c.kind == ClaimKind.DATE and c.incident == 0}
    assert years == {2024}
