"""A group the actor table does not know is still an actor when the text names it as a group."""
from datetime import date

from extract_probes import actors_in

from heistwatch.extract.actors import find_person_actors

_STORY = "Thieves drained $14 million from the Quillon exchange on May 2. "


def _actors(sentence: str) -> dict[str, str]:
    return actors_in(_STORY + sentence, published=date(2024, 6, 1))


def test_group_noun_before_the_name():
    assert _actors("Police said the Romanian hacker group Velvetfox was behind the attack.") == {"Velvetfox": "confirmed"}


def test_name_then_appositive_group_noun():
    assert _actors("Velvetfox, a little-known hacking group, is suspected of the theft.") == {"Velvetfox": "suspected"}


def test_quoted_name_after_known_as():
    assert _actors('A cybercrime gang known as "Mirewolf" claimed responsibility for the attack.') == {"Mirewolf": "confirmed"}


def test_the_name_group_noun():
    assert _actors("Police said the Mirewolf hacking crew carried out the attack.") == {"Mirewolf": "confirmed"}


def test_places_and_plain_words_are_not_group_names():
    text = "Members of the Romanian hacking group were arrested. The hacker group has not been identified."
    assert find_person_actors(text) == []


def test_known_actors_keep_their_canonical_name():
    assert _actors("The FBI said the Lazarus hacking group carried out the attack.") == {"Lazarus Group": "confirmed"}
