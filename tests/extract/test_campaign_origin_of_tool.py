"""A known malware campaign named only as the origin of an exploit or tool is no incident of the story."""

from datetime import date

from heistwatch.extract import extract_document


def _victims(text: str) -> list[str]:
    return [i.victim for i in extract_document(text, published=date(2019, 3, 1)).incidents]


def test_campaigns_behind_an_exploit_are_not_incidents() -> None:
    text = ("Mining botnet hijacks office servers\n\nA cryptojacking botnet has taken over 90,000 office servers to "
            "mine Monero, researchers said. It gets in with EternalBlue, the exploit that was stolen from a US "
            "spy agency and posted online and that was behind the WannaCry and NotPetya outbreaks two years ago.")
    victims = _victims(text)
    assert not any("WannaCry" in v or "NotPetya" in v for v in victims)


def test_campaign_as_source_of_a_tool_is_not_an_incident() -> None:
    text = ("Worm spreads through hospitals\n\nA new worm copies itself with the same leaked NSA tool used in "
            "WannaCry, an analyst said on Monday.")
    assert not any("WannaCry" in v for v in _victims(text))


def test_campaign_told_as_its_own_story_stays_an_incident() -> None:
    text = ("Ransom money moved\n\nHackers behind WannaCry cashed out: the ransom payments from the WannaCry attack "
            "were laundered through a Swiss exchange, investigators said.")
    assert any("WannaCry" in v for v in _victims(text))
