"""An industry or period total quoted in a story that tells no incident does not make the story about a theft."""

from datetime import date

from heistwatch.extract import extract_document

_HEAD = ("Custody startup Vaultline raises $40 million\n\nCustody startup Vaultline has raised $40 million in a Series "
         "B round led by Northgate Capital, the company said on Tuesday. Its vaults are built to resist hackers and "
         "insider attacks. ")
_TAIL = " Clients want protection after a year of attacks, its chief executive said."


def _relevant(middle: str) -> bool:
    return extract_document(_HEAD + middle + _TAIL, published=date(2024, 3, 1)).relevant


def test_funding_story_quoting_last_years_hack_total_is_not_relevant() -> None:
    assert not _relevant("Hacks drained $1.7 billion from crypto platforms last year, according to Chainalysis.")


def test_funding_story_quoting_a_years_theft_total_is_not_relevant() -> None:
    assert not _relevant("Thieves stole $1.7 billion from crypto firms in 2023, according to a Chainalysis report.")


def test_a_theft_told_in_the_same_story_keeps_it_relevant() -> None:
    assert _relevant("Hackers stole $3 million from one of its clients on Sunday, the firm said, and the thief has "
                     "not been found.")
