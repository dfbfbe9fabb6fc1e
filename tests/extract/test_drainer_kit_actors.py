"""A drainer kit named as the tool of a theft ("built with Venom Drainer") stands for its operators: a suspected
actor, even when the actor table does not know it; "wallet drainer" as a kind of tool names no one."""

from __future__ import annotations

from datetime import date
from functools import partial

from extract_probes import stances_by_victim

_actors = partial(stances_by_victim, published=date(2024, 6, 14))


def test_a_named_drainer_kit_is_a_suspected_actor():
    got = _actors("Kraken users lose $3 million to fake airdrop site\n\nKraken customers lost about $3 million on "
                  "Monday after signing transactions on a fake airdrop page. The page was built with Venom Drainer, "
                  "a kit rented out to scammers for a cut of each theft.")
    assert got["Kraken"] == {"Venom Drainer": "suspected"}


def test_a_drainer_named_only_by_its_kind_is_no_actor():
    got = _actors("Kraken users lose $3 million to fake airdrop site\n\nKraken customers lost about $3 million on "
                  "Monday after signing transactions on a fake airdrop page. The Wallet Drainer kit behind it is "
                  "sold to scammers.")
    assert got["Kraken"] == {}
