"""People held or accused by the authorities for an attack are its suspects however the arrest is told: arrested
with an age between the name and the charge, "was arrested ... in connection with the theft", extradited "to face
charges over the hack", "prosecutors say X stole"; a group named by what it calls itself. Held for laundering
the proceeds is not the attack."""

from __future__ import annotations

from datetime import date
from functools import partial

from extract_probes import stances_by_victim

_actors = partial(stances_by_victim, published=date(2024, 6, 14))
_HACK = "Bitstamp lost 900 bitcoin in a hack on Monday. "


def test_arrested_with_an_age_on_suspicion_of_the_attack():
    got = _actors(_HACK + "Police in Porto arrested Duarte Semedo, 24, on suspicion of carrying out the attack.")
    assert got["Bitstamp"] == {"Duarte Semedo": "suspected"}


def test_was_arrested_in_connection_with_the_theft():
    got = _actors(_HACK + "Duarte Semedo, 24, was arrested in Porto on Thursday in connection with the theft.")
    assert got["Bitstamp"] == {"Duarte Semedo": "suspected"}


def test_extradited_to_face_charges_over_the_hack():
    got = _actors(_HACK + "Duarte Semedo was extradited to the United States to face charges over the hack.")
    assert got["Bitstamp"] == {"Duarte Semedo": "suspected"}


def test_prosecutors_say_a_named_person_stole():
    got = _actors(_HACK + "Prosecutors say Duarte Semedo stole the coins with a password taken from an employee.")
    assert got["Bitstamp"] == {"Duarte Semedo": "suspected"}


def test_arrested_for_laundering_the_proceeds_is_no_actor():
    got = _actors(_HACK + "Duarte Semedo, 24, was arrested in Porto on Thursday in connection with laundering "
                          "part of the proceeds.")
    assert got["Bitstamp"] == {}


def test_a_group_calling_itself_by_a_name():
    got = _actors(_HACK + "The attack was claimed by a group calling itself Harbor Kestrel.")
    assert "Harbor Kestrel" in got["Bitstamp"]
