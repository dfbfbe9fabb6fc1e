"""'in March this year' dates a theft; it is not the period of a tally."""
from heistwatch.extract.pipeline import _aggregate_near


def test_month_this_year_is_a_date():
    assert not _aggregate_near("in another raid, in May this year, the exchange lost around $8 million")


def test_stolen_this_year_is_a_tally():
    assert _aggregate_near("hackers have stolen more than $400 million this year")


def test_late_last_year_is_a_date():
    assert not _aggregate_near("the platform lost $3 million late last year")
