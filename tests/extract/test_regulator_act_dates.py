"""A supervisor's act told beside a theft ("the agency issued orders to several exchanges, Tervo among them,
in March 2021"; "imposed a fine on Tervo in November 2022") dates that act, not a theft: neither the story's
incident nor the earlier theft named in the same sentence takes it."""

from __future__ import annotations

from datetime import date

from extract_probes import dates_by_victim as dates

_STORY = (
    "Tervo Japan loses 2 billion yen in hot wallet theft\n\n"
    "Tervo Japan, a cryptocurrency exchange, said on Wednesday that hackers had stolen about 2 billion yen "
    "from its hot wallet on Tuesday. Tervo halted withdrawals and told the police.\n\n"
    "{history}"
)


def test_orders_issued_to_exchanges_do_not_date_an_earlier_theft():
    history = ("The regulator tightened its supervision after hackers stole 40 billion yen from the Morla exchange "
               "in 2018, and issued business improvement orders to a number of exchanges, Tervo among them, "
               "in March 2021.")
    assert dates(_STORY.format(history=history), date(2024, 6, 6)) == {"Tervo Japan": "2024-06-04", "Morla": "2018"}


def test_a_fine_imposed_later_does_not_date_the_theft_before_it():
    history = ("The watchdog stepped in after Morla lost 9 billion yen in 2018, and imposed a fine on Tervo over "
               "its customer checks in November 2022.")
    assert dates(_STORY.format(history=history), date(2024, 6, 6)) == {"Tervo Japan": "2024-06-04", "Morla": "2018"}
