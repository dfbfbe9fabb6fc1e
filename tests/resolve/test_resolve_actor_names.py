"""Which name an actor is shown by on the ledger row: sub-groups, parents and another name."""

from __future__ import annotations

import pytest
from resolve_builders import actor, doc

from heistwatch.resolve import Ledger


def _row(recs, victim):
    (inc,) = [i for i in Ledger.build(recs).incidents.values() if i.victim == victim]
    return sorted(a["name"] for a in inc.score_row()["actors"]), inc


def test_a_sub_group_the_document_gives_as_another_name_counts_for_its_parent() -> None:
    # the first sentence names both; a later one refers back to "the same group", which an
    # extractor may resolve to the last name it saw
    text = ("Police named the Lazarus Group, also known as APT38, as the thief at Stakeout. "
            "Analysts tied the same group to a theft at Minerco in July.")
    rec = doc("n1", text, [("Stakeout", "exchange_hack", "2023-09-04"), ("Minerco", "exchange_hack", "2023-07")],
              [actor("Lazarus Group", "confirmed", "Lazarus Group", claimant="Police"),
               actor("APT38", "confirmed", "APT38", claimant="Police"),
               actor("APT38", "suspected", "the same group", claimant="Analysts", incident=1)],
              published="2023-09-08")
    names, inc = _row([rec], "Minerco")
    assert names == ["Lazarus Group"]
    lazarus = next(a for a in inc.actors if a.actor == "Lazarus Group")
    assert lazarus.on_row and len(lazarus.claims) == 1        # the claim stays traceable, under the parent
    names, inc = _row([rec], "Stakeout")
    assert names == ["Lazarus Group"]
    kept = next(a for a in inc.actors if a.actor == "APT38")    # kept in the record, off the row
    assert not kept.on_row and "another name" in kept.support


def test_a_sub_group_named_on_its_own_stays_a_sub_group() -> None:
    text = "Police said APT38 robbed Stakeout on Monday."
    rec = doc("n2", text, [("Stakeout", "exchange_hack", "2023-09-04")],
              [actor("APT38", "confirmed", "APT38", claimant="Police")], published="2023-09-05")
    assert _row([rec], "Stakeout")[0] == ["APT38"]


def test_the_group_a_named_unit_belongs_to_is_not_a_second_actor() -> None:
    text = ("Investigators say the Andariel unit mined coins on a server of Minerco. "
            "Andariel is an offshoot of the Lazarus Group, which has robbed exchanges before.")
    rec = doc("n3", text, [("Minerco", "cryptojacking", "2023")],
              [actor("Andariel", "confirmed", "Andariel", claimant="Investigators"),
               actor("Lazarus Group", "suspected", "Lazarus Group")], published="2023-09-05")
    names, inc = _row([rec], "Minerco")
    assert names == ["Andariel"]
    parent = next(a for a in inc.actors if a.actor == "Lazarus Group")
    assert not parent.on_row and "belongs to" in parent.support


def test_a_parent_named_as_the_actor_stays_beside_its_unit() -> None:
    text = "Investigators say the Andariel unit mined coins on a server of Minerco. The Lazarus Group was behind the attack."
    rec = doc("n4", text, [("Minerco", "cryptojacking", "2023")],
              [actor("Andariel", "confirmed", "Andariel", claimant="Investigators"),
               actor("Lazarus Group", "confirmed", "Lazarus Group")], published="2023-09-05")
    assert _row([rec], "Minerco")[0] == ["Andariel", "Lazarus Group"]


def test_an_actor_the_sources_lean_against_is_not_shown() -> None:
    text = ("Minerco lost $197 million. A blogger said North Korea may be behind the Minerco theft. "
            "The FBI said North Korea was not behind the Minerco theft; the police said North Korea played no part.")
    rec = doc("n5", text, [("Minerco", "defi_exploit", "2023-03-13")],
              [actor("North Korea", "suspected", "North Korea", claimant="A blogger", hedge="may be"),
               actor("North Korea", "denied", "North Korea", claimant="The FBI"),
               actor("North Korea", "denied", "North Korea", claimant="the police")], published="2023-03-20")
    names, inc = _row([rec], "Minerco")
    assert names == []
    nk = next(a for a in inc.actors if a.actor == "North Korea")
    assert nk.stance == "disputed" and nk.probability < 0.45 and "lean against" in nk.support


@pytest.mark.parametrize("alias", ["which the agency also calls APT38", "which it also refers to as APT38"])
def test_a_sub_group_given_as_what_a_claimant_also_calls_the_parent_counts_for_it(alias: str) -> None:
    text = f"The agency said the Lazarus Group, {alias}, robbed Stakeout on Monday."
    rec = doc("n5", text, [("Stakeout", "exchange_hack", "2023-09-04")],
              [actor("Lazarus Group", "confirmed", "Lazarus Group", claimant="The agency"),
               actor("APT38", "confirmed", "APT38", claimant="The agency")], published="2023-09-05")
    assert _row([rec], "Stakeout")[0] == ["Lazarus Group"]


def test_two_groups_named_as_culprits_together_stay_two() -> None:
    text = "Police said the groups Lazarus and Andariel robbed Stakeout on Monday."
    rec = doc("n6", text, [("Stakeout", "exchange_hack", "2023-09-04")],
              [actor("Lazarus Group", "confirmed", "Lazarus", claimant="Police"),
               actor("Andariel", "confirmed", "Andariel", claimant="Police")], published="2023-09-05")
    assert _row([rec], "Stakeout")[0] == ["Andariel", "Lazarus Group"]


def test_a_person_named_by_a_plea_in_a_report_about_the_incident_is_its_actor() -> None:
    text = ("Thieves took $5 million in tokens from Dana Whitfield in 2019 by hijacking her phone number. "
            "Jonas Reed, 31, had pleaded guilty to a conspiracy charge last year.")
    rec = doc("n7", text, [("Dana Whitfield", "other", "2019")],
              [actor("Jonas Reed", "confirmed", "Jonas Reed")], published="2024-03-05")
    assert _row([rec], "Dana Whitfield")[0] == ["Jonas Reed"]
