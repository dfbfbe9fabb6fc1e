"""A story headlined on a campaign ("Fake recruiters, real malware: ...") is about that campaign, even when
it names a victim of an older theft in passing."""

from __future__ import annotations

from heistwatch.extract.evalformat import to_eval
from heistwatch.extract.pipeline import run

TITLE = "Fake recruiters target crypto staff with poisoned coding tests"
BODY = ("Hackers posing as recruiters have sent crypto engineers coding tests that install malware and steal "
        "wallet keys, researchers said. "
        "The same trick was blamed for the $40 million theft from the Zumo exchange in 2022, after an engineer "
        "ran a test from fake interviews.")


def _victims(text: str, title: str | None) -> set[str]:
    return {i["victim"] for i in to_eval("t", run(text, title=title))["incidents"]}


def test_a_campaign_in_the_headline_stands_beside_a_victim_named_in_passing():
    assert _victims(TITLE + "\n\n" + BODY, TITLE) == {"fake job campaign", "Zumo"}


def test_without_the_headline_the_named_victim_alone_is_the_story():
    assert _victims(BODY, None) == {"Zumo"}


def test_a_headline_naming_the_victim_of_the_attack_is_no_campaign():
    title = "Zumo paid $11 million in bitcoin to end ransomware attack"
    body = ("Meat processor Zumo said it paid $11 million in bitcoin to the hackers behind a ransomware attack that "
            "shut its plants. The FBI has said the REvil gang, a ransomware operation, was responsible. "
            "Last month Quidax Pipeline paid a ransom of 75 bitcoin to the DarkSide group after a ransomware attack.")
    incs = {i["victim"]: i for i in to_eval("t", run(title + "\n\n" + body, title=title))["incidents"]}
    assert set(incs) == {"Zumo", "Quidax Pipeline"}
    assert [a["name"] for a in incs["Zumo"]["actors"]] == ["REvil"]
